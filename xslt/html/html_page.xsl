<?xml version="1.0" encoding="UTF-8"?>
<!--
  The page: the HTML5 skeleton every page shares (landmarks, skip link, navigation, footer),
  and the document page built from a TEI file.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:tk="urn:teikit"
    exclude-result-prefixes="xs tei tk">

  <!-- The site's pages, in the order of the navigation; each labelled nav.<name>. -->
  <xsl:variable name="tk:site-pages" as="xs:string*"
      select="('index', 'persons', 'places', 'orgs', 'correspondents', 'chronology', 'search')"/>

  <xsl:template name="tk:page-shell">
    <xsl:param name="title" as="xs:string"/>
    <xsl:param name="current" as="xs:string" select="''"/>
    <xsl:param name="content" as="node()*"/>
    <xsl:param name="footer-links" as="node()*" select="()"/>
    <xsl:param name="head" as="node()*" select="()"/>
    <html lang="{tk:interface-language()}">
      <head>
        <meta charset="utf-8"/>
        <meta name="viewport" content="width=device-width, initial-scale=1"/>
        <title>
          <xsl:value-of select="string-join(($title, $edition-title[.][. ne $title]), ' – ')"/>
        </title>
        <xsl:choose>
          <xsl:when test="$inline-css"><style><xsl:value-of select="$inline-css"/></style></xsl:when>
          <xsl:otherwise><link rel="stylesheet" href="{$css-href}"/></xsl:otherwise>
        </xsl:choose>
        <xsl:sequence select="$head"/>
      </head>
      <body>
        <a class="skip-link" href="#main"><xsl:value-of select="tk:label('page.skip')"/></a>
        <xsl:if test="$site">
          <header class="site-header">
            <p class="site-title"><a href="{$root}index.html"><xsl:value-of select="$edition-title"/></a></p>
            <nav aria-label="{tk:label('page.navigation')}">
              <ul>
                <xsl:for-each select="$tk:site-pages">
                  <li>
                    <a href="{$root}{.}.html">
                      <xsl:if test=". || '.html' = $current"><xsl:attribute name="aria-current">page</xsl:attribute></xsl:if>
                      <xsl:value-of select="tk:label('nav.' || .)"/>
                    </a>
                  </li>
                </xsl:for-each>
              </ul>
            </nav>
          </header>
        </xsl:if>
        <main id="main">
          <xsl:sequence select="$content"/>
        </main>
        <footer class="site-footer">
          <xsl:sequence select="$footer-links"/>
          <xsl:call-template name="tk:footer"/>
        </footer>
      </body>
    </html>
  </xsl:template>

  <!-- What every page says at its foot: the licence, and how and when it was made. Override
       (or extend with xsl:next-match in a mode of your own) to add a line. -->
  <xsl:template name="tk:footer">
    <xsl:if test="tk:safe-href($licence)">
      <p class="rights">
        <xsl:choose>
          <!-- what the licence covers and what it does not, as the edition's description says -->
          <xsl:when test="$rights-licence">
            <xsl:sequence select="tk:label('page.licence-covers', map{'licence': tk:link($licence, $rights-licence),
                'note': $rights-note})"/>
          </xsl:when>
          <xsl:otherwise>
            <xsl:sequence select="tk:label('page.licence', map{'licence': tk:link($licence, ($licence-name[.], $licence)[1])})"/>
          </xsl:otherwise>
        </xsl:choose>
      </p>
    </xsl:if>
    <p class="made-with">
      <xsl:sequence select="tk:label('page.made-with', map{
          'version': if ($teikit-version) then concat(' ', $teikit-version) else '',
          'built': if ($build-date) then tk:label('page.built-on', map{'date': tk:time($build-date, $build-date)}) else ''})"/>
    </p>
  </xsl:template>

  <xsl:function name="tk:link" as="element()">
    <xsl:param name="href" as="xs:string"/>
    <xsl:param name="text" as="xs:string"/>
    <a href="{$href}"><xsl:value-of select="$text"/></a>
  </xsl:function>

  <xsl:function name="tk:time" as="element()">
    <xsl:param name="datetime" as="xs:string"/>
    <xsl:param name="text" as="xs:string"/>
    <time datetime="{$datetime}"><xsl:value-of select="$text"/></time>
  </xsl:function>

  <!-- One TEI document, one page. -->
  <xsl:template match="tei:TEI" mode="tk:page">
    <xsl:call-template name="tk:page-shell">
      <xsl:with-param name="title" select="tk:page-title(.)"/>
      <xsl:with-param name="head">
        <xsl:if test="$site and $doc-id">
          <xsl:apply-templates select="." mode="tk:citation-meta"/>
          <xsl:apply-templates select="." mode="tk:search-meta"/>
        </xsl:if>
      </xsl:with-param>
      <xsl:with-param name="content">
        <xsl:if test="$site and $doc-id">
          <xsl:call-template name="tk:pager"><xsl:with-param name="where" select="'top'"/></xsl:call-template>
        </xsl:if>
        <xsl:apply-templates select="." mode="tk:article"/>
      </xsl:with-param>
    </xsl:call-template>
  </xsl:template>

  <!-- A corpus of TEI files: one article each, on one page. -->
  <xsl:template match="tei:teiCorpus" mode="tk:page">
    <xsl:call-template name="tk:page-shell">
      <xsl:with-param name="title" select="tk:main-title(.)"/>
      <xsl:with-param name="content">
        <h1><xsl:value-of select="tk:main-title(.)"/></h1>
        <xsl:apply-templates select="tei:TEI | tei:teiCorpus" mode="tk:article">
          <xsl:with-param name="level" select="2" tunnel="yes"/>
        </xsl:apply-templates>
      </xsl:with-param>
    </xsl:call-template>
  </xsl:template>

  <!-- Any other root element: its text, in a page. -->
  <xsl:template match="*" mode="tk:page">
    <xsl:call-template name="tk:page-shell">
      <xsl:with-param name="title" select="local-name()"/>
      <xsl:with-param name="content">
        <h1><xsl:value-of select="local-name()"/></h1>
        <div class="text"><xsl:apply-templates select="."/></div>
      </xsl:with-param>
    </xsl:call-template>
  </xsl:template>

  <!-- How the site names the document ("No. 537: Chicherin to Kirov"): the record's. -->
  <xsl:function name="tk:page-title" as="xs:string">
    <xsl:param name="tei" as="element()"/>
    <xsl:sequence select="(tk:record($tei)/tk:title/@page/string(), tk:main-title($tei))[1]"/>
  </xsl:function>

  <xsl:template match="tei:TEI" mode="tk:article">
    <xsl:param name="level" as="xs:integer" select="1" tunnel="yes"/>
    <xsl:variable name="leading-heads" select="tei:text/tei:body/tei:head[not(preceding-sibling::*[not(self::tei:head)])]"/>
    <article class="document">
      <xsl:if test="$site and $doc-id"><xsl:attribute name="data-pagefind-body"/></xsl:if>
      <xsl:if test="@xml:lang and not(starts-with(@xml:lang, 'en'))">
        <xsl:attribute name="lang" select="@xml:lang"/>
      </xsl:if>
      <!-- The edition's own, neutral title is the heading; the heading the source prints (a
           compiler's, which may judge what it describes) follows it in a smaller face, so that
           on a phone the text starts on the first screen. -->
      <header class="document-header">
        <xsl:element name="h{$level}">
          <xsl:value-of select="(tk:record(.)/tk:title/@main/string(), tk:main-title(.))[1]"/>
        </xsl:element>
        <xsl:if test="$leading-heads">
          <div class="source-heading">
            <xsl:if test="tei:teiHeader/tei:fileDesc/tei:titleStmt/tei:title[@type = 'compiler']">
              <p class="source-heading-label"><xsl:value-of select="tk:label('doc.compiler-heading')"/></p>
            </xsl:if>
            <xsl:apply-templates select="$leading-heads" mode="tk:document-head"/>
          </div>
        </xsl:if>
      </header>
      <xsl:if test="tei:text">
        <section class="text" aria-labelledby="{tk:id('text-heading', .)}">
          <xsl:element name="h{$level + 1}">
            <xsl:attribute name="id" select="tk:id('text-heading', .)"/>
            <xsl:attribute name="class">visually-hidden</xsl:attribute>
            <xsl:value-of select="tk:label('doc.text')"/>
          </xsl:element>
          <xsl:apply-templates select="tei:text">
            <xsl:with-param name="shown-above" select="$leading-heads" tunnel="yes"/>
          </xsl:apply-templates>
        </section>
      </xsl:if>
      <xsl:call-template name="tk:footnotes">
        <xsl:with-param name="notes" select="tei:text//tei:note"/>
        <xsl:with-param name="level" select="$level + 1"/>
      </xsl:call-template>
      <xsl:apply-templates select="tei:teiHeader" mode="tk:metadata">
        <xsl:with-param name="level" select="$level + 1"/>
      </xsl:apply-templates>
      <xsl:if test="$site and $doc-id">
        <xsl:call-template name="tk:how-to-cite">
          <xsl:with-param name="level" select="$level + 1"/>
        </xsl:call-template>
        <xsl:call-template name="tk:pager"/>
      </xsl:if>
    </article>
  </xsl:template>

  <xsl:template match="tei:teiCorpus" mode="tk:article">
    <xsl:apply-templates select="tei:TEI | tei:teiCorpus" mode="tk:article"/>
  </xsl:template>

  <!-- Ids stay unique when several documents share a page (teiCorpus): the second gets "-2". -->
  <xsl:function name="tk:id" as="xs:string">
    <xsl:param name="name" as="xs:string"/>
    <xsl:param name="context" as="node()"/>
    <xsl:variable name="n" select="count($context/ancestor-or-self::tei:TEI[1]/preceding::tei:TEI)"/>
    <xsl:sequence select="if ($n = 0) then $name else concat($name, '-', $n + 1)"/>
  </xsl:function>

  <xsl:template match="tei:head[@type = 'number']" mode="tk:document-head">
    <p class="doc-number"><xsl:apply-templates/></p>
  </xsl:template>

  <xsl:template match="tei:head" mode="tk:document-head">
    <p class="subhead subhead-{(@type, 'main')[1]}"><xsl:apply-templates/></p>
  </xsl:template>

  <xsl:template name="tk:footnotes">
    <xsl:param name="notes" as="element()*"/>
    <xsl:param name="level" as="xs:integer"/>
    <xsl:if test="exists($notes)">
      <section class="notes" aria-labelledby="notes-heading-{tk:note-number($notes[1])}">
        <xsl:element name="h{$level}">
          <xsl:attribute name="id" select="concat('notes-heading-', tk:note-number($notes[1]))"/>
          <xsl:value-of select="tk:label('doc.notes')"/>
        </xsl:element>
        <ol>
          <xsl:apply-templates select="$notes" mode="tk:footnote"/>
        </ol>
      </section>
    </xsl:if>
  </xsl:template>

  <!-- One note in the list after the text: its words and the way back to its place. Override
       (e.g. with xsl:next-match around it) to say more of a note; its author is the record's. -->
  <xsl:template match="tei:note" mode="tk:footnote">
    <xsl:variable name="n" select="tk:note-number(.)"/>
    <li id="note-{$n}" value="{$n}">
      <xsl:apply-templates/>
      <xsl:text> </xsl:text>
      <a class="backref" href="#noteref-{$n}">
        <span aria-hidden="true">↩</span>
        <span class="visually-hidden"><xsl:value-of select="tk:label-string('doc.note-back', map{'n': $n})"/></span>
      </a>
      <!-- who wrote the note, as teikit worked it out (the record's tk:notes) -->
      <xsl:for-each select="tk:record(.)/tk:notes/tk:note[@n = $n][@label]">
        <span class="note-author" data-pagefind-ignore="all"><xsl:value-of select="@label"/></span>
      </xsl:for-each>
    </li>
  </xsl:template>

  <xsl:template name="tk:how-to-cite">
    <xsl:param name="level" as="xs:integer"/>
    <xsl:variable name="url" select="string(tk:record(.)/tk:cite/@url)"/>
    <!-- not searched: it names the edition, whose title would make every page match its words -->
    <section class="cite" aria-labelledby="cite-heading" data-pagefind-ignore="all">
      <xsl:element name="h{$level}">
        <xsl:attribute name="id">cite-heading</xsl:attribute>
        <xsl:value-of select="tk:label('doc.cite')"/>
      </xsl:element>
      <p>
        <xsl:variable name="edition" as="element()"><cite><xsl:value-of select="$edition-title"/></cite></xsl:variable>
        <xsl:sequence select="tk:label('doc.cite-in', map{
            'title': tk:page-title(.), 'edition': $edition,
            'editors': if ($edition-editors) then tk:label-string('doc.cite-editors', map{'editors': $edition-editors}) else '',
            'url': tk:link($url, $url)})"/>
      </p>
      <!-- where the document comes from, and what the edition says of the language of its text -->
      <xsl:variable name="source" select="tk:record(.)/tk:cite/@source[.]"/>
      <xsl:if test="$source or $source-language">
        <p class="cite-source">
          <xsl:value-of select="string-join(($source ! tk:label-string('doc.cite-source', map{'source': string(.)}),
              $source-language[.]), ' ')"/>
        </p>
      </xsl:if>
      <xsl:for-each select="tk:record(.)/tk:link[@rel = 'csl']">
        <p><a href="{@href}" type="application/vnd.citationstyles.csl+json" download="{encode-for-uri(../@id)}.json"><xsl:value-of select="tk:label('doc.csl')"/></a></p>
      </xsl:for-each>
    </section>
  </xsl:template>

  <!-- Highwire Press tags, as Zotero and Google Scholar read them, and the permalink. -->
  <xsl:template match="tei:TEI" mode="tk:citation-meta">
    <xsl:variable name="doc" select="tk:record(.)"/>
    <xsl:variable name="url" select="string($doc/tk:cite/@url)"/>
    <!-- a permalink only where teikit.toml says where the edition is published -->
    <xsl:if test="$doc/tk:cite/@canonical"><link rel="canonical" href="{$url}"/></xsl:if>
    <xsl:for-each select="$doc/tk:link[@rel = 'csl']">
      <link rel="alternate" type="application/vnd.citationstyles.csl+json" href="{@href}" title="{tk:label('doc.csl-format')}"/>
    </xsl:for-each>
    <meta name="citation_title" content="{$doc/tk:title/@main}"/>
    <xsl:for-each select="$doc/tk:turn/tk:from">
      <meta name="citation_author" content="{@citation}"/>
    </xsl:for-each>
    <!-- the day, or the year of a range within one year (the year is certain, the day is not) -->
    <xsl:for-each select="$doc/tk:date/@citation">
      <meta name="citation_date" content="{.}"/>
    </xsl:for-each>
    <xsl:if test="$edition-title"><meta name="citation_book_title" content="{$edition-title}"/></xsl:if>
    <xsl:for-each select="tokenize($edition-editors, ',\s*')[.]">
      <meta name="citation_editor" content="{.}"/>
    </xsl:for-each>
    <xsl:if test="$publisher"><meta name="citation_publisher" content="{$publisher}"/></xsl:if>
    <xsl:if test="$build-date"><meta name="citation_online_date" content="{translate($build-date, '-', '/')}"/></xsl:if>
    <xsl:if test="@xml:lang"><meta name="citation_language" content="{@xml:lang}"/></xsl:if>
    <xsl:if test="$doc/tk:cite/@canonical">
      <meta name="citation_public_url" content="{$url}"/>
      <meta name="citation_fulltext_html_url" content="{$url}"/>
    </xsl:if>
  </xsl:template>

  <!-- What the search (pagefind) filters and sorts by: named meta tags (valid HTML), whose
       content pagefind reads. One tag per value; names as the authority entries give them. -->
  <xsl:template match="tei:TEI" mode="tk:search-meta">
    <xsl:variable name="doc" select="tk:record(.)"/>
    <meta name="teikit-title" content="{tk:page-title(.)}" data-pagefind-meta="title[content]"/>
    <xsl:for-each select="$doc/tk:facet[@name = ('kind', 'sender', 'addressee')]">
      <meta name="teikit-{@name}" content="{@value}" data-pagefind-filter="{@name}[content]"/>
    </xsl:for-each>
    <xsl:for-each select="$doc/tk:date[@year]">
      <meta name="teikit-year" content="{@year}" data-pagefind-filter="year[content]"/>
      <meta name="teikit-date" content="{@sort}" data-pagefind-sort="date[content]"/>
    </xsl:for-each>
    <xsl:for-each select="$doc/tk:facet[@name = ('place', 'person')]">
      <meta name="teikit-{@name}" content="{@value}" data-pagefind-filter="{@name}[content]"/>
    </xsl:for-each>
  </xsl:template>

  <xsl:template name="tk:pager">
    <xsl:param name="where" as="xs:string" select="'bottom'"/>
    <!-- Two landmarks on one page need two names. -->
    <nav class="pager pager-{$where}" data-pagefind-ignore="all" aria-label="{tk:label(if ($where = 'top') then 'doc.pager' else 'doc.pager-end')}">
      <ul>
        <!-- At the top short (a phone's first screen belongs to the document), at the end in full. -->
        <xsl:for-each select="tk:record(.)/(tk:prev | tk:next)">
          <li class="{local-name()}">
            <a rel="{local-name()}" href="{@href}">
              <xsl:choose>
                <xsl:when test="$where = 'top'"><xsl:sequence select="tk:label('doc.' || local-name() || '-short', map{'hidden': tk:hidden(tk:label-string('doc.hidden-title', map{'title': string(@label)}))})"/></xsl:when>
                <xsl:otherwise><xsl:value-of select="tk:label-string('doc.' || local-name(), map{'title': string(@label)})"/></xsl:otherwise>
              </xsl:choose>
            </a>
          </li>
        </xsl:for-each>
      </ul>
    </nav>
  </xsl:template>

  <xsl:template name="tk:other-forms">
    <xsl:variable name="links" select="tk:record(.)/tk:link[@rel = ('tei', 'text')]"/>
    <xsl:if test="$links">
      <ul class="other-forms">
        <xsl:for-each select="$links">
          <li><a href="{@href}" type="{if (@rel = 'tei') then 'application/xml' else 'text/plain'}"><xsl:value-of select="tk:label(if (@rel = 'tei') then 'doc.tei' else 'doc.plain-text')"/></a></li>
        </xsl:for-each>
      </ul>
    </xsl:if>
  </xsl:template>

  <!-- Words only a screen reader reads. -->
  <xsl:function name="tk:hidden" as="element()">
    <xsl:param name="text" as="xs:string"/>
    <span class="visually-hidden"><xsl:value-of select="$text"/></span>
  </xsl:function>

</xsl:stylesheet>
