<?xml version="1.0" encoding="UTF-8"?>
<!-- Parameters every format understands. The build sets them; `teikit render` keeps the defaults. -->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:tk="urn:teikit"
    exclude-result-prefixes="xs tk">

  <!-- true when the page is part of a built site (index pages exist, neighbours are known). -->
  <xsl:param name="site" as="xs:boolean" select="false()"/>
  <xsl:param name="edition-title" as="xs:string" select="''"/>
  <xsl:param name="base-url" as="xs:string" select="''"/>
  <xsl:param name="doc-id" as="xs:string" select="''"/>

  <!--
    The record of the document: <tk:record id="…">…</tk:record>, computed by teikit (toolkit/record.py;
    docs/site.md shows every field). Its correspondents, date, number, kind, neighbours, search filters
    and where each name leads are what the pages show; no stylesheet works them out from the TEI.
  -->
  <xsl:param name="record" as="node()?" select="()"/>

  <!--
    Every word the stylesheets show a reader, in the edition's language: a map from key to words,
    map{'about.heading': 'About this document', …, 'language': 'en'}, from teikit's catalogues
    (toolkit/catalogues/*.toml). Look a word up with tk:label('key') (common_labels.xsl).
  -->
  <xsl:param name="labels" as="map(xs:string, xs:string)" select="map{}"/>

  <!-- The HTML language tag of each xml:lang value of the document ({"fra": "fr", "xx": ""}),
       set by teikit (toolkit/languages.py) for every transform. -->
  <xsl:param name="language-tags" as="map(xs:string, xs:string)" select="map{}"/>

</xsl:stylesheet>
