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

  <xsl:variable name="tk:site-pages" as="element()*">
    <tk:link href="index.html" label="Documents"/>
    <tk:link href="persons.html" label="Persons"/>
    <tk:link href="places.html" label="Places"/>
    <tk:link href="orgs.html" label="Organisations"/>
    <tk:link href="correspondents.html" label="Correspondents"/>
    <tk:link href="chronology.html" label="Chronology"/>
    <tk:link href="search.html" label="Search"/>
  </xsl:variable>

  <xsl:template name="tk:page-shell">
    <xsl:param name="title" as="xs:string"/>
    <xsl:param name="current" as="xs:string" select="''"/>
    <xsl:param name="content" as="node()*"/>
    <xsl:param name="footer-links" as="node()*" select="()"/>
    <xsl:param name="head" as="node()*" select="()"/>
    <html lang="en">
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
        <a class="skip-link" href="#main">Skip to main content</a>
        <xsl:if test="$site">
          <header class="site-header">
            <p class="site-title"><a href="index.html"><xsl:value-of select="$edition-title"/></a></p>
            <nav aria-label="Edition">
              <ul>
                <xsl:for-each select="$tk:site-pages">
                  <li>
                    <a href="{@href}">
                      <xsl:if test="@href = $current"><xsl:attribute name="aria-current">page</xsl:attribute></xsl:if>
                      <xsl:value-of select="@label"/>
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
          <xsl:if test="tk:safe-href($licence)">
            <p>Licence: <a href="{$licence}"><xsl:value-of select="tk:licence-name($licence)"/></a></p>
          </xsl:if>
          <p class="made-with">
            <xsl:text>Made with teikit</xsl:text>
            <xsl:if test="$teikit-version"><xsl:value-of select="concat(' ', $teikit-version)"/></xsl:if>
            <xsl:text> from TEI P5 sources</xsl:text>
            <xsl:if test="$build-date">; built on <time datetime="{$build-date}"><xsl:value-of select="$build-date"/></time></xsl:if>
            <xsl:text>.</xsl:text>
          </p>
        </footer>
      </body>
    </html>
  </xsl:template>

  <xsl:function name="tk:licence-name" as="xs:string">
    <xsl:param name="uri" as="xs:string"/>
    <xsl:sequence select="
        if (contains($uri, 'licenses/by/4.0')) then 'Creative Commons Attribution 4.0 International (CC BY 4.0)'
        else if (contains($uri, 'publicdomain/zero/1.0')) then 'CC0 1.0 Universal'
        else $uri"/>
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

  <xsl:function name="tk:page-title" as="xs:string">
    <xsl:param name="tei" as="element()"/>
    <xsl:variable name="number" select="$tei/tei:teiHeader//tei:publicationStmt/tei:idno[@type = 'document-number']"/>
    <xsl:variable name="short" select="$tei/tei:teiHeader//tei:titleStmt/tei:title[@type = 'short']"/>
    <xsl:sequence select="string-join((
        if ($number) then concat('No. ', normalize-space($number)) else (),
        if ($short) then normalize-space($short[1]) else tk:main-title($tei)), ': ')"/>
  </xsl:function>

  <xsl:template match="tei:TEI" mode="tk:article">
    <xsl:param name="level" as="xs:integer" select="1" tunnel="yes"/>
    <xsl:variable name="leading-heads" select="tei:text/tei:body/tei:head[not(preceding-sibling::*[not(self::tei:head)])]"/>
    <article class="document">
      <xsl:if test="$site and $doc-id"><xsl:attribute name="data-pagefind-body"/></xsl:if>
      <xsl:if test="@xml:lang and not(starts-with(@xml:lang, 'en'))">
        <xsl:attribute name="lang" select="@xml:lang"/>
      </xsl:if>
      <header class="document-header">
        <xsl:apply-templates select="$leading-heads[@type = 'number']" mode="tk:document-head"/>
        <xsl:element name="h{$level}">
          <xsl:variable name="main" select="$leading-heads[not(@type = 'number')][1]"/>
          <xsl:choose>
            <xsl:when test="$main"><xsl:apply-templates select="$main/node()"/></xsl:when>
            <xsl:otherwise><xsl:value-of select="tk:main-title(.)"/></xsl:otherwise>
          </xsl:choose>
        </xsl:element>
        <xsl:apply-templates select="($leading-heads[not(@type = 'number')] except $leading-heads[not(@type = 'number')][1])"
            mode="tk:document-head"/>
      </header>
      <xsl:apply-templates select="tei:teiHeader" mode="tk:metadata">
        <xsl:with-param name="level" select="$level + 1"/>
      </xsl:apply-templates>
      <xsl:if test="tei:text">
        <section class="text" aria-labelledby="{tk:id('text-heading', .)}">
          <xsl:element name="h{$level + 1}">
            <xsl:attribute name="id" select="tk:id('text-heading', .)"/>
            <xsl:attribute name="class">visually-hidden</xsl:attribute>
            <xsl:text>Text</xsl:text>
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
      <xsl:call-template name="tk:apparatus">
        <xsl:with-param name="entries" select="tk:apparatus(.)"/>
        <xsl:with-param name="level" select="$level + 1"/>
      </xsl:call-template>
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
    <p class="subhead subhead-{(@type, 'other')[1]}"><xsl:apply-templates/></p>
  </xsl:template>

  <xsl:template name="tk:footnotes">
    <xsl:param name="notes" as="element()*"/>
    <xsl:param name="level" as="xs:integer"/>
    <xsl:if test="exists($notes)">
      <section class="notes" aria-labelledby="notes-heading-{tk:note-number($notes[1])}">
        <xsl:element name="h{$level}">
          <xsl:attribute name="id" select="concat('notes-heading-', tk:note-number($notes[1]))"/>
          <xsl:text>Notes</xsl:text>
        </xsl:element>
        <ol>
          <xsl:for-each select="$notes">
            <xsl:variable name="n" select="tk:note-number(.)"/>
            <li id="note-{$n}" value="{$n}">
              <xsl:apply-templates/>
              <xsl:text> </xsl:text>
              <a class="backref" href="#noteref-{$n}" data-pagefind-ignore="">
                <span aria-hidden="true">↩</span>
                <span class="visually-hidden">Back to the place of note <xsl:value-of select="$n"/> in the text</span>
              </a>
            </li>
          </xsl:for-each>
        </ol>
      </section>
    </xsl:if>
  </xsl:template>

  <xsl:template name="tk:how-to-cite">
    <xsl:param name="level" as="xs:integer"/>
    <xsl:variable name="url" select="concat($base-url[tk:safe-href(.)], encode-for-uri($doc-id), '.html')"/>
    <!-- not searched: it names the edition, whose title would make every page match its words -->
    <section class="cite" aria-labelledby="cite-heading" data-pagefind-ignore="all">
      <xsl:element name="h{$level}">
        <xsl:attribute name="id">cite-heading</xsl:attribute>
        <xsl:text>How to cite</xsl:text>
      </xsl:element>
      <p>
        <xsl:value-of select="tk:page-title(.)"/>
        <xsl:text>. In: </xsl:text>
        <cite><xsl:value-of select="$edition-title"/></cite>
        <xsl:if test="$edition-editors">
          <xsl:value-of select="concat(', edited by ', $edition-editors)"/>
        </xsl:if>
        <xsl:text>. </xsl:text>
        <a href="{$url}"><xsl:value-of select="$url"/></a>
      </p>
      <xsl:if test="$csl-href">
        <p><a href="{$csl-href}" type="application/vnd.citationstyles.csl+json" download="{encode-for-uri($doc-id)}.json">Citation record for reference managers (CSL-JSON)</a></p>
      </xsl:if>
    </section>
  </xsl:template>

  <!-- Highwire Press tags, as Zotero and Google Scholar read them, and the permalink. -->
  <xsl:template match="tei:TEI" mode="tk:citation-meta">
    <xsl:variable name="url" select="concat($base-url[tk:safe-href(.)], encode-for-uri($doc-id), '.html')"/>
    <xsl:variable name="sent" select="tei:teiHeader/tei:profileDesc/tei:correspDesc/tei:correspAction[@type = 'sent']"/>
    <xsl:variable name="date" select="($sent/tei:date)[1]"/>
    <!-- a permalink only where teikit.toml says where the edition is published -->
    <xsl:if test="tk:safe-href($base-url)"><link rel="canonical" href="{$url}"/></xsl:if>
    <xsl:if test="$csl-href">
      <link rel="alternate" type="application/vnd.citationstyles.csl+json" href="{$csl-href}" title="CSL-JSON"/>
    </xsl:if>
    <meta name="citation_title" content="{tk:main-title(.)}"/>
    <xsl:for-each select="$sent/(tei:persName | tei:orgName)">
      <meta name="citation_author" content="{tk:citation-name(.)}"/>
    </xsl:for-each>
    <xsl:choose>
      <xsl:when test="$date/@when"><meta name="citation_date" content="{translate($date/@when, '-', '/')}"/></xsl:when>
      <!-- A range within one year: the year is certain, the day is not. -->
      <xsl:when test="substring($date/@notBefore, 1, 4) = substring($date/@notAfter, 1, 4) and $date/@notBefore">
        <meta name="citation_date" content="{substring($date/@notBefore, 1, 4)}"/>
      </xsl:when>
    </xsl:choose>
    <xsl:if test="$edition-title"><meta name="citation_book_title" content="{$edition-title}"/></xsl:if>
    <xsl:for-each select="tokenize($edition-editors, ',\s*')[.]">
      <meta name="citation_editor" content="{.}"/>
    </xsl:for-each>
    <xsl:if test="$publisher"><meta name="citation_publisher" content="{$publisher}"/></xsl:if>
    <xsl:if test="$build-date"><meta name="citation_online_date" content="{translate($build-date, '-', '/')}"/></xsl:if>
    <xsl:if test="@xml:lang"><meta name="citation_language" content="{@xml:lang}"/></xsl:if>
    <xsl:if test="tk:safe-href($base-url)">
      <meta name="citation_public_url" content="{$url}"/>
      <meta name="citation_fulltext_html_url" content="{$url}"/>
    </xsl:if>
  </xsl:template>

  <!-- What the search (pagefind) filters and sorts by: named meta tags (valid HTML), whose
       content pagefind reads. One tag per value; names as the authority entries give them. -->
  <xsl:template match="tei:TEI" mode="tk:search-meta">
    <xsl:variable name="corresp" select="tei:teiHeader/tei:profileDesc/tei:correspDesc/tei:correspAction"/>
    <xsl:variable name="date" select="($corresp[@type = 'sent']/tei:date)[1]"/>
    <xsl:variable name="iso" select="string(($date/@when, $date/@notBefore, $date/@notAfter, $date/@from, $date/@to)[1])"/>
    <!-- names in the text; not the compiler's initials signing his own note -->
    <xsl:variable name="text-names" select="tei:text//(tei:persName | tei:placeName)[@ref]
        [not(ancestor::tei:note/@resp = @ref)]"/>
    <meta name="teikit-title" content="{tk:page-title(.)}" data-pagefind-meta="title[content]"/>
    <xsl:for-each select="tei:teiHeader/tei:profileDesc/tei:textClass/tei:catRef[1]">
      <meta name="teikit-kind" content="{tk:kind-label(@target)}" data-pagefind-filter="kind[content]"/>
    </xsl:for-each>
    <xsl:call-template name="tk:search-values">
      <xsl:with-param name="filter" select="'sender'"/>
      <xsl:with-param name="names" select="$corresp[@type = 'sent']/(tei:persName | tei:orgName)"/>
    </xsl:call-template>
    <xsl:call-template name="tk:search-values">
      <xsl:with-param name="filter" select="'addressee'"/>
      <xsl:with-param name="names" select="$corresp[@type = 'received'][not(@subtype = 'cc')]/(tei:persName | tei:orgName)"/>
    </xsl:call-template>
    <xsl:if test="string-length($iso) ge 4">
      <meta name="teikit-year" content="{substring($iso, 1, 4)}" data-pagefind-filter="year[content]"/>
      <meta name="teikit-date" content="{$iso}" data-pagefind-sort="date[content]"/>
    </xsl:if>
    <xsl:call-template name="tk:search-values">
      <xsl:with-param name="filter" select="'place'"/>
      <xsl:with-param name="names" select="$text-names[self::tei:placeName] | $corresp/tei:placeName"/>
    </xsl:call-template>
    <xsl:call-template name="tk:search-values">
      <xsl:with-param name="filter" select="'person'"/>
      <xsl:with-param name="names" select="$text-names[self::tei:persName]"/>
    </xsl:call-template>
  </xsl:template>

  <xsl:template name="tk:search-values">
    <xsl:param name="filter" as="xs:string"/>
    <xsl:param name="names" as="element()*"/>
    <xsl:variable name="values" select="for $n in $names return
        (if (tk:local-ids($n/@ref)[1]) then tk:entry-name(tk:local-ids($n/@ref)[1]) else normalize-space($n))"/>
    <xsl:for-each select="distinct-values($values[.])">
      <xsl:sort select="."/>
      <meta name="teikit-{$filter}" content="{.}" data-pagefind-filter="{$filter}[content]"/>
    </xsl:for-each>
  </xsl:template>

  <!-- "Surname, Forename" where the authority entry marks them, else the name as the entry has it. -->
  <xsl:function name="tk:citation-name" as="xs:string">
    <xsl:param name="name" as="element()"/>
    <xsl:variable name="entry" select="$entries/tk:entries/tk:entry[@id = tk:local-ids($name/@ref)[1]]"/>
    <xsl:sequence select="
        if ($entry/@surname[.] and $entry/@forename[.]) then concat($entry/@surname, ', ', $entry/@forename)
        else if ($entry) then string($entry/@name)
        else normalize-space($name)"/>
  </xsl:function>

  <!-- The link to a document's page: a relative path ("./") with the file name percent-encoded,
       so that no file name can become a scheme ("javascript:") or break out of the attribute. -->
  <xsl:function name="tk:doc-href" as="xs:string">
    <xsl:param name="doc-id" as="xs:string"/>
    <xsl:sequence select="concat('./', encode-for-uri($doc-id), '.html')"/>
  </xsl:function>

  <xsl:template name="tk:pager">
    <xsl:param name="where" as="xs:string" select="'bottom'"/>
    <!-- Two landmarks on one page need two names. -->
    <nav class="pager pager-{$where}" data-pagefind-ignore="all" aria-label="{if ($where = 'top') then 'Previous and next document' else 'Previous and next document (end of page)'}">
      <ul>
        <!-- At the top short (a phone's first screen belongs to the document), at the end in full. -->
        <xsl:if test="$prev-id">
          <li class="prev">
            <a rel="prev" href="{tk:doc-href($prev-id)}">
              <xsl:choose>
                <xsl:when test="$where = 'top'">← Previous<span class="visually-hidden"> document: <xsl:value-of select="$prev-title"/></span></xsl:when>
                <xsl:otherwise>Previous document: <xsl:value-of select="$prev-title"/></xsl:otherwise>
              </xsl:choose>
            </a>
          </li>
        </xsl:if>
        <xsl:if test="$next-id">
          <li class="next">
            <a rel="next" href="{tk:doc-href($next-id)}">
              <xsl:choose>
                <xsl:when test="$where = 'top'">Next<span class="visually-hidden"> document: <xsl:value-of select="$next-title"/></span> →</xsl:when>
                <xsl:otherwise>Next document: <xsl:value-of select="$next-title"/></xsl:otherwise>
              </xsl:choose>
            </a>
          </li>
        </xsl:if>
      </ul>
    </nav>
  </xsl:template>

  <xsl:template name="tk:other-forms">
    <xsl:if test="$tei-href or $text-href">
      <ul class="other-forms">
        <xsl:if test="$tei-href"><li><a href="{$tei-href}" type="application/xml">TEI XML source of this document</a></li></xsl:if>
        <xsl:if test="$text-href"><li><a href="{$text-href}" type="text/plain">Plain text of this document</a></li></xsl:if>
      </ul>
    </xsl:if>
  </xsl:template>

</xsl:stylesheet>
