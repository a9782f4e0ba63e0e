<?xml version="1.0" encoding="UTF-8"?>
<!--
  The book: edition.typ from the print summary teikit makes of the edition (root tk:print-edition):

  <tk:print-edition title="…" lang="en" date="2026-12-01" date-words="1 December 2026" publisher="…"
      licence="URI" licence-name="…" version="…" base-url="…" paper="a4" size="10.5">
    <tk:editor>…</tk:editor>                       the editors (teikit.toml)
    <tk:description><TEI>…</TEI></tk:description>  edition.xml, if the edition has one
    <tk:document path="documents/533.typ"/>        the documents, in the order of the edition
    <tk:register kind="person" title="Persons">    the entries of each register, in its order
      <tk:entry id="…" name="…" life="…" note="…"/>
    </tk:register>
  </tk:print-edition>

  The parts of the book: title page; imprint (who made the edition, rights and source as
  edition.xml states them); contents; introduction and editorial principles (edition.xml); the
  signs and notes of this print; the documents; the registers.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:tk="urn:teikit"
    exclude-result-prefixes="xs tei tk">

  <xsl:template match="tk:print-edition" mode="tk:print-root">
    <xsl:variable name="description" select="tk:description/tei:TEI"/>
    <xsl:variable name="header" select="$description/tei:teiHeader"/>
    <xsl:value-of select="concat('#import ', tk:typ-arg($template), ': *&#10;')"/>
    <xsl:value-of select="concat('#show: edition.with(title: ', tk:typ-arg(@title),
        ', authors: (', string-join(tk:editor ! concat(tk:typ-arg(.), ', ')), ')',
        ', keywords: ', '(&quot;TEI&quot;, &quot;scholarly edition&quot;)',
        if (@date castable as xs:date) then concat(', date: datetime(year: ', year-from-date(xs:date(@date)),
            ', month: ', month-from-date(xs:date(@date)), ', day: ', day-from-date(xs:date(@date)), ')') else '',
        ', lang: ', tk:typ-arg(@lang), ', paper: ', tk:typ-arg(@paper), ', size: ', @size, 'pt)&#10;&#10;')"/>
    <xsl:choose>
      <xsl:when test="@single = 'true'">
        <xsl:value-of select="string-join(tk:document ! concat('#include ', tk:typ-arg(@path), '&#10;'))"/>
      </xsl:when>
      <xsl:otherwise><xsl:apply-templates select="." mode="tk:book"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="tk:print-edition" mode="tk:book">
    <xsl:variable name="description" select="tk:description/tei:TEI"/>
    <xsl:variable name="header" select="$description/tei:teiHeader"/>
    <xsl:call-template name="tk:title-page">
      <xsl:with-param name="header" select="$header"/>
    </xsl:call-template>
    <xsl:call-template name="tk:imprint">
      <xsl:with-param name="header" select="$header"/>
    </xsl:call-template>
    <xsl:value-of select="concat('#contents(title: ', tk:typ-content(tk:word('contents')), ')&#10;&#10;')"/>
    <xsl:apply-templates select="$description/tei:text/tei:body" mode="tk:front"/>
    <xsl:call-template name="tk:principles">
      <xsl:with-param name="header" select="$header"/>
    </xsl:call-template>
    <xsl:if test="tk:document">
      <xsl:value-of select="concat('#part(', tk:typ-content(tk:word('site.documents')), ')&#10;&#10;')"/>
      <xsl:value-of select="string-join(tk:document ! concat('#include ', tk:typ-arg(@path), '&#10;'))"/>
    </xsl:if>
    <xsl:if test="tk:register/tk:entry">
      <xsl:value-of select="concat('&#10;#part(', tk:typ-content(tk:word('registers')), ')&#10;&#10;')"/>
      <xsl:apply-templates select="tk:register[tk:entry]" mode="tk:register"/>
    </xsl:if>
  </xsl:template>

  <!-- ==== title page and imprint ================================================================ -->

  <xsl:template name="tk:title-page">
    <xsl:param name="header" as="element()?"/>
    <xsl:variable name="subtitle" select="$header/tei:fileDesc/tei:titleStmt/tei:title[@type = 'sub']"/>
    <xsl:value-of select="concat('#title-page(title: ', tk:typ-content(@title),
        if ($subtitle) then concat(', subtitle: [', normalize-space(tk:inline($subtitle[1])), ']') else '',
        if (tk:editor) then concat(', editors: ', tk:typ-content(tk:word('edited-by', map{'editors': tk:and(tk:editor ! string())}))) else '',
        if (@publisher != '') then concat(', publisher: ', tk:typ-content(@publisher)) else '',
        if (@date-words != '') then concat(', date: ', tk:typ-content(@date-words)) else '',
        ')&#10;&#10;')"/>
  </xsl:template>

  <!-- "A", "A and B", "A, B and C". -->
  <xsl:function name="tk:and" as="xs:string">
    <xsl:param name="names" as="xs:string*"/>
    <xsl:sequence select="if (count($names) le 1) then string($names)
        else tk:word('and', map{'names': string-join($names[position() lt last()], ', '), 'last': $names[last()]})"/>
  </xsl:function>

  <xsl:template name="tk:imprint">
    <xsl:param name="header" as="element()?"/>
    <xsl:variable name="items" as="xs:string*">
      <xsl:for-each select="$header/tei:fileDesc/tei:titleStmt/tei:respStmt">
        <xsl:sequence select="tk:imprint-item(tk:typ(concat(upper-case(substring(normalize-space(tei:resp), 1, 1)),
            substring(normalize-space(tei:resp), 2))), string-join((* except tei:resp) ! normalize-space(tk:inline(.)), tk:typ('; ')))"/>
      </xsl:for-each>
      <!-- Without edition.xml's statements of responsibility: the editors teikit.toml names. -->
      <xsl:if test="empty($header/tei:fileDesc/tei:titleStmt/tei:respStmt) and tk:editor">
        <xsl:sequence select="tk:imprint-item(tk:typ(tk:word('editors')), tk:typ(tk:and(tk:editor ! string())))"/>
      </xsl:if>
      <xsl:variable name="availability" select="$header/tei:fileDesc/tei:publicationStmt/tei:availability"/>
      <xsl:choose>
        <xsl:when test="$availability/*">
          <xsl:sequence select="tk:imprint-item(tk:typ(tk:word('rights')), string-join($availability/* ! concat(
              normalize-space(tk:inline(.)), if (self::tei:licence/@target) then concat(' ', tk:typ(concat('(', @target, ')'))) else ''), ' \&#10;'))"/>
        </xsl:when>
        <xsl:when test="@licence != ''">
          <!-- Its name and address ("CC BY 4.0 (https://…)"), the address alone when teikit knows no name for it. -->
          <xsl:sequence select="tk:imprint-item(tk:typ(tk:word('licence')), tk:typ(
              if (@licence-name != '' and @licence-name != @licence) then concat(@licence-name, ' (', @licence, ')') else @licence))"/>
        </xsl:when>
      </xsl:choose>
      <xsl:for-each select="$header/tei:fileDesc/tei:sourceDesc/(tei:bibl | tei:biblStruct | tei:p)">
        <xsl:sequence select="tk:imprint-item(tk:typ(tk:word('source')), normalize-space(tk:inline(.)))"/>
      </xsl:for-each>
      <xsl:if test="@base-url != ''">
        <xsl:sequence select="tk:imprint-item(tk:typ(tk:word('address')), tk:typ(@base-url))"/>
      </xsl:if>
      <xsl:sequence select="tk:imprint-item(tk:typ(tk:word('made')), tk:typ(tk:word('made-text',
          map{'version': string(@version), 'date': string(@date-words)})))"/>
    </xsl:variable>
    <xsl:value-of select="concat('#imprint[&#10;', string-join($items, '&#10;'), '&#10;]&#10;&#10;')"/>
  </xsl:template>

  <xsl:function name="tk:imprint-item" as="xs:string">
    <xsl:param name="label" as="xs:string"/>
    <xsl:param name="value" as="xs:string"/>
    <xsl:sequence select="concat('#imprint-item([', $label, '], [', $value, '])')"/>
  </xsl:function>

  <!-- ==== front matter: the body of edition.xml, the editorial principles, the signs ============= -->

  <xsl:template match="tei:body" mode="tk:front">
    <xsl:for-each select="*">
      <xsl:choose>
        <xsl:when test="self::tei:div">
          <xsl:value-of select="concat('#part(', tk:typ-content((tei:head, tk:word('site.introduction'))[1]), ')&#10;&#10;')"/>
          <xsl:apply-templates select="* except tei:head[1]"/>
        </xsl:when>
        <xsl:otherwise><xsl:apply-templates select="."/></xsl:otherwise>
      </xsl:choose>
    </xsl:for-each>
  </xsl:template>

  <xsl:template name="tk:principles">
    <xsl:param name="header" as="element()?"/>
    <xsl:variable name="principles" select="$header/tei:encodingDesc/(tei:projectDesc | tei:editorialDecl)"/>
    <xsl:value-of select="concat('#part(', tk:typ-content(tk:word(if ($principles) then 'principles' else 'signs')), ')&#10;&#10;')"/>
    <xsl:apply-templates select="$principles/*"/>
    <xsl:if test="$principles">
      <xsl:value-of select="concat('#section(', tk:typ-content(tk:word('signs')), ')&#10;&#10;')"/>
    </xsl:if>
    <xsl:variable name="signs" select="(['[ ]', 'sign-supplied'], ['[…]', 'sign-gap'], ['|2|', 'sign-page'],
        ['1 2 3', 'sign-notes'], ['a b c', 'sign-apparatus'])"/>
    <xsl:value-of select="concat('#signs((', string-join($signs ! concat('(', tk:typ-content(?1), ', ', tk:typ-content(tk:word(?2)), ')'), ', '),
        '))&#10;&#10;')"/>
  </xsl:template>

  <!-- What edition.xml marks up in its prose. -->
  <xsl:template match="tei:gi">
    <xsl:value-of select="concat('#raw(', tk:typ-arg(concat('&lt;', ., '&gt;')), ')')"/>
  </xsl:template>

  <xsl:template match="tei:att">
    <xsl:value-of select="concat('#raw(', tk:typ-arg(concat('@', .)), ')')"/>
  </xsl:template>

  <xsl:template match="tei:ident | tei:val | tei:code">
    <xsl:value-of select="concat('#raw(', tk:typ-arg(normalize-space(.)), ')')"/>
  </xsl:template>

  <xsl:template match="tei:q">
    <xsl:value-of select="tk:typ('“')"/>
    <xsl:apply-templates/>
    <xsl:value-of select="tk:typ('”')"/>
  </xsl:template>

  <!-- ==== registers ================================================================================ -->

  <xsl:template match="tk:register" mode="tk:register">
    <xsl:value-of select="concat('#register(', tk:typ-content((@title, tk:word(concat(@kind, 's')))[1]), ', (&#10;')"/>
    <xsl:for-each select="tk:entry">
      <xsl:value-of select="concat('  (id: ', tk:typ-arg(@id), ', name: ', tk:typ-content(@name),
          if (@life != '') then concat(', life: ', tk:typ-arg(@life)) else '',
          if (@note != '') then concat(', note: ', tk:typ-content(@note)) else '', '),&#10;')"/>
    </xsl:for-each>
    <xsl:text>))&#10;&#10;</xsl:text>
  </xsl:template>

</xsl:stylesheet>
