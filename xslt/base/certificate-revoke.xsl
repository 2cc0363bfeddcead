<?xml version="1.0" encoding="UTF-8"?>
<!--
  The confirmation of a revocation (answer to POST /certificates/{id}/
  revoke without confirm, and again with status 422 and an error of
  field "reason" or "comment"): the certificate, what revocation means,
  the reason to choose and, for operators, a comment for the audit log.
  Expects /page/order (one), /page/certificate with serial, fingerprint,
  subject, key, not-before and not-after, /page/reasons/reason[@code]
  (the reasons this account may give, in order) and, to refill,
  /page/revoke[@reason @comment].
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:t="urn:smime-activation:i18n"
    exclude-result-prefixes="t">

<xsl:import href="layout.xsl"/>
<xsl:include href="orgdata-common.xsl"/>
<xsl:include href="revoke-common.xsl"/>

<xsl:output method="html" encoding="UTF-8" indent="no"
    doctype-system="about:legacy-compat"/>

<xsl:variable name="order" select="/page/order[1]"/>
<xsl:variable name="cert" select="/page/certificate[1]"/>
<xsl:variable name="chosen" select="string(/page/revoke/@reason)"/>

<xsl:template name="page-title"><t:t k="revoke.title"/></xsl:template>

<xsl:template name="content">
  <a class="back" href="/certificates/{$order/@id}">
    <span class="icon i-back" aria-hidden="true"></span>
    <t:t k="revoke.back"/>
  </a>
  <div class="page-head">
    <div class="page-head-main">
      <span class="tile-mark tile-mark-big" aria-hidden="true"></span>
      <div>
        <p class="eyebrow">
          <t:t k="order.title"/>
          <xsl:if test="string($order/@number)">
            <xsl:text> · </xsl:text>
            <span class="mono"><xsl:value-of select="$order/@number"/></span>
          </xsl:if>
        </p>
        <h1><t:t k="revoke.title"/></h1>
        <xsl:if test="string($order/@product)">
          <p class="lead"><xsl:call-template name="product-name"><xsl:with-param name="order" select="$order"/></xsl:call-template></p>
        </xsl:if>
      </div>
    </div>
    <xsl:for-each select="$order">
      <xsl:call-template name="status-pill"/>
    </xsl:for-each>
  </div>

  <section class="card form-card revoke-card" aria-labelledby="revoke-cert-title">
    <h2 class="card-title" id="revoke-cert-title"><t:t k="details.certificate"/></h2>
    <dl class="facts-list issued-facts">
      <xsl:if test="string($cert/subject)">
        <div class="fact">
          <dt><t:t k="activation.success.subject"/></dt>
          <dd class="break"><xsl:value-of select="$cert/subject"/></dd>
        </div>
      </xsl:if>
      <div class="fact">
        <dt><t:t k="details.serial"/></dt>
        <dd class="mono break"><xsl:value-of select="$cert/serial"/></dd>
      </div>
      <div class="fact">
        <dt><t:t k="activation.success.validity"/></dt>
        <dd>
          <span class="nowrap">
            <xsl:call-template name="datetime">
              <xsl:with-param name="value" select="$cert/not-before"/>
            </xsl:call-template>
          </span>
          <xsl:text> – </xsl:text>
          <span class="nowrap">
            <xsl:call-template name="datetime">
              <xsl:with-param name="value" select="$cert/not-after"/>
            </xsl:call-template>
          </span>
        </dd>
      </div>
      <xsl:if test="string($cert/key)">
        <div class="fact">
          <dt><t:t k="activation.summary.key"/></dt>
          <dd><xsl:value-of select="$cert/key"/></dd>
        </div>
      </xsl:if>
      <xsl:if test="string($cert/fingerprint)">
        <div class="fact">
          <dt><t:t k="details.fingerprint"/></dt>
          <dd class="mono break small"><xsl:value-of select="$cert/fingerprint"/></dd>
        </div>
      </xsl:if>
    </dl>

    <form class="form revoke-form" method="post" action="/certificates/{$order/@id}/revoke">
      <xsl:call-template name="csrf-field"/>
      <input type="hidden" name="confirm" value="1"/>

      <div class="notice notice-bad revoke-warning" id="revoke-warning">
        <span class="icon i-alert" aria-hidden="true"></span>
        <div>
          <p class="notice-title"><t:t k="revoke.warning.title"/></p>
          <p><t:t k="revoke.warning"/></p>
          <p class="revoke-key-note"><t:t k="revoke.warning.key"/></p>
        </div>
      </div>

      <div class="field">
        <label class="label" for="f-reason">
          <t:t k="revoke.reason"/>
          <span class="req" aria-hidden="true">*</span>
        </label>
        <select class="select" id="f-reason" name="reason" required="required">
          <xsl:call-template name="field-attrs">
            <xsl:with-param name="field" select="'reason'"/>
            <xsl:with-param name="hint" select="'revoke-warning'"/>
          </xsl:call-template>
          <option value="">
            <xsl:if test="not(/page/reasons/reason[@code = $chosen])">
              <xsl:attribute name="selected">selected</xsl:attribute>
            </xsl:if>
            <t:t k="revoke.reason.choose"/>
          </option>
          <xsl:for-each select="/page/reasons/reason">
            <option value="{@code}">
              <xsl:if test="@code = $chosen">
                <xsl:attribute name="selected">selected</xsl:attribute>
              </xsl:if>
              <xsl:call-template name="revoke-reason"/>
            </option>
          </xsl:for-each>
        </select>
        <xsl:call-template name="field-error">
          <xsl:with-param name="field" select="'reason'"/>
        </xsl:call-template>
      </div>

      <xsl:if test="/page/account/@role = 'operator'">
        <div class="field">
          <label class="label" for="f-comment"><t:t k="revoke.comment"/></label>
          <textarea class="input textarea" id="f-comment" name="comment" rows="3" maxlength="500">
            <xsl:call-template name="field-attrs">
              <xsl:with-param name="field" select="'comment'"/>
              <xsl:with-param name="hint" select="'comment-hint'"/>
            </xsl:call-template>
            <xsl:value-of select="/page/revoke/@comment"/>
          </textarea>
          <p class="hint-text" id="comment-hint"><t:t k="revoke.comment.hint"/></p>
          <xsl:call-template name="field-error">
            <xsl:with-param name="field" select="'comment'"/>
          </xsl:call-template>
        </div>
      </xsl:if>

      <div class="form-actions">
        <a class="btn btn-ghost" href="/certificates/{$order/@id}"><t:t k="revoke.cancel"/></a>
        <button type="submit" class="btn btn-danger"><t:t k="revoke.submit"/></button>
      </div>
    </form>
  </section>
</xsl:template>

</xsl:stylesheet>
