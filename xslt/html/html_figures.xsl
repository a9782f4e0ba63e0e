<?xml version="1.0" encoding="UTF-8"?>
<!-- The figures module: tables and figures (images are not fetched; their descriptions are kept).
     Inside a paragraph (phrasing), a table is a grid of spans with the ARIA roles of a table,
     a figure a span: the HTML stays valid and the words keep their order. -->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:tk="urn:teikit"
    exclude-result-prefixes="xs tei tk">

  <!-- Only a regular table (tk:is-grid) becomes a table; anything else falls back to blocks. -->
  <xsl:template match="tei:table[tk:is-grid(.)][tk:in-flow(.)]" priority="1">
    <div class="table-wrapper">
      <table>
        <xsl:if test="tei:head">
          <caption><xsl:apply-templates select="tei:head/node()"/></caption>
        </xsl:if>
        <!-- A row shorter than the others (the source left its last cells empty) is filled up. -->
        <xsl:variable name="padded" select="not(tei:row/tei:cell/@rows)"/>
        <xsl:variable name="columns" select="max(tei:row ! tk:row-width(.))"/>
        <xsl:for-each select="tei:row">
          <tr>
            <xsl:for-each select="tei:cell">
              <xsl:element name="{if (tk:is-label-cell(.)) then 'th' else 'td'}">
                <xsl:if test="@cols"><xsl:attribute name="colspan" select="@cols"/></xsl:if>
                <xsl:if test="@rows"><xsl:attribute name="rowspan" select="@rows"/></xsl:if>
                <xsl:apply-templates/>
              </xsl:element>
            </xsl:for-each>
            <xsl:if test="$padded">
              <xsl:for-each select="1 to xs:integer($columns - tk:row-width(.))"><td></td></xsl:for-each>
            </xsl:if>
          </tr>
        </xsl:for-each>
      </table>
    </div>
  </xsl:template>

  <xsl:template match="tei:table[tk:is-grid(.)]">
    <xsl:call-template name="tk:phrasing-block">
      <xsl:with-param name="class" select="'table'"/>
      <xsl:with-param name="role" select="'table'"/>
      <xsl:with-param name="content">
        <xsl:for-each select="tei:head">
          <span class="caption block"><xsl:apply-templates/></span>
          <xsl:text> </xsl:text>
        </xsl:for-each>
        <xsl:for-each select="tei:row">
          <span class="row block" role="row">
            <xsl:for-each select="tei:cell">
              <span class="cell block" role="{if (tk:is-label-cell(.)) then 'columnheader' else 'cell'}">
                <xsl:apply-templates/>
              </span>
              <xsl:text> </xsl:text>
            </xsl:for-each>
          </span>
          <xsl:text> </xsl:text>
        </xsl:for-each>
      </xsl:with-param>
    </xsl:call-template>
  </xsl:template>

  <xsl:function name="tk:row-width" as="xs:integer">
    <xsl:param name="row" as="element()"/>
    <xsl:sequence select="xs:integer(sum($row/tei:cell ! (if (@cols castable as xs:positiveInteger) then xs:integer(@cols) else 1)))"/>
  </xsl:function>

  <xsl:function name="tk:is-label-cell" as="xs:boolean">
    <xsl:param name="cell" as="element()"/>
    <xsl:sequence select="$cell/@role = 'label' or $cell/../@role = 'label'"/>
  </xsl:function>

  <xsl:template match="tei:figure">
    <xsl:choose>
      <xsl:when test="tk:in-flow(.)">
        <figure>
          <xsl:if test="tei:head">
            <figcaption><xsl:apply-templates select="tei:head/node()"/></figcaption>
          </xsl:if>
          <xsl:apply-templates select="* except tei:head"/>
        </figure>
      </xsl:when>
      <xsl:otherwise>
        <xsl:call-template name="tk:phrasing-block">
          <xsl:with-param name="class" select="'figure'"/>
          <xsl:with-param name="content">
            <xsl:for-each select="tei:head">
              <span class="figcaption block"><xsl:apply-templates/></span>
              <xsl:text> </xsl:text>
            </xsl:for-each>
            <xsl:apply-templates select="* except tei:head"/>
          </xsl:with-param>
        </xsl:call-template>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="tei:graphic | tei:media"/>

  <!-- The editor's description of a figure: shown, not part of the reading text. -->
  <xsl:template match="tei:figDesc">
    <xsl:choose>
      <xsl:when test="tk:in-flow(.) and not(tk:holds-blocks(.))">
        <p class="figdesc" data-pagefind-ignore=""><xsl:apply-templates/></p>
      </xsl:when>
      <xsl:otherwise>
        <xsl:text> </xsl:text>
        <span class="figdesc block" data-pagefind-ignore=""><xsl:apply-templates/></span>
        <xsl:text> </xsl:text>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

</xsl:stylesheet>
