<?xml version="1.0" encoding="UTF-8"?>
<!--
  Step 2 once the address is submitted or verified (GET /email/{id}, or
  a refused resend: its page-level <error> shows as the alert).
  Submitted: where the link went, when it expires, a form to send it
  again and a link to use another address. Verified: the address, and
  the way on to step 3.
  Expects /page/order (one, with its steps), /page/mailbox[@address
  @display], optional /page/validation[@sent @expires] (the latest link)
  and, when verified, /page/verified[@at].
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:t="urn:smime-activation:i18n"
    exclude-result-prefixes="t">

<xsl:import href="layout.xsl"/>
<xsl:include href="orgdata-common.xsl"/>
<xsl:include href="email-common.xsl"/>

<xsl:output method="html" encoding="UTF-8" indent="no"
    doctype-system="about:legacy-compat"/>

<xsl:variable name="order" select="/page/order[1]"/>
<xsl:variable name="step">
  <xsl:choose>
    <xsl:when test="/page/verified">verified</xsl:when>
    <xsl:otherwise><xsl:value-of select="$order/step[@name = 'email']/@status"/></xsl:otherwise>
  </xsl:choose>
</xsl:variable>

<xsl:template name="page-title"><t:t k="step.email"/></xsl:template>

<xsl:template name="content">
  <a class="back" href="/">
    <span class="icon i-back" aria-hidden="true"></span>
    <t:t k="common.dashboard"/>
  </a>
  <xsl:call-template name="email-head">
    <xsl:with-param name="title"><t:t k="step.email"/></xsl:with-param>
  </xsl:call-template>

  <xsl:choose>
    <xsl:when test="$step = 'verified'">
      <section class="card state-card s-verified">
        <span class="card-icon" aria-hidden="true"><span class="icon i-ok"></span></span>
        <div class="state-text">
          <p class="state-title">
            <t:t k="email.verified.before"/>
            <xsl:text> </xsl:text>
            <xsl:call-template name="mailbox"/>
            <xsl:text> </xsl:text>
            <t:t k="email.verified.after"/>
          </p>
          <xsl:if test="string(/page/verified/@at)">
            <p class="muted">
              <t:t k="email.verified-on"/>
              <xsl:text> </xsl:text>
              <xsl:call-template name="datetime">
                <xsl:with-param name="value" select="/page/verified/@at"/>
              </xsl:call-template>
            </p>
          </xsl:if>
        </div>
        <a class="btn btn-primary" href="/activation/{$order/@id}"><t:t k="email.activation"/></a>
      </section>
    </xsl:when>

    <xsl:when test="$step = 'submitted'">
      <section class="card state-card s-submitted">
        <span class="card-icon" aria-hidden="true"><span class="icon i-mail"></span></span>
        <div class="state-text">
          <p class="state-title"><t:t k="email.status.submitted"/></p>
          <p class="state-detail">
            <xsl:call-template name="link-sent"/>
          </p>
        </div>
      </section>

      <section class="card" aria-labelledby="resend-title">
        <h2 class="card-title" id="resend-title"><t:t k="email.resend.question"/></h2>
        <xsl:call-template name="resend-hint"/>
        <div class="form-actions">
          <a class="btn btn-ghost" href="/email/{$order/@id}?edit=1"><t:t k="email.other"/></a>
          <xsl:call-template name="resend-form">
            <xsl:with-param name="class" select="'btn btn-primary'"/>
          </xsl:call-template>
        </div>
      </section>
    </xsl:when>

    <xsl:otherwise>
      <section class="card state-card s-{$step}">
        <span class="card-icon" aria-hidden="true"><span class="icon i-events"></span></span>
        <div class="state-text">
          <p class="state-title"><t:t k="email.status.none"/></p>
        </div>
        <a class="btn btn-primary" href="/email/{$order/@id}?edit=1"><t:t k="step.email.action"/></a>
      </section>
    </xsl:otherwise>
  </xsl:choose>
</xsl:template>

</xsl:stylesheet>
