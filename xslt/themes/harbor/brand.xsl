<?xml version="1.0" encoding="UTF-8"?>
<!--
  The "Harbor Mail" brand: a sample partner theme. The renderer imports
  this file into every page and mail after the base stylesheet, so the
  templates here replace those of base/layout.xsl on every page, also the
  pages this theme has no file for:
    brand-css    the base look recoloured and reshaped: static/theme.css,
                 served at /static/themes/harbor/theme.css
    brand-logo   the lighthouse, an SVG file: static/logo.svg
    topbar       a header of two rows: a strip with the brand's help and
                 support links, then the wordmark and the account
    footer       the partner's company line and links
    product-name the partner's names of the products, by their codes
    mail-accent, mail-ink   the colours of the HTML mails
  Only dashboard.xsl changes a page: its greeting card. Texts the brand
  adds or rewords are in i18n/pl.xml and i18n/en.xml.

  No xsl:output here: this file also goes into the text mails.
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:t="urn:smime-activation:i18n"
    exclude-result-prefixes="t">

<!-- The colours of the HTML mails (base/mail-*-html.xsl). -->
<xsl:variable name="mail-accent">#e4572e</xsl:variable>
<xsl:variable name="mail-ink">#0b2545</xsl:variable>

<xsl:template name="brand-css">
  <link rel="stylesheet" href="/static/themes/harbor/theme.css"/>
</xsl:template>

<xsl:template name="brand-logo">
  <img class="brand-logo harbor-logo" src="/static/themes/harbor/logo.svg" width="44" height="44" alt=""/>
</xsl:template>

<xsl:template name="topbar">
  <header class="topbar harbor-top">
    <div class="harbor-strip">
      <span class="harbor-strip-text"><t:t k="theme.strip"/></span>
      <span class="harbor-strip-links">
        <xsl:call-template name="brand-links"/>
      </span>
    </div>
    <div class="harbor-band">
      <xsl:call-template name="brand-link"/>
      <xsl:apply-templates select="/page/account"/>
    </div>
  </header>
</xsl:template>

<xsl:template name="footer">
  <span class="footer-brand"><xsl:value-of select="/page/brand/@name"/></span>
  <span class="harbor-company"><t:t k="theme.company"/></span>
  <xsl:call-template name="brand-links"/>
  <span class="footer-powered"><t:t k="layout.powered"/></span>
</xsl:template>

<xsl:template name="product-name">
  <xsl:param name="order" select="."/>
  <xsl:choose>
    <xsl:when test="$order/@product-code = 'smime-org-365'"><t:t k="theme.product.smime-org-365"/></xsl:when>
    <xsl:when test="$order/@product-code = 'smime-org-730'"><t:t k="theme.product.smime-org-730"/></xsl:when>
    <xsl:otherwise><xsl:value-of select="$order/@product"/></xsl:otherwise>
  </xsl:choose>
</xsl:template>

</xsl:stylesheet>
