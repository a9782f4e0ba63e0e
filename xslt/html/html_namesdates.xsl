<?xml version="1.0" encoding="UTF-8"?>
<!--
  The names and dates module: every person, place and organisation of the text that teikit
  resolved (by @ref "#id", a prefixed pointer, a URI, or @key: the record's tk:names) becomes a
  link to where it leads: its register entry on the site, else its authority URI. Links never
  nest: in "Caucasian Bureau of the <orgName>Central Committee</orgName>" the outer name's own
  words link to the outer entry, the inner name to its own.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:tk="urn:teikit"
    exclude-result-prefixes="xs tei tk">

  <xsl:template match="tei:persName | tei:placeName | tei:orgName | tei:name | tei:rs">
    <xsl:param name="in-link" as="xs:boolean" select="false()" tunnel="yes"/>
    <xsl:variable name="links" select="tk:name-links(.)"/>
    <xsl:variable name="class" select="concat('name ', local-name())"/>
    <!-- A phrase naming several entries, split by teikit into words of each (tk:split). -->
    <xsl:variable name="split" select="if (count($links) gt 1 and not(*) and not($in-link))
        then tk:record(.)/tk:names/tk:split[@ref = normalize-space(current()/@ref)][@text = string(current())][1] else ()"/>
    <xsl:choose>
      <!-- An empty name (a repository the source leaves implicit) has nothing to click on. -->
      <xsl:when test="not(normalize-space()) and not(*)">
        <xsl:value-of select="text() ! tk:text(.)" separator=""/>
      </xsl:when>
      <xsl:when test="$split">
        <span class="{$class}">
          <xsl:for-each select="$split/tk:part">
            <xsl:choose>
              <xsl:when test="@href"><a class="name" href="{@href}" title="{@title}"><xsl:value-of select="@text"/></a></xsl:when>
              <xsl:otherwise><xsl:value-of select="@text"/></xsl:otherwise>
            </xsl:choose>
          </xsl:for-each>
        </span>
      </xsl:when>
      <xsl:when test="empty($links) or $in-link">
        <span class="{$class}"><xsl:apply-templates/></span>
      </xsl:when>
      <!-- A name holding another name, a note, a link or an apparatus entry: its own words link
           on their own (links never nest). -->
      <xsl:when test="descendant::*[exists(tk:name-links(.))] or tk:holds-link(.)">
        <span class="{$class}">
          <xsl:apply-templates>
            <xsl:with-param name="outer" select="$links[1]" tunnel="yes"/>
          </xsl:apply-templates>
        </span>
      </xsl:when>
      <xsl:otherwise>
        <a class="{$class}" href="{$links[1]/@href}">
          <xsl:if test="$links[1]/@title"><xsl:attribute name="title" select="$links[1]/@title"/></xsl:if>
          <xsl:apply-templates>
            <xsl:with-param name="in-link" select="true()" tunnel="yes"/>
          </xsl:apply-templates>
        </a>
      </xsl:otherwise>
    </xsl:choose>
    <xsl:if test="not($in-link) and empty($split)">
      <xsl:for-each select="$links[position() gt 1]">
        <a class="also-ref" href="{@href}" data-pagefind-ignore="">
          <span aria-hidden="true">+</span>
          <span class="visually-hidden"><xsl:value-of select="tk:label-string('doc.index-entry', map{'name': string((@title, @ref)[1])})"/></span>
        </a>
      </xsl:for-each>
    </xsl:if>
  </xsl:template>

  <!-- Words of an outer name that holds other names: linked on their own. -->
  <xsl:template match="text()">
    <xsl:param name="outer" as="element(tk:name)?" select="()" tunnel="yes"/>
    <xsl:param name="in-link" as="xs:boolean" select="false()" tunnel="yes"/>
    <xsl:choose>
      <xsl:when test="exists($outer) and not($in-link) and normalize-space()">
        <a class="name" href="{$outer/@href}">
          <xsl:if test="$outer/@title"><xsl:attribute name="title" select="$outer/@title"/></xsl:if>
          <xsl:value-of select="tk:text(.)"/>
        </a>
      </xsl:when>
      <xsl:otherwise><xsl:value-of select="tk:text(.)"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="tei:date | tei:time">
    <xsl:variable name="when" select="string(@when)"/>
    <xsl:choose>
      <xsl:when test="$when castable as xs:date or $when castable as xs:gYearMonth or $when castable as xs:gYear
          or $when castable as xs:dateTime">
        <time datetime="{$when}"><xsl:apply-templates/></time>
      </xsl:when>
      <xsl:otherwise>
        <span class="date"><xsl:apply-templates/></span>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

</xsl:stylesheet>
