<?xml version="1.0" encoding="UTF-8"?>
<!--
  The partner panel (GET /partner/): the partner's customers, what waits
  on them, and their orders with the three steps; a status filter and a
  search; the button to order for a customer.
  Expects /page/partner[@code name], /page/filter[@status q],
  /page/customers/customer[@login name email orders open] and
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
<xsl:variable name="q" select="string(/page/filter/@q)"/>

<xsl:template name="page-title"><t:t k="partner.title"/></xsl:template>

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
      <h1><t:t k="partner.title"/></h1>
      <p class="lead">
        <xsl:value-of select="/page/partner/@name"/>
        <xsl:text> · </xsl:text>
        <t:t k="partner.text"/>
      </p>
    </div>
    <a class="btn btn-primary" href="/partner/orders/new">
            <t:t k="partner.new-order"/>
    </a>
  </div>

  <section class="card card-flush" aria-labelledby="customers-title">
    <div class="card-head">
      <h2 id="customers-title"><t:t k="partner.customers"/></h2>
      <span class="count"><strong><xsl:value-of select="count(/page/customers/customer)"/></strong></span>
    </div>
    <xsl:choose>
      <xsl:when test="/page/customers/customer">
        <table class="table">
          <thead>
            <tr>
              <th scope="col"><t:t k="partner.customer.name"/></th>
              <th scope="col"><t:t k="partner.customer.login"/></th>
              <th scope="col"><t:t k="partner.customer.email"/></th>
              <th scope="col" class="num"><t:t k="partner.customer.orders"/></th>
              <th scope="col" class="num"><t:t k="partner.customer.open"/></th>
            </tr>
          </thead>
          <tbody>
            <xsl:for-each select="/page/customers/customer">
              <tr>
                <td><xsl:call-template name="value"><xsl:with-param name="value" select="@name"/></xsl:call-template></td>
                <td><a href="/partner/?q={@login}"><xsl:value-of select="@login"/></a></td>
                <td><xsl:call-template name="value"><xsl:with-param name="value" select="@email"/></xsl:call-template></td>
                <td class="num"><xsl:value-of select="@orders"/></td>
                <td class="num"><xsl:value-of select="@open"/></td>
              </tr>
            </xsl:for-each>
          </tbody>
        </table>
      </xsl:when>
      <xsl:otherwise>
        <xsl:call-template name="empty">
          <xsl:with-param name="text"><t:t k="partner.customers.empty"/></xsl:with-param>
          <xsl:with-param name="detail"><t:t k="partner.customers.empty.detail"/></xsl:with-param>
        </xsl:call-template>
      </xsl:otherwise>
    </xsl:choose>
  </section>

  <section class="card card-flush" aria-labelledby="orders-title">
    <div class="card-head">
      <h2 id="orders-title"><t:t k="partner.orders"/></h2>
    </div>
    <form class="toolbar" method="get" action="/partner/">
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
      <label class="toolbar-label" for="filter-q"><t:t k="partner.search"/></label>
      <input type="search" class="input" id="filter-q" name="q" maxlength="128" value="{$q}"/>
      <button type="submit" class="btn"><t:t k="certificates.filter.submit"/></button>
      <span class="count"><t:t k="common.results"/><xsl:text> </xsl:text><strong><xsl:value-of select="count(/page/orders/order)"/></strong></span>
    </form>
  </section>
  <xsl:choose>
    <xsl:when test="/page/orders/order">
      <div class="tiles">
        <xsl:apply-templates select="/page/orders/order" mode="tile"/>
      </div>
    </xsl:when>
    <xsl:otherwise>
      <section class="card">
        <xsl:call-template name="empty">
          <xsl:with-param name="text"><t:t k="partner.orders.empty"/></xsl:with-param>
        </xsl:call-template>
      </section>
    </xsl:otherwise>
  </xsl:choose>
</xsl:template>

</xsl:stylesheet>
