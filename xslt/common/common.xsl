<?xml version="1.0" encoding="UTF-8"?>
<!--
  Shared by every output format: parameters, the edition's authority entries, and the rules
  that decide what a block of text is. Output stylesheets (html/html.xsl, text/text.xsl)
  import this file; a customisation imports them and overrides only what it changes.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:tk="urn:teikit"
    exclude-result-prefixes="xs tei tk">

  <xsl:include href="common_params.xsl"/>
  <xsl:include href="common_labels.xsl"/>
  <xsl:include href="common_core.xsl"/>
  <xsl:include href="common_namesdates.xsl"/>

</xsl:stylesheet>
