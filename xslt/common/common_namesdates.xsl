<?xml version="1.0" encoding="UTF-8"?>
<!-- Names and references: from @ref="#id" to the edition's authority entry and its index page. -->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:tk="urn:teikit"
    exclude-result-prefixes="xs tei tk">

  <xsl:key name="tk:entry" match="tk:entry" use="@id"/>

  <xsl:variable name="tk:index-pages" as="map(xs:string, xs:string)"
      select="map{'person': 'persons.html', 'place': 'places.html', 'org': 'orgs.html'}"/>

  <!-- The local ids of a pointer list: "#a #b" gives ("a", "b"); external URIs are not ours. -->
  <xsl:function name="tk:local-ids" as="xs:string*">
    <xsl:param name="pointers" as="xs:string?"/>
    <xsl:sequence select="for $p in tokenize($pointers)[starts-with(., '#')]
        return substring($p, 2)"/>
  </xsl:function>

  <xsl:function name="tk:entry" as="element(tk:entry)?">
    <xsl:param name="id" as="xs:string"/>
    <xsl:sequence select="if (exists($entries)) then key('tk:entry', $id, root($entries))[1] else ()"/>
  </xsl:function>

  <!-- Where an entry is listed on the site, or '' when it has no index page (or no site). -->
  <xsl:function name="tk:entry-href" as="xs:string">
    <xsl:param name="id" as="xs:string"/>
    <xsl:variable name="entry" select="tk:entry($id)"/>
    <xsl:variable name="page" select="if ($entry) then $tk:index-pages($entry/@kind) else ()"/>
    <xsl:sequence select="if ($site and $page) then concat($page, '#', $id) else ''"/>
  </xsl:function>

  <xsl:function name="tk:entry-name" as="xs:string">
    <xsl:param name="id" as="xs:string"/>
    <xsl:sequence select="string((tk:entry($id)/@name, $id)[1])"/>
  </xsl:function>

  <!-- "#barsegov" -> "Yuri Barsegov" when the entry is known, else the bare id. -->
  <xsl:function name="tk:resp-name" as="xs:string">
    <xsl:param name="resp" as="attribute()?"/>
    <xsl:sequence select="string-join(for $id in tk:local-ids($resp) return tk:entry-name($id), ', ')"/>
  </xsl:function>

  <!-- "#telegram" -> "Telegram" (the category's description in edition.xml). -->
  <xsl:function name="tk:kind-label" as="xs:string">
    <xsl:param name="target" as="xs:string?"/>
    <xsl:variable name="id" select="tk:local-ids($target)[1]"/>
    <xsl:sequence select="if ($id) then tk:entry-name($id) else string($target)"/>
  </xsl:function>

  <!-- A normalised TEI date in words: 1920-08-27, "not after 1920-09-01", "1920-08-01 to 1920-08-31". -->
  <xsl:function name="tk:normalised-date" as="xs:string">
    <xsl:param name="date" as="element()?"/>
    <xsl:sequence select="
        if ($date/@when) then string($date/@when)
        else if ($date/@from or $date/@to) then tk:label-string('date.range', map{'start': string($date/@from), 'end': string($date/@to)})
        else if ($date/@notBefore and $date/@notAfter) then tk:label-string('date.between', map{'start': string($date/@notBefore), 'end': string($date/@notAfter)})
        else if ($date/@notAfter) then tk:label-string('date.not-after', map{'date': string($date/@notAfter)})
        else if ($date/@notBefore) then tk:label-string('date.not-before', map{'date': string($date/@notBefore)})
        else ''"/>
  </xsl:function>

  <!-- The archival kind of a witness, as a phrase: "official-copy" -> "Official copy". -->
  <xsl:function name="tk:copy-kind" as="xs:string">
    <xsl:param name="subtype" as="xs:string?"/>
    <xsl:variable name="words" select="translate(string($subtype), '-', ' ')"/>
    <xsl:sequence select="concat(upper-case(substring($words, 1, 1)), substring($words, 2))"/>
  </xsl:function>

</xsl:stylesheet>
