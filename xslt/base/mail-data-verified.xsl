<?xml version="1.0" encoding="UTF-8"?>
<!--
  The mail that tells a customer that the organization data of an order
  was verified (queued by the operator handler). Plain text: the subject
  on the first line, then the body.
  Expects /page/brand/@name, /page/order[@id number product],
  /page/organization (the name) and /page/link (the order's step 1).
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:t="urn:smime-activation:i18n"
    exclude-result-prefixes="t">

<xsl:include href="mail-common.xsl"/>

<xsl:output method="text" encoding="UTF-8"/>

<xsl:template match="/">
  <xsl:call-template name="mail-subject">
    <xsl:with-param name="text"><t:t k="mail.verified.subject"/></xsl:with-param>
  </xsl:call-template>
  <t:t k="mail.hello"/>
  <xsl:text>&#10;&#10;</xsl:text>
  <t:t k="mail.verified.text"/>
  <xsl:text>&#10;&#10;</xsl:text>
  <xsl:call-template name="mail-facts"/>
  <xsl:text>&#10;</xsl:text>
  <t:t k="mail.verified.action"/>
  <xsl:text>&#10;</xsl:text>
  <xsl:value-of select="normalize-space(/page/link)"/>
  <xsl:text>&#10;</xsl:text>
  <xsl:call-template name="mail-signature"/>
</xsl:template>

</xsl:stylesheet>
