<?xml version="1.0" encoding="UTF-8"?>
<!-- Parameters of the HTML pages; the build sets them, `teikit render` keeps the defaults. -->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    exclude-result-prefixes="xs">

  <xsl:param name="edition-editors" as="xs:string" select="''"/>
  <xsl:param name="licence" as="xs:string" select="''"/>
  <!-- The licence's name in the edition's language (labels.py), else its URI is shown. -->
  <xsl:param name="licence-name" as="xs:string" select="''"/>
  <!-- What the edition's description (edition.xml) says of its licence: what it covers, in its
       words, and what it says beside it (what it does not cover); every page's footer repeats it. -->
  <xsl:param name="rights-licence" as="xs:string" select="''"/>
  <xsl:param name="rights-note" as="xs:string" select="''"/>
  <!-- What edition.xml says of the language of its source (a translation): "How to cite" repeats it. -->
  <xsl:param name="source-language" as="xs:string" select="''"/>
  <xsl:param name="publisher" as="xs:string" select="''"/>
  <!-- Shown on every page (Endings: a page says when and with what it was made). -->
  <xsl:param name="build-date" as="xs:string" select="''"/>
  <xsl:param name="teikit-version" as="xs:string" select="''"/>
  <!-- A document's neighbours and its other formats are in its record (common_params.xsl). -->
  <xsl:param name="cmif-href" as="xs:string" select="'../cmif.xml'"/>
  <xsl:param name="css-href" as="xs:string" select="'static/edition.css'"/>
  <!-- A single rendered file carries its stylesheet inline, so it can be opened anywhere. -->
  <xsl:param name="inline-css" as="xs:string" select="''"/>
  <!-- Which page of the site to make from its summary: index, year, register, initial, entry,
       correspondents, chronology, search (builders/site.py). -->
  <xsl:param name="page" as="xs:string" select="'index'"/>
  <!-- From the page being made back to the site's folder (html/): "" or "../" for a page in a
       folder of its own (a year, a register entry). -->
  <xsl:param name="root" as="xs:string" select="''"/>

</xsl:stylesheet>
