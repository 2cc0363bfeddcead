<?xml version="1.0" encoding="UTF-8"?>
<!--
  The HTML alternative of mail-certificate-issued.xsl: the same texts in
  a page any mail client shows well. Inline styles only, no external
  resource (no image, font or stylesheet), no script; a centred card
  made of tables, the link as a button and again as plain text.
  The handler takes the subject from the text version; this output is
  the HTML body as a whole.
  Expects what mail-certificate-issued.xsl expects.
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:t="urn:smime-activation:i18n"
    exclude-result-prefixes="t">

<xsl:include href="product-name.xsl"/>

<xsl:output method="html" encoding="UTF-8" indent="no"/>

<xsl:variable name="font">font-family:Arial,Helvetica,sans-serif;</xsl:variable>
<!-- The brand's colours: buttons and links, the name on top. A theme's
     brand.xsl may define them again (its definitions win). -->
<xsl:variable name="mail-accent">#1f5bd8</xsl:variable>
<xsl:variable name="mail-ink">#17202f</xsl:variable>
<xsl:variable name="cert" select="/page/certificate[1]"/>
<xsl:variable name="not-after" select="normalize-space($cert/not-after)"/>
<xsl:variable name="link" select="normalize-space(/page/link)"/>
<!-- Only a web address becomes a link. -->
<xsl:variable name="web" select="starts-with($link, 'https://') or starts-with($link, 'http://')"/>

<xsl:template match="/">
  <html>
    <xsl:attribute name="lang">
      <xsl:choose>
        <xsl:when test="string(page/@lang)"><xsl:value-of select="page/@lang"/></xsl:when>
        <xsl:otherwise>en</xsl:otherwise>
      </xsl:choose>
    </xsl:attribute>
    <head>
      <meta http-equiv="Content-Type" content="text/html; charset=utf-8"/>
      <meta name="viewport" content="width=device-width, initial-scale=1"/>
      <meta name="color-scheme" content="light"/>
      <title>
        <t:t k="mail.issued.subject"/>
        <xsl:if test="string(/page/order/@number)">
          <xsl:text> - </xsl:text>
          <xsl:value-of select="normalize-space(/page/order/@number)"/>
        </xsl:if>
      </title>
    </head>
    <body style="margin:0;padding:0;background-color:#f2f4f8;">
      <table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" bgcolor="#f2f4f8" style="width:100%;background-color:#f2f4f8;">
        <tr>
          <td align="center" style="padding:24px 12px;">
            <table role="presentation" width="560" cellpadding="0" cellspacing="0" border="0" style="width:100%;max-width:560px;">
              <tr>
                <td style="{$font}padding:0 4px 14px;font-size:16px;font-weight:bold;color:{$mail-ink};">
                  <xsl:value-of select="/page/brand/@name"/>
                </td>
              </tr>
              <tr>
                <td bgcolor="#ffffff" style="{$font}padding:28px;background-color:#ffffff;border:1px solid #e2e6ee;border-radius:14px;font-size:15px;line-height:22px;color:#17202f;">
                  <xsl:call-template name="card"/>
                </td>
              </tr>
              <tr>
                <td style="{$font}padding:14px 4px 0;font-size:12px;line-height:18px;color:#586275;">
                  <t:t k="mail.automatic"/>
                  <xsl:if test="normalize-space(/page/brand/@footer)">
                    <br/>
                    <xsl:value-of select="/page/brand/@footer"/>
                  </xsl:if>
                </td>
              </tr>
            </table>
          </td>
        </tr>
      </table>
    </body>
  </html>
</xsl:template>

<!-- One row of the facts table: $label, then $value ($mono for codes). -->
<xsl:template name="fact">
  <xsl:param name="label"/>
  <xsl:param name="value"/>
  <xsl:param name="mono" select="false()"/>
  <tr>
    <td style="{$font}padding:10px 14px 0;font-size:13px;line-height:18px;color:#586275;">
      <xsl:value-of select="$label"/>
    </td>
  </tr>
  <tr>
    <td style="{$font}padding:0 14px 2px;font-size:15px;line-height:21px;color:#17202f;word-break:break-all;">
      <xsl:if test="$mono">
        <xsl:attribute name="style">font-family:Consolas,Menlo,monospace;padding:0 14px 2px;font-size:14px;line-height:21px;color:#17202f;word-break:break-all;</xsl:attribute>
      </xsl:if>
      <xsl:value-of select="$value"/>
    </td>
  </tr>
