<?xml version="1.0" encoding="UTF-8"?>
<!--
  The audit log of one order for the operator (GET /operator/orders/
  {id}/audit): every recorded action, oldest first, with its time, who
  did it (and in which role), from where, what, on which object, and
  the details as recorded.
  Expects /page/order (one) and /page/audit/entry[@id @at @actor @role
  @addr @action @object] with the details as text.
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:t="urn:smime-activation:i18n"
    exclude-result-prefixes="t">

<xsl:import href="layout.xsl"/>

<xsl:output method="html" encoding="UTF-8" indent="no"
    doctype-system="about:legacy-compat"/>

<xsl:variable name="order" select="/page/order[1]"/>

<xsl:template name="page-title">
  <t:t k="audit.title"/>
  <xsl:if test="string($order/@number)">
    <xsl:text> · </xsl:text>
    <xsl:value-of select="$order/@number"/>
  </xsl:if>
</xsl:template>

<!-- An ISO 8601 time to the second: "2026-11-24 10:00:00 UTC". -->
<xsl:template name="audit-time">
  <xsl:param name="value"/>
  <xsl:choose>
    <xsl:when test="string-length($value) &gt;= 19">
      <xsl:value-of select="substring($value, 1, 10)"/>
      <xsl:text> </xsl:text>
      <xsl:value-of select="substring($value, 12, 8)"/>
      <xsl:text> UTC</xsl:text>
    </xsl:when>
    <xsl:otherwise>
      <xsl:call-template name="value">
        <xsl:with-param name="value" select="$value"/>
      </xsl:call-template>
    </xsl:otherwise>
  </xsl:choose>
</xsl:template>

<xsl:template name="content">
  <a class="back" href="/operator/">
    <span class="icon i-back" aria-hidden="true"></span>
    <t:t k="operator.back"/>
  </a>
  <div class="page-head">
    <div class="page-head-main">
      <span class="card-icon" aria-hidden="true"><span class="icon i-operator"></span></span>
      <div>
        <p class="eyebrow"><t:t k="audit.title"/></p>
        <h1 class="break"><xsl:value-of select="$order/@number"/></h1>
        <xsl:if test="string($order/@product)">
          <p class="lead"><xsl:call-template name="product-name"><xsl:with-param name="order" select="$order"/></xsl:call-template></p>
        </xsl:if>
        <p><a class="more" href="/certificates/{$order/@id}"><t:t k="audit.order"/></a></p>
      </div>
    </div>
    <xsl:for-each select="$order">
      <xsl:call-template name="status-pill"/>
    </xsl:for-each>
  </div>

  <section class="card card-flush" aria-labelledby="audit-title">
    <div class="card-head">
      <h2 class="card-title" id="audit-title"><t:t k="audit.entries"/></h2>
      <p class="card-text"><t:t k="audit.text"/></p>
    </div>
    <xsl:choose>
      <xsl:when test="/page/audit/entry">
        <div class="table-wrap">
          <table class="table table-audit">
            <thead>
              <tr>
                <th scope="col"><t:t k="audit.col.time"/></th>
                <th scope="col"><t:t k="audit.col.actor"/></th>
                <th scope="col"><t:t k="audit.col.addr"/></th>
                <th scope="col"><t:t k="audit.col.action"/></th>
                <th scope="col"><t:t k="audit.col.object"/></th>
                <th scope="col"><t:t k="audit.col.details"/></th>
              </tr>
            </thead>
            <tbody>
              <xsl:for-each select="/page/audit/entry">
                <tr id="audit-{@id}">
                  <td class="nowrap">
                    <xsl:attribute name="data-label"><t:t k="audit.col.time"/></xsl:attribute>
                    <xsl:call-template name="audit-time">
                      <xsl:with-param name="value" select="@at"/>
                    </xsl:call-template>
                  </td>
                  <td class="break">
                    <xsl:attribute name="data-label"><t:t k="audit.col.actor"/></xsl:attribute>
                    <xsl:call-template name="value">
                      <xsl:with-param name="value" select="@actor"/>
                    </xsl:call-template>
                    <xsl:if test="string(@role)">
                      <span class="cell-sub"><xsl:value-of select="@role"/></span>
                    </xsl:if>
                  </td>
                  <td class="mono nowrap">
                    <xsl:attribute name="data-label"><t:t k="audit.col.addr"/></xsl:attribute>
                    <xsl:call-template name="value">
                      <xsl:with-param name="value" select="@addr"/>
                    </xsl:call-template>
                  </td>
                  <td class="mono">
                    <xsl:attribute name="data-label"><t:t k="audit.col.action"/></xsl:attribute>
                    <xsl:value-of select="@action"/>
                  </td>
                  <td class="mono break">
                    <xsl:attribute name="data-label"><t:t k="audit.col.object"/></xsl:attribute>
                    <xsl:call-template name="value">
                      <xsl:with-param name="value" select="@object"/>
                    </xsl:call-template>
                  </td>
                  <td class="audit-details">
                    <xsl:attribute name="data-label"><t:t k="audit.col.details"/></xsl:attribute>
                    <xsl:call-template name="value">
                      <xsl:with-param name="value" select="string(.)"/>
                    </xsl:call-template>
                  </td>
                </tr>
              </xsl:for-each>
            </tbody>
          </table>
        </div>
      </xsl:when>
      <xsl:otherwise>
        <xsl:call-template name="empty">
          <xsl:with-param name="text"><t:t k="audit.empty"/></xsl:with-param>
        </xsl:call-template>
      </xsl:otherwise>
    </xsl:choose>
  </section>
</xsl:template>

</xsl:stylesheet>
