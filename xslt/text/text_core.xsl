<?xml version="1.0" encoding="UTF-8"?>
<!-- The text module: blocks (mode tk:flow) and the words inside a block (mode tk:inline). -->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:tk="urn:teikit"
    exclude-result-prefixes="xs tei tk">

  <!-- Unknown elements inside a block give their text and nothing else. -->
  <xsl:mode name="tk:inline" on-no-match="text-only-copy"/>

  <!-- One block: its words on one line, whitespace as in running text. -->
  <xsl:function name="tk:line" as="xs:string">
    <xsl:param name="element" as="element()"/>
    <xsl:variable name="words">
      <xsl:apply-templates select="$element" mode="tk:inline"/>
    </xsl:variable>
    <xsl:sequence select="normalize-space($words)"/>
  </xsl:function>

  <!-- Blocks: a container gives its children's blocks, anything else is one block. -->
  <xsl:template match="*" mode="tk:flow" as="xs:string*">
    <xsl:choose>
      <xsl:when test="tk:is-container(.)">
        <xsl:apply-templates select="*" mode="tk:flow"/>
      </xsl:when>
      <xsl:otherwise>
        <xsl:sequence select="tk:line(.)"/>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="tei:teiHeader" mode="tk:flow" as="xs:string*"/>

  <!-- Verse: one line per l, the stanza is one block. -->
  <xsl:template match="tei:lg[tk:is-container(.)]" mode="tk:flow" as="xs:string*">
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

  <!-- Inline. -->
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

  <!-- The reading text: a space where the source leaves one; deletions are not read. -->
  <xsl:template match="tei:space" mode="tk:inline">
    <xsl:text> </xsl:text>
  </xsl:template>

  <xsl:template match="tei:del" mode="tk:inline"/>

  <!-- Around a break inside a word (break="no"), the source's line-end whitespace is not a space. -->
  <xsl:template match="text()[tk:breaks-word(following-sibling::node()[1]) or tk:breaks-word(preceding-sibling::node()[1])]" mode="tk:inline">
    <xsl:value-of select="tk:joined-text(.)"/>
  </xsl:template>

  <xsl:template match="tei:supplied" mode="tk:inline">
    <xsl:text>[</xsl:text>
    <xsl:apply-templates mode="tk:inline"/>
    <xsl:text>]</xsl:text>
  </xsl:template>

  <!-- A choice shows its preferred reading, the others follow in brackets: nothing is lost. -->
  <xsl:template match="tei:choice[*][not(text()[normalize-space()])]" mode="tk:inline">
    <xsl:variable name="preferred" select="tk:preferred-reading(.)"/>
    <xsl:apply-templates select="$preferred" mode="tk:inline"/>
    <xsl:for-each select="* except $preferred">
      <xsl:text> [</xsl:text>
      <xsl:value-of select="local-name()"/>
      <xsl:text>: </xsl:text>
      <xsl:apply-templates mode="tk:inline"/>
      <xsl:text>]</xsl:text>
    </xsl:for-each>
  </xsl:template>

  <xsl:template match="tei:lb[not(@break = 'no')] | tei:pb[not(@break = 'no')] | tei:cb" mode="tk:inline">
    <xsl:text> </xsl:text>
  </xsl:template>

  <!-- A block met inside a block (a paragraph in a note, a list in a paragraph) stays a word apart. -->
  <xsl:template match="*[$tk:element-kinds(local-name()) = 'block'][ancestor::*]" mode="tk:inline" priority="-0.1">
    <xsl:text> </xsl:text>
    <xsl:apply-templates mode="tk:inline"/>
    <xsl:text> </xsl:text>
  </xsl:template>

  <!-- Notes after the text. -->
  <xsl:template match="tei:note" mode="tk:footnote" as="xs:string">
    <xsl:variable name="words">
      <xsl:apply-templates mode="tk:inline"/>
    </xsl:variable>
    <xsl:sequence select="concat('[', tk:note-number(.), '] ', normalize-space($words))"/>
  </xsl:template>

</xsl:stylesheet>
