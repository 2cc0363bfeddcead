<?xml version="1.0" encoding="UTF-8"?>
<!--
  Step 1, the organization data form (GET /data/{id}, or a refused
  POST /data/{id} with its field errors): the organization, its
  headquarters and the verification method, then Back and Next.
  Expects /page/order (one), /page/form/value[@name] (the values to
  prefill, each optional), /page/countries/country[@code] (names in the
  page's language, in the order to show), optional /page/organization
  with <reason> when the data was rejected, and /page/error[@field]
  beside each field.
  No script: both verification methods are shown, each under its radio;
  where CSS :has() works the inactive one is hidden.
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
<xsl:variable name="values" select="/page/form/value"/>

<!-- The fields of this form, for telling its errors from the others. -->
<xsl:variable name="fields"
    select="'|organization|country|state|locality|method|registry_type|registry_number|document|'"/>

<!-- Strings, not result trees: they are compared once per country.
     concat(v, substring(default, 1 + n * boolean(v))) is v, or the
     default when v is empty. -->
<xsl:variable name="country-value" select="string($values[@name = 'country'])"/>
<xsl:variable name="country" select="concat($country-value, substring('PL', 1 + 2 * boolean($country-value)))"/>
<xsl:variable name="method-value" select="string($values[@name = 'method'])"/>
<xsl:variable name="method" select="concat($method-value, substring('registry', 1 + 8 * boolean($method-value)))"/>
<xsl:variable name="type-value" select="string($values[@name = 'registry_type'])"/>
<xsl:variable name="registry-type" select="concat($type-value, substring('KRS', 1 + 3 * boolean($type-value)))"/>

<xsl:template name="page-title"><t:t k="orgdata.title"/></xsl:template>

<!-- Page-level errors, the errors of fields that are not on this form,
     and a line that sends the eye to the fields when some are wrong. -->
<xsl:template name="errors">
  <xsl:variable name="other" select="/page/error[not(@field) or not(contains($fields, concat('|', @field, '|')))]"/>
  <xsl:variable name="mine" select="/page/error[@field and contains($fields, concat('|', @field, '|'))]"/>
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

<!-- A label with its required mark. -->
<xsl:template name="label">
  <xsl:param name="for"/>
  <xsl:param name="text"/>
  <label class="label" for="{$for}">
    <xsl:value-of select="$text"/>
    <span class="req" aria-hidden="true">*</span>
  </label>
</xsl:template>

<!-- A text input for field $field, prefilled with its value. -->
<xsl:template name="text-field">
  <xsl:param name="field"/>
  <xsl:param name="label"/>
  <xsl:param name="maxlength"/>
  <xsl:param name="autocomplete" select="'off'"/>
  <xsl:param name="required" select="true()"/>
  <xsl:param name="class" select="'input'"/>
  <div class="field">
    <xsl:call-template name="label">
      <xsl:with-param name="for" select="concat('f-', $field)"/>
      <xsl:with-param name="text" select="$label"/>
    </xsl:call-template>
    <input type="text" class="{$class}" id="f-{$field}" name="{$field}"
        maxlength="{$maxlength}" autocomplete="{$autocomplete}"
        value="{$values[@name = $field]}">
      <xsl:if test="$required">
        <xsl:attribute name="required">required</xsl:attribute>
      </xsl:if>
      <xsl:call-template name="field-attrs">
        <xsl:with-param name="field" select="$field"/>
      </xsl:call-template>
    </input>
    <xsl:call-template name="field-error">
      <xsl:with-param name="field" select="$field"/>
    </xsl:call-template>
  </div>
</xsl:template>

<!-- One option of the registration number types. -->
<xsl:template name="registry-option">
  <xsl:param name="type"/>
  <option value="{$type}">
    <xsl:if test="$type = $registry-type">
      <xsl:attribute name="selected">selected</xsl:attribute>
    </xsl:if>
    <xsl:call-template name="registry-type">
      <xsl:with-param name="type" select="$type"/>
    </xsl:call-template>
  </option>
</xsl:template>

<!-- A radio of the verification method. -->
<xsl:template name="method-radio">
  <xsl:param name="value"/>
  <xsl:param name="text"/>
  <label class="radio">
    <input type="radio" name="method" value="{$value}" id="f-method-{$value}" required="required">
      <xsl:if test="$method = $value">
        <xsl:attribute name="checked">checked</xsl:attribute>
      </xsl:if>
      <xsl:call-template name="field-attrs">
        <xsl:with-param name="field" select="'method'"/>
      </xsl:call-template>
    </input>
    <span><xsl:value-of select="$text"/></span>
  </label>
</xsl:template>

<xsl:template name="content">
  <xsl:call-template name="orgdata-head">
    <xsl:with-param name="title"><t:t k="orgdata.title"/></xsl:with-param>
  </xsl:call-template>

  <xsl:call-template name="orgdata-progress">
    <xsl:with-param name="current" select="1"/>
  </xsl:call-template>

  <xsl:for-each select="/page/organization[reason][1]">
    <div class="notice notice-warn">
      <span class="icon i-alert" aria-hidden="true"></span>
      <div>
        <p class="notice-title"><t:t k="orgdata.rejected"/></p>
        <p><t:t k="orgdata.reason"/></p>
        <blockquote class="reason"><xsl:value-of select="reason"/></blockquote>
      </div>
    </div>
  </xsl:for-each>

  <section class="card form-card">
    <p class="form-intro"><t:t k="orgdata.intro"/></p>
    <p class="form-note"><span aria-hidden="true">* </span><t:t k="orgdata.required-note"/></p>

    <form class="form" method="post" action="/data/{$order/@id}" enctype="multipart/form-data">
      <xsl:call-template name="csrf-field"/>

      <fieldset class="group">
        <legend class="group-title"><t:t k="orgdata.group.organization"/></legend>
        <xsl:call-template name="text-field">
          <xsl:with-param name="field" select="'organization'"/>
          <xsl:with-param name="label"><t:t k="orgdata.field.organization"/></xsl:with-param>
          <xsl:with-param name="maxlength" select="256"/>
          <xsl:with-param name="autocomplete" select="'organization'"/>
        </xsl:call-template>
      </fieldset>

      <fieldset class="group">
        <legend class="group-title"><t:t k="orgdata.group.headquarters"/></legend>
        <div class="field-row">
          <div class="field">
            <xsl:call-template name="label">
              <xsl:with-param name="for" select="'f-country'"/>
              <xsl:with-param name="text"><t:t k="orgdata.field.country"/></xsl:with-param>
            </xsl:call-template>
            <select class="select" id="f-country" name="country" required="required" autocomplete="country">
              <xsl:call-template name="field-attrs">
                <xsl:with-param name="field" select="'country'"/>
              </xsl:call-template>
              <!-- In the handler's order: by name, in the page's
                   language where the system has its collation (else by
                   code point), sorted once per process. -->
              <xsl:for-each select="/page/countries/country">
                <option value="{@code}">
                  <xsl:if test="@code = $country">
                    <xsl:attribute name="selected">selected</xsl:attribute>
                  </xsl:if>
                  <xsl:value-of select="."/>
                </option>
              </xsl:for-each>
              <xsl:if test="not(/page/countries/country[@code = $country])">
                <option value="{$country}" selected="selected"><xsl:value-of select="$country"/></option>
              </xsl:if>
            </select>
            <xsl:call-template name="field-error">
              <xsl:with-param name="field" select="'country'"/>
            </xsl:call-template>
          </div>
          <xsl:call-template name="text-field">
            <xsl:with-param name="field" select="'state'"/>
            <xsl:with-param name="label"><t:t k="orgdata.field.state"/></xsl:with-param>
            <xsl:with-param name="maxlength" select="128"/>
            <xsl:with-param name="autocomplete" select="'address-level1'"/>
          </xsl:call-template>
          <xsl:call-template name="text-field">
            <xsl:with-param name="field" select="'locality'"/>
            <xsl:with-param name="label"><t:t k="orgdata.field.locality"/></xsl:with-param>
            <xsl:with-param name="maxlength" select="128"/>
            <xsl:with-param name="autocomplete" select="'address-level2'"/>
          </xsl:call-template>
        </div>
      </fieldset>

      <fieldset class="group">
        <legend class="group-title"><t:t k="orgdata.group.method"/></legend>
        <xsl:call-template name="field-error">
          <xsl:with-param name="field" select="'method'"/>
        </xsl:call-template>
        <div class="choices">
          <div class="choice">
            <xsl:call-template name="method-radio">
              <xsl:with-param name="value" select="'registry'"/>
              <xsl:with-param name="text"><t:t k="orgdata.method.registry"/></xsl:with-param>
            </xsl:call-template>
            <div class="choice-body field-row">
              <div class="field">
                <xsl:call-template name="label">
                  <xsl:with-param name="for" select="'f-registry_type'"/>
                  <xsl:with-param name="text"><t:t k="orgdata.field.registry_type"/></xsl:with-param>
                </xsl:call-template>
                <select class="select" id="f-registry_type" name="registry_type">
                  <xsl:call-template name="field-attrs">
                    <xsl:with-param name="field" select="'registry_type'"/>
                  </xsl:call-template>
                  <xsl:call-template name="registry-option"><xsl:with-param name="type" select="'KRS'"/></xsl:call-template>
                  <xsl:call-template name="registry-option"><xsl:with-param name="type" select="'REGON'"/></xsl:call-template>
                  <xsl:call-template name="registry-option"><xsl:with-param name="type" select="'NIP'"/></xsl:call-template>
                  <xsl:call-template name="registry-option"><xsl:with-param name="type" select="'VAT'"/></xsl:call-template>
                  <xsl:call-template name="registry-option"><xsl:with-param name="type" select="'LEI'"/></xsl:call-template>
                  <xsl:call-template name="registry-option"><xsl:with-param name="type" select="'OTHER'"/></xsl:call-template>
                </select>
                <xsl:call-template name="field-error">
                  <xsl:with-param name="field" select="'registry_type'"/>
                </xsl:call-template>
              </div>
              <xsl:call-template name="text-field">
                <xsl:with-param name="field" select="'registry_number'"/>
                <xsl:with-param name="label"><t:t k="orgdata.field.registry_number"/></xsl:with-param>
                <xsl:with-param name="maxlength" select="64"/>
                <xsl:with-param name="required" select="false()"/>
                <xsl:with-param name="class" select="'input mono'"/>
              </xsl:call-template>
            </div>
          </div>
          <div class="choice">
            <xsl:call-template name="method-radio">
              <xsl:with-param name="value" select="'document'"/>
              <xsl:with-param name="text"><t:t k="orgdata.method.document"/></xsl:with-param>
            </xsl:call-template>
            <div class="choice-body">
              <div class="field">
                <xsl:call-template name="label">
                  <xsl:with-param name="for" select="'f-document'"/>
                  <xsl:with-param name="text"><t:t k="orgdata.field.document"/></xsl:with-param>
                </xsl:call-template>
                <input type="file" class="input input-file" id="f-document" name="document"
                    accept="application/pdf,image/jpeg,image/png">
                  <xsl:call-template name="field-attrs">
                    <xsl:with-param name="field" select="'document'"/>
                    <xsl:with-param name="hint" select="'document-hint'"/>
                  </xsl:call-template>
                </input>
                <p class="hint-text" id="document-hint"><t:t k="orgdata.document.hint"/></p>
                <p class="hint-text"><t:t k="orgdata.document.number"/></p>
                <xsl:call-template name="field-error">
                  <xsl:with-param name="field" select="'document'"/>
                </xsl:call-template>
                <xsl:if test="$method = 'document' and /page/error[@field] and not(/page/error[@field = 'document'])">
                  <p class="hint-text hint-warn"><t:t k="orgdata.document.again"/></p>
                </xsl:if>
              </div>
            </div>
          </div>
        </div>
      </fieldset>

      <div class="form-actions">
        <a class="btn btn-ghost" href="/">
          <span class="icon i-back" aria-hidden="true"></span>
          <t:t k="orgdata.back"/>
        </a>
        <button type="submit" class="btn btn-primary"><t:t k="orgdata.next"/></button>
      </div>
    </form>
  </section>
</xsl:template>

</xsl:stylesheet>
