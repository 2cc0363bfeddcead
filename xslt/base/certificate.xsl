<?xml version="1.0" encoding="UTF-8"?>
<!--
  The details of one order (GET /certificates/{id}, "Show more"): its
  number and product, the three steps with their statuses and actions,
  the order's facts, the certificate and its downloads once issued, and
  the order's events.
  Expects /page/order (one), /page/events/event (that order's events),
  and once issued /page/certificate with the child elements serial,
  fingerprint, subject, key, not-before, not-after and, once revoked,
  revoked (its time as text or @at, optional @reason). The download
  buttons show when that element exists. Still read, for older
  documents: /page/order/certificate, and the values as attributes.
  A /page/certificate without revoked (an issued certificate) carries
  the "Revoke certificate" form (POST /certificates/{id}/revoke, which
  answers with the confirmation page, certificate-revoke.xsl); once
  revoked, the date and reason show on top of the certificate.
  /page/card[@install = '1'] (a key made on a card) adds the "Install on
  card" form (POST /certificates/{id}/card, card-install.xsl).
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:t="urn:smime-activation:i18n"
    exclude-result-prefixes="t">

<xsl:import href="layout.xsl"/>
<xsl:include href="activation-common.xsl"/>
<xsl:include href="revoke-common.xsl"/>

<xsl:output method="html" encoding="UTF-8" indent="no"
    doctype-system="about:legacy-compat"/>

<xsl:variable name="cert" select="(/page/certificate | /page/order/certificate)[1]"/>

<xsl:template name="page-title">
  <xsl:choose>
    <xsl:when test="string(/page/order/@number)"><xsl:value-of select="/page/order/@number"/></xsl:when>
    <xsl:otherwise><t:t k="details.title"/></xsl:otherwise>
  </xsl:choose>
</xsl:template>

<!-- One row of the step list: number, name, what it is, status and
     the action that fits the status. -->
<xsl:template match="step" mode="row">
  <li class="step-row s-{@status}">
    <span class="step-num" aria-hidden="true"><xsl:value-of select="position()"/></span>
    <div class="step-main">
      <h3 class="step-title"><xsl:call-template name="step-name"/></h3>
      <p class="step-text">
        <xsl:choose>
          <xsl:when test="@name = 'data'"><t:t k="step.data.text"/></xsl:when>
          <xsl:when test="@name = 'email'"><t:t k="step.email.text"/></xsl:when>
          <xsl:otherwise><t:t k="step.activation.text"/></xsl:otherwise>
        </xsl:choose>
      </p>
    </div>
    <div class="step-side">
      <span class="pill s-{@status}"><xsl:call-template name="step-status"/></span>
      <xsl:choose>
        <xsl:when test="not(string(@status)) or @status = 'unavailable'">
          <span class="step-later"><t:t k="step.later"/></span>
        </xsl:when>
        <xsl:when test="@status = 'awaiting'">
          <a class="btn btn-primary">
            <xsl:attribute name="href"><xsl:call-template name="step-href"/></xsl:attribute>
            <xsl:choose>
              <xsl:when test="@name = 'data'"><t:t k="step.data.action"/></xsl:when>
              <xsl:when test="@name = 'email'"><t:t k="step.email.action"/></xsl:when>
              <xsl:otherwise><t:t k="step.activation.action"/></xsl:otherwise>
            </xsl:choose>
          </a>
        </xsl:when>
        <xsl:when test="@status = 'rejected'">
          <a class="btn btn-primary">
            <xsl:attribute name="href"><xsl:call-template name="step-href"/></xsl:attribute>
            <t:t k="step.retry"/>
          </a>
        </xsl:when>
        <xsl:otherwise>
          <a class="btn">
            <xsl:attribute name="href"><xsl:call-template name="step-href"/></xsl:attribute>
            <t:t k="step.open"/>
          </a>
        </xsl:otherwise>
      </xsl:choose>
    </div>
  </li>
</xsl:template>

<xsl:template name="content">
  <a class="back" href="/certificates">
    <span class="icon i-back" aria-hidden="true"></span>
    <t:t k="details.back"/>
  </a>
  <xsl:for-each select="/page/order[1]">
    <div class="page-head">
      <div class="page-head-main">
        <span class="tile-mark tile-mark-big" aria-hidden="true"></span>
        <div>
          <p class="eyebrow"><t:t k="order.title"/><xsl:text> · </xsl:text><t:t k="order.number"/></p>
          <h1 class="break"><xsl:value-of select="@number"/></h1>
          <p class="lead"><xsl:call-template name="product-name"/></p>
        </div>
      </div>
      <xsl:call-template name="status-pill"/>
    </div>

    <section class="card" aria-labelledby="steps-title">
      <h2 class="card-title" id="steps-title"><t:t k="details.steps"/></h2>
      <ol class="step-list">
        <xsl:apply-templates select="step" mode="row"/>
      </ol>
    </section>

    <div class="grid-2">
      <section class="card" aria-labelledby="order-title">
        <h2 class="card-title" id="order-title"><t:t k="details.order"/></h2>
        <dl class="facts-list">
          <div class="fact">
            <dt><t:t k="common.status"/></dt>
            <dd><xsl:call-template name="order-status"/></dd>
          </div>
          <div class="fact">
            <dt><t:t k="common.product"/></dt>
            <dd><xsl:call-template name="product-name"/></dd>
          </div>
          <div class="fact">
            <dt><t:t k="common.created"/></dt>
            <dd>
              <xsl:call-template name="date">
                <xsl:with-param name="value" select="@created"/>
              </xsl:call-template>
            </dd>
          </div>
          <div class="fact">
            <dt><t:t k="common.common-name"/></dt>
            <dd class="break">
              <xsl:call-template name="value">
                <xsl:with-param name="value" select="common-name"/>
              </xsl:call-template>
            </dd>
          </div>
          <div class="fact">
            <dt><t:t k="common.expires"/></dt>
            <dd>
              <xsl:call-template name="date">
                <xsl:with-param name="value" select="expires"/>
              </xsl:call-template>
            </dd>
          </div>
          <xsl:if test="string(@customer) and /page/account/@role != 'customer'">
            <div class="fact">
              <dt><t:t k="common.customer"/></dt>
              <dd class="break"><xsl:value-of select="@customer"/></dd>
            </div>
          </xsl:if>
        </dl>
      </section>

      <xsl:if test="$cert">
        <section class="card" aria-labelledby="cert-title">
          <h2 class="card-title" id="cert-title"><t:t k="details.certificate"/></h2>
          <xsl:for-each select="/page/certificate/revoked[1]">
            <div class="notice notice-bad revoked-note" role="status">
              <span class="icon i-alert" aria-hidden="true"></span>
              <div>
                <p class="notice-title">
                  <t:t k="revoke.notice.on"/>
                  <xsl:text> </xsl:text>
                  <span class="nowrap">
                    <xsl:call-template name="date">
                      <xsl:with-param name="value" select="normalize-space(concat(@at, substring(., 1, 40 * not(string(@at)))))"/>
                    </xsl:call-template>
                  </span>
                  <xsl:if test="string(@reason)">
                    <xsl:text>, </xsl:text>
                    <t:t k="revoke.notice.reason"/>
                    <xsl:text> </xsl:text>
                    <xsl:call-template name="revoke-reason">
                      <xsl:with-param name="code" select="@reason"/>
                    </xsl:call-template>
                  </xsl:if>
                </p>
              </div>
            </div>
          </xsl:for-each>
          <dl class="facts-list">
            <div class="fact">
              <dt><t:t k="details.serial"/></dt>
              <dd class="mono break"><xsl:value-of select="($cert/serial | $cert/@serial)[1]"/></dd>
            </div>
            <div class="fact">
              <dt><t:t k="details.fingerprint"/></dt>
              <dd class="mono break"><xsl:value-of select="($cert/fingerprint | $cert/@fingerprint)[1]"/></dd>
            </div>
            <xsl:if test="string($cert/subject)">
              <div class="fact">
                <dt><t:t k="activation.success.subject"/></dt>
                <dd class="break"><xsl:value-of select="$cert/subject"/></dd>
              </div>
            </xsl:if>
            <xsl:if test="string($cert/key)">
              <div class="fact">
                <dt><t:t k="activation.summary.key"/></dt>
                <dd><xsl:value-of select="$cert/key"/></dd>
              </div>
            </xsl:if>
            <div class="fact">
              <dt><t:t k="details.not-before"/></dt>
              <dd>
                <xsl:call-template name="date">
                  <xsl:with-param name="value" select="($cert/not-before | $cert/@not-before)[1]"/>
                </xsl:call-template>
              </dd>
            </div>
            <div class="fact">
              <dt><t:t k="details.not-after"/></dt>
              <dd>
                <xsl:call-template name="date">
                  <xsl:with-param name="value" select="($cert/not-after | $cert/@not-after)[1]"/>
                </xsl:call-template>
              </dd>
            </div>
            <xsl:for-each select="$cert/revoked[1]">
              <div class="fact">
                <dt><t:t k="details.revoked"/></dt>
                <dd>
                  <span class="pill s-revoked"><t:t k="status.order.revoked"/></span>
                  <xsl:if test="string(@at) or normalize-space(.)">
                    <xsl:text> </xsl:text>
                    <span class="nowrap">
                      <xsl:call-template name="date">
                        <xsl:with-param name="value" select="normalize-space(concat(@at, substring(., 1, 40 * not(string(@at)))))"/>
                      </xsl:call-template>
                    </span>
                  </xsl:if>
                  <xsl:if test="string(@reason)">
                    <span class="cell-sub break">
                      <xsl:call-template name="revoke-reason">
                        <xsl:with-param name="code" select="@reason"/>
                      </xsl:call-template>
                    </span>
                  </xsl:if>
                </dd>
              </div>
            </xsl:for-each>
          </dl>
          <h3 class="sub-title"><t:t k="details.downloads"/></h3>
          <xsl:call-template name="downloads">
            <xsl:with-param name="id" select="string(@id)"/>
          </xsl:call-template>
          <xsl:if test="not($cert/revoked)">
            <p class="card-text tools-link">
              <a>
                <xsl:attribute name="href"><t:t k="tools.href"/>?order=<xsl:value-of select="@id"/>#pfx</xsl:attribute>
                <t:t k="details.tools"/>
              </a>
            </p>
          </xsl:if>
          <xsl:if test="/page/card[@install = '1'] and /page/certificate[not(revoked)] and not(@status = 'revoked' or @status = 'expired')">
            <form class="form card-install" method="post" action="/certificates/{@id}/card">
              <xsl:call-template name="csrf-field"/>
              <h3 class="sub-title"><t:t k="card.install.title"/></h3>
              <p class="hint-text"><t:t k="details.card.text"/></p>
              <div class="form-actions form-actions-end">
                <button type="submit" class="btn btn-primary"><t:t k="card.install.button"/></button>
              </div>
            </form>
          </xsl:if>
          <xsl:if test="/page/certificate[not(revoked)] and not(@status = 'revoked' or @status = 'expired')">
            <form class="form revoke-start" method="post" action="/certificates/{@id}/revoke">
              <xsl:call-template name="csrf-field"/>
              <h3 class="sub-title"><t:t k="details.revoke"/></h3>
              <p class="hint-text"><t:t k="details.revoke.text"/></p>
              <div class="form-actions form-actions-end">
                <button type="submit" class="btn btn-danger"><t:t k="details.revoke"/></button>
              </div>
            </form>
          </xsl:if>
        </section>
      </xsl:if>
    </div>

    <section class="card" aria-labelledby="events-title">
      <h2 class="card-title" id="events-title">
        <span class="icon i-events" aria-hidden="true"></span>
        <t:t k="details.events"/>
      </h2>
      <xsl:choose>
        <xsl:when test="/page/events/event">
          <xsl:call-template name="events-table">
            <xsl:with-param name="events" select="/page/events/event"/>
            <xsl:with-param name="orders" select="false()"/>
          </xsl:call-template>
        </xsl:when>
        <xsl:otherwise>
          <xsl:call-template name="empty">
            <xsl:with-param name="text"><t:t k="details.events.empty"/></xsl:with-param>
          </xsl:call-template>
        </xsl:otherwise>
      </xsl:choose>
      <xsl:if test="/page/account/@role = 'operator'">
        <p class="card-foot"><a class="more" href="/operator/orders/{@id}/audit"><t:t k="details.audit"/></a></p>
      </xsl:if>
    </section>
  </xsl:for-each>
</xsl:template>

</xsl:stylesheet>
