<?xml version="1.0" encoding="UTF-8"?>
<!--
  The certificates search (GET /search?q=…): the search form, then the
  results, or before any search a hint of what can be searched.
  Expects /page/query (absent or empty before a search) and
  /page/orders/order (the results).
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:t="urn:smime-activation:i18n"
    exclude-result-prefixes="t">

<xsl:import href="layout.xsl"/>

<xsl:output method="html" encoding="UTF-8" indent="no"
    doctype-system="about:legacy-compat"/>

<xsl:variable name="query" select="string(/page/query)"/>

<xsl:template name="page-title"><t:t k="search.title"/></xsl:template>

<xsl:template name="content">
  <div class="page-head">
    <div>
      <h1><t:t k="search.title"/></h1>
      <p class="lead"><t:t k="search.text"/></p>
    </div>
  </div>
  <section class="card">
    <form class="search" method="get" action="/search" role="search">
      <label class="sr-only" for="q"><t:t k="search.label"/></label>
      <div class="search-box">
        <span class="icon i-search" aria-hidden="true"></span>
        <input type="search" id="q" name="q" value="{$query}" maxlength="256" autocomplete="off" class="input">
          <xsl:attribute name="placeholder"><t:t k="search.placeholder"/></xsl:attribute>
        </input>
      </div>
      <button type="submit" class="btn btn-primary"><t:t k="search.submit"/></button>
    </form>
  </section>
  <xsl:choose>
    <xsl:when test="normalize-space($query) = ''">
      <section class="card hint">
        <span class="card-icon" aria-hidden="true"><span class="icon i-info"></span></span>
        <div>
          <p class="hint-title"><t:t k="search.hint"/></p>
          <ul class="hint-list">
            <li><t:t k="search.hint.number"/></li>
            <li><t:t k="search.hint.cn"/></li>
            <li><t:t k="search.hint.email"/></li>
            <li><t:t k="search.hint.serial"/></li>
          </ul>
        </div>
      </section>
    </xsl:when>
    <xsl:otherwise>
      <section class="card card-flush" aria-labelledby="results-title">
        <div class="card-head">
          <h2 class="card-title" id="results-title">
            <span class="break">
              <t:t k="search.results"/>
              <xsl:text> </xsl:text>
              <q><xsl:value-of select="$query"/></q>
            </span>
          </h2>
          <span class="count"><t:t k="common.results"/><xsl:text> </xsl:text><strong><xsl:value-of select="count(/page/orders/order)"/></strong></span>
        </div>
        <xsl:choose>
          <xsl:when test="/page/orders/order">
            <xsl:call-template name="orders-table">
              <xsl:with-param name="orders" select="/page/orders/order"/>
            </xsl:call-template>
          </xsl:when>
          <xsl:otherwise>
            <xsl:call-template name="empty">
              <xsl:with-param name="text"><t:t k="search.empty"/></xsl:with-param>
              <xsl:with-param name="detail"><t:t k="search.empty.text"/></xsl:with-param>
            </xsl:call-template>
          </xsl:otherwise>
        </xsl:choose>
      </section>
    </xsl:otherwise>
  </xsl:choose>
</xsl:template>

</xsl:stylesheet>
