<?xml version="1.0" encoding="UTF-8"?>
<!--
  Templates shared by the pages of step 1 (orgdata-*.xsl) and of the
  operator's queue (operator-*.xsl). Not a page: each of those pages
  imports layout.xsl and includes this file.

    orgdata-head      the page head: order number above the title, the
                      data step's status pill on the right
    orgdata-progress  the wizard's progress: 1 Organization data, 2 Summary
    org-facts         an <organization>'s data as a list of facts
    org-method        how an <organization> is verified, in words
    org-country       an <organization>'s country: its code, and its name
                      when the handler gives country/@name
    registry-type     the words of a registration number type
    documents-table   an <organization>'s documents
    file-size         a size in bytes as B, KB or MB
    datetime          an ISO 8601 time as "2026-11-24 10:00 UTC"
    field-attrs       aria-invalid and aria-describedby of an input
    notice            a success or information note
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:t="urn:smime-activation:i18n"
    exclude-result-prefixes="t">

<!-- The page head of the step's pages. Context: anything; $title is
     the h1. -->
<xsl:template name="orgdata-head">
  <xsl:param name="title"/>
  <xsl:variable name="order" select="/page/order[1]"/>
  <div class="page-head">
    <div class="page-head-main">
      <span class="tile-mark tile-mark-big" aria-hidden="true"></span>
      <div>
        <p class="eyebrow">
          <t:t k="step.data"/>
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
    <xsl:for-each select="$order/step[@name = 'data']">
      <span class="pill s-{@status}"><xsl:call-template name="step-status"/></span>
    </xsl:for-each>
  </div>
</xsl:template>

<!-- The wizard's progress; $current is 1 (the form) or 2 (summary). -->
<xsl:template name="orgdata-progress">
  <xsl:param name="current" select="1"/>
  <ol class="wizard">
    <xsl:attribute name="aria-label"><t:t k="orgdata.progress"/></xsl:attribute>
    <li>
      <xsl:choose>
        <xsl:when test="$current = 1">
          <xsl:attribute name="class">wizard-step is-current</xsl:attribute>
          <xsl:attribute name="aria-current">step</xsl:attribute>
        </xsl:when>
        <xsl:otherwise>
          <xsl:attribute name="class">wizard-step is-done</xsl:attribute>
        </xsl:otherwise>
      </xsl:choose>
      <span class="wizard-num" aria-hidden="true">1</span>
      <span class="wizard-name"><t:t k="orgdata.progress.data"/></span>
      <xsl:if test="$current &gt; 1">
        <span class="sr-only"><xsl:text> </xsl:text><t:t k="orgdata.progress.done"/></span>
      </xsl:if>
    </li>
    <li>
      <xsl:choose>
        <xsl:when test="$current = 2">
          <xsl:attribute name="class">wizard-step is-current</xsl:attribute>
          <xsl:attribute name="aria-current">step</xsl:attribute>
        </xsl:when>
        <xsl:otherwise>
          <xsl:attribute name="class">wizard-step</xsl:attribute>
        </xsl:otherwise>
      </xsl:choose>
      <span class="wizard-num" aria-hidden="true">2</span>
      <span class="wizard-name"><t:t k="orgdata.progress.summary"/></span>
    </li>
  </ol>
</xsl:template>

<!-- The words of registration number type $type. -->
<xsl:template name="registry-type">
  <xsl:param name="type" select="@type"/>
  <xsl:choose>
    <xsl:when test="$type = 'KRS'"><t:t k="orgdata.registry.KRS"/></xsl:when>
    <xsl:when test="$type = 'REGON'"><t:t k="orgdata.registry.REGON"/></xsl:when>
    <xsl:when test="$type = 'NIP'"><t:t k="orgdata.registry.NIP"/></xsl:when>
    <xsl:when test="$type = 'VAT'"><t:t k="orgdata.registry.VAT"/></xsl:when>
    <xsl:when test="$type = 'LEI'"><t:t k="orgdata.registry.LEI"/></xsl:when>
    <xsl:when test="$type = 'OTHER'"><t:t k="orgdata.registry.OTHER"/></xsl:when>
    <xsl:otherwise><xsl:value-of select="$type"/></xsl:otherwise>
  </xsl:choose>
</xsl:template>

