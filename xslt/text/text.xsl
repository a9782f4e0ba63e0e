<?xml version="1.0" encoding="UTF-8"?>
<!--
  The reading text of a TEI file as plain UTF-8: the heading, dateline and paragraphs in
  document order, one block per paragraph with a blank line between blocks; then the printed
  sources (listBibl type="sources"); then the notes as "[n] text", their markers "[n]" left in
  the text; then the apparatus as "{a} lemma] reading", its markers "{a}" after the lemma.
  Gaps are […], supplied words are in [ ]. The reading text only (toolkit/reading.py): no
  deletions, no other readings inside it, no word split by a line break.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:tk="urn:teikit"
    exclude-result-prefixes="xs tei tk">

  <xsl:import href="../common/common.xsl"/>
  <xsl:include href="text_core.xsl"/>
  <xsl:include href="text_header.xsl"/>

  <xsl:output method="text" encoding="UTF-8"/>

  <xsl:template match="/">
    <xsl:variable name="blocks" as="xs:string*">
      <xsl:apply-templates select="*" mode="tk:document"/>
    </xsl:variable>
    <xsl:value-of select="string-join($blocks[normalize-space()], '&#10;&#10;')"/>
    <xsl:text>&#10;</xsl:text>
  </xsl:template>

  <xsl:template match="tei:teiCorpus" mode="tk:document" as="xs:string*">
    <xsl:sequence select="if (tei:teiHeader) then tk:main-title(.) else ()"/>
    <xsl:apply-templates select="tei:TEI | tei:teiCorpus" mode="tk:document"/>
  </xsl:template>

  <xsl:template match="tei:TEI" mode="tk:document" as="xs:string*">
    <xsl:choose>
      <xsl:when test="tei:text[normalize-space() or .//tei:gap]">
        <!-- A text without any heading still needs to say what it is. -->
        <xsl:sequence select="if (tei:text//tei:head) then () else tk:main-title(.)"/>
        <xsl:apply-templates select="tei:text" mode="tk:flow"/>
        <xsl:apply-templates select="tei:teiHeader" mode="tk:sources"/>
        <xsl:apply-templates select="tei:text//tei:note" mode="tk:footnote"/>
        <xsl:apply-templates select="tk:apparatus(.)" mode="tk:apparatus"/>
      </xsl:when>
      <xsl:otherwise>
        <xsl:apply-templates select="tei:teiHeader" mode="tk:header-only"/>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- A root that is neither TEI nor teiCorpus: keep its text. -->
  <xsl:template match="*" mode="tk:document" as="xs:string*">
    <xsl:apply-templates select="." mode="tk:flow"/>
  </xsl:template>

</xsl:stylesheet>
