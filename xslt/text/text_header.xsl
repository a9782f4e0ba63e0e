<?xml version="1.0" encoding="UTF-8"?>
<!-- The header module: the printed sources after the text, and files that are only a header (CMIF). -->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:tk="urn:teikit"
    exclude-result-prefixes="xs tei tk">

  <!-- The references printed after the document, in printed order. -->
  <xsl:template match="tei:teiHeader" mode="tk:sources" as="xs:string*">
    <xsl:sequence select="for $bibl in tei:fileDesc/tei:sourceDesc//tei:listBibl[@type = 'sources']/tei:bibl
        return tk:line($bibl)"/>
  </xsl:template>

  <!-- A header without a text: its title, one line per correspDesc, its source. -->
  <xsl:template match="tei:teiHeader" mode="tk:header-only" as="xs:string*">
    <xsl:sequence select="tk:main-title(..)"/>
    <xsl:variable name="letters" as="xs:string*">
      <xsl:apply-templates select="tei:profileDesc/tei:correspDesc" mode="tk:header-only"/>
    </xsl:variable>
    <xsl:sequence select="string-join($letters, '&#10;')"/>
    <xsl:sequence select="for $bibl in tei:fileDesc/tei:sourceDesc/(tei:bibl | tei:biblStruct | tei:p)
        return tk:line($bibl)"/>
  </xsl:template>

  <xsl:template match="tei:correspDesc" mode="tk:header-only" as="xs:string">
    <xsl:variable name="sent" select="tei:correspAction[@type = 'sent']"/>
    <xsl:variable name="received" select="tei:correspAction[@type = 'received']"/>
    <xsl:sequence select="normalize-space(string-join((
        tk:parties($sent), '→', tk:parties($received),
        for $date in $sent/tei:date return concat('(', (normalize-space($date)[.], tk:normalised-date($date))[1], ')'),
        for $place in $sent/tei:placeName return concat('(', normalize-space($place), ')')), ' '))"/>
  </xsl:template>

  <xsl:function name="tk:parties" as="xs:string">
    <xsl:param name="actions" as="element()*"/>
    <xsl:variable name="names" select="$actions/(tei:persName | tei:orgName | tei:name)/normalize-space()"/>
    <xsl:sequence select="if (exists($names)) then string-join($names, ', ') else tk:label('text.unknown')"/>
  </xsl:function>

</xsl:stylesheet>
