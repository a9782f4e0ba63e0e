<?xml version="1.0" encoding="UTF-8"?>
<!--
  The text of a document as Typst: blocks (paragraphs, headings, openers and closers, verse,
  lists, tables), and inside them the reading text, the same as on the pages and in the plain
  text (common_core.xsl): deletions are not read, a choice and an apparatus entry show one
  reading, words split by a line break (break="no") are whole. What the reading text leaves out
  goes to the apparatus, lettered footnotes at the foot of the page; the notes are numbered
  footnotes, with the numbers of the site.

  Elements without a template of their own keep their text, as a block where they stand among
  blocks, else inline.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:tk="urn:teikit"
    exclude-result-prefixes="xs tei tk">

  <!-- ==== blocks ================================================================================ -->

  <!-- A container gives its blocks; a block of text one paragraph; anything else is inline. -->
  <xsl:template match="tei:*">
    <xsl:choose>
      <xsl:when test="tk:holds-blocks(.)"><xsl:apply-templates select="*"/></xsl:when>
      <xsl:when test="tk:print-block(.) or tk:is-container(.)"><xsl:call-template name="tk:paragraph"/></xsl:when>
      <xsl:otherwise><xsl:apply-templates/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- A container of blocks; one that holds only phrases (names, a choice) is itself a block of
       text, whose spaces between the phrases count. -->
  <xsl:function name="tk:holds-blocks" as="xs:boolean">
    <xsl:param name="element" as="element()"/>
    <xsl:sequence select="tk:is-container($element) and exists($element/*[not(tk:is-inline(.))])"/>
  </xsl:function>

  <!-- Stands where blocks stand: a block, or a phrase alone among blocks (a telegram number). -->
  <xsl:function name="tk:print-block" as="xs:boolean">
    <xsl:param name="element" as="element()"/>
    <xsl:sequence select="exists($element/parent::*) and tk:holds-blocks($element/parent::*)"/>
  </xsl:function>

  <!-- A block: a call of a template function (`kind`), or a plain paragraph. -->
  <xsl:template name="tk:paragraph">
    <xsl:param name="kind" as="xs:string?" select="()"/>
    <xsl:param name="content" as="xs:string?" select="()"/>
    <xsl:variable name="words" select="if (exists($content)) then $content else tk:inline(.)"/>
    <xsl:if test="normalize-space($words)">
      <xsl:value-of select="if ($kind) then concat('#', $kind, '[', $words, ']') else normalize-space($words)"/>
      <xsl:text>&#10;&#10;</xsl:text>
    </xsl:if>
  </xsl:template>

  <xsl:function name="tk:inline" as="xs:string">
    <xsl:param name="element" as="element()"/>
    <xsl:variable name="words">
      <xsl:apply-templates select="$element/node()"/>
    </xsl:variable>
    <xsl:sequence select="string($words)"/>
  </xsl:function>

  <xsl:template match="tei:teiHeader"/>

  <xsl:template match="tei:text | tei:front | tei:body | tei:back | tei:group | tei:div | tei:div1 | tei:div2
      | tei:div3 | tei:div4 | tei:div5 | tei:div6 | tei:div7 | tei:sp | tei:postscript | tei:floatingText">
    <xsl:choose>
      <xsl:when test="tk:holds-blocks(.)"><xsl:apply-templates select="*"/></xsl:when>
      <xsl:otherwise><xsl:call-template name="tk:paragraph"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="tei:head[tk:print-block(.)]">
    <xsl:call-template name="tk:paragraph">
      <xsl:with-param name="kind" select="if (@type = 'number') then 'head-number' else 'head'"/>
    </xsl:call-template>
  </xsl:template>

  <xsl:template match="tei:p | tei:ab">
    <xsl:choose>
      <xsl:when test="tk:print-block(.)"><xsl:call-template name="tk:paragraph"/></xsl:when>
      <xsl:otherwise><xsl:text> </xsl:text><xsl:apply-templates/><xsl:text> </xsl:text></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="tei:dateline[tk:print-block(.)] | tei:signed[tk:print-block(.)]
      | tei:closer[tk:print-block(.)][not(tk:holds-blocks(.))]">
    <xsl:call-template name="tk:paragraph">
      <xsl:with-param name="kind" select="'flush-right'"/>
    </xsl:call-template>
  </xsl:template>

  <xsl:template match="tei:salute[tk:print-block(.)] | tei:byline[tk:print-block(.)] | tei:trailer[tk:print-block(.)]
      | tei:opener[tk:print-block(.)][not(tk:holds-blocks(.))] | tei:docAuthor[tk:print-block(.)]
      | tei:label[tk:print-block(.)] | tei:stage[tk:print-block(.)]">
    <xsl:call-template name="tk:paragraph">
      <xsl:with-param name="kind" select="'plain'"/>
    </xsl:call-template>
  </xsl:template>

  <xsl:template match="tei:opener[tk:holds-blocks(.)] | tei:closer[tk:holds-blocks(.)]">
    <xsl:apply-templates select="*"/>
  </xsl:template>

  <xsl:template match="tei:speaker[tk:print-block(.)]">
    <xsl:call-template name="tk:paragraph">
      <xsl:with-param name="kind" select="'speaker'"/>
    </xsl:call-template>
  </xsl:template>

  <xsl:template match="tei:quote[tk:print-block(.)] | tei:cit[tk:print-block(.)]">
    <xsl:call-template name="tk:paragraph">
      <xsl:with-param name="kind" select="'quotation'"/>
      <xsl:with-param name="content" select="tk:blocks(.)"/>
    </xsl:call-template>
  </xsl:template>

  <!-- The blocks of an element as one piece of Typst content (a quotation of several paragraphs). -->
  <xsl:function name="tk:blocks" as="xs:string">
    <xsl:param name="element" as="element()"/>
    <xsl:variable name="blocks">
      <xsl:choose>
        <xsl:when test="tk:holds-blocks($element)"><xsl:apply-templates select="$element/*"/></xsl:when>
        <xsl:otherwise><xsl:apply-templates select="$element/node()"/></xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <xsl:sequence select="string($blocks)"/>
  </xsl:function>

  <!-- Verse: one line per l (or per lb of a stanza written as one block). -->
  <xsl:template match="tei:lg[tk:holds-blocks(.)]">
    <xsl:variable name="lines" select="tei:l | tei:lg/tei:l"/>
    <xsl:value-of select="concat('#verse((', string-join(for $l in $lines return concat('[', normalize-space(tk:inline($l)), ']'), ', '),
        if (count($lines) = 1) then ',' else '', '))&#10;&#10;')"/>
  </xsl:template>

  <xsl:template match="tei:list[tk:holds-blocks(.)]">
    <xsl:apply-templates select="tei:head"/>
    <xsl:variable name="items" select="* except tei:head"/>
    <xsl:value-of select="concat('#items(', string-join(for $item in $items return concat('[', normalize-space(tk:blocks($item)), ']'), ', '),
        ')&#10;&#10;')"/>
  </xsl:template>

  <!-- Typst fills a table cell after cell: each row is filled up to the width of the widest, so
       that a short row does not pull the next row's cells into it. -->
  <xsl:template match="tei:table[tk:holds-blocks(.)]">
    <xsl:apply-templates select="tei:head"/>
    <xsl:variable name="rows" select="tei:row"/>
    <xsl:variable name="columns" select="max((1, for $row in $rows return sum($row/tei:cell ! tk:cell-span(.))))"/>
    <xsl:value-of select="concat('#cells(', $columns, ', ', string-join(
        for $row in $rows return (
            for $cell in $row/tei:cell return concat(
                if (tk:cell-span($cell) gt 1) then concat('table.cell(colspan: ', tk:cell-span($cell), ')') else '',
                '[', normalize-space(tk:blocks($cell)), ']'),
            for $empty in 1 to $columns - sum($row/tei:cell ! tk:cell-span(.)) return '[]'), ', '), ')&#10;&#10;')"/>
  </xsl:template>

  <!-- The columns a cell spans: its @cols where that is a whole number from 1. -->
  <xsl:function name="tk:cell-span" as="xs:integer">
    <xsl:param name="cell" as="element()"/>
    <xsl:sequence select="if ($cell/@cols castable as xs:integer and xs:integer($cell/@cols) ge 1)
        then min((xs:integer($cell/@cols), 1000)) else 1"/>
  </xsl:function>

  <!-- A figure: its heading and description, the image is not printed. -->
  <xsl:template match="tei:figure">
    <xsl:call-template name="tk:paragraph">
      <xsl:with-param name="kind" select="'plain'"/>
      <xsl:with-param name="content" select="concat(tk:typ('['), normalize-space(string-join(
          (tei:head, tei:figDesc, tei:p) ! tk:inline(.), ' ')), tk:typ(']'))"/>
    </xsl:call-template>
  </xsl:template>

  <!-- A note in back without a place in the text (and no @target) is marked where it stands;
       a note with @target is marked where it points (below). -->
  <xsl:template match="tei:note[tk:print-block(.)]" priority="2">
    <xsl:if test="not(tk:anchored(.))">
      <xsl:call-template name="tk:paragraph">
        <xsl:with-param name="kind" select="'plain'"/>
        <xsl:with-param name="content"><xsl:next-match/></xsl:with-param>
      </xsl:call-template>
    </xsl:if>
  </xsl:template>

  <!-- ==== inside a block ========================================================================= -->

  <!-- Words: in one Typst string each. The markers of the apparatus entries that stand inside the
       word this text begins (a deletion inside it) follow its first word. -->
  <xsl:template match="text()">
    <xsl:variable name="words" select="tk:joined-text(.)"/>
    <xsl:variable name="guests" select="tk:marker-guests(.)"/>
    <xsl:variable name="words" select="if (following-sibling::node()[1][self::tei:note][ancestor::tei:text][not(tk:anchored(.))])
        then replace($words, '\s+$', '') else $words"/>
    <!-- Markers hang on the word before them: the space before them goes after them. -->
    <xsl:variable name="words" select="if (tk:after-markers(.) and matches($words, '^\S')) then concat(' ', $words) else $words"/>
    <xsl:choose>
      <xsl:when test="exists($guests)">
        <xsl:variable name="flat" select="translate($words, '&#9;&#10;&#13;', '   ')"/>
        <xsl:variable name="start" select="string-length($flat) - string-length(replace($flat, '^ +', ''))"/>
        <xsl:variable name="rest" select="substring($flat, $start + 1)"/>
        <xsl:variable name="word" select="if (contains($rest, ' ')) then substring-before($rest, ' ') else $rest"/>
        <xsl:if test="$start gt 0"><xsl:text> </xsl:text></xsl:if>
        <xsl:value-of select="tk:typ($word)"/>
        <xsl:for-each select="$guests">
          <xsl:if test="position() gt 1"><xsl:text>#super[,]</xsl:text></xsl:if>
          <xsl:apply-templates select="." mode="tk:marker"/>
        </xsl:for-each>
        <xsl:value-of select="tk:typ-words(substring($words, $start + string-length($word) + 1))"/>
      </xsl:when>
      <xsl:otherwise><xsl:value-of select="tk:typ-words($words)"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- A text right after markers only (a note, a deletion), where the text before them ended in a space. -->
  <xsl:function name="tk:after-markers" as="xs:boolean">
    <xsl:param name="text" as="text()"/>
    <xsl:variable name="marks" select="$text/preceding-sibling::node()[1][self::tei:note or self::tei:del]"/>
    <xsl:variable name="before" select="$text/preceding-sibling::node()[not(self::tei:note or self::tei:del or self::tei:anchor)][1]"/>
    <xsl:sequence select="exists($marks) and $before instance of text() and matches(tk:joined-text($before), '\s$')"/>
  </xsl:function>

  <!-- A marker right after another is set apart by a comma: ¹,² is not 12. -->
  <xsl:function name="tk:after-marker" as="xs:boolean">
    <xsl:param name="element" as="element()"/>
    <xsl:variable name="previous" select="$element/preceding-sibling::node()[1]"/>
    <xsl:sequence select="exists($previous[self::tei:note][ancestor::tei:text][not(tk:anchored(.))])
        or exists($previous[self::*][tk:in-apparatus(.)][tk:marker-host(.) is .])"/>
  </xsl:function>

  <xsl:template match="tei:lb | tei:cb">
    <xsl:if test="not(@break = 'no')"><xsl:text> </xsl:text></xsl:if>
  </xsl:template>

  <xsl:template match="tei:pb">
    <xsl:variable name="mark" select="if (@n) then concat('#source-page(', tk:typ-arg(@n), ')') else ''"/>
    <xsl:value-of select="if (@break = 'no') then $mark else concat(' ', $mark, ' ')"/>
  </xsl:template>

  <xsl:template match="tei:space">
    <xsl:text> </xsl:text>
  </xsl:template>

  <xsl:template match="tei:gap">
    <xsl:value-of select="if (tk:gap-apart(.)) then concat(' ', tk:typ(tk:gap-mark(.)), ' ') else tk:typ(tk:gap-mark(.))"/>
  </xsl:template>

  <xsl:template match="tei:supplied">
    <xsl:value-of select="tk:typ('[')"/>
    <xsl:apply-templates/>
    <xsl:value-of select="tk:typ(']')"/>
  </xsl:template>

  <xsl:template match="tei:hi | tei:emph">
    <xsl:variable name="rend" select="tokenize(@rend)"/>
    <xsl:variable name="function" select="
        if ($rend = 'bold') then 'strong'
        else if ($rend = ('sup', 'superscript')) then 'super'
        else if ($rend = ('sub', 'subscript')) then 'sub'
        else if ($rend = ('underline', 'u')) then 'underline'
        else if ($rend = ('smallcaps', 'small-caps', 'sc')) then 'smallcaps'
        else if ($rend = ('spaced', 'letterspace', 'letter-spacing')) then 'spaced'
        else 'emph'"/>
    <xsl:variable name="words"><xsl:apply-templates/></xsl:variable>
    <xsl:value-of select="concat('#', $function, '[', $words, ']')"/>
  </xsl:template>

  <xsl:template match="tei:foreign | tei:title[@level = ('m', 'j', 's')] | tei:term[@rend = 'italic']">
    <xsl:variable name="words"><xsl:apply-templates/></xsl:variable>
    <xsl:value-of select="concat('#emph[', $words, ']')"/>
  </xsl:template>

  <!-- A link to the web where the source gives one; no other scheme is followed. -->
  <xsl:template match="tei:ref[tk:web-link(@target)] | tei:ptr[tk:web-link(@target)]">
    <xsl:param name="in-link" as="xs:boolean" select="false()" tunnel="yes"/>
    <xsl:variable name="target" select="tokenize(@target)[1]"/>
    <xsl:variable name="words">
      <xsl:apply-templates>
        <xsl:with-param name="in-link" select="true()" tunnel="yes"/>
      </xsl:apply-templates>
    </xsl:variable>
    <xsl:variable name="shown" select="if (self::tei:ptr) then tk:typ($target) else string($words)"/>
    <xsl:value-of select="if ($in-link) then $shown else concat('#link(', tk:typ-arg($target), ')[', $shown, ']')"/>
  </xsl:template>

  <!-- A reference in a note to another document of the edition (Escher's <ref type="letter"
       target="K_0173"/>, "#K_0173", "K_0173.xml"): its words, and the page where that document
       begins when the book holds it; a reference without words shows the document it names, so
       that "Vgl. ;" does not stand where the note refers to a letter. (In the text of a document
       such a reference adds nothing: the reading text is the source's words.) -->
  <xsl:template match="tei:note//tei:ref[@target][not(tk:web-link(@target))] | tei:note//tei:ptr[@target][not(tk:web-link(@target))]">
    <xsl:param name="in-link" as="xs:boolean" select="false()" tunnel="yes"/>
    <xsl:variable name="words"><xsl:apply-templates/></xsl:variable>
    <xsl:variable name="shown" select="normalize-space($words) != ''"/>
    <xsl:variable name="targets" select="distinct-values(tokenize(@target)
        ! replace(replace(tokenize(., '/')[last()], '^#', ''), '\.xml$', '')[. != ''])"/>
    <xsl:value-of select="concat(string($words), string-join($targets ! concat(
        if (not($shown) and position() gt 1) then tk:typ(', ') else '',
        '#document-ref(', tk:typ-arg(.), ', shown: ', if ($shown) then 'false' else 'true',
        ', link: ', if ($in-link) then 'false' else 'true', ', page-word: ', tk:typ-content(tk:word('page-abbreviation')), ')')))"/>
  </xsl:template>

  <xsl:function name="tk:web-link" as="xs:boolean">
    <xsl:param name="target" as="xs:string?"/>
    <xsl:variable name="first" select="tokenize($target)[1]"/>
    <xsl:sequence select="starts-with($first, 'http://') or starts-with($first, 'https://')"/>
  </xsl:function>

  <xsl:template match="tei:anchor | tei:index | tei:milestone | tei:handShift | tei:graphic | tei:fw[@type = 'pageNum']"/>

  <!-- Names: a link to the register and a mark the register counts pages by (one for each entry
       a name points to). A name that holds other names is counted, and its inner names linked. -->
  <xsl:template match="tei:persName | tei:placeName | tei:orgName | tei:name | tei:rs">
    <xsl:param name="in-link" as="xs:boolean" select="false()" tunnel="yes"/>
    <xsl:variable name="ids" select="tk:register-ids(.)"/>
    <xsl:variable name="words">
      <xsl:apply-templates>
        <xsl:with-param name="in-link" select="$in-link or exists($ids)" tunnel="yes"/>
      </xsl:apply-templates>
    </xsl:variable>
    <xsl:variable name="others" select="string-join($ids[position() gt 1] ! concat('#mentioned(', tk:typ-arg(.), ')'))"/>
    <xsl:choose>
      <xsl:when test="empty($ids)"><xsl:value-of select="$words"/></xsl:when>
      <xsl:when test="$in-link or descendant::*[exists(tk:register-ids(.))]">
        <xsl:value-of select="concat($words, '#mentioned(', tk:typ-arg($ids[1]), ')', $others)"/>
      </xsl:when>
      <xsl:otherwise>
        <xsl:value-of select="concat('#name(', tk:typ-arg($ids[1]), ')[', $words, ']', $others)"/>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- The register entries a name points to, as the record resolved them (#id, URI, prefix, @key):
       persons, places and organisations the site's registers list; not the compiler's initials
       signing his own note. -->
  <xsl:function name="tk:register-ids" as="xs:string*">
    <xsl:param name="name" as="element()"/>
    <xsl:sequence select="if ($name/ancestor::tei:note/@resp = $name/@ref) then ()
        else distinct-values(tk:names($name)[tk:in-register(@kind, @href)]/@entry)"/>
  </xsl:function>

  <!-- ==== notes ================================================================================== -->

  <xsl:template match="tei:text//tei:note">
    <xsl:param name="in-note" as="xs:boolean" select="false()" tunnel="yes"/>
    <xsl:choose>
      <xsl:when test="$in-note">
        <xsl:value-of select="concat(' ', tk:typ('('))"/>
        <xsl:apply-templates/>
        <xsl:value-of select="concat(tk:typ(')'), ' ')"/>
      </xsl:when>
      <xsl:when test="not(tk:anchored(.))">
        <xsl:if test="tk:after-marker(.)"><xsl:text>#super[,]</xsl:text></xsl:if>
        <xsl:apply-templates select="." mode="tk:footnote"/>
        <!-- "Direction <note/><ref>Bericht</ref>": the space before the marker goes after it. -->
        <xsl:if test="following-sibling::node()[1][self::*][not(self::tei:note or self::tei:del)]
            and preceding-sibling::node()[not(self::tei:note or self::tei:del or self::tei:anchor)][1][self::text()][matches(tk:joined-text(.), '\s$')]">
          <xsl:text> </xsl:text>
        </xsl:if>
      </xsl:when>
    </xsl:choose>
  </xsl:template>

  <!-- A note kept elsewhere (@target="#id") is marked after the element it points to. -->
  <xsl:template match="tei:text//*[@xml:id][key('tk:notes-by-target', @xml:id)]" priority="20">
    <xsl:next-match/>
    <xsl:apply-templates select="key('tk:notes-by-target', @xml:id)" mode="tk:footnote"/>
  </xsl:template>

  <xsl:template match="tei:note" mode="tk:footnote">
    <xsl:variable name="words">
      <xsl:apply-templates>
        <xsl:with-param name="in-note" select="true()" tunnel="yes"/>
      </xsl:apply-templates>
    </xsl:variable>
    <xsl:variable name="by" select="tk:note-author(.)"/>
    <xsl:value-of select="concat('#note(', tk:typ-arg(tk:note-number(.)),
        if ($by) then concat(', by: ', tk:typ-arg($by)) else '', ')[', normalize-space($words), ']')"/>
  </xsl:template>

  <!-- Whose note, in the words of the site: the record's (toolkit/record.py, tk:notes), which reads
       @resp, the header's editor roles and @cert; "" for a note the record gives no author. -->
  <xsl:function name="tk:note-author" as="xs:string">
    <xsl:param name="note" as="element()"/>
    <xsl:sequence select="string(tk:record($note)/tk:notes/tk:note[@n = tk:note-number($note)]/@label)"/>
  </xsl:function>

  <!-- ==== the apparatus ============================================================================
       What the reading text leaves out or changes, lettered a, b, c … through the document. -->

  <xsl:variable name="tk:apparatus-names" as="xs:string*"
      select="('del', 'add', 'subst', 'choice', 'app', 'unclear', 'sic')"/>

  <xsl:function name="tk:in-apparatus" as="xs:boolean">
    <xsl:param name="element" as="element()"/>
    <xsl:sequence select="local-name($element) = $tk:apparatus-names and namespace-uri($element) = 'http://www.tei-c.org/ns/1.0'
        and not($element/ancestor::tei:note or $element/ancestor::tei:teiHeader)
        and not($element/parent::tei:subst or $element/parent::tei:choice or $element/parent::tei:app)
        and not($element/self::tei:sic[parent::tei:choice])
        and tk:is-read($element)"/>
  </xsl:function>

  <!-- In the reading text: not inside a deletion, the other reading of a choice or an unread
       reading of an apparatus entry ("<del><add>uber</add></del>" is one entry, the deletion's, not
       a letter whose marker is never printed). -->
  <xsl:function name="tk:is-read" as="xs:boolean">
    <xsl:param name="element" as="element()"/>
    <xsl:sequence select="empty($element/ancestor::tei:del)
        and empty($element/ancestor::*[parent::tei:choice][not(. is tk:preferred-reading(..))])
        and empty($element/ancestor::tei:rdg[not(. is tk:app-reading(..))])"/>
  </xsl:function>

  <!-- Where an entry's marker goes: after the entry, unless the word it stands in goes on after it
       (a deletion inside a word, an expansion inside underlined words); then after the end of
       that word, carried by the text that ends it ("de<del>s</del><add>r 2</add>" gives "der" with
       the deletion's marker, "2" with the addition's). -->
  <xsl:function name="tk:marker-host" as="node()">
    <xsl:param name="element" as="element()"/>
    <xsl:variable name="next" select="tk:next-read-text($element)"/>
    <xsl:sequence select="if ($next and matches(tk:joined-text($next), '^\S') and not(matches(string($element), '\s$')))
        then tk:word-end($next) else $element"/>
  </xsl:function>

  <!-- The text in which the word a text begins ends: itself, or a later one when the word goes on. -->
  <xsl:function name="tk:word-end" as="text()">
    <xsl:param name="text" as="text()"/>
    <xsl:variable name="next" select="if (matches(tk:joined-text($text), '\s')) then () else tk:next-read-text($text)"/>
    <xsl:sequence select="if ($next and matches(tk:joined-text($next), '^\S')) then tk:word-end($next) else $text"/>
  </xsl:function>

  <!-- The next words read after an element, in the same block: not in a note, a deletion or the
       other reading of a choice or an apparatus entry; nothing but markup between. -->
  <xsl:function name="tk:next-read-text" as="text()?">
    <xsl:param name="element" as="node()"/>
    <xsl:variable name="block" select="$element/ancestor::*[not(tk:is-inline(.))][1]"/>
    <xsl:variable name="next" select="$element/following::text()[not(ancestor::tei:note or ancestor::tei:del
        or ancestor::*[parent::tei:choice][not(. is tk:preferred-reading(..))]
        or ancestor::tei:rdg[not(. is tk:app-reading(..))])][tk:joined-text(.) != ''][1]"/>
    <xsl:sequence select="$next[ancestor::* intersect $block][not(preceding::tei:note[. >> $element][not(tk:anchored(.))])]"/>
  </xsl:function>

  <!-- The entries before a text whose markers it carries, in their order. -->
  <xsl:function name="tk:marker-guests" as="element()*">
    <xsl:param name="host" as="node()"/>
    <xsl:sequence select="tk:guests-before($host, $host)"/>
  </xsl:function>

  <xsl:function name="tk:guests-before" as="element()*">
    <xsl:param name="node" as="node()"/>
    <xsl:param name="host" as="node()"/>
    <xsl:variable name="previous" select="$node/preceding::tei:*[tk:in-apparatus(.)][1]"/>
    <xsl:sequence select="if ($previous and tk:marker-host($previous) is $host)
        then (tk:guests-before($previous, $host), $previous) else ()"/>
  </xsl:function>

  <xsl:function name="tk:apparatus-letter" as="xs:string">
    <xsl:param name="element" as="element()"/>
    <!-- In the order of the markers, which follow their element: an entry inside another comes first. -->
    <xsl:variable name="n" select="count($element/preceding::tei:*[tk:in-apparatus(.)])
        + count($element/descendant::tei:*[tk:in-apparatus(.)]) + 1"/>
    <xsl:number value="$n" format="a"/>
  </xsl:function>

  <xsl:template match="tei:del | tei:add | tei:subst | tei:choice | tei:app | tei:unclear | tei:sic" priority="5">
    <xsl:param name="in-note" as="xs:boolean" select="false()" tunnel="yes"/>
    <xsl:variable name="reading">
      <xsl:apply-templates select="." mode="tk:reading"/>
    </xsl:variable>
    <xsl:value-of select="$reading"/>
    <xsl:if test="tk:in-apparatus(.) and tk:marker-host(.) is .">
      <xsl:if test="tk:after-marker(.)"><xsl:text>#super[,]</xsl:text></xsl:if>
      <xsl:apply-templates select="." mode="tk:marker"/>
    </xsl:if>
  </xsl:template>

  <!-- What the reading text has of each. -->
  <xsl:template match="tei:del" mode="tk:reading"/>
  <xsl:template match="tei:add | tei:unclear | tei:sic" mode="tk:reading"><xsl:apply-templates/></xsl:template>
  <xsl:template match="tei:subst" mode="tk:reading"><xsl:apply-templates select="* except tei:del"/></xsl:template>
  <xsl:template match="tei:choice" mode="tk:reading"><xsl:apply-templates select="tk:preferred-reading(.)/node()"/></xsl:template>
  <xsl:template match="tei:app" mode="tk:reading"><xsl:apply-templates select="tk:app-reading(.)/node()"/></xsl:template>
  <xsl:template match="tei:*" mode="tk:reading"><xsl:apply-templates/></xsl:template>

  <!-- The marker and its entry. -->
  <xsl:template match="*" mode="tk:marker">
    <xsl:variable name="entry" as="xs:string*">
      <xsl:apply-templates select="." mode="tk:apparatus"/>
    </xsl:variable>
    <xsl:value-of select="concat('#app(', tk:typ-arg(tk:apparatus-letter(.)), ')[', string-join($entry, ' '), ']')"/>
  </xsl:template>

  <xsl:template match="tei:del" mode="tk:apparatus" as="xs:string*">
    <xsl:sequence select="tk:typ-label('app-deleted'), tk:typ(tk:plain(.))"/>
  </xsl:template>

  <xsl:template match="tei:add" mode="tk:apparatus" as="xs:string*">
    <xsl:sequence select="if (@place) then tk:typ-label('app-added-place', map{'place': string(@place)})
        else tk:typ-label('app-added')"/>
  </xsl:template>

  <xsl:template match="tei:subst" mode="tk:apparatus" as="xs:string*">
    <xsl:sequence select="tk:typ-label('app-replaced'), tk:typ(string-join(tei:del ! tk:plain(.), ' '))"/>
  </xsl:template>

  <xsl:template match="tei:unclear" mode="tk:apparatus" as="xs:string*">
    <xsl:sequence select="tk:typ-label('app-unclear')"/>
  </xsl:template>

  <xsl:template match="tei:sic" mode="tk:apparatus" as="xs:string*">
    <xsl:sequence select="tk:typ-label('app-sic')"/>
  </xsl:template>

  <xsl:template match="tei:choice" mode="tk:apparatus" as="xs:string*">
    <xsl:variable name="preferred" select="tk:preferred-reading(.)"/>
    <xsl:sequence select="for $other in (* except $preferred) return
        (tk:typ-label(concat('app-choice-', local-name($other))), tk:typ(tk:plain($other)))"/>
  </xsl:template>

  <xsl:template match="tei:app" mode="tk:apparatus" as="xs:string*">
    <xsl:variable name="read" select="tk:app-reading(.)"/>
    <xsl:sequence select="string-join(for $other in (tei:rdg except $read) return concat(
        tk:typ(tk:plain($other)),
        if ($other/@wit) then concat(' ', tk:typ(concat('(', tk:resp-name($other/@wit), ')'))) else ''),
        concat(tk:typ(';'), ' '))"/>
  </xsl:template>

  <!-- The words of an element of the apparatus, as plain text. -->
  <xsl:function name="tk:plain" as="xs:string">
    <xsl:param name="element" as="element()"/>
    <xsl:sequence select="normalize-space(string-join($element//text()[not(ancestor::tei:note)] ! tk:joined-text(.), ''))"/>
  </xsl:function>

  <xsl:function name="tk:typ-label" as="xs:string">
    <xsl:param name="key" as="xs:string"/>
    <xsl:sequence select="concat('#emph[', tk:typ(tk:word($key)), ']')"/>
  </xsl:function>

  <xsl:function name="tk:typ-label" as="xs:string">
    <xsl:param name="key" as="xs:string"/>
    <xsl:param name="values" as="map(xs:string, xs:string)"/>
    <xsl:sequence select="concat('#emph[', tk:typ(tk:word($key, $values)), ']')"/>
  </xsl:function>

</xsl:stylesheet>
