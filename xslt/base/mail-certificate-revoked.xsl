<?xml version="1.0" encoding="UTF-8"?>
<!--
  The mail that tells a customer that the certificate of an order has
  been revoked (queued by the revocation handler). Plain text: the
  subject on the first line, then the body: which certificate, when,
  why, what it means, and the link to the certificate's details alone
  on its line.
  Expects /page/brand/@name, /page/order[@number @product],
  /page/certificate/serial, /page/revoked[@at @reason] (ISO 8601, UTC;
  an RFC 5280 reason code) and /page/link.
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:t="urn:smime-activation:i18n"
    exclude-result-prefixes="t">

<xsl:include href="mail-common.xsl"/>
<xsl:include href="revoke-common.xsl"/>

<xsl:output method="text" encoding="UTF-8"/>

<xsl:variable name="serial" select="normalize-space(/page/certificate[1]/serial)"/>
<xsl:variable name="at" select="normalize-space(/page/revoked[1]/@at)"/>
<xsl:variable name="reason" select="normalize-space(/page/revoked[1]/@reason)"/>

<xsl:template match="/">
  <xsl:call-template name="mail-subject">
    <xsl:with-param name="text"><t:t k="mail.revoked.subject"/></xsl:with-param>
  </xsl:call-template>
  <t:t k="mail.hello"/>
  <xsl:text>&#10;&#10;</xsl:text>
  <t:t k="mail.revoked.text"/>
  <xsl:text>&#10;&#10;</xsl:text>
  <xsl:call-template name="mail-facts"/>
  <xsl:if test="$serial">
    <t:t k="mail.issued.serial"/>
    <xsl:text> </xsl:text>
    <xsl:value-of select="$serial"/>
    <xsl:text>&#10;</xsl:text>
  </xsl:if>
  <xsl:if test="$at">
    <t:t k="mail.revoked.at"/>
    <xsl:text> </xsl:text>
    <xsl:value-of select="substring($at, 1, 10)"/>
    <xsl:if test="string-length($at) &gt;= 16">
      <xsl:text> </xsl:text>
      <xsl:value-of select="substring($at, 12, 5)"/>
      <xsl:text> UTC</xsl:text>
    </xsl:if>
    <xsl:text>&#10;</xsl:text>
  </xsl:if>
  <xsl:if test="$reason">
    <t:t k="mail.revoked.reason"/>
    <xsl:text> </xsl:text>
    <xsl:call-template name="revoke-reason">
      <xsl:with-param name="code" select="$reason"/>
    </xsl:call-template>
    <xsl:text>&#10;</xsl:text>
  </xsl:if>
  <xsl:text>&#10;</xsl:text>
  <t:t k="mail.revoked.trust"/>
  <xsl:text>&#10;&#10;</xsl:text>
  <t:t k="mail.revoked.new"/>
  <xsl:text>&#10;&#10;</xsl:text>
  <t:t k="mail.revoked.action"/>
  <xsl:text>&#10;&#10;</xsl:text>
  <xsl:value-of select="normalize-space(/page/link)"/>
  <xsl:text>&#10;</xsl:text>
  <xsl:call-template name="mail-signature"/>
</xsl:template>

</xsl:stylesheet>
