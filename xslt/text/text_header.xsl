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

  <!-- A header without a text: its title, one line per correspondence the record gives, its source. -->
  <xsl:template match="tei:teiHeader" mode="tk:header-only" as="xs:string*">
    <xsl:sequence select="tk:main-title(..)"/>
    <xsl:variable name="letters" as="xs:string*">
      <xsl:apply-templates select="tk:record(.)/tk:turn" mode="tk:header-only"/>
    </xsl:variable>
    <xsl:sequence select="string-join($letters, '&#10;')"/>
    <xsl:sequence select="for $bibl in tei:fileDesc/tei:sourceDesc/(tei:bibl | tei:biblStruct | tei:p)
        return tk:line($bibl)"/>
  </xsl:template>

  <!-- "Sender → Addressee (date) (place)": the names as written, the date as written or in words. -->
  <xsl:template match="tk:turn" mode="tk:header-only" as="xs:string">
    <xsl:sequence select="normalize-space(string-join((
        tk:parties(tk:from), '→', tk:parties(tk:to | tk:cc),
        for $date in tk:date return concat('(', ($date/@text[normalize-space()], $date/@words)[1], ')'),
        for $place in tk:place return concat('(', $place/@text, ')')), ' '))"/>
  </xsl:template>

  <xsl:function name="tk:parties" as="xs:string">
    <xsl:param name="names" as="element()*"/>
    <xsl:sequence select="if (exists($names)) then string-join($names/@text, ', ') else tk:label('text.unknown')"/>
  </xsl:function>

</xsl:stylesheet>
