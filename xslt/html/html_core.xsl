<?xml version="1.0" encoding="UTF-8"?>
<!--
  The core module: the text of a document as a reader reads it. Paragraphs, headings, openers
  and closers, notes, gaps, supplied text, highlighting, lists, verse, quotations, links, and
  the places where the source offers more than one reading.

  Every word is whole and every reading apart:
  - The reading text (toolkit/reading.py says what it is) is the page's text. Whatever the
    page adds to it (note and apparatus markers, page numbers, deletions, the other reading of
    a choice, marks of the editor) carries data-pagefind-ignore: the search index, the tests
    and, with the CSS, a reader's copy leave it out.
  - A break inside a word (lb break="no") leaves no space and no <br> in it; the view of the
    source (a checkbox, CSS only) marks it with a hyphen.
  - A choice shows its corr, reg or expan; the sic, orig or abbr is in the view of the source.
    An app shows its lemma, its readings are in the apparatus after the notes, like a
    correction and an open variant (mod type="variant").
  - The HTML is valid whatever a paragraph holds: a block inside phrasing (a table, a list,
    a quoted letter inside a p) is rendered with spans that look like blocks (tk:in-flow).
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:tk="urn:teikit"
    xmlns:map="http://www.w3.org/2005/xpath-functions/map"
    exclude-result-prefixes="xs tei tk map">

  <!-- A block: its HTML element where its parent holds flow content; a div when it holds
       blocks itself; else (inside phrasing) a span that looks like a block, with a space at
       either end so that no reader (and no search index) runs its words into the next. -->
  <xsl:template name="tk:block">
    <xsl:param name="tag" as="xs:string" select="'p'"/>
    <xsl:param name="class" as="xs:string" select="local-name()"/>
    <xsl:choose>
      <xsl:when test="tk:in-flow(.)">
        <xsl:element name="{if (tk:holds-blocks(.)) then 'div' else $tag}">
          <xsl:attribute name="class" select="$class"/>
          <xsl:apply-templates/>
        </xsl:element>
      </xsl:when>
      <xsl:otherwise>
        <xsl:call-template name="tk:phrasing-block">
          <xsl:with-param name="class" select="$class"/>
        </xsl:call-template>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template name="tk:phrasing-block">
    <xsl:param name="class" as="xs:string"/>
    <xsl:param name="role" as="xs:string?" select="()"/>
    <xsl:param name="content" as="node()*">
      <xsl:apply-templates/>
    </xsl:param>
    <xsl:text> </xsl:text>
    <span class="{$class} block">
      <xsl:if test="$role"><xsl:attribute name="role" select="$role"/></xsl:if>
      <xsl:sequence select="$content"/>
    </span>
    <xsl:text> </xsl:text>
  </xsl:template>

  <xsl:template match="tei:*">
    <xsl:choose>
      <xsl:when test="tk:apart(.) and not(tk:is-inline(.))">
        <xsl:call-template name="tk:block">
          <xsl:with-param name="class" select="concat('tei-', local-name())"/>
        </xsl:call-template>
      </xsl:when>
      <xsl:otherwise>
        <span class="tei-{local-name()}"><xsl:apply-templates/></span>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- A phrase standing alone among blocks (a telegram number in an opener) is a paragraph. -->
  <xsl:template match="tei:*[tk:is-inline(.)][not(self::tei:quote and tk:in-flow(.))][not(self::tei:lb or self::tei:cb
      or self::tei:anchor or self::tei:index or self::tei:milestone or self::tei:handShift)]
      [parent::*[tk:is-container(.)]]" priority="5">
    <xsl:choose>
      <xsl:when test="tk:in-flow(.)"><p class="standalone"><xsl:next-match/></p></xsl:when>
      <xsl:otherwise>
        <xsl:call-template name="tk:phrasing-block">
          <xsl:with-param name="class" select="'standalone'"/>
          <xsl:with-param name="content"><xsl:next-match/></xsl:with-param>
        </xsl:call-template>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="tei:teiHeader"/>

  <xsl:template match="tei:text | tei:front | tei:body | tei:back | tei:group">
    <xsl:apply-templates/>
  </xsl:template>

  <!-- The document's text: with the switch to the view of the source where it differs from
       the reading text (line breaks inside words, abbreviations, corrections, spellings). -->
  <xsl:template match="tei:TEI/tei:text" priority="2">
    <xsl:if test=".//(tei:lb[@break = 'no'] | tei:pb[@break = 'no'] | tei:choice[tk:is-alternation(.)] | tei:ex)">
      <xsl:variable name="id" select="tk:id('source-view', .)"/>
      <input type="checkbox" class="view-toggle" id="{$id}"/>
      <label class="view-label" for="{$id}" data-pagefind-ignore=""><xsl:value-of select="tk:label('text.source-view')"/></label>
    </xsl:if>
    <xsl:next-match/>
  </xsl:template>

  <!-- A division with a heading is a section; one without (an opener, a writing session) a div:
       a section needs a heading. -->
  <xsl:template match="tei:div | tei:div1 | tei:div2 | tei:div3 | tei:div4 | tei:div5 | tei:div6 | tei:div7">
    <xsl:variable name="class" select="concat('div', @type ! concat(' div-', .))"/>
    <xsl:choose>
      <xsl:when test="tk:in-flow(.)">
        <xsl:element name="{if (tei:head) then 'section' else 'div'}">
          <xsl:attribute name="class" select="$class"/>
          <xsl:apply-templates/>
        </xsl:element>
      </xsl:when>
      <xsl:otherwise>
        <xsl:call-template name="tk:phrasing-block">
          <xsl:with-param name="class" select="$class"/>
        </xsl:call-template>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="tei:head[parent::tei:div | parent::tei:div1 | parent::tei:div2 | parent::tei:div3
      | parent::tei:div4 | parent::tei:div5 | parent::tei:div6 | parent::tei:div7 | parent::tei:body
      | parent::tei:front | parent::tei:back | parent::tei:group][tk:in-flow(.)][not(tk:holds-blocks(.))]">
    <xsl:param name="level" as="xs:integer" select="1" tunnel="yes"/>
    <xsl:variable name="depth" select="count(ancestor::*[starts-with(local-name(), 'div')]) + $level + 1"/>
    <xsl:element name="h{min(($depth, 6))}">
      <xsl:apply-templates/>
    </xsl:element>
  </xsl:template>

  <!-- The document's leading headings are already shown in the page header. -->
  <xsl:template match="tei:body/tei:head" priority="2">
    <xsl:param name="shown-above" as="element()*" select="()" tunnel="yes"/>
    <xsl:if test="not(. intersect $shown-above)">
      <xsl:next-match/>
    </xsl:if>
  </xsl:template>

  <xsl:template match="tei:head">
    <xsl:call-template name="tk:block">
      <xsl:with-param name="class" select="'head'"/>
    </xsl:call-template>
  </xsl:template>

  <xsl:template match="tei:p | tei:ab | tei:dateline | tei:salute | tei:signed | tei:byline
      | tei:docAuthor | tei:trailer | tei:postscript | tei:speaker | tei:stage | tei:opener | tei:closer">
    <xsl:call-template name="tk:block"/>
  </xsl:template>

  <xsl:template match="tei:quote[tk:in-flow(.)]">
    <blockquote><xsl:apply-templates/></blockquote>
  </xsl:template>

  <xsl:template match="tei:q | tei:said | tei:quote">
    <q><xsl:apply-templates/></q>
  </xsl:template>

  <!-- Verse and lists. -->
  <xsl:template match="tei:lg">
    <xsl:call-template name="tk:block">
      <xsl:with-param name="tag" select="'div'"/>
    </xsl:call-template>
  </xsl:template>

  <xsl:template match="tei:l">
    <xsl:call-template name="tk:block">
      <xsl:with-param name="tag" select="'div'"/>
    </xsl:call-template>
  </xsl:template>

  <xsl:template match="tei:list[tk:is-container(.)]">
    <xsl:choose>
      <xsl:when test="tk:in-flow(.)">
        <div class="list">
          <xsl:apply-templates select="tei:head"/>
          <xsl:element name="{if (tk:is-numbered(.)) then 'ol' else 'ul'}">
            <xsl:for-each select="* except tei:head">
              <li class="{local-name()}"><xsl:apply-templates/></li>
            </xsl:for-each>
          </xsl:element>
        </div>
      </xsl:when>
      <xsl:otherwise>
        <xsl:call-template name="tk:phrasing-block">
          <xsl:with-param name="class" select="'list'"/>
          <xsl:with-param name="content">
            <xsl:apply-templates select="tei:head"/>
            <span class="items" role="list">
              <xsl:for-each select="* except tei:head">
                <span class="{local-name()} block" role="listitem"><xsl:apply-templates/></span>
                <xsl:text> </xsl:text>
              </xsl:for-each>
            </span>
          </xsl:with-param>
        </xsl:call-template>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:function name="tk:is-numbered" as="xs:boolean">
    <xsl:param name="list" as="element()"/>
    <xsl:sequence select="$list/@type = ('ordered', 'numbered') or contains($list/@rend, 'numbered')"/>
  </xsl:function>

  <!-- ==== Editorial phenomena ==== -->

  <xsl:template match="tei:gap">
    <xsl:variable name="description" select="tk:gap-description(.)"/>
    <xsl:variable name="apart" select="tk:gap-apart(.)"/>
    <xsl:if test="$apart"><xsl:text> </xsl:text></xsl:if>
    <span class="gap" title="{$description}" data-pagefind-ignore="">
      <span aria-hidden="true"><xsl:value-of select="tk:gap-mark(.)"/></span>
      <span class="visually-hidden">[<xsl:value-of select="$description"/>]</span>
    </span>
    <xsl:if test="$apart"><xsl:text> </xsl:text></xsl:if>
  </xsl:template>

  <!-- An empty stretch of the page is a space between words. -->
  <xsl:template match="tei:space">
    <span class="space" title="{tk:label('text.space')}"><xsl:text> </xsl:text></span>
  </xsl:template>

  <xsl:template match="tei:unclear">
    <span class="unclear" title="{tk:label('text.unclear')}"><xsl:apply-templates/></span>
  </xsl:template>

  <!-- The brackets are the editor's, not words: the search and a reader's copy read "ergänzt". -->
  <xsl:template match="tei:supplied">
    <span class="supplied" title="{tk:supplied-description(.)}">
      <span class="mark" aria-hidden="true" data-pagefind-ignore="">[</span>
      <xsl:apply-templates/>
      <span class="mark" aria-hidden="true" data-pagefind-ignore="">]</span>
    </span>
  </xsl:template>

  <!-- A choice: the reading in the text, the other in the view of the source (and on hover). -->
  <xsl:template match="tei:choice[tk:is-alternation(.)]">
    <xsl:variable name="read" select="tk:preferred(.)"/>
    <xsl:variable name="others" select="tk:other-readings(.)"/>
    <span class="choice" title="{string-join($others ! normalize-space(), ' | ')}">
      <span class="{local-name($read)} preferred"><xsl:apply-templates select="$read/node()"/></span>
      <xsl:for-each select="$others">
        <span class="{local-name()} alternative" hidden="" data-pagefind-ignore=""><xsl:apply-templates/></span>
      </xsl:for-each>
    </span>
    <xsl:if test="tk:in-apparatus(.)"><xsl:call-template name="tk:appref"/></xsl:if>
  </xsl:template>

  <!-- An app shows its lemma; an open variant its first reading. The others are in the apparatus. -->
  <xsl:template match="tei:app[tk:is-alternation(.)] | tei:mod[tk:is-alternation(.)]">
    <xsl:variable name="read" select="tk:read-reading(.)"/>
    <span class="{local-name()}">
      <xsl:apply-templates select="if (self::tei:app) then $read/node() else $read"/>
    </span>
    <xsl:if test="tk:in-apparatus(.)"><xsl:call-template name="tk:appref"/></xsl:if>
  </xsl:template>

  <!-- A deletion is shown struck through and never runs into the next word: when nothing
       separates them in the source, a space inside <del> does (the reading text, without the
       deletions, is unchanged). -->
  <xsl:template match="tei:del">
    <xsl:variable name="next" select="following-sibling::node()[1]"/>
    <del data-pagefind-ignore="">
      <xsl:apply-templates/>
      <xsl:if test="$next and not(starts-with(string($next), ' ') or matches(string($next), '^\s'))
          and not(matches(string(.), '\s$'))"><xsl:text> </xsl:text></xsl:if>
    </del>
  </xsl:template>

  <xsl:template match="tei:add">
    <ins class="add">
      <xsl:variable name="where" select="tk:add-place(@place)"/>
      <xsl:if test="$where"><xsl:attribute name="title" select="$where"/></xsl:if>
      <xsl:apply-templates/>
    </ins>
  </xsl:template>

  <xsl:template match="tei:ex">
    <span class="ex"><xsl:apply-templates/></span>
  </xsl:template>

  <!-- Marks of the source about its reading (an insertion sign), forme work: shown, not read. -->
  <xsl:template match="tei:metamark | tei:fw">
    <span class="{local-name()}" data-pagefind-ignore=""><xsl:apply-templates/></span>
  </xsl:template>

  <!-- Line breaks of the source: a new line on the page, a space between words in the text.
       break="no" splits a word, which stays whole: no <br>, no space; the view of the
       source shows the break with a hyphen (CSS). -->
  <xsl:template match="tei:lb"><br/><xsl:text>&#10;</xsl:text></xsl:template>
  <xsl:template match="tei:lb[@break = 'no']">
    <span class="lb-no" aria-hidden="true" data-pagefind-ignore=""></span>
  </xsl:template>
  <!-- A page break: its number in the margin of the text, between words unless break="no". -->
  <xsl:template match="tei:pb">
    <xsl:if test="not(@break = 'no')"><xsl:text> </xsl:text></xsl:if>
    <span class="pb" title="{tk:label-string('text.page', map{'n': string((@n, '')[1])})}" data-pagefind-ignore="">
      <xsl:if test="@n"><xsl:text>|</xsl:text><xsl:value-of select="@n"/><xsl:text>|</xsl:text></xsl:if>
    </span>
    <xsl:if test="not(@break = 'no')"><xsl:text> </xsl:text></xsl:if>
  </xsl:template>
  <xsl:template match="tei:cb | tei:milestone | tei:index"/>
  <xsl:template match="tei:cb[not(@break = 'no')]"><xsl:text> </xsl:text></xsl:template>
  <xsl:template match="tei:handShift">
    <span class="handshift" title="{if (@new) then tk:label-string('text.hand-new', map{'hand': string(@new)}) else tk:label('text.hand')}"></span>
  </xsl:template>
  <!-- Elements that hold no words of the source. -->
  <xsl:template match="tei:interp | tei:interpGrp | tei:link | tei:linkGrp | tei:join | tei:joinGrp
      | tei:alt | tei:altGrp | tei:certainty | tei:precision | tei:respons | tei:span | tei:spanGrp
      | tei:witDetail | tei:wit | tei:binaryObject"/>

  <!-- Where a note kept elsewhere points (@target="#id"): its marker follows that element. -->
  <xsl:template match="tei:text//*[@xml:id][key('tk:notes-by-target', @xml:id)]" priority="20">
    <xsl:next-match/>
    <xsl:for-each select="key('tk:notes-by-target', @xml:id)">
      <xsl:call-template name="tk:noteref"/>
    </xsl:for-each>
  </xsl:template>
  <xsl:template match="tei:anchor"/>

  <!-- Highlighting: each kind looks different, and none like an addition (which is not
       underlined). @rend and @rendition ("#u", ediarum) are read alike. -->
  <xsl:template match="tei:hi">
    <xsl:variable name="kinds" select="tk:rend-kinds(.)"/>
    <xsl:variable name="tag" select="
        if ($kinds = 'superscript') then 'sup'
        else if ($kinds = 'subscript') then 'sub'
        else if ($kinds = 'italic') then 'i'
        else if ($kinds = 'bold') then 'b'
        else if ($kinds = 'underline') then 'u'
        else 'span'"/>
    <xsl:element name="{$tag}">
      <xsl:attribute name="class" select="string-join(('hi', $kinds), ' ')"/>
      <xsl:apply-templates/>
    </xsl:element>
  </xsl:template>

  <xsl:template match="tei:emph">
    <em><xsl:apply-templates/></em>
  </xsl:template>

  <!-- The kinds of highlighting of an element, from the words editions use for them. -->
  <xsl:function name="tk:rend-kinds" as="xs:string*">
    <xsl:param name="element" as="element()"/>
    <xsl:variable name="tokens" select="tokenize(string-join(($element/@rend, $element/@rendition), ' '))
        ! replace(., '^#', '') ! lower-case(.)"/>
    <xsl:sequence select="distinct-values(for $t in $tokens return
        if ($t = ('sup', 'superscript', 'super', 'hochgestellt')) then 'superscript'
        else if ($t = ('sub', 'subscript', 'tiefgestellt')) then 'subscript'
        else if ($t = ('i', 'it', 'italic', 'italics', 'kursiv')) then 'italic'
        else if ($t = ('b', 'bold', 'fett')) then 'bold'
        else if ($t = ('u', 'underline', 'underlined', 'ul')) then 'underline'
        else if ($t = ('uu', 'double-underline', 'underline-double', 'doubleunderline', 'underline2')) then 'underline-double'
        else if ($t = ('spaced', 'letterspace', 'letterspaced', 'sperr', 'g', 'gesperrt', 'spacing')) then 'spaced'
        else if ($t = ('aq', 'antiqua', 'latin', 'roman', 'lat')) then 'antiqua'
        else if ($t = ('smallcaps', 'sc', 'small-caps', 'kapitaelchen')) then 'smallcaps'
        else if ($t = ('caps', 'uppercase', 'allcaps')) then 'caps'
        else if ($t = ('strike', 'strikethrough', 'line-through', 's')) then 'strikethrough'
        else if ($t = ('c', 'center', 'centre', 'centered')) then 'center'
        else if ($t = ('right', 'align-right', 'r')) then 'right'
        else if ($t = ('left', 'align-left', 'l')) then 'left'
        else if ($t = ('printed', 'print', 'gedruckt')) then 'printed'
        else if ($t = ('large', 'larger', 'big')) then 'large'
        else if ($t = ('small', 'smaller')) then 'small'
        else if (matches($t, '^[a-z][a-z0-9-]*$')) then concat('rend-', $t)
        else ())"/>
  </xsl:function>

  <xsl:template match="tei:title">
    <xsl:element name="{if (@level = ('m', 'j', 's')) then 'cite' else 'span'}">
      <xsl:attribute name="class">title</xsl:attribute>
      <xsl:apply-templates/>
    </xsl:element>
  </xsl:template>

  <xsl:template match="tei:foreign">
    <i class="foreign">
      <xsl:variable name="lang" select="tk:html-lang(@xml:lang)"/>
      <xsl:if test="$lang"><xsl:attribute name="lang" select="$lang"/></xsl:if>
      <xsl:apply-templates/>
    </i>
  </xsl:template>

  <!-- Links: only to the web or to this page; never javascript: or file: from a foreign file. -->
  <xsl:function name="tk:safe-href" as="xs:boolean">
    <xsl:param name="target" as="xs:string?"/>
    <xsl:sequence select="starts-with($target, 'http://') or starts-with($target, 'https://') or starts-with($target, '#')"/>
  </xsl:function>

  <xsl:template match="tei:ref | tei:ptr">
    <xsl:param name="in-link" as="xs:boolean" select="false()" tunnel="yes"/>
    <xsl:variable name="target" select="tokenize(@target)[1]"/>
    <xsl:choose>
      <xsl:when test="tk:safe-href($target) and not(starts-with($target, '#')) and not($in-link)">
        <a class="ref" href="{$target}">
          <xsl:apply-templates>
            <xsl:with-param name="in-link" select="true()" tunnel="yes"/>
          </xsl:apply-templates>
          <xsl:if test="self::tei:ptr"><xsl:value-of select="$target"/></xsl:if>
        </a>
      </xsl:when>
      <xsl:otherwise>
        <span class="ref"><xsl:apply-templates/></span>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- Whether an element's page holds a link of its own (a note or apparatus marker, a
       reference): then it cannot sit inside another link. -->
  <xsl:function name="tk:holds-link" as="xs:boolean">
    <xsl:param name="element" as="element()"/>
    <xsl:sequence select="exists($element/descendant::tei:note[not(tk:anchored(.))] | $element/descendant::tei:ref
        | $element/descendant::tei:ptr | $element/descendant::*[@xml:id][key('tk:notes-by-target', @xml:id)]
        | $element/descendant::*[self::tei:app or self::tei:choice or self::tei:mod][tk:in-apparatus(.)])"/>
  </xsl:function>

  <!-- ==== Notes and the apparatus ==== -->

  <!-- A footnote marker: links to the note, and the note links back here. -->
  <xsl:template match="tei:text//tei:note">
    <xsl:if test="not(tk:anchored(.))">
      <xsl:call-template name="tk:noteref"/>
    </xsl:if>
  </xsl:template>

  <!-- Markers link text and notes both ways; inside an apparatus entry there are none. -->
  <xsl:template name="tk:noteref">
    <xsl:param name="markers" as="xs:boolean" select="true()" tunnel="yes"/>
    <xsl:param name="in-link" as="xs:boolean" select="false()" tunnel="yes"/>
    <xsl:if test="$markers">
      <xsl:variable name="n" select="tk:note-number(.)"/>
      <!-- inside a link (a reference's words) the marker is no link: links never nest -->
      <xsl:element name="{if ($in-link) then 'span' else 'a'}">
        <xsl:attribute name="class">noteref</xsl:attribute>
        <xsl:attribute name="id" select="concat('noteref-', $n)"/>
        <xsl:if test="not($in-link)">
          <xsl:attribute name="href" select="concat('#note-', $n)"/>
          <xsl:attribute name="role">doc-noteref</xsl:attribute>
        </xsl:if>
        <xsl:attribute name="data-pagefind-ignore"/>
        <sup><span class="visually-hidden"><xsl:value-of select="tk:label('doc.note')"/></span><xsl:value-of select="$n"/></sup>
      </xsl:element>
    </xsl:if>
  </xsl:template>

  <xsl:template match="tei:note">
    <span class="note"><xsl:apply-templates/></span>
  </xsl:template>

  <!-- An apparatus marker (a, b …): links to its entry, which links back here. -->
  <xsl:template name="tk:appref">
    <xsl:param name="markers" as="xs:boolean" select="true()" tunnel="yes"/>
    <xsl:param name="in-link" as="xs:boolean" select="false()" tunnel="yes"/>
    <xsl:if test="$markers">
      <xsl:variable name="m" select="tk:apparatus-marker(.)"/>
      <xsl:element name="{if ($in-link) then 'span' else 'a'}">
        <xsl:attribute name="class">appref</xsl:attribute>
        <xsl:attribute name="id" select="concat('appref-', $m)"/>
        <xsl:if test="not($in-link)">
          <xsl:attribute name="href" select="concat('#app-', $m)"/>
          <xsl:attribute name="role">doc-noteref</xsl:attribute>
        </xsl:if>
        <xsl:attribute name="data-pagefind-ignore"/>
        <sup><span class="visually-hidden"><xsl:value-of select="tk:label('doc.apparatus-entry')"/></span><xsl:value-of select="$m"/></sup>
      </xsl:element>
    </xsl:if>
  </xsl:template>

  <!-- The apparatus: "lemma] reading witnesses; reading witnesses", one entry per marker. -->
  <xsl:template name="tk:apparatus">
    <xsl:param name="entries" as="element()*"/>
    <xsl:param name="level" as="xs:integer"/>
    <xsl:if test="exists($entries)">
      <xsl:variable name="heading" select="concat('apparatus-heading-', tk:apparatus-marker($entries[1]))"/>
      <section class="apparatus" aria-labelledby="{$heading}">
        <xsl:element name="h{$level}">
          <xsl:attribute name="id" select="$heading"/>
          <xsl:value-of select="tk:label('doc.apparatus')"/>
        </xsl:element>
        <ol type="a">
          <xsl:for-each select="$entries">
            <xsl:variable name="m" select="tk:apparatus-marker(.)"/>
            <li id="app-{$m}">
              <span class="lemma">
                <xsl:apply-templates select="tk:read-reading(.)/node()">
                  <xsl:with-param name="markers" select="false()" tunnel="yes"/>
                </xsl:apply-templates>
              </span>
              <xsl:text>] </xsl:text>
              <xsl:for-each select="tk:other-readings(.)">
                <xsl:if test="position() gt 1"><xsl:text>; </xsl:text></xsl:if>
                <span class="reading {local-name()}">
                  <xsl:apply-templates>
                    <xsl:with-param name="markers" select="false()" tunnel="yes"/>
                  </xsl:apply-templates>
                  <!-- a witness without the lemma's words: "omittit" -->
                  <xsl:if test="not(normalize-space()) and not(.//tei:gap)"><xsl:value-of select="tk:label('text.omits')"/></xsl:if>
                </span>
                <xsl:for-each select="tokenize(@wit)">
                  <xsl:text> </xsl:text><span class="witness"><xsl:value-of select="replace(., '^#', '')"/></span>
                </xsl:for-each>
                <xsl:if test="parent::tei:mod">
                  <xsl:text> </xsl:text><span class="reading-kind">(<xsl:value-of select="tk:add-place(@place)"/>)</span>
                </xsl:if>
              </xsl:for-each>
              <xsl:text> </xsl:text>
              <a class="backref" href="#appref-{$m}" data-pagefind-ignore="">
                <span aria-hidden="true">↩</span>
                <span class="visually-hidden"><xsl:sequence select="tk:label('doc.apparatus-back', map{'m': $m})"/></span>
              </a>
            </li>
          </xsl:for-each>
        </ol>
      </section>
    </xsl:if>
  </xsl:template>

</xsl:stylesheet>
