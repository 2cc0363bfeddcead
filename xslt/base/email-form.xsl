<?xml version="1.0" encoding="UTF-8"?>
<!--
  Step 2, the e-mail address form (GET /email/{id} while the step awaits
  an address, GET /email/{id}?edit=1, or a refused POST /email/{id} with
  its field error): one address, then Back and Next.
  Expects /page/order (one, with its steps), optional
  /page/form/value[@name = 'email'] (the address to prefill) and
  /page/error[@field = 'email'].
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

<xsl:template name="page-title"><t:t k="email.title"/></xsl:template>

<!-- Page-level errors, the errors of fields that are not on this form,
     and a line that sends the eye to the field when it is wrong. -->
<xsl:template name="errors">
  <xsl:variable name="other" select="/page/error[not(@field) or @field != 'email']"/>
  <xsl:variable name="mine" select="/page/error[@field = 'email']"/>
  <xsl:if test="$other or $mine">
    <div class="alert" role="alert">
      <span class="icon i-alert" aria-hidden="true"></span>
      <div class="alert-body">
        <xsl:for-each select="$other">
          <p><xsl:value-of select="."/></p>
        </xsl:for-each>
        <xsl:if test="$mine">
          <p><t:t k="error.422"/></p>
        </xsl:if>
      </div>
    </div>
  </xsl:if>
</xsl:template>

<xsl:template name="content">
  <xsl:call-template name="email-head">
    <xsl:with-param name="title"><t:t k="email.title"/></xsl:with-param>
  </xsl:call-template>

  <xsl:call-template name="email-progress">
    <xsl:with-param name="current" select="1"/>
  </xsl:call-template>

  <section class="card form-card">
    <p class="form-intro"><t:t k="email.intro"/></p>
    <p class="form-note"><span aria-hidden="true">* </span><t:t k="email.required-note"/></p>

    <form class="form" method="post" action="/email/{$order/@id}">
      <xsl:call-template name="csrf-field"/>
      <div class="group">
        <div class="field">
          <label class="label" for="f-email">
            <t:t k="email.field.email"/>
            <span class="req" aria-hidden="true">*</span>
          </label>
          <input type="email" class="input" id="f-email" name="email"
              maxlength="254" required="required" autocomplete="email"
              spellcheck="false" autocapitalize="off"
              value="{/page/form/value[@name = 'email']}">
            <xsl:attribute name="placeholder"><t:t k="email.placeholder"/></xsl:attribute>
            <xsl:call-template name="field-attrs">
              <xsl:with-param name="field" select="'email'"/>
            </xsl:call-template>
          </input>
          <xsl:call-template name="field-error">
            <xsl:with-param name="field" select="'email'"/>
          </xsl:call-template>
        </div>
      </div>

      <div class="form-actions">
        <a class="btn btn-ghost">
          <xsl:attribute name="href">
            <!-- Editing an address already sent: back to its status. -->
            <xsl:choose>
              <xsl:when test="$order/step[@name = 'email']/@status = 'submitted'">/email/<xsl:value-of select="$order/@id"/></xsl:when>
              <xsl:otherwise>/</xsl:otherwise>
            </xsl:choose>
          </xsl:attribute>
          <span class="icon i-back" aria-hidden="true"></span>
          <t:t k="email.back"/>
        </a>
        <button type="submit" class="btn btn-primary"><t:t k="email.next"/></button>
      </div>
    </form>
  </section>
</xsl:template>

</xsl:stylesheet>
