<?xml version="1.0" encoding="UTF-8"?>
<!--
  HTML5 pages of the edition: one page per TEI document, and the site's own pages (home,
  indexes, correspondents) from the corpus summary that teikit generates (root tk:site).

  Customise by importing this file and overriding templates: xsl:import href=".../html/html.xsl".
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:tk="urn:teikit"
    exclude-result-prefixes="xs tei tk">

  <xsl:import href="../common/common.xsl"/>
  <xsl:include href="html_params.xsl"/>
  <xsl:include href="html_page.xsl"/>
  <xsl:include href="html_header.xsl"/>
  <xsl:include href="html_core.xsl"/>
  <xsl:include href="html_namesdates.xsl"/>
  <xsl:include href="html_figures.xsl"/>
  <xsl:include href="html_site.xsl"/>

  <xsl:output method="html" html-version="5" encoding="UTF-8" indent="no" include-content-type="no"/>

  <xsl:template match="/">
    <xsl:apply-templates select="*" mode="tk:page"/>
  </xsl:template>

</xsl:stylesheet>
