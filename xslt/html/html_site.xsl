<?xml version="1.0" encoding="UTF-8"?>
<!--
  The site's own pages, made from the corpus summary teikit writes (root tk:site): the home page
  with the introduction and the chronological list of documents, the index pages of persons,
  places and organisations, and the correspondents. $page says which one.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:tk="urn:teikit"
    exclude-result-prefixes="xs tei tk">

  <xsl:template match="tk:site" mode="tk:page">
    <xsl:variable name="index" select="tk:entries[@page = concat($page, '.html')]"/>
    <xsl:call-template name="tk:page-shell">
      <xsl:with-param name="title" select="
          if ($page = 'index') then string(@title)
          else if ($index) then string($index/@title)
          else 'Correspondents'"/>
      <xsl:with-param name="current" select="concat($page, '.html')"/>
      <xsl:with-param name="content">
        <xsl:choose>
          <xsl:when test="$page = 'index'"><xsl:apply-templates select="." mode="tk:home"/></xsl:when>
          <xsl:when test="$page = 'correspondents'"><xsl:apply-templates select="tk:correspondence" mode="tk:site"/></xsl:when>
          <xsl:otherwise><xsl:apply-templates select="$index" mode="tk:site"/></xsl:otherwise>
        </xsl:choose>
      </xsl:with-param>
      <xsl:with-param name="footer-links">
        <ul class="other-forms">
          <li><a href="{$cmif-href}" type="application/xml">Correspondence metadata of the edition (CMIF)</a></li>
        </ul>
      </xsl:with-param>
    </xsl:call-template>
  </xsl:template>

  <!-- Home: title, introduction, documents in chronological order. -->
  <xsl:template match="tk:site" mode="tk:home">
    <h1><xsl:value-of select="@title"/></h1>
    <xsl:if test="tk:subtitle"><p class="subtitle"><xsl:apply-templates select="tk:subtitle/tei:title/node()"/></p></xsl:if>
    <xsl:if test="tk:intro/*">
      <section class="introduction" aria-labelledby="introduction-heading">
        <h2 id="introduction-heading">Introduction</h2>
        <xsl:apply-templates select="tk:intro/*/node()[not(self::tei:head)]"/>
      </section>
    </xsl:if>
    <section class="documents" aria-labelledby="documents-heading">
      <h2 id="documents-heading">Documents</h2>
      <xsl:if test="tk:documents/tk:document[@inferred = 'true']">
        <p class="legend">Numbers marked <span class="inferred-mark">*</span> are not printed in the source and are inferred from the neighbouring documents.</p>
      </xsl:if>
      <div class="table-wrapper">
        <table class="document-list">
          <caption class="visually-hidden">Documents in chronological order</caption>
          <thead>
            <tr><th scope="col">No.</th><th scope="col">Date</th><th scope="col">From → to</th><th scope="col">Kind</th><th scope="col">Place</th></tr>
          </thead>
          <tbody>
            <xsl:apply-templates select="tk:documents/tk:document" mode="tk:site"/>
          </tbody>
        </table>
      </div>
    </section>
  </xsl:template>

  <xsl:template match="tk:document" mode="tk:site">
    <tr>
      <td>
        <a href="{tk:doc-href(@id)}">
          <span class="visually-hidden">Document </span>
          <xsl:value-of select="(@number[.], @id)[1]"/>
          <xsl:if test="@inferred = 'true'">
            <span class="inferred-mark" title="number inferred">*</span>
            <span class="visually-hidden"> (number inferred)</span>
          </xsl:if>
        </a>
      </td>
      <td><xsl:call-template name="tk:time"/></td>
      <td>
        <a href="{tk:doc-href(@id)}"><xsl:value-of select="@title"/></a>
        <span class="parties">
          <xsl:value-of select="string-join(tk:from/@name, '; ')"/>
          <xsl:text> → </xsl:text>
          <xsl:value-of select="(string-join(tk:to/@name, '; ')[.], 'addressee not named')[1]"/>
        </span>
      </td>
      <td><xsl:value-of select="@kind"/></td>
      <td><xsl:value-of select="string-join(tk:place/@name, '; ')"/></td>
    </tr>
  </xsl:template>

  <xsl:template name="tk:time">
    <xsl:choose>
      <xsl:when test="@when"><time datetime="{@when}"><xsl:value-of select="@date"/></time></xsl:when>
      <xsl:otherwise><xsl:value-of select="@date"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- An index page: one entry per authority record, anchored by its xml:id. -->
  <xsl:template match="tk:entries" mode="tk:site">
    <h1><xsl:value-of select="@title"/></h1>
    <p><xsl:value-of select="count(tk:entry)"/> entries, in alphabetical order, each with the documents that name it.</p>
    <nav class="entry-list" aria-label="{@title}: all entries">
      <ul>
        <xsl:for-each select="tk:entry">
          <li><a href="#{@id}"><xsl:value-of select="@name"/></a></li>
        </xsl:for-each>
      </ul>
    </nav>
    <xsl:apply-templates select="tk:entry" mode="tk:site"/>
  </xsl:template>

  <xsl:template match="tk:entry" mode="tk:site">
    <section class="entry" id="{@id}" aria-labelledby="{@id}-name">
      <h2 id="{@id}-name"><xsl:value-of select="@name"/></h2>
      <xsl:if test="tk:variant">
        <p class="variants">Also written: <xsl:value-of select="string-join(tk:variant, '; ')"/></p>
      </xsl:if>
      <xsl:for-each select="tk:description">
        <p class="description"><xsl:value-of select="."/></p>
      </xsl:for-each>
      <xsl:if test="tk:identifier">
        <ul class="identifiers">
          <xsl:for-each select="tk:identifier">
            <li><a href="{@uri}"><xsl:value-of select="concat(@label, ': ', @value)"/></a></li>
          </xsl:for-each>
        </ul>
      </xsl:if>
      <xsl:choose>
        <xsl:when test="tk:mention">
          <p class="mentions">Documents: </p>
          <ul class="mentions">
            <xsl:for-each select="tk:mention">
              <li><a href="{tk:doc-href(@doc)}"><xsl:value-of select="concat('No. ', @number, ', ', @title)"/></a></li>
            </xsl:for-each>
          </ul>
        </xsl:when>
        <xsl:otherwise><p class="mentions">Not named in the documents (referred to by the edition’s description).</p></xsl:otherwise>
      </xsl:choose>
    </section>
  </xsl:template>

  <!-- Who wrote to whom, how often, when. -->
  <xsl:template match="tk:correspondence" mode="tk:site">
    <h1>Correspondents</h1>
    <p>Who wrote to whom in the edition, how often and when; copies are listed as such.</p>
    <div class="table-wrapper">
      <table class="correspondents">
        <caption class="visually-hidden">Senders and recipients</caption>
        <thead>
          <tr><th scope="col">From</th><th scope="col">To</th><th scope="col">Documents</th><th scope="col">When</th></tr>
        </thead>
        <tbody>
          <xsl:for-each select="tk:pair">
            <tr>
              <td><xsl:call-template name="tk:party"><xsl:with-param name="prefix" select="'from'"/></xsl:call-template></td>
              <td>
                <xsl:call-template name="tk:party"><xsl:with-param name="prefix" select="'to'"/></xsl:call-template>
                <xsl:if test="@cc = 'true'"> (copy)</xsl:if>
              </td>
              <td>
                <xsl:value-of select="@count"/>
                <xsl:text>: </xsl:text>
                <xsl:for-each select="tk:doc">
                  <xsl:if test="position() gt 1">, </xsl:if>
                  <a href="{tk:doc-href(@id)}"><span class="visually-hidden">Document </span><xsl:value-of select="@number"/></a>
                </xsl:for-each>
              </td>
              <td><xsl:value-of select="if (@first = @last) then @first else concat(@first, ' – ', @last)"/></td>
            </tr>
          </xsl:for-each>
        </tbody>
      </table>
    </div>
  </xsl:template>

  <xsl:template name="tk:party">
    <xsl:param name="prefix" as="xs:string"/>
    <xsl:variable name="ref" select="string(@*[local-name() = concat($prefix, '-ref')])"/>
    <xsl:variable name="name" select="string(@*[local-name() = concat($prefix, '-name')])"/>
    <xsl:variable name="href" select="if ($ref) then tk:entry-href($ref) else ''"/>
    <xsl:choose>
      <xsl:when test="$href"><a href="{$href}"><xsl:value-of select="$name"/></a></xsl:when>
      <xsl:otherwise><xsl:value-of select="$name"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

</xsl:stylesheet>
