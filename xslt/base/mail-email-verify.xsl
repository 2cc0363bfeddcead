<?xml version="1.0" encoding="UTF-8"?>
<!--
  The mail with the one-time link that verifies control of a mailbox
  (queued by the email handler, sent to that mailbox). Plain text: the
  subject on the first line, then the body. The link stands alone on its
  line, untouched, so that it survives any mail client. The HTML
  alternative is mail-email-verify-html.xsl, with the same texts.
  Expects /page/brand/@name, /page/order[@number @product],
  /page/mailbox[@address @display], /page/link (the confirmation page)
  and the link's expiry in /page/expires or /page/validation/@expires
  (ISO 8601, UTC).
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:t="urn:smime-activation:i18n"
    exclude-result-prefixes="t">

<xsl:include href="mail-common.xsl"/>

<xsl:output method="text" encoding="UTF-8"/>

<!-- When the link expires: /page/expires, else the validation's. -->
<xsl:variable name="expires">
  <xsl:choose>
    <xsl:when test="normalize-space(/page/expires)">
      <xsl:value-of select="normalize-space(/page/expires)"/>
    </xsl:when>
    <xsl:otherwise>
      <xsl:value-of select="normalize-space(/page/validation[1]/@expires)"/>
    </xsl:otherwise>
  </xsl:choose>
</xsl:variable>

<xsl:template match="/">
  <xsl:variable name="box" select="/page/mailbox[1]"/>
  <xsl:call-template name="mail-subject">
    <xsl:with-param name="text"><t:t k="mail.email-verify.subject"/></xsl:with-param>
  </xsl:call-template>
  <t:t k="mail.hello"/>
  <xsl:text>&#10;&#10;</xsl:text>
  <t:t k="mail.email-verify.text"/>
  <xsl:text> </xsl:text>
  <xsl:value-of select="normalize-space(/page/order/@number)"/>
  <xsl:text>.&#10;&#10;</xsl:text>
  <xsl:if test="string($box/@address)">
    <t:t k="mail.email-verify.address"/>
    <xsl:text> </xsl:text>
    <xsl:choose>
      <xsl:when test="string($box/@display) and $box/@display != $box/@address">
        <xsl:value-of select="normalize-space($box/@display)"/>
        <xsl:text> (</xsl:text>
        <xsl:value-of select="normalize-space($box/@address)"/>
        <xsl:text>)</xsl:text>
      </xsl:when>
      <xsl:otherwise>
        <xsl:value-of select="normalize-space($box/@address)"/>
      </xsl:otherwise>
    </xsl:choose>
    <xsl:text>&#10;</xsl:text>
  </xsl:if>
  <xsl:if test="string(/page/order/@product)">
    <t:t k="mail.product"/>
    <xsl:text> </xsl:text>
    <xsl:call-template name="product-name"><xsl:with-param name="order" select="/page/order[1]"/></xsl:call-template>
    <xsl:text>&#10;</xsl:text>
  </xsl:if>
  <xsl:text>&#10;</xsl:text>
  <t:t k="mail.email-verify.action"/>
  <xsl:text>&#10;&#10;</xsl:text>
  <xsl:value-of select="normalize-space(/page/link)"/>
  <xsl:text>&#10;&#10;</xsl:text>
  <xsl:choose>
    <xsl:when test="string-length($expires) &gt;= 16">
      <t:t k="mail.email-verify.valid"/>
      <xsl:text> </xsl:text>
      <xsl:value-of select="substring($expires, 1, 10)"/>
      <xsl:text> </xsl:text>
      <xsl:value-of select="substring($expires, 12, 5)"/>
      <xsl:text> UTC </xsl:text>
      <t:t k="mail.email-verify.once"/>
    </xsl:when>
    <xsl:otherwise><t:t k="mail.email-verify.valid24"/></xsl:otherwise>
  </xsl:choose>
  <xsl:text>&#10;&#10;</xsl:text>
  <t:t k="mail.email-verify.ignore"/>
  <xsl:text>&#10;</xsl:text>
  <xsl:call-template name="mail-signature"/>
</xsl:template>

</xsl:stylesheet>
