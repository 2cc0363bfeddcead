<?xml version="1.0" encoding="UTF-8"?>
<!--
  The mail that tells a customer that the certificate of an order has
  been issued (queued by the activation handler). Plain text: the
  subject on the first line, then the body. The link to the
  certificate's details, where the downloads are, stands alone on its
  line. The HTML alternative is mail-certificate-issued-html.xsl, with
  the same texts.
  Expects /page/brand/@name, /page/order[@id @number @product],
  /page/certificate with serial and not-after (ISO 8601, UTC) as child
  elements, and /page/link (the certificate's details page).
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:t="urn:smime-activation:i18n"
    exclude-result-prefixes="t">

<xsl:include href="mail-common.xsl"/>

<xsl:output method="text" encoding="UTF-8"/>

<xsl:variable name="cert" select="/page/certificate[1]"/>
<xsl:variable name="not-after" select="normalize-space($cert/not-after)"/>

<xsl:template match="/">
  <xsl:call-template name="mail-subject">
    <xsl:with-param name="text"><t:t k="mail.issued.subject"/></xsl:with-param>
  </xsl:call-template>
  <t:t k="mail.hello"/>
  <xsl:text>&#10;&#10;</xsl:text>
  <t:t k="mail.issued.text"/>
  <xsl:text> </xsl:text>
  <t:t k="mail.issued.attached"/>
  <xsl:text>&#10;&#10;</xsl:text>
  <xsl:call-template name="mail-facts"/>
  <xsl:if test="normalize-space($cert/serial)">
    <t:t k="mail.issued.serial"/>
    <xsl:text> </xsl:text>
    <xsl:value-of select="normalize-space($cert/serial)"/>
    <xsl:text>&#10;</xsl:text>
  </xsl:if>
  <xsl:if test="$not-after">
    <t:t k="mail.issued.valid"/>
    <xsl:text> </xsl:text>
    <xsl:value-of select="substring($not-after, 1, 10)"/>
    <xsl:if test="string-length($not-after) &gt;= 16">
      <xsl:text> </xsl:text>
      <xsl:value-of select="substring($not-after, 12, 5)"/>
      <xsl:text> UTC</xsl:text>
    </xsl:if>
    <xsl:text>&#10;</xsl:text>
  </xsl:if>
  <xsl:text>&#10;</xsl:text>
  <t:t k="mail.issued.action"/>
  <xsl:text>&#10;&#10;</xsl:text>
  <xsl:value-of select="normalize-space(/page/link)"/>
  <xsl:text>&#10;&#10;</xsl:text>
  <t:t k="mail.issued.key"/>
  <xsl:text>&#10;</xsl:text>
  <xsl:call-template name="mail-signature"/>
</xsl:template>

</xsl:stylesheet>
