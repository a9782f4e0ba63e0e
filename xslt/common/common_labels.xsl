<?xml version="1.0" encoding="UTF-8"?>
<!--
  The words of the interface: every string a reader sees comes from the `labels` parameter
  (teikit's catalogue of the edition's language), never from a literal in a stylesheet.

    tk:label('about.heading')                                  "About this document"
    tk:label('doc.note-back', map{'n': '3'})                   text nodes (and nodes given as values)
    tk:label-string('doc.hidden-title', map{'title': $t})      the same as one string (for attributes)

  A {placeholder} without a value stays as it is; a key without a label is shown as the key.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:tk="urn:teikit"
    xmlns:map="http://www.w3.org/2005/xpath-functions/map"
    exclude-result-prefixes="xs tk map">

  <xsl:function name="tk:label" as="xs:string">
    <xsl:param name="key" as="xs:string"/>
    <xsl:sequence select="($labels($key), $key)[1]"/>
  </xsl:function>

  <xsl:function name="tk:label" as="node()*">
    <xsl:param name="key" as="xs:string"/>
    <xsl:param name="values" as="map(xs:string, item()*)"/>
    <xsl:sequence select="tk:fill(tk:label($key), $values)"/>
  </xsl:function>

  <xsl:function name="tk:label-string" as="xs:string">
    <xsl:param name="key" as="xs:string"/>
    <xsl:param name="values" as="map(xs:string, item()*)"/>
    <xsl:sequence select="string-join(tk:fill(tk:label($key), $values) ! string(), '')"/>
  </xsl:function>

  <!-- The interface language (the html/@lang of every page). -->
  <xsl:function name="tk:interface-language" as="xs:string">
    <xsl:sequence select="($labels('language'), 'en')[1]"/>
  </xsl:function>

  <!-- Text before the first {name}, the value of name, then the rest, filled the same way. -->
  <xsl:function name="tk:fill" as="node()*">
    <xsl:param name="template" as="xs:string"/>
    <xsl:param name="values" as="map(xs:string, item()*)"/>
    <xsl:variable name="rest" select="substring-after($template, '{')"/>
    <xsl:variable name="name" select="substring-before($rest, '}')"/>
    <xsl:choose>
      <xsl:when test="not(contains($template, '{')) or not(contains($rest, '}'))">
        <xsl:if test="$template"><xsl:value-of select="$template"/></xsl:if>
      </xsl:when>
      <xsl:otherwise>
        <xsl:if test="substring-before($template, '{')"><xsl:value-of select="substring-before($template, '{')"/></xsl:if>
        <xsl:choose>
          <xsl:when test="map:contains($values, $name)">
            <xsl:for-each select="$values($name)">
              <xsl:choose>
                <xsl:when test=". instance of node()"><xsl:sequence select="."/></xsl:when>
                <xsl:when test="string(.)"><xsl:value-of select="."/></xsl:when>
              </xsl:choose>
            </xsl:for-each>
          </xsl:when>
          <xsl:otherwise><xsl:value-of select="concat('{', $name, '}')"/></xsl:otherwise>
        </xsl:choose>
        <xsl:sequence select="tk:fill(substring-after($rest, '}'), $values)"/>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:function>

</xsl:stylesheet>
