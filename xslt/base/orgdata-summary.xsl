<?xml version="1.0" encoding="UTF-8"?>
<!--
  Step 1, the summary (answer to POST /data/{id}): the data as saved, the
  organization identifier the certificate will carry, the documents, and
  the statements to accept before POST /data/{id}/submit.
  Expects /page/order (one) and /page/organization[@status draft or
  verified, @method] with name, country, state, locality, optional
  registry[@type] and org-identifier, and document[@id filename type
  size created]*. A field error "statements" shows at the checkbox.
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

<xsl:template name="page-title"><t:t k="orgdata.summary.title"/></xsl:template>

<xsl:template name="content">
  <xsl:call-template name="orgdata-head">
    <xsl:with-param name="title"><t:t k="orgdata.summary.title"/></xsl:with-param>
  </xsl:call-template>

  <xsl:call-template name="orgdata-progress">
    <xsl:with-param name="current" select="2"/>
  </xsl:call-template>

  <xsl:for-each select="/page/organization[1]">
    <xsl:if test="@status = 'verified'">
      <xsl:call-template name="notice">
        <xsl:with-param name="text"><t:t k="orgdata.summary.verified"/></xsl:with-param>
      </xsl:call-template>
    </xsl:if>

    <section class="card" aria-labelledby="data-title">
      <h2 class="card-title" id="data-title"><t:t k="orgdata.title"/></h2>
      <p class="card-text muted"><t:t k="orgdata.summary.text"/></p>
      <xsl:call-template name="org-facts">
        <xsl:with-param name="identifier" select="false()"/>
      </xsl:call-template>
      <xsl:if test="string(org-identifier)">
        <p class="callout">
          <span class="icon i-certificate" aria-hidden="true"></span>
          <span>
            <t:t k="orgdata.org-identifier"/>
            <xsl:text>: </xsl:text>
            <strong class="mono break"><xsl:value-of select="org-identifier"/></strong>
          </span>
        </p>
      </xsl:if>
    </section>

    <xsl:if test="document">
      <section class="card" aria-labelledby="docs-title">
        <h2 class="card-title" id="docs-title"><t:t k="orgdata.documents"/></h2>
        <xsl:call-template name="documents-table"/>
      </section>
    </xsl:if>
  </xsl:for-each>

  <section class="card" aria-labelledby="statements-title">
    <form class="form" method="post" action="/data/{$id}/submit">
      <xsl:call-template name="csrf-field"/>
      <fieldset class="group">
        <legend class="group-title" id="statements-title"><t:t k="orgdata.statements.title"/></legend>
        <label class="check">
          <input type="checkbox" name="statements" value="1" id="f-statements" required="required">
            <xsl:call-template name="field-attrs">
              <xsl:with-param name="field" select="'statements'"/>
            </xsl:call-template>
          </input>
          <span class="check-text">
            <span class="check-line"><t:t k="orgdata.statement.1"/></span>
            <span class="check-line"><t:t k="orgdata.statement.2"/></span>
          </span>
        </label>
        <xsl:call-template name="field-error">
          <xsl:with-param name="field" select="'statements'"/>
        </xsl:call-template>
      </fieldset>
      <div class="form-actions">
        <a class="btn btn-ghost" href="/data/{$id}?new=1">
          <span class="icon i-back" aria-hidden="true"></span>
          <t:t k="orgdata.back"/>
        </a>
        <button type="submit" class="btn btn-primary"><t:t k="orgdata.submit"/></button>
      </div>
    </form>
  </section>
</xsl:template>

</xsl:stylesheet>
