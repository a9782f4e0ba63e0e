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
       'settlement', 'district', 'bloc', 'quote')"/>

  <!-- The same lists as one map, "block" or "inline" by name: a lookup, not a scan, per element. -->
  <xsl:variable name="tk:element-kinds" as="map(xs:string, xs:string)" select="map:merge((
      for $name in $tk:block-names return map{$name: 'block'},
      for $name in $tk:inline-names return map{$name: 'inline'}), map{'duplicates': 'use-first'})"/>

  <xsl:function name="tk:is-inline" as="xs:boolean">
    <xsl:param name="element" as="element()"/>
    <xsl:sequence select="$tk:element-kinds(local-name($element)) = 'inline'"/>
  </xsl:function>

  <!-- Elements with text of their own, indexed once per document: asking an element's children
       for text on every call made each paragraph scan all its siblings (quadratic rendering). -->
  <xsl:key name="tk:holds-text" match="*[text()[normalize-space()]]" use="generate-id()"/>

  <!-- A container holds blocks (or further containers) and no text of its own. -->
  <xsl:function name="tk:is-container" as="xs:boolean">
    <xsl:param name="element" as="element()"/>
    <xsl:sequence select="
        not(map:contains($tk:element-kinds, local-name($element)))
        and exists($element/*)
        and (if (root($element) instance of document-node())
             then empty(key('tk:holds-text', generate-id($element), root($element)))
             else not($element/text()[normalize-space()]))"/>
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

  <!-- The reading text, the same in every output: which reading of a choice or an apparatus
       entry is read, and how the words around a break inside a word (break="no") join. -->
  <xsl:function name="tk:preferred-reading" as="element()?">
    <xsl:param name="choice" as="element()"/>
    <xsl:sequence select="($choice/tei:corr, $choice/tei:reg, $choice/tei:expan, $choice/*)[1]"/>
  </xsl:function>

  <xsl:function name="tk:app-reading" as="element()?">
    <xsl:param name="app" as="element()"/>
    <xsl:sequence select="($app/tei:lem, $app/tei:rdg)[1]"/>
  </xsl:function>

  <xsl:function name="tk:breaks-word" as="xs:boolean">
    <xsl:param name="node" as="node()?"/>
    <xsl:sequence select="exists($node[self::tei:lb or self::tei:pb][@break = 'no'])"/>
  </xsl:function>

  <!-- A text node as read: the source's line-end whitespace next to a break inside a word is no space. -->
  <xsl:function name="tk:joined-text" as="xs:string">
    <xsl:param name="text" as="text()"/>
    <xsl:variable name="before" select="tk:breaks-word($text/following-sibling::node()[1])"/>
    <xsl:variable name="after" select="tk:breaks-word($text/preceding-sibling::node()[1])"/>
    <xsl:variable name="trimmed" select="if ($before) then replace($text, '\s+$', '') else string($text)"/>
    <xsl:sequence select="if ($after) then replace($trimmed, '^\s+', '') else $trimmed"/>
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
