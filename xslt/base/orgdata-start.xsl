<?xml version="1.0" encoding="UTF-8"?>
<!--
  Step 1, the first stage (GET /data/{id} when the account has verified
  organization data it may reuse): one card per saved organization with
  "Use this data" (POST /data/{id} with profile=<its id>), and "Provide
  the data" (GET /data/{id}?new=1, the form).
  Expects /page/order (one) and /page/profiles/organization[@id] with
  name, country, state, locality, optional registry[@type] and
  org-identifier, and @decided (when it was verified).
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:t="urn:smime-activation:i18n"
    exclude-result-prefixes="t">

<xsl:import href="layout.xsl"/>
<xsl:include href="orgdata-common.xsl"/>

<xsl:output method="html" encoding="UTF-8" indent="no"
    doctype-system="about:legacy-compat"/>

<xsl:variable name="id" select="string(/page/order[1]/@id)"/>

<xsl:template name="page-title"><t:t k="orgdata.title"/></xsl:template>

<xsl:template name="content">
  <a class="back" href="/">
    <span class="icon i-back" aria-hidden="true"></span>
    <t:t k="common.dashboard"/>
  </a>
  <xsl:call-template name="orgdata-head">
    <xsl:with-param name="title"><t:t k="orgdata.title"/></xsl:with-param>
  </xsl:call-template>

  <section aria-labelledby="saved-title">
    <h2 class="section-title" id="saved-title"><t:t k="orgdata.start.saved"/></h2>
    <p class="section-text muted"><t:t k="orgdata.start.text"/></p>
    <div class="profiles">
      <xsl:for-each select="/page/profiles/organization">
        <article class="card profile">
          <div class="profile-head">
            <h3 class="profile-name break" id="profile-{@id}"><xsl:value-of select="name"/></h3>
            <span class="pill s-{@status}"><xsl:call-template name="step-status"/></span>
          </div>
          <xsl:call-template name="org-facts">
            <xsl:with-param name="name" select="false()"/>
          </xsl:call-template>
          <div class="profile-foot">
            <p class="muted small">
              <xsl:if test="string(@decided)">
                <t:t k="orgdata.verified-on"/>
                <xsl:text> </xsl:text>
                <xsl:call-template name="date">
                  <xsl:with-param name="value" select="@decided"/>
                </xsl:call-template>
              </xsl:if>
            </p>
            <form method="post" action="/data/{$id}">
              <xsl:call-template name="csrf-field"/>
              <input type="hidden" name="profile" value="{@id}"/>
              <button type="submit" class="btn btn-primary" aria-describedby="profile-{@id}"><t:t k="orgdata.start.use"/></button>
            </form>
          </div>
        </article>
      </xsl:for-each>
    </div>
  </section>
  <section class="card start-new">
    <span class="card-icon" aria-hidden="true"><span class="icon i-shield"></span></span>
    <div class="start-new-text">
      <h2 class="card-title"><t:t k="orgdata.start.new.title"/></h2>
      <p class="muted"><t:t k="orgdata.start.new.text"/></p>
    </div>
    <a class="btn" href="/data/{$id}?new=1"><t:t k="orgdata.start.new"/></a>
  </section>
</xsl:template>

</xsl:stylesheet>
