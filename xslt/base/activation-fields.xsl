<?xml version="1.0" encoding="UTF-8"?>
<!--
  Step 3, stage 1: the data of the certificate (GET /activation/{id}, or
  a refused POST /activation/{id} with its field errors). The verified
  data, one row per field of the certificate: the mandatory ones checked
  and disabled (they are not form fields), the common name to choose,
  the optional ones as checkboxes "include"; then Back and Next.
  Expects /page/order (one), /page/data (email, organization,
  org-identifier, country[@code @name], optional state and locality),
  optional /page/choice[@cn @include] (what was chosen before: cn
  "email", "organization" or empty; include a comma list of L, ST, C, E;
  without @include, C, ST and L are checked) and /page/error[@field]
  for cn and include.
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
<xsl:variable name="data" select="/page/data[1]"/>
<xsl:variable name="choice" select="/page/choice[1]"/>
<xsl:variable name="cn" select="string($choice/@cn)"/>
<!-- The included optional fields as ",C,ST,": what was chosen, or the
     location of the organization the first time. -->
<xsl:variable name="include">
  <xsl:text>,</xsl:text>
  <xsl:choose>
    <xsl:when test="$choice/@include">
      <xsl:value-of select="translate($choice/@include, ' ', '')"/>
    </xsl:when>
    <xsl:otherwise>C,ST,L</xsl:otherwise>
  </xsl:choose>
  <xsl:text>,</xsl:text>
</xsl:variable>

<xsl:template name="page-title"><t:t k="activation.fields.title"/></xsl:template>

<xsl:template name="errors">
  <xsl:call-template name="activation-errors">
    <xsl:with-param name="fields" select="'|cn|include|'"/>
  </xsl:call-template>
</xsl:template>

<!-- A mandatory field: a checked, disabled box (not sent), its name,
     its code and its value. -->
<xsl:template name="fixed-row">
  <xsl:param name="id"/>
  <xsl:param name="name"/>
  <xsl:param name="code"/>
  <xsl:param name="value"/>
  <xsl:param name="mono" select="false()"/>
  <li class="cert-field is-fixed">
    <input type="checkbox" class="cert-field-box" id="f-{$id}" checked="checked" disabled="disabled"/>
    <label class="cert-field-name" for="f-{$id}">
      <xsl:value-of select="$name"/>
      <xsl:text> </xsl:text>
      <span class="tag attr-code"><xsl:value-of select="$code"/></span>
      <span class="sr-only"><xsl:text> </xsl:text><t:t k="activation.fields.mandatory"/></span>
    </label>
    <span class="cert-field-value break">
      <xsl:if test="$mono"><xsl:attribute name="class">cert-field-value break mono</xsl:attribute></xsl:if>
      <xsl:value-of select="$value"/>
    </span>
  </li>
</xsl:template>

<!-- An optional field: a box name="include" value="$code". -->
<xsl:template name="include-row">
  <xsl:param name="code"/>
  <xsl:param name="name"/>
  <xsl:param name="value"/>
  <li class="cert-field">
    <input type="checkbox" class="cert-field-box" name="include" value="{$code}" id="f-include-{$code}">
      <xsl:if test="contains($include, concat(',', $code, ','))">
        <xsl:attribute name="checked">checked</xsl:attribute>
      </xsl:if>
      <xsl:call-template name="field-attrs">
        <xsl:with-param name="field" select="'include'"/>
      </xsl:call-template>
    </input>
    <label class="cert-field-name" for="f-include-{$code}">
      <xsl:value-of select="$name"/>
      <xsl:text> </xsl:text>
      <span class="tag attr-code"><xsl:value-of select="$code"/></span>
    </label>
    <span class="cert-field-value break"><xsl:value-of select="$value"/></span>
  </li>
</xsl:template>

