<?xml version="1.0" encoding="UTF-8"?>
<!--
  The dashboard (GET /): greeting, events, useful information and
  sources, then one tile per order.
  Expects /page/events/event (type, date, order, number, product) and
  /page/orders/order; either may be absent or empty.
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:t="urn:smime-activation:i18n"
    exclude-result-prefixes="t">

<xsl:import href="layout.xsl"/>

<xsl:output method="html" encoding="UTF-8" indent="no"
    doctype-system="about:legacy-compat"/>

<xsl:template name="page-title"><t:t k="dashboard.title"/></xsl:template>

<xsl:template name="content">
  <div class="dash">
    <xsl:call-template name="dashboard-hello"/>
    <section class="card events" aria-labelledby="events-title">
      <h2 class="card-title" id="events-title">
        <span class="icon i-events" aria-hidden="true"></span>
        <t:t k="dashboard.events"/>
      </h2>
      <xsl:choose>
        <xsl:when test="/page/events/event">
          <xsl:call-template name="events-table">
            <xsl:with-param name="events" select="/page/events/event"/>
          </xsl:call-template>
        </xsl:when>
        <xsl:otherwise>
          <div class="table-wrap">
            <table class="table table-events table-empty">
              <thead>
                <tr>
                  <th scope="col"><t:t k="dashboard.events.event"/></th>
                  <th scope="col"><t:t k="dashboard.events.product"/></th>
                  <th scope="col"><t:t k="dashboard.events.date"/></th>
                </tr>
              </thead>
            </table>
          </div>
          <xsl:call-template name="empty">
            <xsl:with-param name="text"><t:t k="dashboard.events.empty"/></xsl:with-param>
          </xsl:call-template>
        </xsl:otherwise>
      </xsl:choose>
    </section>
    <section class="card info" aria-labelledby="info-title">
      <h2 class="card-title" id="info-title">
        <span class="icon i-info" aria-hidden="true"></span>
        <t:t k="dashboard.info"/>
      </h2>
      <p class="muted"><t:t k="dashboard.info.text"/></p>
    </section>
    <section class="card sources" aria-labelledby="sources-title">
      <h2 class="card-title" id="sources-title">
        <span class="icon i-link" aria-hidden="true"></span>
        <t:t k="dashboard.sources"/>
      </h2>
      <ul class="links">
        <li><a><xsl:attribute name="href"><t:t k="dashboard.sources.verification.href"/></xsl:attribute><t:t k="dashboard.sources.verification"/></a></li>
        <li><a><xsl:attribute name="href"><t:t k="dashboard.sources.documents.href"/></xsl:attribute><t:t k="dashboard.sources.documents"/></a></li>
        <li><a><xsl:attribute name="href"><t:t k="dashboard.sources.tools.href"/></xsl:attribute><t:t k="dashboard.sources.tools"/></a></li>
        <li><a><xsl:attribute name="href"><t:t k="dashboard.sources.products.href"/></xsl:attribute><t:t k="dashboard.sources.products"/></a></li>
      </ul>
    </section>
  </div>
  <section class="orders" aria-labelledby="orders-title">
    <h2 class="section-title" id="orders-title"><t:t k="dashboard.orders"/></h2>
    <xsl:choose>
      <xsl:when test="/page/orders/order">
        <div class="tiles">
          <xsl:apply-templates select="/page/orders/order" mode="tile"/>
        </div>
      </xsl:when>
      <xsl:otherwise>
        <div class="card">
          <xsl:call-template name="empty">
            <xsl:with-param name="text"><t:t k="dashboard.orders.empty"/></xsl:with-param>
          </xsl:call-template>
        </div>
      </xsl:otherwise>
    </xsl:choose>
  </section>
</xsl:template>

<!-- The greeting card on top (a theme may replace it: see
     themes/harbor/dashboard.xsl). -->
<xsl:template name="dashboard-hello">
  <section class="card hello">
    <span class="card-icon" aria-hidden="true"><span class="icon i-shield"></span></span>
    <div>
      <h1 class="card-title"><t:t k="dashboard.hello"/></h1>
      <p><t:t k="dashboard.hello.text"/></p>
    </div>
  </section>
</xsl:template>

</xsl:stylesheet>
