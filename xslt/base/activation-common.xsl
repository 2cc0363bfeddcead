<?xml version="1.0" encoding="UTF-8"?>
<!--
  Templates shared by the pages of step 3, certificate activation
  (activation-*.xsl). Not a page: each of those pages imports layout.xsl
  and includes orgdata-common.xsl (datetime, field-attrs, notice) and
  this file.

    activation-head      the page head: order number above the title, the
                         activation step's status pill on the right
    activation-progress  the wizard's progress: 1 Certificate data,
                         2 Generation method, 3 Key pair generation,
                         4 Summary
    activation-errors    page-level errors, errors of fields not on the
                         page, and one line for the fields of $fields
    field-errors         every message of a field, as a list (a CSR can
                         be wrong in more than one way)
    warnings             /page/warning as a red alert (a private key sent
                         with the CSR must be considered exposed)
    key-name             the words of a key choice: rsa2048, p256, …
    attr-name            the words of a subject attribute type: C, O, …
    attr-code            the short code of an attribute type in brackets
    downloads            the four download buttons of an issued
                         certificate
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:t="urn:smime-activation:i18n"
    exclude-result-prefixes="t">

<!-- The page head of the step's pages; $title is the h1. -->
<xsl:template name="activation-head">
  <xsl:param name="title"/>
  <xsl:variable name="order" select="/page/order[1]"/>
  <div class="page-head">
    <div class="page-head-main">
      <span class="tile-mark tile-mark-big" aria-hidden="true"></span>
      <div>
        <p class="eyebrow">
          <t:t k="step.activation"/>
          <xsl:if test="string($order/@number)">
            <xsl:text> · </xsl:text>
            <span class="mono"><xsl:value-of select="$order/@number"/></span>
          </xsl:if>
        </p>
        <h1><xsl:value-of select="$title"/></h1>
        <xsl:if test="string($order/@product)">
          <p class="lead"><xsl:call-template name="product-name"><xsl:with-param name="order" select="$order"/></xsl:call-template></p>
        </xsl:if>
      </div>
    </div>
    <xsl:for-each select="$order/step[@name = 'activation']">
      <span class="pill s-{@status}"><xsl:call-template name="step-status"/></span>
    </xsl:for-each>
  </div>
</xsl:template>

<!-- The wizard's progress; $current is 1 to 4. -->
<xsl:template name="activation-progress">
  <xsl:param name="current" select="1"/>
  <ol class="wizard wizard-4">
    <xsl:attribute name="aria-label"><t:t k="activation.progress"/></xsl:attribute>
    <xsl:call-template name="progress-step">
      <xsl:with-param name="n" select="1"/>
      <xsl:with-param name="current" select="$current"/>
      <xsl:with-param name="name"><t:t k="activation.progress.data"/></xsl:with-param>
    </xsl:call-template>
    <xsl:call-template name="progress-step">
      <xsl:with-param name="n" select="2"/>
      <xsl:with-param name="current" select="$current"/>
      <xsl:with-param name="name"><t:t k="activation.progress.method"/></xsl:with-param>
    </xsl:call-template>
    <xsl:call-template name="progress-step">
      <xsl:with-param name="n" select="3"/>
      <xsl:with-param name="current" select="$current"/>
      <xsl:with-param name="name"><t:t k="activation.progress.key"/></xsl:with-param>
    </xsl:call-template>
    <xsl:call-template name="progress-step">
      <xsl:with-param name="n" select="4"/>
      <xsl:with-param name="current" select="$current"/>
      <xsl:with-param name="name"><t:t k="activation.progress.summary"/></xsl:with-param>
    </xsl:call-template>
  </ol>
</xsl:template>

<!-- One stage of the progress: done before $current, current at it. -->
<xsl:template name="progress-step">
  <xsl:param name="n"/>
  <xsl:param name="current"/>
  <xsl:param name="name"/>
  <li>
    <xsl:choose>
      <xsl:when test="$n = $current">
        <xsl:attribute name="class">wizard-step is-current</xsl:attribute>
        <xsl:attribute name="aria-current">step</xsl:attribute>
      </xsl:when>
      <xsl:when test="$n &lt; $current">
        <xsl:attribute name="class">wizard-step is-done</xsl:attribute>
      </xsl:when>
      <xsl:otherwise>
        <xsl:attribute name="class">wizard-step</xsl:attribute>
      </xsl:otherwise>
    </xsl:choose>
    <span class="wizard-num" aria-hidden="true"><xsl:value-of select="$n"/></span>
    <span class="wizard-name"><xsl:value-of select="$name"/></span>
    <xsl:if test="$n &lt; $current">
      <span class="sr-only"><xsl:text> </xsl:text><t:t k="activation.progress.done"/></span>
    </xsl:if>
  </li>
</xsl:template>

<!-- Page-level errors, the errors of fields that are not on this page
     ($fields: '|a|b|'), and a line that sends the eye to the fields when
     some are wrong. -->
<xsl:template name="activation-errors">
  <xsl:param name="fields" select="'||'"/>
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

<!-- Every message of form field $field: one paragraph when there is
     one (as field-error of layout.xsl), a list when there are more; id
     "<field>-error" either way, for the input's aria-describedby. -->
