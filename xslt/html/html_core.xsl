<?xml version="1.0" encoding="UTF-8"?>
<!--
  The core module: paragraphs, headings, openers and closers, notes, gaps, supplied text,
  highlighting, lists, verse, quotations, links. Elements without a template of their own keep
  their text: as a div when they hold blocks, a p when they stand among blocks, else a span.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:tk="urn:teikit"
    exclude-result-prefixes="xs tei tk">

  <!-- A block may become an HTML block only where its parent holds blocks (no <p> inside <p>). -->
  <xsl:function name="tk:in-flow" as="xs:boolean">
    <xsl:param name="element" as="element()"/>
    <xsl:sequence select="exists($element/parent::*) and tk:is-container($element/parent::*)"/>
  </xsl:function>

  <xsl:template name="tk:block">
    <xsl:param name="tag" as="xs:string" select="'p'"/>
    <xsl:param name="class" as="xs:string" select="local-name()"/>
    <xsl:element name="{if (tk:in-flow(.)) then $tag else 'span'}">
      <xsl:attribute name="class" select="if (tk:in-flow(.)) then $class else concat($class, ' block')"/>
      <xsl:apply-templates/>
    </xsl:element>
  </xsl:template>

  <xsl:template match="tei:*">
    <xsl:choose>
      <xsl:when test="tk:is-container(.)">
        <div class="tei-{local-name()}"><xsl:apply-templates/></div>
      </xsl:when>
      <xsl:when test="tk:in-flow(.) and not(tk:is-inline(.))">
        <p class="tei-{local-name()}"><xsl:apply-templates/></p>
      </xsl:when>
      <xsl:otherwise>
        <span class="tei-{local-name()}"><xsl:apply-templates/></span>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- A phrase standing alone among blocks (a telegram number in an opener) is a paragraph. -->
  <xsl:template match="tei:*[tk:is-inline(.)][not(self::tei:note)][tk:in-flow(.)]" priority="5">
    <p class="standalone"><xsl:next-match/></p>
  </xsl:template>

  <xsl:template match="tei:teiHeader"/>

  <xsl:template match="tei:text | tei:front | tei:body | tei:back | tei:group">
    <xsl:apply-templates/>
  </xsl:template>

  <xsl:template match="tei:div | tei:div1 | tei:div2 | tei:div3 | tei:div4 | tei:div5 | tei:div6 | tei:div7">
    <section class="div{@type ! concat(' div-', .)}">
      <xsl:apply-templates/>
    </section>
  </xsl:template>

  <xsl:template match="tei:head[parent::tei:div | parent::tei:div1 | parent::tei:div2 | parent::tei:div3
      | parent::tei:div4 | parent::tei:div5 | parent::tei:div6 | parent::tei:div7 | parent::tei:body
      | parent::tei:front | parent::tei:back | parent::tei:group]">
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
      | tei:docAuthor | tei:trailer | tei:postscript | tei:speaker | tei:stage">
    <xsl:call-template name="tk:block"/>
  </xsl:template>

  <xsl:template match="tei:opener | tei:closer">
    <xsl:choose>
      <xsl:when test="tk:is-container(.)"><div class="{local-name()}"><xsl:apply-templates/></div></xsl:when>
      <xsl:otherwise><xsl:call-template name="tk:block"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="tei:quote[tk:in-flow(.)]">
    <blockquote><xsl:apply-templates/></blockquote>
  </xsl:template>

  <xsl:template match="tei:q | tei:said | tei:quote">
    <q><xsl:apply-templates/></q>
  </xsl:template>

  <!-- Verse and lists. -->
  <xsl:template match="tei:lg">
    <div class="lg"><xsl:apply-templates/></div>
  </xsl:template>

  <xsl:template match="tei:l">
    <xsl:call-template name="tk:block">
      <xsl:with-param name="tag" select="'div'"/>
    </xsl:call-template>
  </xsl:template>

  <xsl:template match="tei:list[tk:is-container(.)]">
    <xsl:variable name="tag" select="if (@type = ('ordered', 'numbered') or contains(@rend, 'numbered')) then 'ol' else 'ul'"/>
    <div class="list">
      <xsl:apply-templates select="tei:head"/>
      <xsl:element name="{$tag}">
        <xsl:for-each select="* except tei:head">
          <li class="{local-name()}"><xsl:apply-templates/></li>
        </xsl:for-each>
      </xsl:element>
    </div>
  </xsl:template>

  <!-- Editorial phenomena. -->
  <xsl:template match="tei:gap">
    <xsl:variable name="description" select="tk:gap-description(.)"/>
    <xsl:variable name="apart" select="tk:gap-apart(.)"/>
    <xsl:if test="$apart"><xsl:text> </xsl:text></xsl:if>
    <span class="gap" title="{$description}">
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

  <xsl:template match="tei:supplied">
    <span class="supplied" title="{tk:supplied-description(.)}">[<xsl:apply-templates/>]</span>
  </xsl:template>

  <xsl:template match="tei:choice[*][not(text()[normalize-space()])]">
    <xsl:variable name="preferred" select="tk:preferred-reading(.)"/>
    <span class="choice">
      <span class="{local-name($preferred)}"><xsl:apply-templates select="$preferred/node()"/></span>
      <!-- The space before the other reading is part of it: without it, the words read as written. -->
      <xsl:for-each select="* except $preferred">
        <span class="alternative {local-name()}"><xsl:text> [</xsl:text><xsl:value-of select="local-name()"/>: <xsl:apply-templates/>]</span>
      </xsl:for-each>
    </span>
  </xsl:template>

  <!-- A deletion is shown struck through and never runs into the next word: when nothing
       separates them in the source, a space inside <del> does (the reading text, without the
       deletions, is unchanged). -->
  <xsl:template match="tei:del">
    <xsl:variable name="next" select="following-sibling::node()[1]"/>
    <del>
      <xsl:apply-templates/>
      <xsl:if test="$next and not(starts-with(string($next), ' ') or matches(string($next), '^\s'))
          and not(matches(string(.), '\s$'))"><xsl:text> </xsl:text></xsl:if>
    </del>
  </xsl:template>
  <xsl:template match="tei:add"><ins><xsl:apply-templates/></ins></xsl:template>
  <!-- Line breaks of the source: a new line on the page, a space between words in the text;
       break="no" splits a word, which stays whole. -->
  <xsl:template match="tei:lb"><br/><xsl:text>&#10;</xsl:text></xsl:template>
  <xsl:template match="tei:lb[@break = 'no']"><br class="break-no"/></xsl:template>
  <!-- Around a break inside a word, the source's line-end whitespace is not a space. -->
  <xsl:template match="text()[tk:breaks-word(following-sibling::node()[1]) or tk:breaks-word(preceding-sibling::node()[1])]">
    <xsl:value-of select="tk:joined-text(.)"/>
  </xsl:template>
  <!-- A page break: its number in the margin of the text, between words unless break="no". -->
  <xsl:template match="tei:pb">
    <xsl:if test="not(@break = 'no')"><xsl:text> </xsl:text></xsl:if>
    <span class="pb" title="{tk:label-string('text.page', map{'n': string((@n, '')[1])})}">
      <xsl:if test="@n"><xsl:text>|</xsl:text><xsl:value-of select="@n"/><xsl:text>|</xsl:text></xsl:if>
    </span>
    <xsl:if test="not(@break = 'no')"><xsl:text> </xsl:text></xsl:if>
  </xsl:template>
  <xsl:template match="tei:cb | tei:milestone | tei:index"/>
  <xsl:template match="tei:cb[not(@break = 'no')]"><xsl:text> </xsl:text></xsl:template>
  <xsl:template match="tei:handShift">
    <span class="handshift" title="{if (@new) then tk:label-string('text.hand-new', map{'hand': string(@new)}) else tk:label('text.hand')}"></span>
  </xsl:template>

  <!-- Where a note kept elsewhere points (@target="#id"): its marker follows that element. -->
  <xsl:template match="tei:text//*[@xml:id][key('tk:notes-by-target', @xml:id)]" priority="20">
    <xsl:next-match/>
    <xsl:for-each select="key('tk:notes-by-target', @xml:id)">
      <xsl:call-template name="tk:noteref"/>
    </xsl:for-each>
  </xsl:template>
  <xsl:template match="tei:anchor"/>

  <xsl:template match="tei:hi | tei:emph">
    <xsl:variable name="rend" select="tokenize(@rend)"/>
    <xsl:variable name="tag" select="
        if ($rend = 'bold') then 'strong'
        else if ($rend = ('sup', 'superscript')) then 'sup'
        else if ($rend = ('sub', 'subscript')) then 'sub'
        else if ($rend = ('underline', 'u')) then 'u'
        else 'em'"/>
    <xsl:element name="{$tag}"><xsl:apply-templates/></xsl:element>
  </xsl:template>

  <xsl:template match="tei:title">
    <xsl:element name="{if (@level = ('m', 'j', 's')) then 'cite' else 'span'}">
      <xsl:attribute name="class">title</xsl:attribute>
      <xsl:apply-templates/>
    </xsl:element>
  </xsl:template>

  <xsl:template match="tei:foreign">
    <i class="foreign">
      <xsl:if test="@xml:lang"><xsl:attribute name="lang" select="@xml:lang"/></xsl:if>
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

  <!-- A footnote marker: links to the note, and the note links back here. -->
  <xsl:template match="tei:text//tei:note">
    <xsl:if test="not(tk:anchored(.))">
      <xsl:call-template name="tk:noteref"/>
    </xsl:if>
  </xsl:template>

  <xsl:template name="tk:noteref">
    <xsl:variable name="n" select="tk:note-number(.)"/>
    <a class="noteref" id="noteref-{$n}" href="#note-{$n}" role="doc-noteref">
      <sup><span class="visually-hidden"><xsl:value-of select="tk:label('doc.note')"/></span><xsl:value-of select="$n"/></sup>
    </a>
  </xsl:template>

  <xsl:template match="tei:note">
    <span class="note"><xsl:apply-templates/></span>
  </xsl:template>

</xsl:stylesheet>
