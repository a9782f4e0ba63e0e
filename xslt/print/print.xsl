<?xml version="1.0" encoding="UTF-8"?>
<!--
  The print edition as Typst source (https://typst.app), which teikit typesets into a PDF:

  - a TEI document gives one document of the book (documents/<doc-id>.typ): its heading, the
    edition's description of it (the `record` parameter), its reading text with the notes as
    footnotes and the apparatus as lettered footnotes, the references printed with it;
  - the print summary that teikit makes of the edition (root tk:print-edition) gives the book
    (edition.typ): title page, imprint, contents, the front matter of edition.xml, the documents,
    the registers.

  The Typst functions called here (doc, name, note, app, register …) live in teikit.typ beside
  this file. Text reaches Typst only inside string literals (#"…"), so no word of a source can
  be read as markup or code.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:tk="urn:teikit"
    exclude-result-prefixes="xs tei tk">

  <xsl:import href="../common/common.xsl"/>
  <xsl:include href="print_params.xsl"/>
  <xsl:include href="print_core.xsl"/>
  <xsl:include href="print_document.xsl"/>
  <xsl:include href="print_edition.xsl"/>

  <xsl:output method="text" encoding="UTF-8"/>

  <xsl:template match="/">
    <xsl:apply-templates select="*" mode="tk:print-root"/>
  </xsl:template>

</xsl:stylesheet>
