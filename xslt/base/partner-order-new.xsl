<?xml version="1.0" encoding="UTF-8"?>
<!--
  The partner's new order (GET /partner/orders/new, and POST
  /partner/orders when the form comes back with its errors): the
  product, then an existing customer or a new one invited by mail.
  Expects /page/products/product[@code name days],
  /page/customers/customer[@login name], /page/form/value[@name] (what
  was entered), /page/error[@field]. After a successful POST from a
  script (Accept: application/xml) the document holds the new //order.
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:t="urn:smime-activation:i18n"
    exclude-result-prefixes="t">

<xsl:import href="layout.xsl"/>

<xsl:output method="html" encoding="UTF-8" indent="no"
    doctype-system="about:legacy-compat"/>

<xsl:variable name="product" select="string(/page/form/value[@name = 'product'])"/>
<xsl:variable name="customer" select="string(/page/form/value[@name = 'customer'])"/>

<xsl:template name="page-title"><t:t k="partner.new.title"/></xsl:template>

<!-- aria-invalid and aria-describedby of the input of $field. -->
<xsl:template name="invalid">
  <xsl:param name="field"/>
  <xsl:if test="/page/error[@field = $field]">
    <xsl:attribute name="aria-invalid">true</xsl:attribute>
    <xsl:attribute name="aria-describedby"><xsl:value-of select="$field"/>-error</xsl:attribute>
  </xsl:if>
</xsl:template>

<xsl:template name="content">
  <div class="page-head">
    <div>
      <h1><t:t k="partner.new.title"/></h1>
      <p class="lead"><t:t k="partner.new.text"/></p>
    </div>
  </div>
  <section class="card form-card">
    <p class="form-note"><span aria-hidden="true">* </span><t:t k="email.required-note"/></p>
    <form class="form" method="post" action="/partner/orders">
      <xsl:call-template name="csrf-field"/>
      <div class="group">
        <div class="field">
          <label class="label" for="f-product">
            <t:t k="partner.new.product"/>
            <span class="req" aria-hidden="true">*</span>
          </label>
          <select class="select" id="f-product" name="product" required="required">
            <xsl:call-template name="invalid"><xsl:with-param name="field" select="'product'"/></xsl:call-template>
            <xsl:for-each select="/page/products/product">
              <option value="{@code}">
                <xsl:if test="@code = $product">
                  <xsl:attribute name="selected">selected</xsl:attribute>
                </xsl:if>
                <xsl:value-of select="@name"/>
              </option>
            </xsl:for-each>
          </select>
          <xsl:call-template name="field-error"><xsl:with-param name="field" select="'product'"/></xsl:call-template>
        </div>
      </div>

      <fieldset class="group">
        <legend class="label"><t:t k="partner.new.existing"/></legend>
        <div class="field">
          <label class="label" for="f-customer"><t:t k="partner.new.customer"/></label>
          <select class="select" id="f-customer" name="customer">
            <xsl:call-template name="invalid"><xsl:with-param name="field" select="'customer'"/></xsl:call-template>
            <option value=""><t:t k="partner.new.customer.none"/></option>
            <xsl:for-each select="/page/customers/customer">
              <option value="{@login}">
                <xsl:if test="@login = $customer">
                  <xsl:attribute name="selected">selected</xsl:attribute>
                </xsl:if>
                <xsl:value-of select="@name"/>
                <xsl:text> (</xsl:text>
                <xsl:value-of select="@login"/>
                <xsl:text>)</xsl:text>
              </option>
            </xsl:for-each>
          </select>
          <xsl:call-template name="field-error"><xsl:with-param name="field" select="'customer'"/></xsl:call-template>
        </div>
      </fieldset>

      <fieldset class="group">
        <legend class="label"><t:t k="partner.new.fresh"/></legend>
        <p class="form-note"><t:t k="partner.new.fresh.note"/></p>
        <div class="field">
          <label class="label" for="f-customer_name"><t:t k="partner.new.name"/></label>
          <input type="text" class="input" id="f-customer_name" name="customer_name"
              maxlength="256" autocomplete="off"
              value="{/page/form/value[@name = 'customer_name']}">
            <xsl:call-template name="invalid"><xsl:with-param name="field" select="'customer_name'"/></xsl:call-template>
          </input>
          <xsl:call-template name="field-error"><xsl:with-param name="field" select="'customer_name'"/></xsl:call-template>
        </div>
        <div class="field">
          <label class="label" for="f-customer_email"><t:t k="partner.new.email"/></label>
          <input type="email" class="input" id="f-customer_email" name="customer_email"
              maxlength="254" autocomplete="off" spellcheck="false" autocapitalize="off"
              value="{/page/form/value[@name = 'customer_email']}">
            <xsl:call-template name="invalid"><xsl:with-param name="field" select="'customer_email'"/></xsl:call-template>
          </input>
          <xsl:call-template name="field-error"><xsl:with-param name="field" select="'customer_email'"/></xsl:call-template>
        </div>
      </fieldset>

      <div class="form-actions">
        <a class="btn btn-ghost" href="/partner/">
          <span class="icon i-back" aria-hidden="true"></span>
          <t:t k="partner.new.back"/>
        </a>
        <button type="submit" class="btn btn-primary"><t:t k="partner.new.submit"/></button>
      </div>
    </form>
  </section>
</xsl:template>

</xsl:stylesheet>
