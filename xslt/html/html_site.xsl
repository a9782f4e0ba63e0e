<?xml version="1.0" encoding="UTF-8"?>
<!--
  The site's own pages, each made from the small summary teikit writes for it (root tk:site, its
  @page saying which; builders/site.py): the home page (the introduction; the documents, or the
  years), a year's documents, a register's index and its initials, a register entry, the
  correspondents, the chronology and the search page. Every link in a summary is made relative
  to its page; $root leads from the page back to the site's folder.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:tk="urn:teikit"
    xmlns:svg="http://www.w3.org/2000/svg"
    xmlns:map="http://www.w3.org/2005/xpath-functions/map"
    exclude-result-prefixes="xs tei tk svg map">

  <xsl:template match="tk:site" mode="tk:page">
    <xsl:variable name="register" select="(tk:register, tk:entry/@kind/..)[1]"/>
    <xsl:call-template name="tk:page-shell">
      <xsl:with-param name="title" select="
          if (@page = 'index') then string(@title)
          else if (@page = 'year') then tk:label-string('year.title', map{'year': string(tk:documents/@label)})
          else if (@page = 'entry') then string((tk:entry/@sort-name, tk:entry/@name)[1])
          else if (@page = 'initial') then tk:label-string('register.initial-title', map{'title': string(tk:register/@title), 'letter': string(tk:register/@letter)})
          else if (@page = 'register') then string(tk:register/@title)
          else tk:label('nav.' || @page)"/>
      <xsl:with-param name="current" select="
          if (@page = ('register', 'initial')) then tk:register-page(tk:register/@kind)
          else if (@page = 'entry') then tk:register-page(tk:entry/@kind)
          else if (@page = 'year') then 'index.html'
          else concat(@page, '.html')"/>
      <xsl:with-param name="head">
        <xsl:if test="@page = 'search'">
          <link rel="stylesheet" href="pagefind/pagefind-ui.css"/>
          <script src="pagefind/pagefind-ui.js"></script>
          <script src="static/search.js"></script>
        </xsl:if>
      </xsl:with-param>
      <xsl:with-param name="content">
        <xsl:choose>
          <xsl:when test="@page = 'index'"><xsl:apply-templates select="." mode="tk:home"/></xsl:when>
          <xsl:when test="@page = 'year'"><xsl:apply-templates select="tk:documents" mode="tk:year"/></xsl:when>
          <xsl:when test="@page = ('register', 'initial')"><xsl:apply-templates select="tk:register" mode="tk:site"/></xsl:when>
          <xsl:when test="@page = 'entry'"><xsl:apply-templates select="tk:entry" mode="tk:site"/></xsl:when>
          <xsl:when test="@page = 'correspondents'"><xsl:apply-templates select="tk:correspondence" mode="tk:site"/></xsl:when>
          <xsl:when test="@page = 'chronology'"><xsl:apply-templates select="tk:chronology" mode="tk:site"/></xsl:when>
          <xsl:when test="@page = 'search'"><xsl:call-template name="tk:search-page"/></xsl:when>
        </xsl:choose>
      </xsl:with-param>
      <xsl:with-param name="footer-links">
        <ul class="other-forms">
          <li><a href="{$cmif-href}" type="application/xml"><xsl:value-of select="tk:label('site.cmif')"/></a></li>
        </ul>
      </xsl:with-param>
    </xsl:call-template>
  </xsl:template>

  <!-- The page of a register: persons.html for kind person. -->
  <xsl:function name="tk:register-page" as="xs:string">
    <xsl:param name="kind" as="xs:string?"/>
    <xsl:sequence select="map{'person': 'persons.html', 'place': 'places.html', 'org': 'orgs.html'}($kind)"/>
  </xsl:function>

  <!-- Home: title, introduction; the documents in chronological order (a small edition), the years. -->
  <xsl:template match="tk:site" mode="tk:home">
    <h1><xsl:value-of select="@title"/></h1>
    <xsl:if test="tk:subtitle"><p class="subtitle"><xsl:apply-templates select="tk:subtitle/tei:title/node()"/></p></xsl:if>
    <xsl:if test="tk:intro/*">
      <section class="introduction" aria-labelledby="introduction-heading">
        <h2 id="introduction-heading"><xsl:value-of select="tk:label('site.introduction')"/></h2>
        <xsl:apply-templates select="tk:intro/*/node()[not(self::tei:head)]"/>
      </section>
    </xsl:if>
    <section class="documents" aria-labelledby="documents-heading">
      <h2 id="documents-heading"><xsl:value-of select="tk:label('site.documents')"/></h2>
      <xsl:choose>
        <xsl:when test="tk:documents">
          <xsl:call-template name="tk:legend"><xsl:with-param name="documents" select="tk:documents/tk:document"/></xsl:call-template>
          <xsl:call-template name="tk:document-table">
            <xsl:with-param name="documents" select="tk:documents/tk:document"/>
            <xsl:with-param name="caption" select="tk:label('site.documents-caption')"/>
          </xsl:call-template>
        </xsl:when>
        <xsl:otherwise>
          <p><xsl:value-of select="tk:label-string('year.intro', map{'count': string(sum(tk:years/tk:year/@count))})"/></p>
          <xsl:apply-templates select="tk:years" mode="tk:site"/>
        </xsl:otherwise>
      </xsl:choose>
    </section>
  </xsl:template>

  <!-- The years, each with its number of documents, leading to its page. -->
  <xsl:template match="tk:years" mode="tk:site">
    <ul class="years" id="years">
      <xsl:for-each select="tk:year">
        <li><a href="{$root}{@href}"><xsl:value-of select="@label"/></a><xsl:text> </xsl:text><span class="count">(<xsl:value-of select="@count"/>)</span></li>
      </xsl:for-each>
    </ul>
  </xsl:template>

  <!-- A year: its documents, by month (those dated to the year only, or undated, first). -->
  <xsl:template match="tk:documents" mode="tk:year">
    <h1><xsl:value-of select="tk:label-string('year.title', map{'year': string(@label)})"/></h1>
    <p>
      <xsl:variable name="count" select="xs:integer((@count, count(tk:document))[1])"/>
      <xsl:value-of select="tk:label-string(if ($count = 1) then 'year.count-one' else 'year.count', map{'count': string($count)})"/>
      <xsl:text> </xsl:text>
      <xsl:if test="@up">
        <a href="{@up}"><xsl:value-of select="tk:label-string('year.back', map{'year': string(@up-label)})"/></a>
        <xsl:text> · </xsl:text>
      </xsl:if>
      <a href="{@years}"><xsl:value-of select="tk:label('year.all-years')"/></a>
    </p>
    <xsl:call-template name="tk:legend"><xsl:with-param name="documents" select="tk:document"/></xsl:call-template>
    <xsl:apply-templates select="tk:pages" mode="tk:site"/>
    <xsl:variable name="unplaced" select="tk:document[not(@month[.])]"/>
    <xsl:if test="$unplaced">
      <xsl:call-template name="tk:document-table">
        <xsl:with-param name="documents" select="$unplaced"/>
        <xsl:with-param name="caption" select="tk:label-string('year.caption', map{'period': string(@label)})"/>
      </xsl:call-template>
    </xsl:if>
    <xsl:if test="tk:month[@href]">
      <section class="months" aria-labelledby="months-heading">
        <h2 id="months-heading"><xsl:value-of select="tk:label('year.months')"/></h2>
        <ul class="years">
          <xsl:for-each select="tk:month">
            <li id="month-{@number}"><a href="{@href}"><xsl:value-of select="tk:label-string('date.month', map{'month': string(@name), 'year': string(../@year)})"/></a><xsl:text> </xsl:text><span class="count">(<xsl:value-of select="@count"/>)</span></li>
          </xsl:for-each>
        </ul>
      </section>
    </xsl:if>
    <xsl:for-each select="tk:month[not(@href)]">
      <xsl:variable name="number" select="@number"/>
      <section class="month" aria-labelledby="month-{@number}">
        <h2 id="month-{@number}"><xsl:value-of select="tk:label-string('date.month', map{'month': string(@name), 'year': string(../@year)})"/></h2>
        <xsl:call-template name="tk:document-table">
          <xsl:with-param name="documents" select="../tk:document[@month = $number]"/>
          <xsl:with-param name="caption" select="tk:label-string('year.caption', map{'period': tk:label-string('date.month', map{'month': string(@name), 'year': string(../@year)})})"/>
        </xsl:call-template>
      </section>
    </xsl:for-each>
    <xsl:apply-templates select="tk:pages" mode="tk:site"/>
  </xsl:template>

  <!-- What the mark of an inferred number means, once above the lists that show one. -->
  <xsl:template name="tk:legend">
    <xsl:param name="documents" as="element(tk:document)*"/>
    <xsl:if test="$documents[@inferred = 'true']">
      <xsl:variable name="mark" as="element()"><span class="inferred-mark">*</span></xsl:variable>
      <p class="legend"><xsl:sequence select="tk:label('site.legend', map{'mark': $mark})"/></p>
    </xsl:if>
  </xsl:template>

  <xsl:template name="tk:document-table">
    <xsl:param name="documents" as="element(tk:document)*"/>
    <xsl:param name="caption" as="xs:string"/>
    <div class="table-wrapper">
      <table class="document-list">
        <caption class="visually-hidden"><xsl:value-of select="$caption"/></caption>
        <thead>
          <tr>
            <xsl:for-each select="('number', 'date', 'parties', 'kind', 'place')"><th scope="col"><xsl:value-of select="tk:label('site.col-' || .)"/></th></xsl:for-each>
          </tr>
        </thead>
        <tbody>
          <xsl:apply-templates select="$documents" mode="tk:site"/>
        </tbody>
      </table>
    </div>
  </xsl:template>

  <xsl:template match="tk:document" mode="tk:site">
    <tr>
      <td class="number">
        <a href="{@href}">
          <span class="visually-hidden"><xsl:value-of select="tk:label('site.document')"/></span>
          <xsl:value-of select="(@number[.], @id)[1]"/>
          <xsl:if test="@inferred = 'true'">
            <span class="inferred-mark" title="{tk:label('site.inferred-title')}">*</span>
            <span class="visually-hidden"><xsl:value-of select="tk:label('site.inferred-hidden')"/></span>
          </xsl:if>
        </a>
      </td>
      <td class="date"><xsl:call-template name="tk:time"/></td>
      <td class="title">
        <a href="{@href}"><xsl:value-of select="@title"/></a>
        <span class="parties">
          <xsl:value-of select="string-join(tk:from/@name, '; ')"/>
          <xsl:text> → </xsl:text>
          <xsl:value-of select="(string-join(tk:to/@name, '; ')[.], tk:label('site.unnamed'))[1]"/>
        </span>
      </td>
      <td class="kind"><xsl:value-of select="@kind"/></td>
      <td class="place"><xsl:value-of select="string-join(tk:place/@name, '; ')"/></td>
    </tr>
  </xsl:template>

  <xsl:template name="tk:time">
    <xsl:choose>
      <xsl:when test="@when"><time datetime="{@when}"><xsl:value-of select="@date"/></time></xsl:when>
      <xsl:otherwise><xsl:value-of select="@date"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- A register's index (every name, by initial, with its number of documents), or one of its
       initials on a page of its own. -->
  <xsl:template match="tk:register" mode="tk:site">
    <h1>
      <xsl:value-of select="if (@letter) then tk:label-string('register.initial-title', map{'title': string(@title), 'letter': string(@letter)}) else @title"/>
    </h1>
    <p>
      <xsl:value-of select="tk:label-string(if (@kind = 'person') then 'register.intro-person' else 'register.intro', map{'count': string(@count)})"/>
      <xsl:if test="@index"><xsl:text> </xsl:text><a href="{@index}"><xsl:value-of select="tk:label-string('register.back', map{'title': string(@title)})"/></a></xsl:if>
    </p>
    <nav class="initials" aria-label="{tk:label-string('register.initials', map{'title': string(@title)})}">
      <ul>
        <xsl:for-each select="tk:initial">
          <li>
            <a href="{@href}">
              <xsl:if test="@letter = ../@letter"><xsl:attribute name="aria-current">page</xsl:attribute></xsl:if>
              <xsl:value-of select="@letter"/>
            </a>
            <xsl:text> </xsl:text><span class="count">(<xsl:value-of select="@count"/>)</span>
          </li>
        </xsl:for-each>
      </ul>
    </nav>
    <xsl:choose>
      <xsl:when test="tk:names"><xsl:apply-templates select="tk:names" mode="tk:site"/></xsl:when>
      <xsl:otherwise>
        <xsl:for-each select="tk:initial[tk:name]">
          <section class="initial" aria-labelledby="initial-{@letter}">
            <h2 id="initial-{@letter}"><xsl:value-of select="@letter"/></h2>
            <xsl:apply-templates select="." mode="tk:site"/>
          </section>
        </xsl:for-each>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="tk:names | tk:initial" mode="tk:site">
    <ul class="names">
      <xsl:for-each select="tk:name">
        <li>
          <a href="{@href}"><xsl:value-of select="@name"/></a>
          <xsl:if test="@life"><span class="life-dates"> (<xsl:value-of select="@life"/>)</span></xsl:if>
          <xsl:text> </xsl:text>
          <span class="count" title="{tk:label('register.count-title')}">(<xsl:value-of select="@count"/>)</span>
        </li>
      </xsl:for-each>
    </ul>
  </xsl:template>

  <!-- A register entry: its names and identifiers, the documents that name it (with the role and
       the sentences), a person's own correspondents. -->
  <xsl:template match="tk:entry" mode="tk:site">
    <article class="entry" id="{@id}" aria-labelledby="{@id}-name">
      <h1 id="{@id}-name">
        <xsl:value-of select="(@sort-name, @name)[1]"/>
        <xsl:if test="@life"><span class="life-dates"> (<xsl:value-of select="@life"/>)</span></xsl:if>
      </h1>
      <p class="register-link"><a href="{@index}"><xsl:value-of select="tk:label('register.' || @kind)"/></a></p>
      <xsl:if test="@sort-name and @sort-name ne @name">
        <p class="regular-name"><xsl:value-of select="tk:label-string('register.regular', map{'name': string(@name)})"/></p>
      </xsl:if>
      <xsl:if test="tk:variant">
        <p class="variants"><xsl:value-of select="tk:label-string('register.variants', map{'names': string-join(tk:variant, '; ')})"/></p>
      </xsl:if>
      <xsl:for-each select="tk:description">
        <p class="description"><xsl:value-of select="."/></p>
      </xsl:for-each>
      <xsl:if test="tk:identifier">
        <ul class="identifiers">
          <xsl:for-each select="tk:identifier">
            <li>
              <a href="{@uri}">
                <xsl:value-of select="@label"/>
                <xsl:if test="@scheme ne 'wikipedia'">: <xsl:value-of select="@value"/></xsl:if>
              </a>
            </li>
          </xsl:for-each>
        </ul>
      </xsl:if>
      <xsl:if test="tk:network/svg:svg">
        <figure class="network-figure">
          <xsl:copy-of select="tk:network/svg:svg" copy-namespaces="no"/>
          <figcaption><xsl:value-of select="tk:network/svg:svg/svg:title"/></figcaption>
        </figure>
      </xsl:if>
      <xsl:choose>
        <xsl:when test="tk:mention">
          <h2 class="mentions-heading">
            <xsl:value-of select="tk:label-string('register.documents-count', map{'count': string(@count)})"/>
          </h2>
          <xsl:apply-templates select="tk:pages" mode="tk:site"/>
          <ul class="mentions">
            <xsl:for-each select="tk:mention">
              <li>
                <a href="{@href}"><xsl:value-of select="@label"/></a>
                <xsl:if test="@roles"><span class="roles"> — <xsl:value-of select="@roles"/></span></xsl:if>
                <xsl:for-each select="tk:passage">
                  <p class="passage"><q><xsl:value-of select="."/></q></p>
                </xsl:for-each>
              </li>
            </xsl:for-each>
          </ul>
          <xsl:apply-templates select="tk:pages" mode="tk:site"/>
        </xsl:when>
        <xsl:otherwise><p class="mentions"><xsl:value-of select="tk:label('register.unmentioned')"/></p></xsl:otherwise>
      </xsl:choose>
    </article>
  </xsl:template>

  <!-- The pages of an entry named in many documents: each with the dates it spans. -->
  <xsl:template match="tk:pages" mode="tk:site">
    <nav class="entry-pages" aria-label="{tk:label('register.pages')}">
      <ul>
        <xsl:for-each select="tk:page">
          <li>
            <a href="{@href}">
              <xsl:if test="@number = ../@current"><xsl:attribute name="aria-current">page</xsl:attribute></xsl:if>
              <xsl:value-of select="tk:label-string('register.page', map{'number': string(@number), 'first': string(@first), 'last': string(@last)})"/>
            </a>
          </li>
        </xsl:for-each>
      </ul>
    </nav>
  </xsl:template>

  <!-- Full-text search: pagefind's interface (bundled by the build in pagefind/, no CDN). -->
  <xsl:template name="tk:search-page">
    <h1><xsl:value-of select="tk:label('nav.search')"/></h1>
    <p><xsl:value-of select="tk:label('search.intro')"/></p>
    <div id="search" class="search"></div>
    <noscript>
      <p class="no-script"><xsl:sequence select="tk:label('search.no-script', map:merge(
          for $page in ('documents', 'persons', 'places', 'orgs', 'chronology', 'correspondents')
          return map{$page: tk:link((if ($page = 'documents') then 'index' else $page) || '.html', tk:label('search.' || $page))}))"/></p>
    </noscript>
  </xsl:template>

  <!-- The documents on a time axis (an SVG drawn by teikit), then the years. -->
  <xsl:template match="tk:chronology" mode="tk:site">
    <h1><xsl:value-of select="tk:label('nav.chronology')"/></h1>
    <p><xsl:value-of select="tk:label(if (svg:svg[contains(@class, 'counts')]) then 'chronology.intro-counts' else 'chronology.intro')"/></p>
    <xsl:if test="svg:svg">
      <figure class="chronology-figure">
        <xsl:copy-of select="svg:svg" copy-namespaces="no"/>
        <figcaption><xsl:sequence select="tk:label('chronology.caption', map{'svg': tk:svg-link('chronology.svg')})"/></figcaption>
      </figure>
    </xsl:if>
    <section class="calendar" aria-labelledby="calendar-heading">
      <h2 id="calendar-heading"><xsl:value-of select="tk:label('chronology.by-year')"/></h2>
      <xsl:apply-templates select="../tk:years" mode="tk:site"/>
    </section>
  </xsl:template>

  <!-- Who wrote to whom, how often, when. -->
  <xsl:template match="tk:correspondence" mode="tk:site">
    <h1><xsl:value-of select="tk:label('nav.correspondents')"/></h1>
    <p><xsl:value-of select="tk:label('correspondents.intro')"/></p>
    <xsl:if test="svg:svg">
      <figure class="network-figure">
        <xsl:copy-of select="svg:svg" copy-namespaces="no"/>
        <figcaption>
          <xsl:choose>
            <xsl:when test="svg:svg[contains(@class, 'ring')]">
              <xsl:value-of select="svg:svg/svg:title"/><xsl:text>. </xsl:text>
              <xsl:sequence select="tk:svg-link('network.svg')"/><xsl:text>.</xsl:text>
            </xsl:when>
            <xsl:otherwise><xsl:sequence select="tk:label('correspondents.caption', map{'svg': tk:svg-link('network.svg')})"/></xsl:otherwise>
          </xsl:choose>
        </figcaption>
      </figure>
    </xsl:if>
    <div class="table-wrapper">
      <table class="correspondents">
        <caption class="visually-hidden"><xsl:value-of select="tk:label('correspondents.table')"/></caption>
        <thead>
          <tr>
            <xsl:for-each select="('from', 'to', 'documents', 'when')"><th scope="col"><xsl:value-of select="tk:label('correspondents.col-' || .)"/></th></xsl:for-each>
          </tr>
        </thead>
        <tbody>
          <xsl:for-each select="tk:pair">
            <tr>
              <td><xsl:call-template name="tk:party"><xsl:with-param name="prefix" select="'from'"/></xsl:call-template></td>
              <td>
                <xsl:call-template name="tk:party"><xsl:with-param name="prefix" select="'to'"/></xsl:call-template>
                <xsl:if test="@cc = 'true'"><xsl:value-of select="tk:label('correspondents.copy')"/></xsl:if>
              </td>
              <td class="count">
                <xsl:value-of select="@count"/>
                <xsl:if test="tk:doc">
                  <xsl:text>: </xsl:text>
                  <xsl:for-each select="tk:doc">
                    <xsl:if test="position() gt 1">, </xsl:if>
                    <a href="{@href}"><span class="visually-hidden"><xsl:value-of select="tk:label('site.document')"/></span><xsl:value-of select="@number"/></a>
                  </xsl:for-each>
                </xsl:if>
              </td>
              <td><xsl:value-of select="if (@first = @last) then @first else tk:label-string('date.range', map{'start': string(@first), 'end': string(@last)})"/></td>
            </tr>
          </xsl:for-each>
        </tbody>
      </table>
    </div>
  </xsl:template>

  <!-- "The drawing as an SVG file", linking the drawing's own file. -->
  <xsl:function name="tk:svg-link" as="element()">
    <xsl:param name="href" as="xs:string"/>
    <a href="{$href}" type="image/svg+xml"><xsl:value-of select="tk:label('chronology.svg-link')"/></a>
  </xsl:function>

  <xsl:template name="tk:party">
    <xsl:param name="prefix" as="xs:string"/>
    <xsl:variable name="name" select="string(@*[local-name() = concat($prefix, '-name')])"/>
    <xsl:variable name="href" select="string(@*[local-name() = concat($prefix, '-href')])"/>
    <xsl:choose>
      <xsl:when test="$href"><a href="{$href}"><xsl:value-of select="$name"/></a></xsl:when>
      <xsl:otherwise><xsl:value-of select="$name"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

</xsl:stylesheet>
