<?xml version="1.0" encoding="UTF-8"?>
<!--
  What is a block and what is inline, for any TEI, not only this edition's: a known block
  (p, head, l, …) is a block; a known phrase-level element is inline; any other element is a
  container when it holds only elements (its children are then blocks or containers) and a block
  when it holds text. So elements we have never heard of keep their text.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:tk="urn:teikit"
    xmlns:map="http://www.w3.org/2005/xpath-functions/map"
    exclude-result-prefixes="xs tei tk map">

  <xsl:variable name="tk:block-names" as="xs:string*" select="
      ('p', 'ab', 'head', 'l', 'dateline', 'salute', 'signed', 'byline', 'docAuthor', 'docDate',
       'trailer', 'label', 'bibl', 'biblStruct', 'note', 'item', 'row', 'argument', 'epigraph',
       'speaker', 'stage', 'imprimatur', 'postscript', 'titlePart', 'docImprint', 'u')"/>

  <xsl:variable name="tk:inline-names" as="xs:string*" select="
      ('hi', 'emph', 'persName', 'placeName', 'orgName', 'name', 'rs', 'geogName', 'roleName',
       'forename', 'surname', 'addName', 'genName', 'date', 'time', 'supplied', 'gap', 'choice',
       'sic', 'corr', 'reg', 'orig', 'abbr', 'expan', 'title', 'q', 'said', 'foreign', 'term',
       'num', 'measure', 'ref', 'ptr', 'lb', 'pb', 'cb', 'milestone', 'seg', 'w', 'pc', 'c',
       'add', 'del', 'unclear', 'damage', 'surplus', 'soCalled', 'mentioned', 'gloss', 'code',
       'ident', 'gi', 'att', 'val', 'email', 'idno', 'anchor', 'index', 'space', 'ex', 'am',
       'subst', 'mod', 'restore', 'handShift', 'secl', 'distinct', 'citedRange', 'biblScope',
       'pubPlace', 'publisher', 'author', 'editor', 'affiliation', 'country', 'region',
       'settlement', 'district', 'bloc', 'quote', 'g', 'app', 'lem', 'rdg', 'rdgGrp', 'wit',
       'metamark', 'retrace', 'undo', 'redo', 'substJoin', 'stamp', 'origDate', 'origPlace',
       'objectName', 's', 'phr', 'cl', 'caesura', 'street', 'postCode', 'postBox', 'fw')"/>

  <!-- Elements that stand apart wherever they are: their words are lines, rows, cells, sections. -->
  <xsl:variable name="tk:structure-names" as="xs:string*" select="
      ('table', 'row', 'cell', 'list', 'item', 'lg', 'l', 'figure', 'floatingText', 'div', 'div1',
       'div2', 'div3', 'div4', 'div5', 'div6', 'div7', 'address', 'addrLine', 'opener', 'closer',
       'postscript', 'sp', 'castList', 'castItem', 'listBibl', 'text', 'body', 'front', 'back', 'group')"/>

  <!-- Never reading text: deletions, notes (texts of their own), marks about the text, forme
       work, figure descriptions, and elements that hold no words of the source. -->
  <xsl:variable name="tk:not-read-names" as="xs:string*" select="
      ('teiHeader', 'del', 'note', 'metamark', 'fw', 'figDesc', 'graphic', 'media', 'binaryObject',
       'anchor', 'index', 'interp', 'interpGrp', 'link', 'linkGrp', 'join', 'joinGrp', 'alt', 'altGrp',
       'certainty', 'precision', 'respons', 'span', 'spanGrp', 'witDetail', 'wit', 'gap', 'handShift',
       'milestone')"/>

  <!-- The same lists as one map, "block" or "inline" by name: a lookup, not a scan, per element. -->
  <xsl:variable name="tk:element-kinds" as="map(xs:string, xs:string)" select="map:merge((
      for $name in $tk:block-names return map{$name: 'block'},
      for $name in $tk:inline-names return map{$name: 'inline'}), map{'duplicates': 'use-first'})"/>

  <xsl:variable name="tk:not-read" as="map(xs:string, xs:boolean)"
      select="map:merge(for $name in $tk:not-read-names return map{$name: true()})"/>
  <xsl:variable name="tk:structures" as="map(xs:string, xs:boolean)"
      select="map:merge(for $name in $tk:structure-names return map{$name: true()})"/>

  <xsl:function name="tk:is-inline" as="xs:boolean">
    <xsl:param name="element" as="element()"/>
    <xsl:sequence select="$tk:element-kinds(local-name($element)) = 'inline'"/>
  </xsl:function>

  <!-- Elements with text of their own, indexed once per document: asking an element's children
       for text on every call made each paragraph scan all its siblings (quadratic rendering). -->
  <xsl:key name="tk:holds-text" match="*[text()[normalize-space()]]" use="generate-id()"/>

  <xsl:function name="tk:holds-text" as="xs:boolean">
    <xsl:param name="element" as="element()"/>
    <xsl:sequence select="if (root($element) instance of document-node())
        then exists(key('tk:holds-text', generate-id($element), root($element)))
        else exists($element/text()[normalize-space()])"/>
  </xsl:function>

  <!-- A container holds blocks (or further containers) and no text of its own. -->
  <xsl:function name="tk:is-container" as="xs:boolean">
    <xsl:param name="element" as="element()"/>
    <xsl:sequence select="not(map:contains($tk:element-kinds, local-name($element)))
        and exists($element/*) and not(tk:holds-text($element))"/>
  </xsl:function>

  <!-- Whether an element's words stand apart from its neighbours (a word boundary at either
       end): a block, a structure, a container, or anything standing among blocks. The one
       rule of toolkit/reading.py (is_apart), which reads these lists. -->
  <xsl:function name="tk:apart" as="xs:boolean">
    <xsl:param name="element" as="element()"/>
    <xsl:sequence select="exists($element/parent::*) and tk:is-container($element/parent::*)
        or not(tk:is-inline($element)) and (
            $tk:element-kinds(local-name($element)) = 'block'
            or map:contains($tk:structures, local-name($element))
            or tk:is-container($element))"/>
  </xsl:function>

  <!-- Holds blocks and no text: a container, or a block (p, postscript, note …) that holds a
       block or structure; on the page it becomes an HTML block that may hold blocks. -->
  <xsl:function name="tk:holds-blocks" as="xs:boolean">
    <xsl:param name="element" as="element()"/>
    <xsl:sequence select="not(tk:is-inline($element)) and exists($element/*) and not(tk:holds-text($element))
        and (tk:is-container($element) or exists($element/*[not(tk:is-inline(.))
            and ($tk:element-kinds(local-name()) = 'block' or map:contains($tk:structures, local-name()))
            and not(map:contains($tk:not-read, local-name()))]))"/>
  </xsl:function>

  <!-- Whether an element's HTML may be a block: its HTML parent holds flow content (a div, a
       section, a list item, a cell, a footnote), not phrasing (a p, a span, a heading). A
       block inside a paragraph (a table, a list, a quoted letter) is thus rendered with spans
       that look like blocks, and the HTML stays valid whatever a p holds. -->
  <xsl:function name="tk:in-flow" as="xs:boolean">
    <xsl:param name="element" as="element()"/>
    <xsl:variable name="parent" select="$element/parent::*"/>
    <xsl:sequence select="empty($parent) or tk:holds-flow($parent)"/>
  </xsl:function>

  <xsl:function name="tk:holds-flow" as="xs:boolean">
    <xsl:param name="element" as="element()"/>
    <xsl:sequence select="
        if ($element/self::tei:TEI or $element/self::tei:teiCorpus) then true()
        else if ($element/self::tei:note[ancestor::tei:text]) then true()
        else if ($element/self::tei:item/parent::tei:list[tk:is-container(.)]) then tk:in-flow($element/parent::*)
        else if ($element/self::tei:quote or $element/self::tei:figure) then tk:in-flow($element)
        else if ($element/self::tei:cell/parent::tei:row/parent::tei:table[tk:is-grid(.)])
          then tk:in-flow($element/../..)
        else tk:holds-blocks($element) and tk:in-flow($element)"/>
  </xsl:function>

  <!-- A table of rows of cells and nothing else: an HTML table (html_figures.xsl). -->
  <xsl:function name="tk:is-grid" as="xs:boolean">
    <xsl:param name="table" as="element()"/>
    <xsl:sequence select="not(tk:holds-text($table)) and exists($table/tei:row)
        and not($table/tei:row/text()[normalize-space()]) and not($table/tei:row/*[not(self::tei:cell)])
        and not($table/*[not(self::tei:head or self::tei:row)])"/>
  </xsl:function>

  <!-- ==== One reading where the source offers several (toolkit/reading.py: alternation) ==== -->

  <!-- The child of a choice the text reads: corr, else reg, else expan, else the first. -->
  <xsl:function name="tk:preferred" as="element()?">
    <xsl:param name="choice" as="element()"/>
    <xsl:sequence select="($choice/tei:corr, $choice/tei:reg, $choice/tei:expan, $choice/tei:*)[1]"/>
  </xsl:function>

  <!-- The reading of an app the text reads: its lem (perhaps in a rdgGrp), else its first rdg. -->
  <xsl:function name="tk:lemma" as="element()?">
    <xsl:param name="app" as="element()"/>
    <xsl:sequence select="(($app/tei:lem | $app/tei:rdgGrp/tei:lem)[1], tk:readings($app)[1])[1]"/>
  </xsl:function>

  <!-- The readings of an app (in rdgGrp too), not those of an app inside them. -->
  <xsl:function name="tk:readings" as="element()*">
    <xsl:param name="app" as="element()"/>
    <xsl:sequence select="$app//tei:rdg[ancestor::tei:app[1] is $app]"/>
  </xsl:function>

  <!-- Whether an element offers several readings of which the text reads one: a choice, an app,
       an open variant (mod type="variant", ediarum), holding elements and no text. -->
  <xsl:function name="tk:is-alternation" as="xs:boolean">
    <xsl:param name="element" as="element()"/>
    <xsl:sequence select="($element/self::tei:choice or $element/self::tei:app
            or $element/self::tei:mod[@type = 'variant'])
        and exists($element/tei:*) and not(tk:holds-text($element))"/>
  </xsl:function>

  <xsl:function name="tk:read-reading" as="element()?">
    <xsl:param name="element" as="element()"/>
    <xsl:sequence select="
        if ($element/self::tei:choice) then tk:preferred($element)
        else if ($element/self::tei:app) then tk:lemma($element)
        else $element/tei:*[1]"/>
  </xsl:function>

  <xsl:function name="tk:other-readings" as="element()*">
    <xsl:param name="element" as="element()"/>
    <xsl:variable name="read" select="tk:read-reading($element)"/>
    <xsl:sequence select="if ($element/self::tei:app) then tk:readings($element) except $read
        else $element/tei:* except $read"/>
  </xsl:function>

  <!-- Read where it stands: inside no deletion or other unread element (a note's own words are
       read in the notes), inside no reading that the text does not read. -->
  <xsl:function name="tk:is-read" as="xs:boolean">
    <xsl:param name="node" as="node()"/>
    <xsl:sequence select="not($node/ancestor::*[map:contains($tk:not-read, local-name())][not(self::tei:note)])
        and (every $a in $node/ancestor::*[tk:is-alternation(.)]
             satisfies exists(tk:read-reading($a) intersect $node/ancestor-or-self::*))"/>
  </xsl:function>

  <!-- An apparatus entry: an app, a correction (choice of sic and corr) or an open variant that
       the text reads. Abbreviations and regularisations are the editor's norm: the page's
       view of the source shows them, the apparatus does not. -->
  <xsl:function name="tk:in-apparatus" as="xs:boolean">
    <xsl:param name="element" as="element()"/>
    <xsl:sequence select="tk:is-alternation($element) and exists(tk:other-readings($element))
        and (not($element/self::tei:choice) or (tk:preferred($element)/self::tei:corr and $element/tei:sic))
        and tk:is-read($element)"/>
  </xsl:function>

  <!-- Its marker: a, b, … z, aa … through the document, in document order. -->
  <xsl:function name="tk:apparatus-marker" as="xs:string">
    <xsl:param name="entry" as="element()"/>
    <xsl:number select="$entry" level="any" format="a"
        count="tei:app[tk:in-apparatus(.)] | tei:choice[tk:in-apparatus(.)] | tei:mod[tk:in-apparatus(.)]"/>
  </xsl:function>

  <xsl:function name="tk:apparatus" as="element()*">
    <xsl:param name="root" as="node()"/>
    <xsl:sequence select="$root//tei:text//(tei:app | tei:choice | tei:mod)[tk:in-apparatus(.)]"/>
  </xsl:function>

  <!-- xml:lang as HTML's lang: the tag teikit computed for it (toolkit/languages.py: "fra" is
       "fr"), nothing for a value that is no language tag. -->
  <xsl:function name="tk:html-lang" as="xs:string?">
    <xsl:param name="code" as="xs:string?"/>
    <xsl:sequence select="
        if (not($code)) then ()
        else if (map:contains($language-tags, $code)) then $language-tags($code)[.]
        else if (matches($code, '^[a-z]{2}(-[A-Za-z0-9]{1,8})*$')) then $code
        else ()"/>
  </xsl:function>

  <!-- Where an addition stands in the source, in words. -->
  <xsl:function name="tk:add-place" as="xs:string">
    <xsl:param name="place" as="xs:string?"/>
    <xsl:variable name="where" select="tokenize($place)[1]"/>
    <xsl:sequence select="tk:label(
        if ($where = ('above', 'superlinear', 'supralinear', 'top')) then 'text.added-above'
        else if ($where = ('below', 'sublinear', 'infralinear', 'bottom')) then 'text.added-below'
        else if ($where = ('margin', 'left', 'right', 'inner', 'outer', 'mTop', 'mBottom')) then 'text.added-margin'
        else if ($where = ('inline', 'intralinear', 'inspace')) then 'text.added-inline'
        else if ($where = ('across', 'overwritten', 'over')) then 'text.added-over'
        else 'text.added')"/>
  </xsl:function>

  <!-- ==== Whitespace: a break inside a word (break="no") joins it ==== -->

  <!-- What decides whether whitespace is a space: the next (or previous) thing that is read in
       the same text (a note is a text of its own): words, a break, a space, a gap between words,
       or an element that stands apart. -->
  <xsl:function name="tk:marks" as="xs:boolean">
    <xsl:param name="node" as="node()"/>
    <xsl:param name="note" as="element()?"/>
    <xsl:sequence select="
        (if ($node instance of text()) then normalize-space($node) != ''
         else $node/self::tei:lb or $node/self::tei:pb or $node/self::tei:cb or $node/self::tei:space
             or $node/self::tei:gap[tk:gap-apart(.)] or ($node instance of element() and tk:apart($node)))
        and tk:in-context($node, $note) and tk:is-read($node)"/>
  </xsl:function>

  <!-- Whether a node belongs to the text of a note ($note), or to the main text (no $note). -->
  <xsl:function name="tk:in-context" as="xs:boolean">
    <xsl:param name="node" as="node()"/>
    <xsl:param name="note" as="element()?"/>
    <xsl:sequence select="if (empty($note)) then empty($node/ancestor::tei:note) else $node/ancestor::tei:note[1] is $note"/>
  </xsl:function>

  <!-- The text nodes from a break inside a word back (or on) to the nearest thing read: their
       whitespace towards the break is no space. A walk of a few nodes per break, so that a
       text node only looks its own break up (the key below), whatever the document's size. -->
  <xsl:function name="tk:walk" as="text()*">
    <xsl:param name="node" as="node()?"/>
    <xsl:param name="note" as="element()?"/>
    <xsl:param name="forward" as="xs:boolean"/>
    <xsl:choose>
      <xsl:when test="empty($node) or (exists($note) and not($node/ancestor::tei:note[1] is $note))"/>
      <xsl:when test="tk:marks($node, $note)">
        <xsl:sequence select="$node[self::text()]"/>
      </xsl:when>
      <xsl:otherwise>
        <xsl:variable name="read" select="tk:in-context($node, $note) and tk:is-read($node)"/>
        <xsl:sequence select="$node[self::text()][$read]"/>
        <xsl:sequence select="tk:walk(
            if (not($forward)) then $node/preceding::node()[1]
            else if ($read and $node/node()) then $node/node()[1]
            else $node/following::node()[1], $note, $forward)"/>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:function>

  <!-- (A break inside a reading the text does not read, an abbreviation say, joins nothing.) -->
  <xsl:key name="tk:before-break" match="tei:lb[@break = 'no'] | tei:pb[@break = 'no'] | tei:cb[@break = 'no']"
      use="tk:walk(preceding::node()[1][tk:is-read(current())], ancestor::tei:note[1], false()) ! generate-id()"/>
  <xsl:key name="tk:after-break" match="tei:lb[@break = 'no'] | tei:pb[@break = 'no'] | tei:cb[@break = 'no']"
      use="tk:walk(following::node()[1][tk:is-read(current())], ancestor::tei:note[1], true()) ! generate-id()"/>

  <!-- Every text node a break inside a word touches, for the one lookup most text nodes need. -->
  <xsl:key name="tk:near-break" match="tei:lb[@break = 'no'] | tei:pb[@break = 'no'] | tei:cb[@break = 'no']"
      use="(tk:walk(preceding::node()[1][tk:is-read(current())], ancestor::tei:note[1], false()),
            tk:walk(following::node()[1][tk:is-read(current())], ancestor::tei:note[1], true())) ! generate-id()"/>

  <!-- The text of a text node as it reads: whitespace towards a break inside a word is dropped;
       whitespace between the children of a choice, subst, app, rdgGrp or mod is indentation.
       (teikit hands Saxon documents in Unicode's composed form, NFC, as the web expects.) -->
  <xsl:function name="tk:text" as="xs:string">
    <xsl:param name="text" as="text()"/>
    <xsl:variable name="root" select="root($text)"/>
    <xsl:choose>
      <xsl:when test="not(normalize-space($text)) and $text/parent::*[self::tei:choice or self::tei:subst
          or self::tei:app or self::tei:rdgGrp or self::tei:mod]">
        <xsl:sequence select="''"/>
      </xsl:when>
      <xsl:when test="not($root instance of document-node())
          or empty(key('tk:near-break', generate-id($text), $root))">
        <xsl:sequence select="string($text)"/>
      </xsl:when>
      <xsl:otherwise>
        <xsl:variable name="id" select="generate-id($text)"/>
        <xsl:variable name="trimmed" select="if (key('tk:before-break', $id, $root)) then replace($text, '\s+$', '') else string($text)"/>
        <xsl:sequence select="if (key('tk:after-break', $id, $root)) then replace($trimmed, '^\s+', '') else $trimmed"/>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:function>

  <!-- Notes of the text (not of the header) are footnotes, numbered through the whole file. -->
  <xsl:function name="tk:note-number" as="xs:string">
    <xsl:param name="note" as="element()"/>
    <xsl:number select="$note" level="any" count="tei:text//tei:note"/>
  </xsl:function>

  <!-- A note kept apart from its place (in back, in a noteGrp) points there with @target="#id":
       its marker goes after that element, not where the note sits. -->
  <xsl:key name="tk:notes-by-target" match="tei:text//tei:note[@target]"
      use="tokenize(@target)[starts-with(., '#')] ! substring(., 2)"/>

  <xsl:function name="tk:anchored" as="xs:boolean">
    <xsl:param name="note" as="element()"/>
    <xsl:sequence select="some $id in tokenize($note/@target)[starts-with(., '#')] ! substring(., 2)
        satisfies exists(root($note)//*[@xml:id = $id][not(. is $note)])"/>
  </xsl:function>

  <!-- The editor's mark of a gap stands between words. A mark the source printed (@rend) keeps
       the source's spacing, and a gap of a few letters sits inside its word. -->
  <xsl:function name="tk:gap-apart" as="xs:boolean">
    <xsl:param name="gap" as="element()"/>
    <xsl:sequence select="not($gap/@rend) and
        not($gap/@unit = ('char', 'chars', 'character', 'characters', 'letter', 'letters'))"/>
  </xsl:function>

  <xsl:function name="tk:footnotes" as="element()*">
    <xsl:param name="root" as="node()"/>
    <xsl:sequence select="$root//tei:text//tei:note"/>
  </xsl:function>

  <!-- The document's main title: the record's; a stylesheet given no record reads the header. -->
  <xsl:function name="tk:main-title" as="xs:string">
    <xsl:param name="tei" as="element()"/>
    <xsl:variable name="titles" select="$tei/tei:teiHeader/tei:fileDesc/tei:titleStmt/tei:title"/>
    <xsl:variable name="main" select="($titles[@type = 'main'], $titles)[1]"/>
    <xsl:sequence select="(tk:record($tei)/tk:title/@main[normalize-space()]/string(),
        if ($main) then normalize-space($main) else tk:label('document.untitled'))[1]"/>
  </xsl:function>

  <!-- The words of the wording "text omitted by …", from the gap's reason and resp. -->
  <xsl:function name="tk:gap-description" as="xs:string">
    <xsl:param name="gap" as="element()"/>
    <xsl:variable name="who" select="tk:resp-name($gap/@resp)"/>
    <xsl:variable name="what" select="tk:label(
        if ($gap/@reason = 'illegible') then 'text.illegible'
        else if ($gap/@reason = 'damage') then 'text.damage'
        else 'text.omitted')"/>
    <xsl:variable name="by" select="if ($who) then tk:label-string('text.by', map{'what': $what, 'who': $who}) else $what"/>
    <xsl:sequence select="if ($gap/@extent) then tk:label-string('text.extent', map{'what': $by, 'extent': string($gap/@extent)}) else $by"/>
  </xsl:function>

  <!-- The mark a gap shows: the one the source printed when @rend records it, else "[…]". -->
  <xsl:function name="tk:gap-mark" as="xs:string">
    <xsl:param name="gap" as="element()"/>
    <xsl:variable name="rend" select="tokenize($gap/@rend)"/>
    <xsl:sequence select="
        if ($rend = 'angle-brackets') then '&lt;…&gt;'
        else if ($rend = 'ellipsis') then '…'
        else '[…]'"/>
  </xsl:function>

  <xsl:function name="tk:supplied-description" as="xs:string">
    <xsl:param name="supplied" as="element()"/>
    <xsl:variable name="who" select="tk:resp-name($supplied/@resp)"/>
    <xsl:sequence select="if ($who) then tk:label-string('text.supplied', map{'who': $who}) else tk:label('text.supplied-editor')"/>
  </xsl:function>

</xsl:stylesheet>
