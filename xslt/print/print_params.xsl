<?xml version="1.0" encoding="UTF-8"?>
<!-- Parameters of the print edition, the words it prints, and how text becomes Typst source. -->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:tk="urn:teikit"
    xmlns:map="http://www.w3.org/2005/xpath-functions/map"
    exclude-result-prefixes="xs tk map">

  <!--
    The edition's record of the document, made by teikit (toolkit/builders/printed.py):
    <tk:record id="…" number="…" inferred="true|false" label="…" running="…" kind="…" date="…" lang="…">
      <tk:turn n="1" of="1"><tk:from ref="…" name="…"/> <tk:to …/> <tk:cc …/> <tk:place …/> <tk:date>…</tk:date></tk:turn>
      <tk:source type="archival|publication" kind="…" repository-ref="…" repository="…">parts in words</tk:source>
    </tk:record>
    Empty when a file is rendered without a record: the document's title is its heading.
  -->
  <xsl:param name="record" as="node()?" select="()"/>
  <!-- Where the documents' sources import the template from (the root of the Typst project). -->
  <xsl:param name="template" as="xs:string" select="'/teikit.typ'"/>

  <!-- The words of the print edition. -->
  <xsl:variable name="tk:print-words" as="map(xs:string, xs:string)" select="map{
      'contents': 'Contents',
      'documents': 'Documents',
      'registers': 'Registers',
      'introduction': 'Introduction',
      'principles': 'Editorial principles',
      'signs': 'Signs and notes',
      'edited-by': 'Edited by',
      'rights': 'Rights',
      'licence': 'Licence',
      'source': 'Source',
      'made': 'Typeset',
      'made-text': 'Typeset by teikit {version} from the TEI P5 sources of the edition, {date}.',
      'address': 'Online',
      'kind': 'Kind',
      'from': 'From',
      'to': 'To',
      'cc': 'Copy to',
      'date': 'Date',
      'place': 'Place',
      'turn': 'Turn {n} of {of}',
      'archival': 'Archive',
      'publication': 'Published',
      'number-inferred': 'Number',
      'inferred': 'inferred',
      'note-by-compiler': 'the compiler ({name})',
      'note-by-compiler-inferred': 'attributed to the compiler ({name}) by the edition',
      'note-by': '{name}',
      'note-by-inferred': 'attributed to {name} by the edition',
      'app-deleted': 'deleted:',
      'app-added': 'added',
      'app-added-place': 'added {place}',
      'app-replaced': 'corrected from:',
      'app-unclear': 'reading uncertain',
      'app-sic': 'thus in the source',
      'app-choice-sic': 'in the source:',
      'app-choice-orig': 'original spelling:',
      'app-choice-abbr': 'abbreviated:',
      'app-choice-reg': 'regularised:',
      'app-choice-corr': 'corrected:',
      'app-choice-expan': 'expanded:',
      'app-reading': 'reading:',
      'sign-supplied': 'words supplied by the editor or the compiler',
      'sign-gap': 'text omitted or lost; &lt;…&gt; and … where the source prints these marks',
      'sign-page': 'page 2 of the source begins',
      'sign-notes': 'the notes of the text, at the foot of the page, numbered as on the site; each names its author where the edition records one (without a name: the editors’ note)',
      'sign-apparatus': 'the apparatus, lettered through each document: what the reading text leaves out or changes (deletions, additions, corrections, the other form of an abbreviation or a spelling, other readings)',
      'persons': 'Persons',
      'places': 'Places',
      'orgs': 'Organisations'
    }"/>

  <!-- A word of the print edition with its {placeholders} filled. -->
  <xsl:function name="tk:word" as="xs:string">
    <xsl:param name="key" as="xs:string"/>
    <xsl:param name="values" as="map(xs:string, xs:string)"/>
    <xsl:sequence select="fold-left(map:keys($values), ($tk:print-words($key), $key)[1],
        function($text, $name) { replace($text, concat('\{', $name, '\}'), replace($values($name), '([$\\])', '\\$1')) })"/>
  </xsl:function>

  <xsl:function name="tk:word" as="xs:string">
    <xsl:param name="key" as="xs:string"/>
    <xsl:sequence select="($tk:print-words($key), $key)[1]"/>
  </xsl:function>

  <!-- Text as a Typst string literal: #"…" (only \ and " need escaping there). -->
  <xsl:function name="tk:typ" as="xs:string">
    <xsl:param name="text" as="xs:string"/>
    <xsl:variable name="escaped" select="
        if (contains($text, '\') or contains($text, '&quot;'))
        then replace(replace($text, '\\', '\\\\'), '&quot;', '\\&quot;')
        else $text"/>
    <xsl:sequence select="concat('#&quot;', $escaped, '&quot;')"/>
  </xsl:function>

  <!-- A string as Typst code (an argument): "…". -->
  <xsl:function name="tk:typ-arg" as="xs:string">
    <xsl:param name="text" as="xs:string?"/>
    <xsl:sequence select="substring(tk:typ(string($text)), 2)"/>
  </xsl:function>

  <!-- Running text as Typst markup: the words in one string, a space before or after where the
       source has whitespace there (Typst collapses spaces as running text does). -->
  <xsl:function name="tk:typ-words" as="xs:string">
    <xsl:param name="text" as="xs:string"/>
    <xsl:variable name="words" select="normalize-space($text)"/>
    <xsl:sequence select="
        if ($words = '') then (if ($text = '') then '' else ' ')
        else concat(
            if (tk:is-space(substring($text, 1, 1))) then ' ' else '',
            tk:typ($words),
            if (tk:is-space(substring($text, string-length($text)))) then ' ' else '')"/>
  </xsl:function>

  <xsl:function name="tk:is-space" as="xs:boolean">
    <xsl:param name="character" as="xs:string"/>
    <xsl:sequence select="$character = (' ', '&#9;', '&#10;', '&#13;')"/>
  </xsl:function>

  <!-- A content block of Typst ([…]) holding text. -->
  <xsl:function name="tk:typ-content" as="xs:string">
    <xsl:param name="text" as="xs:string?"/>
    <xsl:sequence select="concat('[', if (normalize-space($text)) then tk:typ(normalize-space($text)) else '', ']')"/>
  </xsl:function>

</xsl:stylesheet>
