<?xml version="1.0" encoding="UTF-8"?>
<!-- The example theme's operator-audit page: the base page with the theme's brand. -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:import href="../../base/operator-audit.xsl"/>
  <xsl:include href="brand.xsl"/>
</xsl:stylesheet>