<!-- How the organization (the context) is verified, in short. -->
<xsl:template name="org-method">
  <xsl:choose>
    <xsl:when test="@method = 'registry' or (not(string(@method)) and registry)">
      <t:t k="orgdata.method.registry.short"/>
    </xsl:when>
    <xsl:when test="@method = 'document'"><t:t k="orgdata.method.document.short"/></xsl:when>
    <xsl:otherwise><xsl:value-of select="@method"/></xsl:otherwise>
  </xsl:choose>
</xsl:template>

<!-- The organization's (the context's) country: "Poland (PL)" when the
     handler names it, else the code. -->
<xsl:template name="org-country">
  <xsl:choose>
    <xsl:when test="string(country/@name)">
      <xsl:value-of select="country/@name"/>
      <xsl:text> (</xsl:text>
      <xsl:value-of select="country"/>
      <xsl:text>)</xsl:text>
    </xsl:when>
    <xsl:otherwise>
      <xsl:call-template name="value">
        <xsl:with-param name="value" select="country"/>
      </xsl:call-template>
    </xsl:otherwise>
  </xsl:choose>
</xsl:template>

<!-- The organization's (the context's) data as a list of facts; its
     name unless $name is false, its identifier unless $identifier is. -->
<xsl:template name="org-facts">
  <xsl:param name="identifier" select="true()"/>
  <xsl:param name="name" select="true()"/>
  <dl class="facts-list">
    <xsl:if test="$name">
      <div class="fact">
        <dt><t:t k="orgdata.field.organization"/></dt>
        <dd class="break strong"><xsl:value-of select="name"/></dd>
      </div>
    </xsl:if>
    <div class="fact">
      <dt><t:t k="orgdata.field.country"/></dt>
      <dd><xsl:call-template name="org-country"/></dd>
    </div>
    <div class="fact">
      <dt><t:t k="orgdata.field.state"/></dt>
      <dd class="break">
        <xsl:call-template name="value">
          <xsl:with-param name="value" select="state"/>
        </xsl:call-template>
      </dd>
    </div>
    <div class="fact">
      <dt><t:t k="orgdata.field.locality"/></dt>
      <dd class="break">
        <xsl:call-template name="value">
          <xsl:with-param name="value" select="locality"/>
        </xsl:call-template>
      </dd>
    </div>
    <div class="fact">
      <dt><t:t k="orgdata.group.method"/></dt>
      <dd><xsl:call-template name="org-method"/></dd>
    </div>
    <xsl:for-each select="registry[1]">
      <div class="fact">
        <dt><t:t k="orgdata.field.registry_type"/></dt>
        <dd><xsl:call-template name="registry-type"/></dd>
      </div>
      <div class="fact">
        <dt><t:t k="orgdata.field.registry_number"/></dt>
        <dd class="mono break"><xsl:value-of select="."/></dd>
      </div>
    </xsl:for-each>
    <xsl:if test="$identifier and string(org-identifier)">
      <div class="fact">
        <dt><t:t k="orgdata.org-identifier"/></dt>
        <dd class="mono break"><xsl:value-of select="org-identifier"/></dd>
      </div>
    </xsl:if>
  </dl>
</xsl:template>

<!-- A table of the organization's (the context's) documents: name
     (a download link when $links), type, size and date; with $hashes,
     the SHA-256 under the name. -->
<xsl:template name="documents-table">
  <xsl:param name="links" select="false()"/>
  <xsl:param name="hashes" select="false()"/>
  <div class="table-wrap">
    <table class="table table-docs">
      <thead>
        <tr>
          <th scope="col"><t:t k="orgdata.document.name"/></th>
          <th scope="col"><t:t k="orgdata.document.type"/></th>
          <th scope="col"><t:t k="orgdata.document.size"/></th>
          <th scope="col"><t:t k="orgdata.document.added"/></th>
        </tr>
      </thead>
      <tbody>
        <xsl:for-each select="document">
          <tr>
            <td class="cell-main break">
              <xsl:attribute name="data-label"><t:t k="orgdata.document.name"/></xsl:attribute>
              <xsl:choose>
                <xsl:when test="$links">
                  <a class="doc-link" href="/operator/documents/{@id}">
                    <span class="icon i-download" aria-hidden="true"></span>
                    <xsl:value-of select="@filename"/>
                  </a>
                </xsl:when>
                <xsl:otherwise>
                  <span class="doc-name"><xsl:value-of select="@filename"/></span>
                </xsl:otherwise>
              </xsl:choose>
              <xsl:if test="$hashes and string(@sha256)">
                <span class="cell-sub mono break">
                  <xsl:text>SHA-256 </xsl:text>
                  <xsl:value-of select="@sha256"/>
                </span>
              </xsl:if>
            </td>
            <td class="nowrap">
              <xsl:attribute name="data-label"><t:t k="orgdata.document.type"/></xsl:attribute>
              <xsl:value-of select="translate(@type, 'abcdefghijklmnopqrstuvwxyz', 'ABCDEFGHIJKLMNOPQRSTUVWXYZ')"/>
            </td>
            <td class="nowrap">
              <xsl:attribute name="data-label"><t:t k="orgdata.document.size"/></xsl:attribute>
              <xsl:call-template name="file-size">
                <xsl:with-param name="bytes" select="@size"/>
              </xsl:call-template>
            </td>
            <td class="nowrap">
              <xsl:attribute name="data-label"><t:t k="orgdata.document.added"/></xsl:attribute>
              <xsl:call-template name="date">
                <xsl:with-param name="value" select="@created"/>
              </xsl:call-template>
            </td>
          </tr>
        </xsl:for-each>
      </tbody>
    </table>
  </div>
