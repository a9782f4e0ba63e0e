<?xml version="1.0" encoding="UTF-8"?>
<!--
  The header module: the metadata panel of a document page. What the document says about itself
  (number, kind, correspondents, date, places, the parts of its archival references) is the
  record teikit computed ($record, root tk:record: docs/site.md); what the header transcribes (its
  author line, the references as printed) is rendered from the TEI. Every field is optional, so
  headers from other projects give what they have.
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
    <xsl:variable name="doc" select="tk:record(.)"/>
    <section class="metadata" aria-labelledby="{$heading-id}">
      <xsl:element name="h{$level}">
        <xsl:attribute name="id" select="$heading-id"/>
        <xsl:value-of select="tk:label('about.heading')"/>
      </xsl:element>
      <dl>
        <xsl:apply-templates select="$doc/tk:number, $doc/tk:kind" mode="tk:metadata"/>
        <xsl:choose>
          <xsl:when test="$doc/@shape = 'conversation'">
            <xsl:for-each select="$doc/tk:turn">
              <dt><xsl:value-of select="tk:label('about.turn')"/></dt>
              <dd><xsl:value-of select="tk:label-string('about.turn-of', map{'n': string(@n), 'total': string(last())})"/></dd>
              <xsl:apply-templates select="." mode="tk:metadata"/>
            </xsl:for-each>
          </xsl:when>
          <xsl:when test="not($doc/@shape)">
            <xsl:apply-templates select="$doc/tk:turn" mode="tk:metadata"/>
            <!-- no correspDesc: the date the edition read elsewhere (source description, dateline, title) -->
            <xsl:apply-templates select="$doc[not(tk:turn)]/tk:date[@source]" mode="tk:metadata"/>
          </xsl:when>
        </xsl:choose>
        <xsl:call-template name="tk:field">
          <xsl:with-param name="label" select="tk:label('about.author')"/>
          <xsl:with-param name="values" select="tei:fileDesc/tei:titleStmt/tei:author"/>
        </xsl:call-template>
        <xsl:apply-templates select="tei:fileDesc/tei:sourceDesc" mode="tk:metadata"/>
        <!-- what the editors say of the document as a whole (541: a probable silent abridgement) -->
        <xsl:call-template name="tk:field">
          <xsl:with-param name="label" select="tk:label('about.header-note')"/>
          <xsl:with-param name="values" select="tei:fileDesc/tei:notesStmt/tei:note"/>
        </xsl:call-template>
      </dl>
      <xsl:if test="$doc/@shape = 'letters'">
        <xsl:call-template name="tk:letter-table">
          <xsl:with-param name="letters" select="$doc/tk:turn"/>
        </xsl:call-template>
      </xsl:if>
      <xsl:call-template name="tk:other-forms"/>
    </section>
  </xsl:template>

  <!-- One line of the panel; values are TEI nodes rendered inline, record entries or strings. -->
  <xsl:template name="tk:field">
    <xsl:param name="label" as="xs:string"/>
    <xsl:param name="values" as="item()*"/>
    <xsl:if test="exists($values)">
      <dt><xsl:value-of select="$label"/></dt>
      <xsl:for-each select="$values">
        <dd>
          <!-- a correspondent or place of the record: marked, for styles and for machines -->
          <xsl:if test=". instance of element(tk:from) or . instance of element(tk:to) or . instance of element(tk:cc)">
            <xsl:attribute name="class">correspondent</xsl:attribute>
          </xsl:if>
          <xsl:if test=". instance of element(tk:place)"><xsl:attribute name="class">place</xsl:attribute></xsl:if>
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

  <xsl:template match="tk:number" mode="tk:metadata">
    <dt><xsl:value-of select="tk:label('about.number')"/></dt>
    <dd>
      <xsl:value-of select="@value"/>
      <xsl:if test="@inferred = 'true'">
        <xsl:text> </xsl:text>
        <span class="inferred"><xsl:value-of select="if (@why) then tk:label-string('about.inferred-why', map{'why': string(@why)}) else tk:label('about.inferred')"/></span>
      </xsl:if>
    </dd>
  </xsl:template>

  <xsl:template match="tk:kind" mode="tk:metadata">
    <dt><xsl:value-of select="tk:label('about.kind')"/></dt>
    <dd><xsl:value-of select="@label"/></dd>
  </xsl:template>

  <!-- One correspondence (a letter, or one turn of a conversation): from, to, copies, date, place, note. -->
  <xsl:template match="tk:turn" mode="tk:metadata">
    <xsl:call-template name="tk:field">
      <xsl:with-param name="label" select="tk:label('about.from')"/>
      <xsl:with-param name="values" select="tk:from"/>
    </xsl:call-template>
    <xsl:call-template name="tk:field">
      <xsl:with-param name="label" select="tk:label('about.to')"/>
      <xsl:with-param name="values" select="tk:to | tk:to-note"/>
    </xsl:call-template>
    <xsl:call-template name="tk:field">
      <xsl:with-param name="label" select="tk:label('about.cc')"/>
      <xsl:with-param name="values" select="tk:cc"/>
    </xsl:call-template>
    <xsl:apply-templates select="tk:date" mode="tk:metadata"/>
    <xsl:call-template name="tk:field">
      <xsl:with-param name="label" select="tk:label('about.place')"/>
      <xsl:with-param name="values" select="tk:place"/>
    </xsl:call-template>
    <xsl:call-template name="tk:field">
      <xsl:with-param name="label" select="tk:label('about.note')"/>
      <xsl:with-param name="values" select="tk:note"/>
    </xsl:call-template>
  </xsl:template>

  <!-- The date as the document writes it (its dateline) and in words, as every page of the site gives it. -->
  <xsl:template match="tk:date" mode="tk:metadata">
    <xsl:if test="@written or @words">
      <dt><xsl:value-of select="tk:label('about.date')"/></dt>
      <xsl:if test="@written"><dd><xsl:value-of select="tk:label-string('about.as-written', map{'date': string(@written)})"/></dd></xsl:if>
      <xsl:if test="@line-by"><dd class="line-by"><xsl:value-of select="@line-by"/></dd></xsl:if>
      <xsl:if test="@words">
        <dd><xsl:sequence select="tk:label('about.normalised', map{'date': if (@when) then tk:time(@when, @words) else string(@words)})"/></dd>
      </xsl:if>
      <xsl:if test="@source-label"><dd class="inferred"><xsl:value-of select="@source-label"/></dd></xsl:if>
    </xsl:if>
  </xsl:template>

  <!-- A correspondent or place: its name, linked where it leads (computed by teikit); an
       addressee with the place where it received the letter. -->
  <xsl:template match="tk:from | tk:to | tk:cc | tk:place | tk:repository" mode="tk:metadata-value">
    <xsl:choose>
      <xsl:when test="@href"><a href="{@href}"><xsl:value-of select="@name"/></a></xsl:when>
      <xsl:otherwise><xsl:value-of select="@name"/></xsl:otherwise>
    </xsl:choose>
    <xsl:for-each select="tk:place">
      <xsl:text> (</xsl:text>
      <span class="place"><xsl:apply-templates select="." mode="tk:metadata-value"/></span>
      <xsl:text>)</xsl:text>
    </xsl:for-each>
    <!-- a place the editors identified ("Rostov" as Rostov-on-Don, @cert): said to be theirs -->
    <xsl:if test="self::tk:place[@cert]">
      <xsl:text> </xsl:text>
      <span class="identified"><xsl:value-of select="tk:label-string('about.place-identified', map{'text': string(@text)})"/></span>
    </xsl:if>
  </xsl:template>

  <!-- The document's number in the collection as the record labels it: an inferred one in brackets. -->
  <xsl:template match="tei:bibl[@type = 'collection']/tei:biblScope[@unit = 'document']">
    <xsl:value-of select="(tk:record(.)/tk:number[@inferred = 'true']/@label, string(.))[1]"/>
  </xsl:template>

  <xsl:template match="tk:to-note | tk:note" mode="tk:metadata-value">
    <xsl:value-of select="."/>
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

  <!-- "RGASPI, fond 5, opis 1, delo 2104, folio 7; Copy": the record's repository, parts and kind
       of copy; then the reference as printed. -->
  <xsl:template match="tei:bibl" mode="tk:archival">
    <xsl:variable name="n" select="count(preceding-sibling::tei:bibl) + 1"/>
    <xsl:variable name="source" select="tk:record(.)/tk:source[@n = string($n)]"/>
    <dd class="archival">
      <xsl:if test="$source/tk:repository">
        <xsl:apply-templates select="$source/tk:repository" mode="tk:metadata-value"/>
        <xsl:if test="$source/@parts">, </xsl:if>
      </xsl:if>
      <xsl:value-of select="$source/@parts"/>
      <xsl:if test="$source/@copy-kind">
        <xsl:text>; </xsl:text>
        <span class="copy-kind"><xsl:value-of select="$source/@copy-kind"/></span>
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

  <!-- Files that only describe letters (CMIF): a table of them. -->
  <xsl:template name="tk:letter-table">
    <xsl:param name="letters" as="element(tk:turn)*"/>
    <table class="letters">
      <caption><xsl:value-of select="tk:label-string('about.letters', map{'count': string(count($letters))})"/></caption>
      <thead><tr>
        <xsl:for-each select="('from', 'to', 'date', 'place')"><th scope="col"><xsl:value-of select="tk:label('about.' || .)"/></th></xsl:for-each>
      </tr></thead>
      <tbody>
        <xsl:for-each select="$letters">
          <tr>
            <td><xsl:value-of select="string-join(tk:from/@name, '; ')"/></td>
            <td><xsl:value-of select="string-join((tk:to | tk:cc)/@name, '; ')"/></td>
            <td><xsl:value-of select="(tk:date/@text[normalize-space()], tk:date/@words)[1]"/></td>
            <td><xsl:value-of select="string-join(tk:place/@name, '; ')"/></td>
          </tr>
        </xsl:for-each>
      </tbody>
    </table>
  </xsl:template>

</xsl:stylesheet>
