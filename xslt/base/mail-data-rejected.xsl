<?xml version="1.0" encoding="UTF-8"?>
<!--
  The mail that tells a customer that the organization data of an order
  was rejected, with the operator's reason (queued by the operator
  handler). Plain text: the subject on the first line, then the body.
  Expects /page/brand/@name, /page/order[@id number product],
  /page/organization (the name), /page/reason and /page/link (the
  order's step 1, where the data can be corrected).
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:t="urn:smime-activation:i18n"
    exclude-result-prefixes="t">

<xsl:include href="mail-common.xsl"/>

<xsl:output method="text" encoding="UTF-8"/>

<xsl:template match="/">
  <xsl:call-template name="mail-subject">
    <xsl:with-param name="text"><t:t k="mail.rejected.subject"/></xsl:with-param>
  </xsl:call-template>
  <t:t k="mail.hello"/>
  <xsl:text>&#10;&#10;</xsl:text>
  <t:t k="mail.rejected.text"/>
  <xsl:text>&#10;&#10;</xsl:text>
  <xsl:call-template name="mail-facts"/>
  <xsl:if test="normalize-space(/page/reason)">
    <xsl:text>&#10;</xsl:text>
    <t:t k="mail.rejected.reason"/>
    <xsl:text>&#10;</xsl:text>
    <xsl:call-template name="mail-quote">
      <xsl:with-param name="text" select="string(/page/reason)"/>
    </xsl:call-template>
  </xsl:if>
  <xsl:text>&#10;</xsl:text>
  <t:t k="mail.rejected.action"/>
  <xsl:text>&#10;</xsl:text>
  <xsl:value-of select="normalize-space(/page/link)"/>
  <xsl:text>&#10;</xsl:text>
  <xsl:call-template name="mail-signature"/>
</xsl:template>

</xsl:stylesheet>
