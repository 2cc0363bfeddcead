<?xml version="1.0" encoding="UTF-8"?>
<!--
  Templates shared by the pages of step 2, e-mail verification
  (email-*.xsl). Not a page: each of those pages imports layout.xsl and
  includes orgdata-common.xsl (datetime, field-attrs, notice) and this
  file.

    email-head      the page head: order number above the title, the
                    e-mail step's status pill on the right
    email-progress  the wizard's progress: 1 E-mail data, 2 Summary
    mailbox         a <mailbox>'s address as shown: its display form and,
                    when that differs (an internationalized domain), the
                    address itself in brackets
    link-sent       "We sent a verification link to … on …. It expires
                    on …." from /page/mailbox and /page/validation
    resend-form     the form that sends the link again, with its hint
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:t="urn:smime-activation:i18n"
    exclude-result-prefixes="t">

<!-- The page head of the step's pages; $title is the h1. -->
<xsl:template name="email-head">
  <xsl:param name="title"/>
  <xsl:variable name="order" select="/page/order[1]"/>
  <div class="page-head">
    <div class="page-head-main">
      <span class="tile-mark tile-mark-big" aria-hidden="true"></span>
      <div>
        <p class="eyebrow">
          <t:t k="step.email"/>
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
    <xsl:for-each select="$order/step[@name = 'email']">
      <span class="pill s-{@status}"><xsl:call-template name="step-status"/></span>
    </xsl:for-each>
  </div>
</xsl:template>

<!-- The wizard's progress; $current is 1 (the form) or 2 (summary). -->
<xsl:template name="email-progress">
  <xsl:param name="current" select="1"/>
  <ol class="wizard">
    <xsl:attribute name="aria-label"><t:t k="email.progress"/></xsl:attribute>
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
      <span class="wizard-name"><t:t k="email.progress.data"/></span>
      <xsl:if test="$current &gt; 1">
        <span class="sr-only"><xsl:text> </xsl:text><t:t k="email.progress.done"/></span>
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
      <span class="wizard-name"><t:t k="email.progress.summary"/></span>
    </li>
  </ol>
</xsl:template>

<!-- The address of $box (a <mailbox>): @display in bold, and @address
     after it in brackets when the two differ. -->
<xsl:template name="mailbox">
  <xsl:param name="box" select="/page/mailbox[1]"/>
  <xsl:variable name="address" select="string($box/@address)"/>
  <xsl:variable name="display" select="string($box/@display)"/>
  <strong class="mailbox break">
    <xsl:choose>
      <xsl:when test="$display"><xsl:value-of select="$display"/></xsl:when>
      <xsl:otherwise><xsl:value-of select="$address"/></xsl:otherwise>
    </xsl:choose>
  </strong>
  <xsl:if test="$display and $address and $display != $address">
    <xsl:text> </xsl:text>
    <span class="mailbox-ace break">
      <xsl:text>(</xsl:text>
      <xsl:value-of select="$address"/>
      <xsl:text>)</xsl:text>
    </span>
  </xsl:if>
</xsl:template>

<!-- "We sent a verification link to <address> on <date>. It expires on
     <date>." ($to: the first words; the dates from /page/validation
     when there is one). -->
<xsl:template name="link-sent">
  <xsl:param name="to"><t:t k="email.sent.to"/></xsl:param>
  <xsl:param name="dates" select="true()"/>
  <xsl:variable name="v" select="/page/validation[1]"/>
  <xsl:value-of select="$to"/>
  <xsl:text> </xsl:text>
  <xsl:call-template name="mailbox"/>
  <xsl:if test="$dates and string($v/@sent)">
    <xsl:text> </xsl:text>
    <t:t k="email.status.on"/>
    <xsl:text> </xsl:text>
    <span class="nowrap">
      <xsl:call-template name="datetime">
        <xsl:with-param name="value" select="$v/@sent"/>
      </xsl:call-template>
    </span>
  </xsl:if>
  <xsl:text>.</xsl:text>
  <xsl:if test="$dates and string($v/@expires)">
    <xsl:text> </xsl:text>
    <t:t k="email.status.expires"/>
    <xsl:text> </xsl:text>
    <span class="nowrap">
      <xsl:call-template name="datetime">
        <xsl:with-param name="value" select="$v/@expires"/>
      </xsl:call-template>
    </span>
    <xsl:text>.</xsl:text>
  </xsl:if>
</xsl:template>

<!-- The form that sends the link again: POST /email/{id}/resend. $class
     the button's classes. -->
<xsl:template name="resend-form">
  <xsl:param name="class" select="'btn'"/>
  <form class="resend-form" method="post" action="/email/{/page/order[1]/@id}/resend">
    <xsl:call-template name="csrf-field"/>
    <button type="submit" class="{$class}" aria-describedby="resend-hint">
      <span class="icon i-mail" aria-hidden="true"></span>
      <t:t k="email.resend"/>
    </button>
  </form>
</xsl:template>

<!-- The hint under "Did not get the mail?", id resend-hint. -->
<xsl:template name="resend-hint">
  <p class="hint-text" id="resend-hint">
    <t:t k="email.resend.spam"/>
    <xsl:text> </xsl:text>
    <t:t k="email.resend.hint"/>
  </p>
</xsl:template>

</xsl:stylesheet>
