<?xml version="1.0" encoding="UTF-8"?>
<!--
  Parts shared by the notification mails (mail-*.xsl): plain text, no
  layout. Not a page: each mail's stylesheet includes this file.

    mail-facts      the organization, order number and product lines
    mail-signature  the closing lines with the brand's name and its
                    mail footer (mail-footer)
    mail-quote      a text with every line prefixed by "> "
    product-name    (product-name.xsl) the product's name, a brand's
                    own when its brand.xsl names it

  A mail's output is its subject on the first line, then the body; the
  handler (fcgi/lib/mail.c) splits them at the first line break. Line
  breaks are explicit (&#10;): white space in templates is dropped.
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:t="urn:smime-activation:i18n"
    exclude-result-prefixes="t">

<xsl:include href="product-name.xsl"/>

<!-- The subject line: $text, " - ", the order number on one line. -->
<xsl:template name="mail-subject">
  <xsl:param name="text"/>
  <xsl:value-of select="$text"/>
  <xsl:if test="string(/page/order/@number)">
    <xsl:text> - </xsl:text>
    <xsl:value-of select="normalize-space(/page/order/@number)"/>
  </xsl:if>
  <xsl:text>&#10;</xsl:text>
</xsl:template>

<xsl:template name="mail-facts">
  <xsl:if test="string(/page/organization)">
    <t:t k="mail.organization"/>
    <xsl:text> </xsl:text>
    <xsl:value-of select="normalize-space(/page/organization)"/>
    <xsl:text>&#10;</xsl:text>
  </xsl:if>
  <t:t k="mail.order"/>
  <xsl:text> </xsl:text>
  <xsl:value-of select="normalize-space(/page/order/@number)"/>
  <xsl:text>&#10;</xsl:text>
  <xsl:if test="string(/page/order/@product)">
    <t:t k="mail.product"/>
    <xsl:text> </xsl:text>
    <xsl:call-template name="product-name"><xsl:with-param name="order" select="/page/order[1]"/></xsl:call-template>
    <xsl:text>&#10;</xsl:text>
  </xsl:if>
</xsl:template>

<xsl:template name="mail-signature">
  <xsl:text>&#10;</xsl:text>
  <t:t k="mail.regards"/>
  <xsl:text>&#10;</xsl:text>
  <xsl:value-of select="/page/brand/@name"/>
  <xsl:text>&#10;&#10;-- &#10;</xsl:text>
  <t:t k="mail.automatic"/>
  <xsl:text>&#10;</xsl:text>
  <xsl:call-template name="mail-footer"/>
</xsl:template>

<!-- The brand's mail footer (SMIME_MAIL_FOOTER, or the partner's), its
     lines as they are; nothing when unset. -->
<xsl:template name="mail-footer">
  <xsl:if test="normalize-space(/page/brand/@footer)">
    <xsl:value-of select="translate(/page/brand/@footer, '&#13;', '')"/>
    <xsl:text>&#10;</xsl:text>
  </xsl:if>
</xsl:template>

<!-- $text, each line as "> line"; carriage returns dropped. -->
<xsl:template name="mail-quote">
  <xsl:param name="text"/>
  <xsl:choose>
    <xsl:when test="contains($text, '&#10;')">
      <xsl:text>&gt; </xsl:text>
      <xsl:value-of select="translate(substring-before($text, '&#10;'), '&#13;', '')"/>
      <xsl:text>&#10;</xsl:text>
      <xsl:call-template name="mail-quote">
        <xsl:with-param name="text" select="substring-after($text, '&#10;')"/>
      </xsl:call-template>
    </xsl:when>
    <xsl:otherwise>
      <xsl:text>&gt; </xsl:text>
      <xsl:value-of select="translate($text, '&#13;', '')"/>
      <xsl:text>&#10;</xsl:text>
    </xsl:otherwise>
  </xsl:choose>
</xsl:template>

</xsl:stylesheet>
