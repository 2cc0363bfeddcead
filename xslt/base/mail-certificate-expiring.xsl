<?xml version="1.0" encoding="UTF-8"?>
<!--
  The mail that tells a customer that the certificate of an order ends
  soon (queued by `smime-admin expiry` 30 and 7 days before). Plain
  text: the subject on the first line, then the body.
  Expects /page/brand/@name, /page/order[@number @product],
  /page/expiry[@not-after @days] and /page/link.
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:t="urn:smime-activation:i18n"
    exclude-result-prefixes="t">

<xsl:include href="mail-common.xsl"/>

<xsl:output method="text" encoding="UTF-8"/>

<xsl:template match="/">
  <xsl:call-template name="mail-subject">
    <xsl:with-param name="text"><t:t k="mail.expiring.subject"/></xsl:with-param>
  </xsl:call-template>
  <t:t k="mail.hello"/>
  <xsl:text>&#10;&#10;</xsl:text>
  <t:t k="mail.expiring.text"/>
  <xsl:text> </xsl:text>
  <xsl:value-of select="/page/expiry/@days"/>
  <xsl:text>.&#10;&#10;</xsl:text>
  <xsl:call-template name="mail-facts"/>
  <t:t k="mail.expiring.at"/>
  <xsl:text> </xsl:text>
  <xsl:value-of select="substring(/page/expiry/@not-after, 1, 10)"/>
  <xsl:text>&#10;&#10;</xsl:text>
  <t:t k="mail.expiring.renew"/>
  <xsl:text>&#10;&#10;</xsl:text>
  <t:t k="mail.revoked.action"/>
  <xsl:text>&#10;&#10;</xsl:text>
  <xsl:value-of select="normalize-space(/page/link)"/>
  <xsl:text>&#10;</xsl:text>
  <xsl:call-template name="mail-signature"/>
</xsl:template>

</xsl:stylesheet>
