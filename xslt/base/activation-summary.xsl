<?xml version="1.0" encoding="UTF-8"?>
<!--
  Step 3, stage 4: the summary (answer to an accepted POST
  /activation/{id}/csr): the CSR is correct; the certificate as it will
  be issued (subject, e-mail address, key, validity, policy); POST
  /activation/{id}/submit issues it.
  Expects /page/order (one), /page/subject/attr[@type] (in the order of
  the certificate: C, ST, L, O, organizationIdentifier, CN,
  emailAddress), /page/san (the e-mail address), /page/key[@desc
  @signing-only] ("1" for Ed25519 and Ed448), /page/validity/@days and
  /page/policy[@oid @name].
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:t="urn:smime-activation:i18n"
    exclude-result-prefixes="t">

<xsl:import href="layout.xsl"/>
<xsl:include href="orgdata-common.xsl"/>
<xsl:include href="activation-common.xsl"/>

<xsl:output method="html" encoding="UTF-8" indent="no"
    doctype-system="about:legacy-compat"/>

<xsl:variable name="id" select="string(/page/order[1]/@id)"/>
<xsl:variable name="key" select="/page/key[1]"/>

<xsl:template name="page-title"><t:t k="activation.summary.title"/></xsl:template>

<xsl:template name="content">
  <xsl:call-template name="activation-head">
    <xsl:with-param name="title"><t:t k="activation.summary.title"/></xsl:with-param>
  </xsl:call-template>

  <xsl:call-template name="activation-progress">
    <xsl:with-param name="current" select="4"/>
  </xsl:call-template>

  <section class="card csr-state" aria-labelledby="csr-state-title">
    <span class="card-icon" aria-hidden="true"><span class="icon i-ok"></span></span>
    <div class="state-text">
      <p class="state-title" id="csr-state-title">
        <t:t k="activation.csr.heading"/>
        <xsl:text> </xsl:text>
        <span class="pill s-verified"><t:t k="activation.summary.correct"/></span>
      </p>
      <xsl:if test="string($key/@desc)">
        <p class="state-detail">
          <t:t k="activation.summary.key"/>
          <xsl:text>: </xsl:text>
          <strong class="mono"><xsl:value-of select="$key/@desc"/></strong>
        </p>
      </xsl:if>
    </div>
  </section>

  <xsl:if test="$key/@signing-only = '1'">
    <div class="notice notice-warn">
      <span class="icon i-alert" aria-hidden="true"></span>
      <div>
        <p class="notice-title"><t:t k="activation.summary.signing-only.title"/></p>
        <p><t:t k="activation.summary.signing-only"/></p>
      </div>
    </div>
  </xsl:if>

  <section class="card" aria-labelledby="cert-title">
    <h2 class="card-title" id="cert-title"><t:t k="activation.summary.certificate"/></h2>
    <p class="card-text muted"><t:t k="activation.summary.text"/></p>

    <h3 class="sub-title"><t:t k="activation.summary.subject"/></h3>
    <dl class="facts-list subject-list">
      <xsl:for-each select="/page/subject/attr">
        <div class="fact">
          <dt>
            <xsl:call-template name="attr-name"/>
            <xsl:text> </xsl:text>
            <xsl:call-template name="attr-code"/>
          </dt>
          <dd class="break">
            <xsl:if test="@type = 'organizationIdentifier' or @type = 'C'">
              <xsl:attribute name="class">break mono</xsl:attribute>
            </xsl:if>
            <xsl:value-of select="."/>
          </dd>
        </div>
      </xsl:for-each>
    </dl>

    <h3 class="sub-title"><t:t k="activation.summary.details"/></h3>
    <dl class="facts-list">
      <div class="fact">
        <dt>
          <t:t k="activation.field.san"/>
          <xsl:text> </xsl:text>
          <span class="tag attr-code">SAN</span>
        </dt>
        <dd class="break strong">
          <xsl:call-template name="value">
            <xsl:with-param name="value" select="/page/san"/>
          </xsl:call-template>
        </dd>
      </div>
      <div class="fact">
        <dt><t:t k="activation.summary.key"/></dt>
        <dd>
          <xsl:call-template name="value">
            <xsl:with-param name="value" select="$key/@desc"/>
          </xsl:call-template>
          <xsl:if test="$key/@signing-only = '1'">
            <xsl:text> </xsl:text>
            <span class="pill s-verification"><t:t k="activation.summary.signing-only.short"/></span>
          </xsl:if>
        </dd>
      </div>
      <div class="fact">
        <dt><t:t k="activation.summary.validity"/></dt>
        <dd>
          <xsl:choose>
            <xsl:when test="string(/page/validity/@days)">
              <xsl:value-of select="/page/validity/@days"/>
              <xsl:text> </xsl:text>
              <t:t k="activation.summary.days"/>
              <xsl:text> </xsl:text>
              <span class="muted"><t:t k="activation.summary.validity.from"/></span>
            </xsl:when>
            <xsl:otherwise><t:t k="common.none"/></xsl:otherwise>
          </xsl:choose>
        </dd>
      </div>
      <xsl:for-each select="/page/policy[1]">
        <div class="fact">
          <dt><t:t k="activation.summary.policy"/></dt>
          <dd class="break">
            <xsl:value-of select="@name"/>
            <xsl:if test="string(@oid)">
              <span class="cell-sub mono"><xsl:value-of select="@oid"/></span>
            </xsl:if>
          </dd>
        </div>
      </xsl:for-each>
    </dl>

    <form class="form" method="post" action="/activation/{$id}/submit">
      <xsl:call-template name="csrf-field"/>
      <div class="form-actions">
        <a class="btn btn-ghost" href="/activation/{$id}">
          <span class="icon i-back" aria-hidden="true"></span>
          <t:t k="activation.back"/>
        </a>
        <button type="submit" class="btn btn-primary"><t:t k="activation.submit"/></button>
      </div>
    </form>
  </section>
</xsl:template>

</xsl:stylesheet>