</xsl:template>

<!-- $bytes as "512 B", "340 KB" or "1.2 MB" (the decimal mark from the
     catalogue). -->
<xsl:template name="file-size">
  <xsl:param name="bytes"/>
  <xsl:variable name="n" select="number($bytes)"/>
  <xsl:choose>
    <xsl:when test="$n != $n"><t:t k="common.none"/></xsl:when>
    <xsl:when test="$n &lt; 1024">
      <xsl:value-of select="$n"/>
      <xsl:text> </xsl:text><t:t k="orgdata.size.b"/>
    </xsl:when>
    <xsl:when test="$n &lt; 1048576">
      <xsl:value-of select="round($n div 1024)"/>
      <xsl:text> </xsl:text><t:t k="orgdata.size.kb"/>
    </xsl:when>
    <xsl:otherwise>
      <xsl:variable name="tenths" select="round($n * 10 div 1048576)"/>
      <xsl:value-of select="floor($tenths div 10)"/>
      <t:t k="orgdata.size.decimal"/>
      <xsl:value-of select="$tenths mod 10"/>
      <xsl:text> </xsl:text><t:t k="orgdata.size.mb"/>
    </xsl:otherwise>
  </xsl:choose>
</xsl:template>

<!-- An ISO 8601 time as "2026-11-24 10:00 UTC", "-" when empty. -->
<xsl:template name="datetime">
  <xsl:param name="value"/>
  <xsl:choose>
    <xsl:when test="string-length($value) &gt;= 16">
      <xsl:value-of select="substring($value, 1, 10)"/>
      <xsl:text> </xsl:text>
      <xsl:value-of select="substring($value, 12, 5)"/>
      <xsl:text> UTC</xsl:text>
    </xsl:when>
    <xsl:otherwise>
      <xsl:call-template name="date">
        <xsl:with-param name="value" select="$value"/>
      </xsl:call-template>
    </xsl:otherwise>
  </xsl:choose>
</xsl:template>

<!-- On an input of form field $field: aria-invalid and the link to its
     message when the field has an error; $hint, an id to describe it
     anyway. Call right after the element's start. -->
<xsl:template name="field-attrs">
  <xsl:param name="field"/>
  <xsl:param name="hint"/>
  <xsl:variable name="err" select="/page/error[@field = $field]"/>
  <xsl:if test="$err">
    <xsl:attribute name="aria-invalid">true</xsl:attribute>
  </xsl:if>
  <xsl:if test="$err or string($hint)">
    <xsl:attribute name="aria-describedby">
      <xsl:if test="$err"><xsl:value-of select="$field"/>-error</xsl:if>
      <xsl:if test="$err and string($hint)"><xsl:text> </xsl:text></xsl:if>
      <xsl:value-of select="$hint"/>
    </xsl:attribute>
  </xsl:if>
</xsl:template>

<!-- A note: $kind ok or info, $text its words. -->
<xsl:template name="notice">
  <xsl:param name="kind" select="'info'"/>
  <xsl:param name="text"/>
  <div class="notice notice-{$kind}">
    <xsl:if test="$kind = 'ok'">
      <xsl:attribute name="role">status</xsl:attribute>
    </xsl:if>
    <span class="icon i-{$kind}" aria-hidden="true"></span>
    <p><xsl:value-of select="$text"/></p>
  </div>
</xsl:template>

</xsl:stylesheet>
