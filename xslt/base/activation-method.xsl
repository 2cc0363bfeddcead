<?xml version="1.0" encoding="UTF-8"?>
<!--
  Step 3, stage 2: the key pair generation method (answer to POST
  /activation/{id}, or a refused POST /activation/{id}/method). A CSR
  made by the customer, or a key pair generated on a cryptographic card
  with the algorithm and key length chosen here; then Back and Next.
  Expects /page/order (one), /page/choice[@cn @include] (the fields
  chosen in stage 1), optional /page/method/@value ("csr", "card" or
  empty) and /page/key/@value (rsa2048, rsa3072, rsa4096, p256, p384)
  chosen before, and /page/error[@field] for method and key.
  No script: the key choice shows under its radio; where CSS :has()
  works it is hidden while the other method is chosen.
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

<xsl:variable name="order" select="/page/order[1]"/>
<xsl:variable name="method" select="string(/page/method[1]/@value)"/>
<!-- The key chosen before, else RSA 2048: what nearly every card and
     mail program supports. -->
<xsl:variable name="key-value" select="string(/page/key[1]/@value)"/>
<xsl:variable name="key" select="concat($key-value, substring('rsa2048', 1, 7 * not($key-value)))"/>

<xsl:template name="page-title"><t:t k="activation.method.title"/></xsl:template>

<xsl:template name="errors">
  <xsl:call-template name="activation-errors">
    <xsl:with-param name="fields" select="'|method|key|'"/>
  </xsl:call-template>
</xsl:template>

<!-- A radio of the method, with its description under it. -->
<xsl:template name="method-radio">
  <xsl:param name="value"/>
  <xsl:param name="text"/>
  <xsl:param name="desc"/>
  <label class="radio">
    <input type="radio" name="method" value="{$value}" id="f-method-{$value}" required="required"
        aria-describedby="method-{$value}-desc">
      <xsl:if test="$method = $value">
        <xsl:attribute name="checked">checked</xsl:attribute>
      </xsl:if>
      <xsl:if test="/page/error[@field = 'method']">
        <xsl:attribute name="aria-invalid">true</xsl:attribute>
        <xsl:attribute name="aria-describedby">method-error method-<xsl:value-of select="$value"/>-desc</xsl:attribute>
      </xsl:if>
    </input>
    <span class="radio-text">
      <span class="radio-title"><xsl:value-of select="$text"/></span>
      <span class="radio-desc" id="method-{$value}-desc"><xsl:value-of select="$desc"/></span>
    </span>
  </label>
</xsl:template>

<!-- One option of the key algorithms. -->
<xsl:template name="key-option">
  <xsl:param name="value"/>
  <option value="{$value}">
    <xsl:if test="$key = $value">
      <xsl:attribute name="selected">selected</xsl:attribute>
    </xsl:if>
    <xsl:call-template name="key-name">
      <xsl:with-param name="key" select="$value"/>
    </xsl:call-template>
  </option>
</xsl:template>

<xsl:template name="content">
  <xsl:call-template name="activation-head">
    <xsl:with-param name="title"><t:t k="activation.method.title"/></xsl:with-param>
  </xsl:call-template>

  <xsl:call-template name="activation-progress">
    <xsl:with-param name="current" select="2"/>
  </xsl:call-template>

  <section class="card form-card">
    <p class="form-intro"><t:t k="activation.method.intro"/></p>

    <form class="form" method="post" action="/activation/{$order/@id}/method">
      <xsl:call-template name="csrf-field"/>
      <fieldset class="group">
        <legend class="sr-only"><t:t k="activation.method.title"/></legend>
        <xsl:call-template name="field-error">
          <xsl:with-param name="field" select="'method'"/>
        </xsl:call-template>
        <div class="choices">
          <div class="choice">
            <xsl:call-template name="method-radio">
              <xsl:with-param name="value" select="'csr'"/>
              <xsl:with-param name="text"><t:t k="activation.method.csr"/></xsl:with-param>
              <xsl:with-param name="desc"><t:t k="activation.method.csr.text"/></xsl:with-param>
            </xsl:call-template>
          </div>
          <div class="choice">
            <xsl:call-template name="method-radio">
              <xsl:with-param name="value" select="'card'"/>
              <xsl:with-param name="text"><t:t k="activation.method.card"/></xsl:with-param>
              <xsl:with-param name="desc"><t:t k="activation.method.card.text"/></xsl:with-param>
            </xsl:call-template>
            <div class="choice-body">
              <div class="field field-key">
                <label class="label" for="f-key"><t:t k="activation.method.key"/></label>
                <select class="select" id="f-key" name="key">
                  <xsl:call-template name="field-attrs">
                    <xsl:with-param name="field" select="'key'"/>
                    <xsl:with-param name="hint" select="'key-hint'"/>
                  </xsl:call-template>
                  <xsl:call-template name="key-option"><xsl:with-param name="value" select="'rsa2048'"/></xsl:call-template>
                  <xsl:call-template name="key-option"><xsl:with-param name="value" select="'rsa3072'"/></xsl:call-template>
                  <xsl:call-template name="key-option"><xsl:with-param name="value" select="'rsa4096'"/></xsl:call-template>
                  <xsl:call-template name="key-option"><xsl:with-param name="value" select="'p256'"/></xsl:call-template>
                  <xsl:call-template name="key-option"><xsl:with-param name="value" select="'p384'"/></xsl:call-template>
                </select>
                <p class="hint-text" id="key-hint"><t:t k="activation.method.key.hint"/></p>
                <xsl:call-template name="field-error">
                  <xsl:with-param name="field" select="'key'"/>
                </xsl:call-template>
              </div>
            </div>
          </div>
        </div>
      </fieldset>

      <div class="form-actions">
        <a class="btn btn-ghost" href="/activation/{$order/@id}">
          <span class="icon i-back" aria-hidden="true"></span>
          <t:t k="activation.back"/>
        </a>
        <button type="submit" class="btn btn-primary"><t:t k="activation.next"/></button>
      </div>
    </form>
  </section>
</xsl:template>

</xsl:stylesheet>
