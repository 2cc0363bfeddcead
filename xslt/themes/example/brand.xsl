<?xml version="1.0" encoding="UTF-8"?>
<!--
  The example theme's brand: "Example Hosting". The renderer imports this
  file into every page and mail after the base stylesheet (and before the
  theme's own page stylesheets, which this theme has none of), so these
  templates win over those of base/layout.xsl:
    brand-logo   the theme's own mark
    brand-css    the theme's colours: /static/themes/example/theme.css,
                 this folder's static/theme.css as nginx serves it
                 (conf/nginx/locations.conf)
    footer       the hosting provider's footer
  Texts come from the catalogues as everywhere; this theme adds and
  overrides some in i18n/<lang>.xml.
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:t="urn:smime-activation:i18n"
    exclude-result-prefixes="t">

<xsl:template name="brand-logo">
  <svg class="brand-logo" viewBox="0 0 32 32" width="32" height="32" aria-hidden="true" focusable="false">
    <rect width="32" height="32" rx="9" fill="currentColor"/>
    <path fill="#fff" d="M10 8h12v3.2h-8.4v3.3h7.6v3.1h-7.6v3.2H22V24H10z"/>
  </svg>
</xsl:template>

<xsl:template name="brand-css">
  <link rel="stylesheet" href="/static/themes/example/theme.css"/>
</xsl:template>

<xsl:template name="footer">
  <span class="footer-brand"><xsl:value-of select="/page/brand/@name"/></span>
  <a class="footer-link"><xsl:attribute name="href"><t:t k="theme.terms.href"/></xsl:attribute><t:t k="theme.terms"/></a>
  <a class="footer-link"><xsl:attribute name="href"><t:t k="theme.privacy.href"/></xsl:attribute><t:t k="theme.privacy"/></a>
  <xsl:call-template name="brand-links"/>
  <span class="footer-powered"><t:t k="layout.powered"/></span>
</xsl:template>

</xsl:stylesheet>
