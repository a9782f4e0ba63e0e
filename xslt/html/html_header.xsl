<?xml version="1.0" encoding="UTF-8"?>
<!--
  The header module: the metadata panel of a document page, read from the teiHeader
  (number, kind, correspondents, date, place, archival references, publication).
  Every field is optional, so headers from other projects give what they have.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:tk="urn:teikit"
    exclude-result-prefixes="xs tei tk">

  <xsl:template match="tei:teiHeader" mode="tk:metadata">
    <xsl:param name="level" as="xs:integer"/>
    <xsl:variable name="heading-id" select="tk:id('metadata-heading', .)"/>
    <xsl:variable name="corresp" select="tei:profileDesc/tei:correspDesc"/>
    <!-- The turns of a recorded conversation (one correspDesc each, pointing to its part of the text). -->
    <xsl:variable name="turns" select="$corresp[count($corresp) gt 1][@corresp]"/>
    <section class="metadata" aria-labelledby="{$heading-id}">
      <xsl:element name="h{$level}">
        <xsl:attribute name="id" select="$heading-id"/>
        <xsl:value-of select="tk:label('about.heading')"/>
      </xsl:element>
      <dl>
        <xsl:apply-templates select="tei:fileDesc/tei:publicationStmt/tei:idno[@type = 'document-number']" mode="tk:metadata"/>
        <xsl:apply-templates select="tei:profileDesc/tei:textClass/tei:catRef[1]" mode="tk:metadata"/>
        <xsl:if test="count($corresp) = 1">
          <xsl:apply-templates select="$corresp" mode="tk:metadata"/>
        </xsl:if>
        <xsl:for-each select="$turns">
          <dt><xsl:value-of select="tk:label('about.turn')"/></dt>
          <dd><xsl:value-of select="tk:label-string('about.turn-of', map{'n': string((@n, position())[1]), 'total': string(count($turns))})"/></dd>
          <xsl:apply-templates select="." mode="tk:metadata"/>
        </xsl:for-each>
        <xsl:call-template name="tk:field">
          <xsl:with-param name="label" select="tk:label('about.author')"/>
          <xsl:with-param name="values" select="tei:fileDesc/tei:titleStmt/tei:author"/>
        </xsl:call-template>
        <xsl:apply-templates select="tei:fileDesc/tei:sourceDesc" mode="tk:metadata"/>
      </dl>
      <xsl:if test="count($corresp) gt 1 and not($turns)">
        <xsl:call-template name="tk:letter-table">
          <xsl:with-param name="letters" select="$corresp"/>
        </xsl:call-template>
      </xsl:if>
      <xsl:call-template name="tk:other-forms"/>
    </section>
  </xsl:template>

  <!-- One line of the panel; values are TEI nodes rendered inline, or strings. -->
  <xsl:template name="tk:field">
    <xsl:param name="label" as="xs:string"/>
    <xsl:param name="values" as="item()*"/>
    <xsl:if test="exists($values)">
      <dt><xsl:value-of select="$label"/></dt>
      <xsl:for-each select="$values">
        <dd>
          <xsl:choose>
            <xsl:when test=". instance of node()"><xsl:apply-templates select="." mode="tk:metadata-value"/></xsl:when>
            <xsl:otherwise><xsl:value-of select="."/></xsl:otherwise>
          </xsl:choose>
        </dd>
      </xsl:for-each>
    </xsl:if>
  </xsl:template>

  <xsl:template match="*" mode="tk:metadata-value">
    <xsl:apply-templates/>
  </xsl:template>

  <xsl:template match="tei:idno[@type = 'document-number']" mode="tk:metadata">
    <dt><xsl:value-of select="tk:label('about.number')"/></dt>
    <dd>
      <xsl:value-of select="normalize-space(.)"/>
      <xsl:if test="@cert">
        <xsl:variable name="why" select="ancestor::tei:teiHeader//tei:sourceDesc//tei:note[@type = 'inferred']"/>
        <xsl:text> </xsl:text>
        <span class="inferred"><xsl:value-of select="if ($why) then tk:label-string('about.inferred-why', map{'why': normalize-space($why[1])}) else tk:label('about.inferred')"/></span>
      </xsl:if>
    </dd>
  </xsl:template>

  <xsl:template match="tei:catRef" mode="tk:metadata">
    <dt><xsl:value-of select="tk:label('about.kind')"/></dt>
    <dd><xsl:value-of select="tk:kind-label(@target)"/></dd>
  </xsl:template>

  <xsl:template match="tei:correspDesc" mode="tk:metadata">
    <xsl:variable name="sent" select="tei:correspAction[@type = 'sent']"/>
    <xsl:variable name="to" select="tei:correspAction[@type = 'received'][not(@subtype = 'cc')]"/>
    <xsl:variable name="cc" select="tei:correspAction[@type = 'received'][@subtype = 'cc']"/>
    <xsl:call-template name="tk:field">
      <xsl:with-param name="label" select="tk:label('about.from')"/>
      <xsl:with-param name="values" select="$sent/(tei:persName | tei:orgName | tei:name)"/>
    </xsl:call-template>
    <xsl:call-template name="tk:field">
      <xsl:with-param name="label" select="tk:label('about.to')"/>
      <xsl:with-param name="values" select="$to/(tei:persName | tei:orgName | tei:name | tei:note)"/>
    </xsl:call-template>
    <xsl:call-template name="tk:field">
      <xsl:with-param name="label" select="tk:label('about.cc')"/>
      <xsl:with-param name="values" select="$cc/(tei:persName | tei:orgName | tei:name)"/>
    </xsl:call-template>
    <xsl:call-template name="tk:date-field">
      <xsl:with-param name="date" select="$sent/tei:date[1]"/>
    </xsl:call-template>
    <xsl:call-template name="tk:field">
      <xsl:with-param name="label" select="tk:label('about.place')"/>
      <xsl:with-param name="values" select="$sent/tei:placeName"/>
    </xsl:call-template>
    <xsl:call-template name="tk:field">
      <xsl:with-param name="label" select="tk:label('about.note')"/>
      <xsl:with-param name="values" select="tei:note"/>
    </xsl:call-template>
  </xsl:template>

  <!-- The date as the document writes it (its dateline) and as the edition normalises it. -->
  <xsl:template name="tk:date-field">
    <xsl:param name="date" as="element()?"/>
    <xsl:variable name="dateline" select="(ancestor::tei:TEI[1]/tei:text//tei:dateline)[1]"/>
    <xsl:variable name="written" select="normalize-space((($dateline//tei:date)[1], $date[normalize-space()])[1])"/>
    <xsl:variable name="normalised" select="tk:normalised-date($date)"/>
    <xsl:if test="$written or $normalised">
      <dt><xsl:value-of select="tk:label('about.date')"/></dt>
      <xsl:if test="$written"><dd><xsl:value-of select="tk:label-string('about.as-written', map{'date': $written})"/></dd></xsl:if>
      <xsl:if test="$normalised">
        <dd><xsl:sequence select="tk:label('about.normalised', map{'date':
            if ($date/@when) then tk:time($date/@when, $normalised) else $normalised})"/></dd>
      </xsl:if>
    </xsl:if>
  </xsl:template>

  <!-- A correspondent or place in the panel: the regularised name when the edition knows it. -->
  <xsl:template match="tei:persName | tei:orgName | tei:placeName | tei:name" mode="tk:metadata-value">
    <xsl:variable name="id" select="tk:local-ids(@ref)[1]"/>
    <xsl:variable name="href" select="if ($id) then tk:entry-href($id) else ''"/>
    <xsl:variable name="name" select="if ($id and tk:entry($id)) then tk:entry-name($id) else normalize-space(.)"/>
    <xsl:choose>
      <xsl:when test="$href"><a href="{$href}"><xsl:value-of select="$name"/></a></xsl:when>
      <xsl:otherwise><xsl:value-of select="$name"/></xsl:otherwise>
    </xsl:choose>
    <xsl:for-each select="../tei:placeName[current()/self::tei:persName or current()/self::tei:orgName][../@type = 'received']">
      <xsl:text> (</xsl:text>
      <xsl:apply-templates select="." mode="tk:metadata-value"/>
      <xsl:text>)</xsl:text>
    </xsl:for-each>
  </xsl:template>

  <!-- The source: the collection, the archival holdings, the publications. -->
  <xsl:template match="tei:sourceDesc" mode="tk:metadata">
    <xsl:variable name="sources" select=".//tei:listBibl[@type = 'sources']/tei:bibl"/>
    <xsl:call-template name="tk:field">
      <xsl:with-param name="label" select="tk:label('about.collection')"/>
      <xsl:with-param name="values" select="tei:bibl[@type = 'collection']"/>
    </xsl:call-template>
    <xsl:if test="$sources[@type = 'archival']">
      <dt><xsl:value-of select="tk:label('about.archival')"/></dt>
      <xsl:apply-templates select="$sources[@type = 'archival']" mode="tk:archival"/>
    </xsl:if>
    <xsl:call-template name="tk:field">
      <xsl:with-param name="label" select="tk:label('about.publication')"/>
      <xsl:with-param name="values" select="$sources[@type = 'publication']"/>
    </xsl:call-template>
    <xsl:call-template name="tk:field">
      <xsl:with-param name="label" select="tk:label('about.source')"/>
      <xsl:with-param name="values" select="* except (tei:bibl[@type = 'collection'], tei:listBibl[@type = 'sources'])"/>
    </xsl:call-template>
  </xsl:template>

  <xsl:template match="tei:bibl[@type = 'collection']" mode="tk:metadata-value">
    <xsl:apply-templates select="node() except tei:note[@type = 'inferred']"/>
  </xsl:template>

  <!-- "RGASPI, f. 5, op. 1, d. 2104, l. 7. Copy." as repository, its parts and the kind of copy. -->
  <xsl:template match="tei:bibl" mode="tk:archival">
    <xsl:variable name="repository" select="tei:orgName[@type = 'repository']"/>
    <xsl:variable name="folios" select="tei:citedRange[@unit = 'folio']"/>
    <xsl:variable name="parts" as="xs:string*" select="
        (for $kind in ('fond', 'opis', 'papka', 'delo')
         return tei:idno[@type = $kind]/tk:label-string('archival.' || $kind, map{'value': normalize-space(.)})),
        if ($folios) then tk:folios($folios) else ()"/>
    <dd class="archival">
      <xsl:if test="$repository">
        <xsl:apply-templates select="$repository" mode="tk:metadata-value"/>
        <xsl:if test="exists($parts)">, </xsl:if>
      </xsl:if>
      <xsl:value-of select="string-join($parts, ', ')"/>
      <xsl:if test="@subtype">
        <xsl:text>; </xsl:text>
        <span class="copy-kind"><xsl:value-of select="tk:copy-kind(@subtype)"/></span>
      </xsl:if>
      <span class="as-printed"><xsl:value-of select="tk:label('about.as-printed')"/><xsl:apply-templates/></span>
    </dd>
  </xsl:template>

  <!-- The compiler's "(Emphasis added)" points at emphasis the source text did not keep: say so. -->
  <xsl:template match="tei:note[@subtype = 'emphasis-not-reproduced']">
    <span class="note"><xsl:apply-templates/></span>
    <xsl:text> </xsl:text>
    <span class="editorial"><xsl:value-of select="tk:label('about.emphasis')"/></span>
  </xsl:template>

  <xsl:function name="tk:folios" as="xs:string">
    <xsl:param name="range" as="element()"/>
    <xsl:sequence select="
        if ($range/@from and $range/@to and $range/@from ne $range/@to)
        then tk:label-string('archival.folios', map{'from': string($range/@from), 'to': string($range/@to)})
        else tk:label-string('archival.folio', map{'value': string(($range/@from, $range/@to, normalize-space($range))[1])})"/>
  </xsl:function>

  <!-- Files that only describe letters (CMIF): a table of them. -->
  <xsl:template name="tk:letter-table">
    <xsl:param name="letters" as="element()*"/>
    <table class="letters">
      <caption><xsl:value-of select="tk:label-string('about.letters', map{'count': string(count($letters))})"/></caption>
      <thead><tr>
        <xsl:for-each select="('from', 'to', 'date', 'place')"><th scope="col"><xsl:value-of select="tk:label('about.' || .)"/></th></xsl:for-each>
      </tr></thead>
      <tbody>
        <xsl:for-each select="$letters">
          <xsl:variable name="sent" select="tei:correspAction[@type = 'sent']"/>
          <xsl:variable name="received" select="tei:correspAction[@type = 'received']"/>
          <tr>
            <td><xsl:value-of select="string-join($sent/(tei:persName | tei:orgName | tei:name)/normalize-space(), '; ')"/></td>
            <td><xsl:value-of select="string-join($received/(tei:persName | tei:orgName | tei:name)/normalize-space(), '; ')"/></td>
            <td><xsl:value-of select="string-join($sent/tei:date/(normalize-space()[.], tk:normalised-date(.))[1], '; ')"/></td>
            <td><xsl:value-of select="string-join($sent/tei:placeName/normalize-space(), '; ')"/></td>
          </tr>
        </xsl:for-each>
      </tbody>
    </table>
  </xsl:template>

</xsl:stylesheet>
