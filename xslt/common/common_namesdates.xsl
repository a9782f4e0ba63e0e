<?xml version="1.0" encoding="UTF-8"?>
<!--
  The record of the document and its names. teikit computes the record once, in Python
  (toolkit/record.py; docs/site.md shows it): who sent the document to whom, its date in words,
  number, kind, neighbours, search filters, and tk:names, where every pointer of the document
  (@ref and @resp tokens, a name's @key) leads. The stylesheets look things up here and resolve
  nothing themselves.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:tk="urn:teikit"
    exclude-result-prefixes="xs tei tk">

  <xsl:key name="tk:name-ref" match="tk:name[@ref]" use="@ref"/>
  <xsl:key name="tk:name-key" match="tk:name[@key]" use="@key"/>

  <!-- The record of the TEI document a node belongs to (of a TEI inside a teiCorpus: its own). -->
  <xsl:variable name="tk:record" as="element(tk:record)?" select="$record/tk:record"/>
  <xsl:variable name="tk:nested-records" as="xs:boolean" select="exists($tk:record/tk:record)"/>

  <xsl:function name="tk:record" as="element(tk:record)?">
    <xsl:param name="node" as="node()"/>
    <xsl:sequence select="if (not($tk:nested-records)) then $tk:record else tk:nested-record($node)"/>
  </xsl:function>

  <xsl:function name="tk:nested-record" as="element(tk:record)?">
    <xsl:param name="node" as="node()"/>
    <xsl:variable name="tei" select="$node/ancestor-or-self::tei:TEI[1]"/>
    <xsl:sequence select="if (empty($tei) or $tei is root($node)/*) then $tk:record
        else $tk:record/tk:record[@n = string(count($tei/preceding::tei:TEI) + 1)]"/>
  </xsl:function>

  <!-- Where a name leads (tk:name elements with @href), in the order of its @ref tokens; by its
       @key when it has no @ref. -->
  <xsl:function name="tk:name-links" as="element(tk:name)*">
    <xsl:param name="name" as="element()"/>
    <xsl:sequence select="tk:names($name)[@href]"/>
  </xsl:function>

  <xsl:function name="tk:names" as="element(tk:name)*">
    <xsl:param name="name" as="element()"/>
    <xsl:variable name="table" select="tk:record($name)/tk:names"/>
    <xsl:sequence select="if (empty($table)) then ()
        else if ($name/@ref) then (for $token in tokenize($name/@ref) return key('tk:name-ref', $token, $table)[1])
        else if ($name/@key) then key('tk:name-key', normalize-space($name/@key), $table)[1]
        else ()"/>
  </xsl:function>

  <!-- "#barsegov" -> "Yuri Barsegov" when the edition knows the pointer, else the bare id. -->
  <xsl:function name="tk:resp-name" as="xs:string">
    <xsl:param name="resp" as="attribute()?"/>
    <xsl:variable name="table" select="if ($resp) then tk:record($resp/..)/tk:names else ()"/>
    <xsl:sequence select="string-join(
        for $token in tokenize($resp)[starts-with(., '#')]
        return ((if ($table) then key('tk:name-ref', $token, $table)[1]/@title/string() else ()), substring($token, 2))[1],
        ', ')"/>
  </xsl:function>

</xsl:stylesheet>
