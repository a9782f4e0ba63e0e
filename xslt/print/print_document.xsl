<?xml version="1.0" encoding="UTF-8"?>
<!--
  One document of the print edition: it starts a page, with its heading (number and title, as
  the contents, the bookmarks and the running heads give it), the edition's description of it
  (kind, correspondents, date, place, archival references: the `record` teikit made), its text,
  and the references printed with it.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:tk="urn:teikit"
    exclude-result-prefixes="xs tei tk">

  <xsl:template match="tei:TEI" mode="tk:print-root">
    <xsl:value-of select="concat('#import ', tk:typ-arg($template), ': *&#10;')"/>
    <xsl:apply-templates select="." mode="tk:print-document"/>
  </xsl:template>

  <!-- A corpus in one file: each of its documents in turn. -->
  <xsl:template match="tei:teiCorpus" mode="tk:print-root">
    <xsl:value-of select="concat('#import ', tk:typ-arg($template), ': *&#10;')"/>
    <xsl:apply-templates select=".//tei:TEI" mode="tk:print-document"/>
  </xsl:template>

  <!-- Any other root: its text, as one document. -->
  <xsl:template match="*" mode="tk:print-root">
    <xsl:value-of select="concat('#import ', tk:typ-arg($template), ': *&#10;#doc(id: ', tk:typ-arg(generate-id()),
        ', heading-text: ', tk:typ-content(local-name()), ', running: ', tk:typ-content(local-name()), ')[&#10;')"/>
    <xsl:apply-templates select="."/>
    <xsl:text>]&#10;</xsl:text>
  </xsl:template>

  <xsl:template match="tei:TEI" mode="tk:print-document">
    <xsl:variable name="record" select="tk:record(.)"/>
    <xsl:variable name="label" select="($record/tk:title/@page[normalize-space()], tk:main-title(.))[1]"/>
    <xsl:variable name="lang" select="(@xml:lang)[matches(., '^[a-zA-Z]{2,3}(-.*)?$')][1]"/>
    <xsl:value-of select="concat('#doc(id: ', tk:typ-arg(($record/@id, @xml:id, generate-id())[1]),
        ', heading-text: ', tk:typ-content($label),
        ', running: ', tk:typ-content(tk:running-head($label)),
        if ($lang) then concat(', lang: ', tk:typ-arg(lower-case(substring-before(concat($lang, '-'), '-')))) else '',
        if (@xml:id) then concat(', tei-id: ', tk:typ-arg(@xml:id)) else '',
        ')[&#10;')"/>
    <xsl:apply-templates select="$record" mode="tk:print-metadata">
      <xsl:with-param name="header" select="tei:teiHeader"/>
    </xsl:apply-templates>
    <xsl:apply-templates select="tei:text"/>
    <xsl:variable name="sources" select="tei:teiHeader/tei:fileDesc/tei:sourceDesc//tei:listBibl[@type = 'sources']/tei:bibl"/>
    <xsl:if test="$sources">
      <xsl:value-of select="concat('#sources[', string-join($sources ! normalize-space(tk:source-words(.)), ' \&#10;'), ']&#10;')"/>
    </xsl:if>
    <xsl:text>]&#10;</xsl:text>
  </xsl:template>

  <!-- A running head fits one line: a long title is cut at a word, with an ellipsis. -->
  <xsl:function name="tk:running-head" as="xs:string">
    <xsl:param name="label" as="xs:string"/>
    <xsl:variable name="words" select="normalize-space($label)"/>
    <xsl:sequence select="if (string-length($words) le 80) then $words
        else concat(replace(substring($words, 1, 78), '\s+\S*$', ''), ' …')"/>
  </xsl:function>

  <!-- The printed references: names become links, the compiler's remark on emphasis is explained. -->
  <xsl:function name="tk:source-words" as="xs:string">
    <xsl:param name="bibl" as="element()"/>
    <xsl:variable name="words"><xsl:apply-templates select="$bibl/node()" mode="tk:source"/></xsl:variable>
    <xsl:sequence select="string($words)"/>
  </xsl:function>

  <xsl:template match="node()" mode="tk:source">
    <xsl:apply-templates select="."/>
  </xsl:template>

  <xsl:template match="tei:note[@subtype = 'emphasis-not-reproduced']" mode="tk:source">
    <xsl:apply-templates/>
    <xsl:value-of select="concat(' #emph[', tk:typ(tk:word('about.emphasis')), ']')"/>
  </xsl:template>

  <!-- ==== the edition's description of the document: its record ================================== -->

  <xsl:template match="tk:record" mode="tk:print-metadata">
    <xsl:param name="header" as="element()?" select="()"/>
    <xsl:variable name="rows" as="xs:string*">
      <xsl:if test="tk:kind/@label[normalize-space()]"><xsl:sequence select="tk:row('about.kind', tk:typ(tk:kind/@label))"/></xsl:if>
      <xsl:for-each select="tk:number[@inferred = 'true']">
        <xsl:sequence select="tk:row('about.number', tk:typ(concat(@label, ' ',
            if (normalize-space(@why)) then tk:word('about.inferred-why', map{'why': string(@why)}) else tk:word('about.inferred'))))"/>
      </xsl:for-each>
      <xsl:variable name="turns" select="tk:turn"/>
      <xsl:for-each select="$turns">
        <xsl:if test="count($turns) gt 1">
          <xsl:sequence select="concat('([], ', tk:typ-content(tk:word('turn', map{'n': string(@n), 'total': string(count($turns))})), ')')"/>
        </xsl:if>
        <xsl:for-each-group select="tk:from | tk:to | tk:cc" group-adjacent="local-name()">
          <xsl:sequence select="tk:row(concat('about.', local-name()), string-join(current-group() ! tk:record-name(.), tk:typ('; ')))"/>
        </xsl:for-each-group>
        <!-- the date in words, and whose date line it is where the text's date line is attributed (a compiler's dating) -->
        <xsl:if test="tk:date/@words[normalize-space()]">
          <xsl:sequence select="tk:row('about.date', tk:typ(string-join((tk:date/@words, tk:date/@line-by ! concat('(', ., ')')), ' ')))"/>
        </xsl:if>
        <xsl:if test="tk:place">
          <!-- a place the editors identified ("Rostov" as Rostov-on-Don) says so, as on the site -->
          <xsl:sequence select="tk:row('about.place', string-join(tk:place ! concat(tk:record-name(.),
              if (@cert) then concat(' ', tk:typ(tk:word('about.place-identified', map{'text': string(@text)}))) else ''), tk:typ('; ')))"/>
        </xsl:if>
      </xsl:for-each>
      <xsl:for-each select="tk:source[@type = 'archival']">
        <xsl:sequence select="tk:row('archival', string-join((tk:repository ! tk:record-name(.),
            tk:typ(string-join((@parts[normalize-space()], @copy-kind[normalize-space()]), '; '))[normalize-space(current()/@parts) or normalize-space(current()/@copy-kind)]),
            tk:typ(', ')))"/>
      </xsl:for-each>
      <xsl:for-each select="tk:source[@type = 'publication']">
        <xsl:variable name="n" select="xs:integer(@n)"/>
        <xsl:variable name="bibl" select="($header/tei:fileDesc/tei:sourceDesc//tei:listBibl[@type = 'sources']/tei:bibl)[$n]"/>
        <xsl:if test="$bibl"><xsl:sequence select="tk:row('publication', tk:typ(normalize-space(string-join($bibl//text()[not(ancestor::tei:note)], ''))))"/></xsl:if>
      </xsl:for-each>
      <!-- Without the edition's structured references: the manuscript and the printings the header names. -->
      <xsl:if test="not(tk:source)">
        <xsl:sequence select="$header/tei:fileDesc/tei:sourceDesc//tei:msIdentifier ! tk:row('archival', tk:typ(
            string-join((tei:settlement, tei:institution, tei:repository, tei:collection, tei:idno)[normalize-space()] ! normalize-space(), ', '))),
            $header/tei:fileDesc/tei:sourceDesc/tei:bibl[not(@type = 'collection')][normalize-space()] ! tk:row('publication', tk:typ(normalize-space(.)))"/>
      </xsl:if>
    </xsl:variable>
    <xsl:if test="exists($rows)">
      <xsl:value-of select="concat('#metadata-block((&#10;', string-join($rows ! concat('  ', ., ',&#10;')), '))&#10;')"/>
    </xsl:if>
  </xsl:template>

  <xsl:function name="tk:row" as="xs:string">
    <xsl:param name="key" as="xs:string"/>
    <xsl:param name="value" as="xs:string"/>
    <xsl:sequence select="concat('(', tk:typ-content(tk:word($key)), ', [', $value, '])')"/>
  </xsl:function>

  <!-- A correspondent, place or archive of the record: linked to the register where the site lists it
       (a person, place or organisation of the edition's authority files). -->
  <xsl:function name="tk:record-name" as="xs:string">
    <xsl:param name="name" as="element()"/>
    <xsl:variable name="words" select="tk:typ(($name/@name[normalize-space()], $name/@text)[1])"/>
    <xsl:sequence select="if (tk:in-register($name/@kind, $name/@href) and $name/@ref[normalize-space()])
        then concat('#name(', tk:typ-arg($name/@ref), ')[', $words, ']') else $words"/>
  </xsl:function>

  <!-- An entry the registers of the book list: of their kinds, with a page of the site's registers. -->
  <xsl:function name="tk:in-register" as="xs:boolean">
    <xsl:param name="kind" as="xs:string?"/>
    <xsl:param name="href" as="xs:string?"/>
    <xsl:sequence select="$kind = ('person', 'place', 'org') and normalize-space($href) and not(tk:web-link($href))"/>
  </xsl:function>

</xsl:stylesheet>
