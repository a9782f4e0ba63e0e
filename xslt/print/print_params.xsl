<?xml version="1.0" encoding="UTF-8"?>
<!-- Parameters of the print edition, the words it prints, and how text becomes Typst source. -->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:tk="urn:teikit"
    exclude-result-prefixes="xs tk">

  <!-- The document's record is the common `record` parameter (toolkit/record.py, common_params.xsl). -->
  <!-- Where the documents' sources import the template from (the root of the Typst project). -->
  <xsl:param name="template" as="xs:string" select="'/teikit.typ'"/>

  <!-- A word of the print edition from the labels (toolkit/catalogues: the [print] table; a key with a
       dot is any other table's, "about.kind"), its {placeholders} filled. -->
  <xsl:function name="tk:word" as="xs:string">
    <xsl:param name="key" as="xs:string"/>
    <xsl:sequence select="tk:label(if (contains($key, '.')) then $key else concat('print.', $key))"/>
  </xsl:function>

  <xsl:function name="tk:word" as="xs:string">
    <xsl:param name="key" as="xs:string"/>
    <xsl:param name="values" as="map(xs:string, item()*)"/>
    <xsl:sequence select="tk:label-string(if (contains($key, '.')) then $key else concat('print.', $key), $values)"/>
  </xsl:function>

  <!-- Text as a Typst string literal: #"…" (only \ and " need escaping there). -->
  <xsl:function name="tk:typ" as="xs:string">
    <xsl:param name="text" as="xs:string"/>
    <xsl:variable name="escaped" select="
        if (contains($text, '\') or contains($text, '&quot;'))
        then replace(replace($text, '\\', '\\\\'), '&quot;', '\\&quot;')
        else $text"/>
    <xsl:sequence select="concat('#&quot;', $escaped, '&quot;')"/>
  </xsl:function>

  <!-- A string as Typst code (an argument): "…". -->
  <xsl:function name="tk:typ-arg" as="xs:string">
    <xsl:param name="text" as="xs:string?"/>
    <xsl:sequence select="substring(tk:typ(string($text)), 2)"/>
  </xsl:function>

  <!-- Running text as Typst markup: the words in one string, a space before or after where the
       source has whitespace there (Typst collapses spaces as running text does). -->
  <xsl:function name="tk:typ-words" as="xs:string">
    <xsl:param name="text" as="xs:string"/>
    <xsl:variable name="words" select="normalize-space($text)"/>
    <xsl:sequence select="
        if ($words = '') then (if ($text = '') then '' else ' ')
        else concat(
            if (tk:is-space(substring($text, 1, 1))) then ' ' else '',
            tk:typ($words),
            if (tk:is-space(substring($text, string-length($text)))) then ' ' else '')"/>
  </xsl:function>

  <xsl:function name="tk:is-space" as="xs:boolean">
    <xsl:param name="character" as="xs:string"/>
    <xsl:sequence select="$character = (' ', '&#9;', '&#10;', '&#13;')"/>
  </xsl:function>

  <!-- A content block of Typst ([…]) holding text. -->
  <xsl:function name="tk:typ-content" as="xs:string">
    <xsl:param name="text" as="xs:string?"/>
    <xsl:sequence select="concat('[', if (normalize-space($text)) then tk:typ(normalize-space($text)) else '', ']')"/>
  </xsl:function>

</xsl:stylesheet>
