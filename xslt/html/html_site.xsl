<?xml version="1.0" encoding="UTF-8"?>
<!--
  The site's own pages, made from the corpus summary teikit writes (root tk:site): the home page
  with the introduction and the chronological list of documents, the index pages of persons,
  places and organisations, and the correspondents. $page says which one.
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
    <xsl:variable name="index" select="tk:entries[@page = concat($page, '.html')]"/>
    <xsl:call-template name="tk:page-shell">
      <xsl:with-param name="title" select="
          if ($page = 'index') then string(@title)
          else if ($index) then string($index/@title)
          else tk:label('nav.' || $page)"/>
      <xsl:with-param name="current" select="concat($page, '.html')"/>
      <xsl:with-param name="head">
        <xsl:if test="$page = 'search'">
          <link rel="stylesheet" href="pagefind/pagefind-ui.css"/>
          <script src="pagefind/pagefind-ui.js"></script>
          <script src="static/search.js"></script>
        </xsl:if>
      </xsl:with-param>
      <xsl:with-param name="content">
        <xsl:choose>
          <xsl:when test="$page = 'index'"><xsl:apply-templates select="." mode="tk:home"/></xsl:when>
          <xsl:when test="$page = 'correspondents'"><xsl:apply-templates select="tk:correspondence" mode="tk:site"/></xsl:when>
          <xsl:when test="$page = 'chronology'"><xsl:apply-templates select="tk:chronology" mode="tk:site"/></xsl:when>
          <xsl:when test="$page = 'search'"><xsl:call-template name="tk:search-page"/></xsl:when>
          <xsl:otherwise><xsl:apply-templates select="$index" mode="tk:site"/></xsl:otherwise>
        </xsl:choose>
      </xsl:with-param>
      <xsl:with-param name="footer-links">
        <ul class="other-forms">
          <li><a href="{$cmif-href}" type="application/xml"><xsl:value-of select="tk:label('site.cmif')"/></a></li>
        </ul>
      </xsl:with-param>
    </xsl:call-template>
  </xsl:template>

  <!-- Home: title, introduction, documents in chronological order. -->
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
      <xsl:if test="tk:documents/tk:document[@inferred = 'true']">
        <xsl:variable name="mark" as="element()"><span class="inferred-mark">*</span></xsl:variable>
        <p class="legend"><xsl:sequence select="tk:label('site.legend', map{'mark': $mark})"/></p>
      </xsl:if>
      <div class="table-wrapper">
        <table class="document-list">
          <caption class="visually-hidden"><xsl:value-of select="tk:label('site.documents-caption')"/></caption>
          <thead>
            <tr>
              <xsl:for-each select="('number', 'date', 'parties', 'kind', 'place')"><th scope="col"><xsl:value-of select="tk:label('site.col-' || .)"/></th></xsl:for-each>
            </tr>
          </thead>
          <tbody>
            <xsl:apply-templates select="tk:documents/tk:document" mode="tk:site"/>
          </tbody>
        </table>
      </div>
    </section>
  </xsl:template>

  <xsl:template match="tk:document" mode="tk:site">
    <tr>
      <td>
        <a href="{@href}">
          <span class="visually-hidden"><xsl:value-of select="tk:label('site.document')"/></span>
          <xsl:value-of select="(@number[.], @id)[1]"/>
          <xsl:if test="@inferred = 'true'">
            <span class="inferred-mark" title="{tk:label('site.inferred-title')}">*</span>
            <span class="visually-hidden"><xsl:value-of select="tk:label('site.inferred-hidden')"/></span>
          </xsl:if>
        </a>
      </td>
      <td><xsl:call-template name="tk:time"/></td>
      <td>
        <a href="{@href}"><xsl:value-of select="@title"/></a>
        <span class="parties">
          <xsl:value-of select="string-join(tk:from/@name, '; ')"/>
          <xsl:text> → </xsl:text>
          <xsl:value-of select="(string-join(tk:to/@name, '; ')[.], tk:label('site.unnamed'))[1]"/>
        </span>
      </td>
      <td><xsl:value-of select="@kind"/></td>
      <td><xsl:value-of select="string-join(tk:place/@name, '; ')"/></td>
    </tr>
  </xsl:template>

  <xsl:template name="tk:time">
    <xsl:choose>
      <xsl:when test="@when"><time datetime="{@when}"><xsl:value-of select="@date"/></time></xsl:when>
      <xsl:otherwise><xsl:value-of select="@date"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- An index page: one entry per authority record, anchored by its xml:id, in the order of
       the sort names (surname, forename where the entry marks them). -->
  <xsl:template match="tk:entries" mode="tk:site">
    <h1><xsl:value-of select="@title"/></h1>
    <p><xsl:value-of select="tk:label-string(if (@kind = 'person') then 'register.intro-person' else 'register.intro', map{'count': string(count(tk:entry))})"/></p>
    <nav class="entry-list" aria-label="{tk:label-string('register.all-entries', map{'title': string(@title)})}">
      <ul>
        <xsl:for-each select="tk:entry">
          <li><a href="#{@id}"><xsl:value-of select="(@sort-name, @name)[1]"/></a></li>
        </xsl:for-each>
      </ul>
    </nav>
    <xsl:apply-templates select="tk:entry" mode="tk:site"/>
  </xsl:template>

  <xsl:template match="tk:entry" mode="tk:site">
    <section class="entry" id="{@id}" aria-labelledby="{@id}-name">
      <h2 id="{@id}-name">
        <xsl:value-of select="(@sort-name, @name)[1]"/>
        <xsl:if test="@life"><span class="life-dates"> (<xsl:value-of select="@life"/>)</span></xsl:if>
      </h2>
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
      <xsl:choose>
        <xsl:when test="tk:mention">
          <h3 class="mentions-heading"><xsl:value-of select="tk:label('register.documents')"/></h3>
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
        </xsl:when>
        <xsl:otherwise><p class="mentions"><xsl:value-of select="tk:label('register.unmentioned')"/></p></xsl:otherwise>
      </xsl:choose>
    </section>
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

  <!-- The documents on a time axis (an SVG drawn by teikit), then by year and month. -->
  <xsl:template match="tk:chronology" mode="tk:site">
    <h1><xsl:value-of select="tk:label('nav.chronology')"/></h1>
    <p><xsl:value-of select="tk:label('chronology.intro')"/></p>
    <xsl:if test="svg:svg">
      <figure class="chronology-figure">
        <xsl:copy-of select="svg:svg" copy-namespaces="no"/>
        <figcaption><xsl:sequence select="tk:label('chronology.caption', map{'svg': tk:svg-link('chronology.svg')})"/></figcaption>
      </figure>
    </xsl:if>
    <section class="calendar" aria-labelledby="calendar-heading">
      <h2 id="calendar-heading"><xsl:value-of select="tk:label('chronology.by-month')"/></h2>
      <xsl:for-each-group select="tk:month" group-by="@year">
        <h3 id="year-{current-grouping-key()}"><xsl:value-of select="current-grouping-key()"/></h3>
        <xsl:for-each select="current-group()">
          <h4 id="month-{@year}-{@month}"><xsl:value-of select="tk:label-string('date.month', map{'month': string(@name), 'year': string(@year)})"/></h4>
          <ul class="calendar-month">
            <xsl:apply-templates select="tk:item" mode="tk:site"/>
          </ul>
        </xsl:for-each>
      </xsl:for-each-group>
      <xsl:if test="tk:undated">
        <h3 id="undated"><xsl:value-of select="tk:label('chronology.undated')"/></h3>
        <ul class="calendar-month"><xsl:apply-templates select="tk:undated/tk:item" mode="tk:site"/></ul>
      </xsl:if>
    </section>
  </xsl:template>

  <xsl:template match="tk:item" mode="tk:site">
    <li>
      <xsl:choose>
        <xsl:when test="@when"><time datetime="{@when}"><xsl:value-of select="@date"/></time></xsl:when>
        <xsl:otherwise><xsl:value-of select="@date"/></xsl:otherwise>
      </xsl:choose>
      <xsl:text>: </xsl:text>
      <a href="{@href}"><xsl:value-of select="@label"/></a>
    </li>
  </xsl:template>

  <!-- Who wrote to whom, how often, when. -->
  <xsl:template match="tk:correspondence" mode="tk:site">
    <h1><xsl:value-of select="tk:label('nav.correspondents')"/></h1>
    <p><xsl:value-of select="tk:label('correspondents.intro')"/></p>
    <xsl:if test="svg:svg">
      <figure class="network-figure">
        <xsl:copy-of select="svg:svg" copy-namespaces="no"/>
        <figcaption><xsl:sequence select="tk:label('correspondents.caption', map{'svg': tk:svg-link('network.svg')})"/></figcaption>
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
              <td>
                <xsl:value-of select="@count"/>
                <xsl:text>: </xsl:text>
                <xsl:for-each select="tk:doc">
                  <xsl:if test="position() gt 1">, </xsl:if>
                  <a href="{@href}"><span class="visually-hidden"><xsl:value-of select="tk:label('site.document')"/></span><xsl:value-of select="@number"/></a>
                </xsl:for-each>
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