</xsl:template>

<!-- The card's content. -->
<xsl:template name="card">
  <h1 style="{$font}margin:0 0 18px;font-size:22px;line-height:28px;font-weight:bold;color:#17202f;">
    <t:t k="mail.issued.subject"/>
  </h1>
  <p style="margin:0 0 14px;"><t:t k="mail.hello"/></p>
  <p style="margin:0 0 18px;"><t:t k="mail.issued.text"/><xsl:text> </xsl:text><t:t k="mail.issued.attached"/></p>

  <table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" bgcolor="#f7f8fb" style="width:100%;margin:0 0 18px;background-color:#f7f8fb;border:1px solid #e2e6ee;border-radius:10px;">
    <xsl:call-template name="fact">
      <xsl:with-param name="label"><t:t k="mail.order"/></xsl:with-param>
      <xsl:with-param name="value" select="normalize-space(/page/order/@number)"/>
    </xsl:call-template>
    <xsl:if test="string(/page/order/@product)">
      <xsl:call-template name="fact">
        <xsl:with-param name="label"><t:t k="mail.product"/></xsl:with-param>
        <xsl:with-param name="value"><xsl:call-template name="product-name"><xsl:with-param name="order" select="/page/order[1]"/></xsl:call-template></xsl:with-param>
      </xsl:call-template>
    </xsl:if>
    <xsl:if test="normalize-space($cert/serial)">
      <xsl:call-template name="fact">
        <xsl:with-param name="label"><t:t k="mail.issued.serial"/></xsl:with-param>
        <xsl:with-param name="value" select="normalize-space($cert/serial)"/>
        <xsl:with-param name="mono" select="true()"/>
      </xsl:call-template>
    </xsl:if>
    <xsl:if test="$not-after">
      <xsl:call-template name="fact">
        <xsl:with-param name="label"><t:t k="mail.issued.valid"/></xsl:with-param>
        <xsl:with-param name="value">
          <xsl:value-of select="substring($not-after, 1, 10)"/>
          <xsl:if test="string-length($not-after) &gt;= 16">
            <xsl:text> </xsl:text>
            <xsl:value-of select="substring($not-after, 12, 5)"/>
            <xsl:text> UTC</xsl:text>
          </xsl:if>
        </xsl:with-param>
      </xsl:call-template>
    </xsl:if>
    <tr><td style="font-size:0;line-height:0;height:12px;">&#160;</td></tr>
  </table>

  <p style="margin:0 0 18px;"><t:t k="mail.issued.action"/></p>

  <xsl:if test="$web">
    <table role="presentation" cellpadding="0" cellspacing="0" border="0" style="margin:0 0 22px;">
      <tr>
        <td align="center" bgcolor="{$mail-accent}" style="background-color:{$mail-accent};border-radius:8px;">
          <a href="{$link}" target="_blank" rel="noopener" style="{$font}display:inline-block;padding:13px 24px;font-size:15px;line-height:20px;font-weight:bold;color:#ffffff;text-decoration:none;border-radius:8px;">
            <t:t k="mail.issued.button"/>
          </a>
        </td>
      </tr>
    </table>
  </xsl:if>

  <p style="margin:0 0 6px;font-size:13px;line-height:19px;color:#586275;"><t:t k="mail.issued.copy"/></p>
  <p style="margin:0 0 18px;font-family:Consolas,Menlo,monospace;font-size:13px;line-height:19px;word-break:break-all;">
    <xsl:choose>
      <xsl:when test="$web">
        <a href="{$link}" target="_blank" rel="noopener" style="color:{$mail-accent};text-decoration:underline;"><xsl:value-of select="$link"/></a>
      </xsl:when>
      <xsl:otherwise><xsl:value-of select="$link"/></xsl:otherwise>
    </xsl:choose>
  </p>

  <table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" bgcolor="#fdf1d6" style="width:100%;margin:0 0 22px;background-color:#fdf1d6;border:1px solid #f1d79a;border-radius:10px;">
    <tr>
      <td style="{$font}padding:12px 14px;font-size:14px;line-height:20px;color:#865000;">
        <t:t k="mail.issued.key"/>
      </td>
    </tr>
  </table>

  <p style="margin:0;">
    <t:t k="mail.regards"/>
    <br/>
    <xsl:value-of select="/page/brand/@name"/>
  </p>
</xsl:template>

</xsl:stylesheet>
