<?xml version="1.0" encoding="UTF-8"?>
<!-- The text module: blocks (mode tk:flow) and the words inside a block (mode tk:inline).
     The words are the reading text (toolkit/reading.py says what it is): no deletions, one
     reading where the source offers several, words whole across line breaks; note markers
     "[1]" and apparatus markers "{a}" follow the words they belong to. -->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:tk="urn:teikit"
    xmlns:map="http://www.w3.org/2005/xpath-functions/map"
    exclude-result-prefixes="xs tei tk map">

  <!-- Unknown elements inside a block give their text and nothing else. -->
  <xsl:mode name="tk:inline" on-no-match="text-only-copy"/>

  <!-- One block: its words on one line, whitespace as in running text. -->
  <xsl:function name="tk:line" as="xs:string">
    <xsl:param name="nodes" as="node()*"/>
    <xsl:variable name="words">
      <xsl:apply-templates select="$nodes" mode="tk:inline"/>
    </xsl:variable>
    <xsl:sequence select="normalize-space($words)"/>
  </xsl:function>

  <!-- Blocks: an element that holds blocks gives its children's blocks (phrases between them
       run together as one, as on the page), anything else is one block. -->
  <xsl:template match="*" mode="tk:flow" as="xs:string*">
    <xsl:choose>
      <xsl:when test="tk:holds-blocks(.)">
        <xsl:for-each-group select="node()" group-adjacent=". instance of element() and tk:apart(.)">
          <xsl:choose>
            <xsl:when test="current-grouping-key()"><xsl:apply-templates select="current-group()" mode="tk:flow"/></xsl:when>
            <xsl:otherwise><xsl:sequence select="tk:line(current-group())"/></xsl:otherwise>
          </xsl:choose>
        </xsl:for-each-group>
      </xsl:when>
      <xsl:otherwise>
        <xsl:sequence select="tk:line(.)"/>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="tei:teiHeader" mode="tk:flow" as="xs:string*"/>

  <!-- A note among blocks is its marker; what is not read gives no block. -->
  <xsl:template match="*[map:contains($tk:not-read, local-name())]" mode="tk:flow" as="xs:string*">
    <xsl:sequence select="tk:line(.)"/>
  </xsl:template>

  <!-- Verse: one line per l, the stanza is one block. -->
  <xsl:template match="tei:lg[tk:holds-blocks(.)]" mode="tk:flow" as="xs:string*">
    <xsl:variable name="lines" as="xs:string*">
      <xsl:apply-templates select="*" mode="tk:flow"/>
    </xsl:variable>
    <xsl:sequence select="string-join($lines[normalize-space()], '&#10;')"/>
  </xsl:template>

  <xsl:template match="tei:list[tk:is-container(.)]" mode="tk:flow" as="xs:string*">
    <xsl:variable name="items" as="xs:string*">
      <xsl:apply-templates select="*" mode="tk:flow"/>
    </xsl:variable>
    <xsl:sequence select="string-join($items[normalize-space()], '&#10;')"/>
  </xsl:template>

  <xsl:template match="tei:list/tei:item" mode="tk:flow" as="xs:string*">
    <xsl:sequence select="concat('- ', tk:line(.))"/>
  </xsl:template>

  <xsl:template match="tei:table[tk:is-container(.)]" mode="tk:flow" as="xs:string*">
    <xsl:variable name="rows" as="xs:string*">
      <xsl:apply-templates select="*" mode="tk:flow"/>
    </xsl:variable>
    <xsl:sequence select="string-join($rows[normalize-space()], '&#10;')"/>
  </xsl:template>

  <xsl:template match="tei:row[not(text()[normalize-space()])]" mode="tk:flow" as="xs:string*">
    <xsl:sequence select="string-join(for $cell in * return tk:line($cell), ' | ')"/>
  </xsl:template>

  <!-- ==== Inline: the reading text ==== -->

  <xsl:template match="text()" mode="tk:inline">
    <xsl:value-of select="tk:text(.)"/>
  </xsl:template>

  <xsl:template match="tei:text//tei:note" mode="tk:inline">
    <xsl:if test="not(tk:anchored(.))">
      <xsl:value-of select="concat('[', tk:note-number(.), ']')"/>
    </xsl:if>
  </xsl:template>

  <!-- A note kept elsewhere (@target="#id") is marked after the element it points to. -->
  <xsl:template match="tei:text//*[@xml:id][key('tk:notes-by-target', @xml:id)]" mode="tk:inline" priority="20">
    <xsl:next-match/>
    <xsl:for-each select="key('tk:notes-by-target', @xml:id)">
      <xsl:value-of select="concat('[', tk:note-number(.), ']')"/>
    </xsl:for-each>
  </xsl:template>

  <xsl:template match="tei:gap" mode="tk:inline">
    <xsl:value-of select="if (tk:gap-apart(.)) then concat(' ', tk:gap-mark(.), ' ') else tk:gap-mark(.)"/>
  </xsl:template>

  <!-- A space where the source leaves one; what is not read gives nothing. -->
  <xsl:template match="tei:space" mode="tk:inline">
    <xsl:text> </xsl:text>
  </xsl:template>

  <xsl:template match="*[map:contains($tk:not-read, local-name())][not(self::tei:gap or self::tei:note)]" mode="tk:inline"/>

  <xsl:template match="tei:supplied" mode="tk:inline">
    <xsl:text>[</xsl:text>
    <xsl:apply-templates mode="tk:inline"/>
    <xsl:text>]</xsl:text>
  </xsl:template>

  <!-- One reading where the source offers several; the others are in the apparatus. -->
  <xsl:template match="tei:choice[tk:is-alternation(.)] | tei:app[tk:is-alternation(.)] | tei:mod[tk:is-alternation(.)]"
      mode="tk:inline">
    <xsl:apply-templates select="tk:read-reading(.)" mode="tk:inline"/>
    <xsl:if test="tk:in-apparatus(.)">
      <xsl:value-of select="concat('{', tk:apparatus-marker(.), '}')"/>
    </xsl:if>
  </xsl:template>

  <xsl:template match="tei:lb[not(@break = 'no')] | tei:pb[not(@break = 'no')] | tei:cb[not(@break = 'no')]" mode="tk:inline">
    <xsl:text> </xsl:text>
  </xsl:template>

  <xsl:template match="tei:lb | tei:pb | tei:cb" mode="tk:inline"/>

  <!-- An element that stands apart (a paragraph in a note, a list in a paragraph, a cell, a
       phrase among blocks) stays a word apart, whatever else its template does. -->
  <xsl:template match="*[tk:apart(.)][not(map:contains($tk:not-read, local-name()))][ancestor::*]" mode="tk:inline" priority="30">
    <xsl:text> </xsl:text>
    <xsl:next-match/>
    <xsl:text> </xsl:text>
  </xsl:template>

  <!-- ==== After the text: notes, then the apparatus ==== -->

  <xsl:template match="tei:note" mode="tk:footnote" as="xs:string">
    <xsl:variable name="words">
      <xsl:apply-templates mode="tk:inline"/>
    </xsl:variable>
    <xsl:sequence select="concat('[', tk:note-number(.), '] ', normalize-space($words))"/>
  </xsl:template>

  <!-- "{a} lemma] reading witnesses; reading witnesses" -->
  <xsl:template match="*" mode="tk:apparatus" as="xs:string">
    <xsl:variable name="readings" as="xs:string*">
      <xsl:for-each select="tk:other-readings(.)">
        <xsl:sequence select="normalize-space(string-join(((tk:inline-words(.)[.], tk:label('text.omits'))[1],
            tokenize(@wit) ! replace(., '^#', ''),
            if (parent::tei:mod) then concat('(', tk:add-place(@place), ')') else ()), ' '))"/>
      </xsl:for-each>
    </xsl:variable>
    <xsl:sequence select="concat('{', tk:apparatus-marker(.), '} ', (tk:inline-words(tk:read-reading(.))[.], '—')[1], '] ',
        string-join($readings, '; '))"/>
  </xsl:template>

  <!-- The words of an element's content (not of the element: a reading is read as it stands). -->
  <xsl:function name="tk:inline-words" as="xs:string">
    <xsl:param name="element" as="element()?"/>
    <xsl:variable name="words">
      <xsl:apply-templates select="$element/node()" mode="tk:inline"/>
    </xsl:variable>
    <xsl:sequence select="normalize-space($words)"/>
  </xsl:function>

</xsl:stylesheet>