<xsl:template name="field-errors">
  <xsl:param name="field"/>
  <xsl:variable name="err" select="/page/error[@field = $field]"/>
  <xsl:choose>
    <xsl:when test="count($err) &gt; 1">
      <ul class="field-errors" id="{$field}-error">
        <xsl:for-each select="$err">
          <li class="field-error"><xsl:value-of select="."/></li>
        </xsl:for-each>
      </ul>
    </xsl:when>
    <xsl:otherwise>
      <xsl:call-template name="field-error">
        <xsl:with-param name="field" select="$field"/>
      </xsl:call-template>
    </xsl:otherwise>
  </xsl:choose>
</xsl:template>

<!-- Warnings of the page (<warning key="…">text</warning>), each a red
     alert that cannot be missed: a private key sent to us is burnt. -->
<xsl:template name="warnings">
  <xsl:for-each select="/page/warning">
    <div class="notice notice-bad" role="alert">
      <span class="icon i-alert" aria-hidden="true"></span>
      <div>
        <p class="notice-title">
          <xsl:choose>
            <xsl:when test="@key = 'csr.private-key'"><t:t k="activation.warning.private-key"/></xsl:when>
            <xsl:otherwise><t:t k="activation.warning"/></xsl:otherwise>
          </xsl:choose>
        </p>
        <p><xsl:value-of select="."/></p>
      </div>
    </div>
  </xsl:for-each>
</xsl:template>

<!-- The words of key choice $key (the form values of /method). -->
<xsl:template name="key-name">
  <xsl:param name="key"/>
  <xsl:choose>
    <xsl:when test="$key = 'rsa2048'"><t:t k="activation.key.rsa2048"/></xsl:when>
    <xsl:when test="$key = 'rsa3072'"><t:t k="activation.key.rsa3072"/></xsl:when>
    <xsl:when test="$key = 'rsa4096'"><t:t k="activation.key.rsa4096"/></xsl:when>
    <xsl:when test="$key = 'p256'"><t:t k="activation.key.p256"/></xsl:when>
    <xsl:when test="$key = 'p384'"><t:t k="activation.key.p384"/></xsl:when>
    <xsl:otherwise>
      <xsl:call-template name="value">
        <xsl:with-param name="value" select="$key"/>
      </xsl:call-template>
    </xsl:otherwise>
  </xsl:choose>
</xsl:template>

<!-- The words of subject attribute type $type (as in <attr type="…">,
     OpenSSL's short names). -->
<xsl:template name="attr-name">
  <xsl:param name="type" select="@type"/>
  <xsl:choose>
    <xsl:when test="$type = 'C'"><t:t k="activation.attr.C"/></xsl:when>
    <xsl:when test="$type = 'ST'"><t:t k="activation.attr.ST"/></xsl:when>
    <xsl:when test="$type = 'L'"><t:t k="activation.attr.L"/></xsl:when>
    <xsl:when test="$type = 'O'"><t:t k="activation.attr.O"/></xsl:when>
    <xsl:when test="$type = 'organizationIdentifier'"><t:t k="activation.attr.organizationIdentifier"/></xsl:when>
    <xsl:when test="$type = 'CN'"><t:t k="activation.attr.CN"/></xsl:when>
    <xsl:when test="$type = 'emailAddress'"><t:t k="activation.attr.emailAddress"/></xsl:when>
    <xsl:otherwise><xsl:value-of select="$type"/></xsl:otherwise>
  </xsl:choose>
</xsl:template>

<!-- The short code of attribute type $type as a tag: C, ST, L, O, CN,
     E; organizationIdentifier keeps its long name (it has no short
     one). -->
<xsl:template name="attr-code">
  <xsl:param name="type" select="@type"/>
  <span class="tag attr-code">
    <xsl:choose>
      <xsl:when test="$type = 'emailAddress'">E</xsl:when>
      <xsl:otherwise><xsl:value-of select="$type"/></xsl:otherwise>
    </xsl:choose>
  </span>
</xsl:template>

<!-- The download buttons of the certificate of order $id. -->
<xsl:template name="downloads">
  <xsl:param name="id" select="string(/page/order[1]/@id)"/>
  <ul class="downloads">
    <li><a class="btn btn-small" href="/certificates/{$id}/cert.pem"><span class="icon i-download" aria-hidden="true"></span><t:t k="activation.download.pem"/></a></li>
    <li><a class="btn btn-small" href="/certificates/{$id}/cert.der"><span class="icon i-download" aria-hidden="true"></span><t:t k="activation.download.der"/></a></li>
    <li><a class="btn btn-small" href="/certificates/{$id}/fullchain.pem"><span class="icon i-download" aria-hidden="true"></span><t:t k="activation.download.fullchain-pem"/></a></li>
    <li><a class="btn btn-small" href="/certificates/{$id}/chain.pem"><span class="icon i-download" aria-hidden="true"></span><t:t k="activation.download.chain-pem"/></a></li>
    <li><a class="btn btn-small" href="/certificates/{$id}/chain.p7b"><span class="icon i-download" aria-hidden="true"></span><t:t k="activation.download.chain-p7b"/></a></li>
  </ul>
</xsl:template>

</xsl:stylesheet>
