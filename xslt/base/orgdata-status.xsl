<?xml version="1.0" encoding="UTF-8"?>
<!--
  Step 1 once the data is submitted or verified (GET /data/{id}, or the
  answer to POST /data/{id}/documents): where the verification stands,
  the data, its documents and, while the data is under verification, a
  form to add another document.
  Expects /page/order (one, with its steps), optional /page/organization
  (as on the summary, with an optional <reason>), /page/@outcome
  "document-added" after a document was added, and a field error
  "document" when one was refused.
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:t="urn:smime-activation:i18n"
    exclude-result-prefixes="t">

<xsl:import href="layout.xsl"/>
<xsl:include href="orgdata-common.xsl"/>

<xsl:output method="html" encoding="UTF-8" indent="no"
    doctype-system="about:legacy-compat"/>

<xsl:variable name="order" select="/page/order[1]"/>
<xsl:variable name="step" select="string($order/step[@name = 'data']/@status)"/>

<xsl:template name="page-title"><t:t k="step.data"/></xsl:template>

<xsl:template name="content">
  <a class="back" href="/">
    <span class="icon i-back" aria-hidden="true"></span>
    <t:t k="common.dashboard"/>
  </a>
  <xsl:call-template name="orgdata-head">
    <xsl:with-param name="title"><t:t k="step.data"/></xsl:with-param>
  </xsl:call-template>

  <xsl:if test="/page/@outcome = 'document-added'">
    <xsl:call-template name="notice">
      <xsl:with-param name="kind" select="'ok'"/>
      <xsl:with-param name="text"><t:t k="orgdata.document-added"/></xsl:with-param>
    </xsl:call-template>
  </xsl:if>

  <section class="card state-card s-{$step}">
    <span class="card-icon" aria-hidden="true">
      <span>
        <xsl:attribute name="class">
          <xsl:choose>
            <xsl:when test="$step = 'verified'">icon i-ok</xsl:when>
            <xsl:when test="$step = 'rejected'">icon i-alert</xsl:when>
            <xsl:otherwise>icon i-events</xsl:otherwise>
          </xsl:choose>
        </xsl:attribute>
      </span>
    </span>
    <div class="state-text">
      <p class="state-title">
        <xsl:choose>
          <xsl:when test="$step = 'submitted'"><t:t k="orgdata.status.submitted"/></xsl:when>
          <xsl:when test="$step = 'verified'"><t:t k="orgdata.status.verified"/></xsl:when>
          <xsl:when test="$step = 'rejected'"><t:t k="orgdata.status.rejected"/></xsl:when>
          <xsl:otherwise><t:t k="orgdata.no-draft"/></xsl:otherwise>
        </xsl:choose>
      </p>
      <xsl:for-each select="/page/organization[1]/reason">
        <p class="muted"><t:t k="orgdata.reason"/></p>
        <blockquote class="reason"><xsl:value-of select="."/></blockquote>
      </xsl:for-each>
    </div>
    <xsl:choose>
      <xsl:when test="$step = 'verified' and $order/step[@name = 'email']/@status = 'awaiting'">
        <a class="btn btn-primary" href="/email/{$order/@id}"><t:t k="step.email.action"/></a>
      </xsl:when>
      <xsl:when test="$step = 'rejected'">
        <a class="btn btn-primary" href="/data/{$order/@id}"><t:t k="step.retry"/></a>
      </xsl:when>
      <xsl:when test="$step = 'awaiting'">
        <a class="btn btn-primary" href="/data/{$order/@id}"><t:t k="step.data.action"/></a>
      </xsl:when>
    </xsl:choose>
  </section>

  <xsl:for-each select="/page/organization[1]">
    <div class="grid-2">
      <section class="card" aria-labelledby="data-title">
        <h2 class="card-title" id="data-title"><t:t k="orgdata.title"/></h2>
        <xsl:call-template name="org-facts"/>
        <xsl:if test="string(@submitted)">
          <p class="muted small card-foot">
            <t:t k="orgdata.submitted-on"/>
            <xsl:text> </xsl:text>
            <xsl:call-template name="date">
              <xsl:with-param name="value" select="@submitted"/>
            </xsl:call-template>
          </p>
        </xsl:if>
      </section>

      <section class="card" aria-labelledby="docs-title">
        <h2 class="card-title" id="docs-title"><t:t k="orgdata.documents"/></h2>
        <xsl:choose>
          <xsl:when test="document">
            <xsl:call-template name="documents-table"/>
          </xsl:when>
          <xsl:otherwise>
            <p class="muted"><t:t k="orgdata.documents.empty"/></p>
          </xsl:otherwise>
        </xsl:choose>
        <xsl:if test="$step = 'submitted'">
          <form class="form add-doc" method="post" action="/data/{$order/@id}/documents" enctype="multipart/form-data">
            <xsl:call-template name="csrf-field"/>
            <h3 class="sub-title"><t:t k="orgdata.add-document"/></h3>
            <p class="hint-text"><t:t k="orgdata.add-document.text"/></p>
            <div class="field">
              <label class="label" for="f-document"><t:t k="orgdata.field.document"/></label>
              <input type="file" class="input input-file" id="f-document" name="document"
                  accept="application/pdf,image/jpeg,image/png" required="required">
                <xsl:call-template name="field-attrs">
                  <xsl:with-param name="field" select="'document'"/>
                  <xsl:with-param name="hint" select="'document-hint'"/>
                </xsl:call-template>
              </input>
              <p class="hint-text" id="document-hint"><t:t k="orgdata.document.hint"/></p>
              <xsl:call-template name="field-error">
                <xsl:with-param name="field" select="'document'"/>
              </xsl:call-template>
            </div>
            <div class="form-actions form-actions-end">
              <button type="submit" class="btn"><span class="icon i-upload" aria-hidden="true"></span><t:t k="orgdata.add-document"/></button>
            </div>
          </form>
        </xsl:if>
      </section>
    </div>
  </xsl:for-each>
</xsl:template>

</xsl:stylesheet>
