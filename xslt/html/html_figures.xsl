<?xml version="1.0" encoding="UTF-8"?>
<!-- The figures module: tables and figures (images are not fetched; their descriptions are kept). -->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    exclude-result-prefixes="xs tei">

  <!-- Only a regular table becomes an HTML table; anything else falls back to blocks, keeping its words. -->
  <xsl:template match="tei:table[not(text()[normalize-space()])][tei:row]
      [not(tei:row/text()[normalize-space()])][not(tei:row/*[not(self::tei:cell)])]">
    <div class="table-wrapper">
      <table>
        <xsl:if test="tei:head">
          <caption><xsl:apply-templates select="tei:head/node()"/></caption>
        </xsl:if>
        <xsl:for-each select="tei:row">
          <tr>
            <xsl:for-each select="tei:cell">
              <xsl:element name="{if (@role = 'label' or ../@role = 'label') then 'th' else 'td'}">
                <xsl:if test="@cols"><xsl:attribute name="colspan" select="@cols"/></xsl:if>
                <xsl:if test="@rows"><xsl:attribute name="rowspan" select="@rows"/></xsl:if>
                <xsl:apply-templates/>
              </xsl:element>
            </xsl:for-each>
          </tr>
        </xsl:for-each>
      </table>
      <xsl:apply-templates select="* except (tei:head, tei:row)"/>
    </div>
  </xsl:template>

  <xsl:template match="tei:figure">
    <figure>
      <xsl:apply-templates select="* except tei:head"/>
      <xsl:if test="tei:head">
        <figcaption><xsl:apply-templates select="tei:head/node()"/></figcaption>
      </xsl:if>
    </figure>
  </xsl:template>

  <xsl:template match="tei:graphic | tei:media"/>

  <xsl:template match="tei:figDesc">
    <p class="figdesc"><xsl:apply-templates/></p>
  </xsl:template>

</xsl:stylesheet>
