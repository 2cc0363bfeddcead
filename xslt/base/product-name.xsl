<?xml version="1.0" encoding="UTF-8"?>
<!--
  The name of an order's or an event's product, on pages (layout.xsl)
  and in mails (mail-common.xsl, mail-*-html.xsl) alike: the database's
  name, in the page's language. A brand names its products its own way
  by @product-code in its brand.xsl (see themes/harbor/brand.xsl), and
  its definition wins everywhere, mails included.
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform">

<xsl:template name="product-name">
  <xsl:param name="order" select="."/>
  <xsl:value-of select="normalize-space($order/@product)"/>
</xsl:template>

</xsl:stylesheet>
