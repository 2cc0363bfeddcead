<?xml version="1.0" encoding="UTF-8"?>
<!--
  The certificates list (GET /certificates?status=…): a status filter
  and a table of the orders.
  Expects /page/filter/@status (empty or absent: all) and
  /page/orders/order.
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:t="urn:smime-activation:i18n"
    exclude-result-prefixes="t">

<xsl:import href="layout.xsl"/>

<xsl:output method="html" encoding="UTF-8" indent="no"
    doctype-system="about:legacy-compat"/>

<xsl:variable name="filter" select="string(/page/filter/@status)"/>

<xsl:template name="page-title"><t:t k="certificates.title"/></xsl:template>

<!-- One <option> of the status filter. -->
<xsl:template name="status-option">
  <xsl:param name="value"/>
  <option value="{$value}">
    <xsl:if test="$filter = $value">
      <xsl:attribute name="selected">selected</xsl:attribute>
    </xsl:if>
    <xsl:call-template name="order-status">
      <xsl:with-param name="status" select="$value"/>
    </xsl:call-template>
  </option>
</xsl:template>

<xsl:template name="content">
  <div class="page-head">
    <div>
      <h1><t:t k="certificates.title"/></h1>
      <p class="lead"><t:t k="certificates.text"/></p>
    </div>
  </div>
  <section class="card card-flush">
    <form class="toolbar" method="get" action="/certificates">
      <label class="toolbar-label" for="filter-status"><t:t k="certificates.filter"/></label>
      <select id="filter-status" name="status" class="select">
        <option value=""><t:t k="certificates.filter.all"/></option>
        <xsl:call-template name="status-option"><xsl:with-param name="value" select="'waiting'"/></xsl:call-template>
        <xsl:call-template name="status-option"><xsl:with-param name="value" select="'verification'"/></xsl:call-template>
        <xsl:call-template name="status-option"><xsl:with-param name="value" select="'issued'"/></xsl:call-template>
        <xsl:call-template name="status-option"><xsl:with-param name="value" select="'revoked'"/></xsl:call-template>
        <xsl:call-template name="status-option"><xsl:with-param name="value" select="'expired'"/></xsl:call-template>
        <xsl:call-template name="status-option"><xsl:with-param name="value" select="'rejected'"/></xsl:call-template>
      </select>
      <button type="submit" class="btn"><t:t k="certificates.filter.submit"/></button>
      <span class="count"><t:t k="common.results"/><xsl:text> </xsl:text><strong><xsl:value-of select="count(/page/orders/order)"/></strong></span>
    </form>
    <xsl:choose>
      <xsl:when test="/page/orders/order">
        <xsl:call-template name="orders-table">
          <xsl:with-param name="orders" select="/page/orders/order"/>
        </xsl:call-template>
      </xsl:when>
      <xsl:when test="$filter != ''">
        <xsl:call-template name="empty">
          <xsl:with-param name="text"><t:t k="certificates.empty.filtered"/></xsl:with-param>
        </xsl:call-template>
      </xsl:when>
      <xsl:otherwise>
        <xsl:call-template name="empty">
          <xsl:with-param name="text"><t:t k="certificates.empty"/></xsl:with-param>
        </xsl:call-template>
      </xsl:otherwise>
    </xsl:choose>
  </section>
</xsl:template>

</xsl:stylesheet>