<xsl:template name="content">
  <xsl:call-template name="activation-head">
    <xsl:with-param name="title"><t:t k="activation.fields.title"/></xsl:with-param>
  </xsl:call-template>

  <xsl:call-template name="activation-progress">
    <xsl:with-param name="current" select="1"/>
  </xsl:call-template>

  <section class="card form-card">
    <p class="form-intro"><t:t k="activation.fields.intro"/></p>
    <p class="form-note"><span aria-hidden="true">* </span><t:t k="activation.fields.required-note"/></p>

    <form class="form" method="post" action="/activation/{$order/@id}">
      <xsl:call-template name="csrf-field"/>
      <fieldset class="group">
        <legend class="sr-only"><t:t k="activation.fields.title"/></legend>
        <ul class="cert-fields">
          <xsl:call-template name="fixed-row">
            <xsl:with-param name="id" select="'san'"/>
            <xsl:with-param name="name"><t:t k="activation.field.san"/></xsl:with-param>
            <xsl:with-param name="code" select="'SAN'"/>
            <xsl:with-param name="value" select="$data/email"/>
          </xsl:call-template>

          <li class="cert-field is-select">
            <input type="checkbox" class="cert-field-box" id="f-cn-box" checked="checked" disabled="disabled" aria-hidden="true" tabindex="-1"/>
            <label class="cert-field-name" for="f-cn">
              <t:t k="activation.field.cn"/>
              <xsl:text> </xsl:text>
              <span class="tag attr-code">CN</span>
              <span class="req" aria-hidden="true">*</span>
            </label>
            <span class="cert-field-value">
              <select class="select" id="f-cn" name="cn" required="required">
                <xsl:call-template name="field-attrs">
                  <xsl:with-param name="field" select="'cn'"/>
                </xsl:call-template>
                <option value=""><t:t k="activation.field.cn.choose"/></option>
                <xsl:if test="string($data/email)">
                  <option value="email">
                    <xsl:if test="$cn = 'email'"><xsl:attribute name="selected">selected</xsl:attribute></xsl:if>
                    <xsl:value-of select="$data/email"/>
                  </option>
                </xsl:if>
                <xsl:if test="string($data/organization)">
                  <option value="organization">
                    <xsl:if test="$cn = 'organization'"><xsl:attribute name="selected">selected</xsl:attribute></xsl:if>
                    <xsl:value-of select="$data/organization"/>
                  </option>
                </xsl:if>
              </select>
              <xsl:call-template name="field-error">
                <xsl:with-param name="field" select="'cn'"/>
              </xsl:call-template>
            </span>
          </li>

          <xsl:call-template name="fixed-row">
            <xsl:with-param name="id" select="'o'"/>
            <xsl:with-param name="name"><t:t k="activation.field.o"/></xsl:with-param>
            <xsl:with-param name="code" select="'O'"/>
            <xsl:with-param name="value" select="$data/organization"/>
          </xsl:call-template>

          <xsl:if test="string($data/org-identifier)">
            <xsl:call-template name="fixed-row">
              <xsl:with-param name="id" select="'oi'"/>
              <xsl:with-param name="name"><t:t k="activation.field.org-identifier"/></xsl:with-param>
              <xsl:with-param name="code" select="'organizationIdentifier'"/>
              <xsl:with-param name="value" select="$data/org-identifier"/>
              <xsl:with-param name="mono" select="true()"/>
            </xsl:call-template>
          </xsl:if>

          <xsl:call-template name="include-row">
            <xsl:with-param name="code" select="'C'"/>
            <xsl:with-param name="name"><t:t k="activation.field.c"/></xsl:with-param>
            <xsl:with-param name="value">
              <xsl:for-each select="$data">
                <xsl:choose>
                  <xsl:when test="string(country/@name)">
                    <xsl:value-of select="country/@name"/>
                    <xsl:text> (</xsl:text>
                    <xsl:value-of select="country/@code"/>
                    <xsl:text>)</xsl:text>
                  </xsl:when>
                  <xsl:when test="string(country/@code)">
                    <xsl:value-of select="country/@code"/>
                  </xsl:when>
                  <xsl:otherwise><xsl:value-of select="country"/></xsl:otherwise>
                </xsl:choose>
              </xsl:for-each>
            </xsl:with-param>
          </xsl:call-template>

          <xsl:if test="string($data/state)">
            <xsl:call-template name="include-row">
              <xsl:with-param name="code" select="'ST'"/>
              <xsl:with-param name="name"><t:t k="activation.field.st"/></xsl:with-param>
              <xsl:with-param name="value" select="$data/state"/>
            </xsl:call-template>
          </xsl:if>

          <xsl:if test="string($data/locality)">
            <xsl:call-template name="include-row">
              <xsl:with-param name="code" select="'L'"/>
              <xsl:with-param name="name"><t:t k="activation.field.l"/></xsl:with-param>
              <xsl:with-param name="value" select="$data/locality"/>
            </xsl:call-template>
          </xsl:if>

          <xsl:call-template name="include-row">
            <xsl:with-param name="code" select="'E'"/>
            <xsl:with-param name="name"><t:t k="activation.field.e"/></xsl:with-param>
            <xsl:with-param name="value" select="$data/email"/>
          </xsl:call-template>
        </ul>
        <xsl:call-template name="field-errors">
          <xsl:with-param name="field" select="'include'"/>
        </xsl:call-template>
      </fieldset>
      <p class="hint-text cert-fields-hint"><t:t k="activation.fields.hint"/></p>

      <div class="form-actions">
        <a class="btn btn-ghost" href="/">
          <span class="icon i-back" aria-hidden="true"></span>
          <t:t k="activation.back"/>
        </a>
        <button type="submit" class="btn btn-primary"><t:t k="activation.next"/></button>
      </div>
    </form>
  </section>
</xsl:template>

</xsl:stylesheet>
