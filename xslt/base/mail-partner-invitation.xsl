<?xml version="1.0" encoding="UTF-8"?>
<!--
  The mail that invites a partner's new customer (queued by the partner
  handler with the new order). Plain text: the subject on the first
  line, then the body.
  Expects /page/brand/@name, /page/partner/@name,
  /page/customer[@login name], /page/order[@number product] and
  /page/link (the one-time invitation link, 7 days).
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:t="urn:smime-activation:i18n"
    exclude-result-prefixes="t">

<xsl:include href="mail-common.xsl"/>

<xsl:output method="text" encoding="UTF-8"/>

<xsl:template match="/">
  <xsl:call-template name="mail-subject">
    <xsl:with-param name="text"><t:t k="mail.invitation.subject"/></xsl:with-param>
  </xsl:call-template>
  <t:t k="mail.hello"/>
  <xsl:text>&#10;&#10;</xsl:text>
  <xsl:value-of select="normalize-space(/page/partner/@name)"/>
  <xsl:text> </xsl:text>
  <t:t k="mail.invitation.text"/>
  <xsl:text>&#10;&#10;</xsl:text>
  <xsl:call-template name="mail-facts"/>
  <t:t k="mail.invitation.login"/>
  <xsl:text> </xsl:text>
  <xsl:value-of select="normalize-space(/page/customer/@login)"/>
  <xsl:text>&#10;&#10;</xsl:text>
  <t:t k="mail.invitation.action"/>
  <xsl:text>&#10;</xsl:text>
  <xsl:value-of select="normalize-space(/page/link)"/>
  <xsl:text>&#10;&#10;</xsl:text>
  <t:t k="mail.invitation.expiry"/>
  <xsl:text>&#10;</xsl:text>
  <xsl:call-template name="mail-signature"/>
</xsl:template>

</xsl:stylesheet>
