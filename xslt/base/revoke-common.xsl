<?xml version="1.0" encoding="UTF-8"?>
<!--
  Templates shared by the pages and the mail of certificate revocation
  (certificate.xsl, certificate-revoke.xsl, certificate-revoked.xsl,
  mail-certificate-revoked.xsl). Not a page: each includes this file.

    revoke-reason   the words of a revocation reason code (RFC 5280
                    names: keyCompromise, affiliationChanged, …)
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:t="urn:smime-activation:i18n"
    exclude-result-prefixes="t">

<!-- The words of reason code $code; the code itself when unknown. -->
<xsl:template name="revoke-reason">
  <xsl:param name="code" select="@code"/>
  <xsl:choose>
    <xsl:when test="$code = 'keyCompromise'"><t:t k="revoke.reason.keyCompromise"/></xsl:when>
    <xsl:when test="$code = 'affiliationChanged'"><t:t k="revoke.reason.affiliationChanged"/></xsl:when>
    <xsl:when test="$code = 'superseded'"><t:t k="revoke.reason.superseded"/></xsl:when>
    <xsl:when test="$code = 'cessationOfOperation'"><t:t k="revoke.reason.cessationOfOperation"/></xsl:when>
    <xsl:when test="$code = 'privilegeWithdrawn'"><t:t k="revoke.reason.privilegeWithdrawn"/></xsl:when>
    <xsl:otherwise><xsl:value-of select="$code"/></xsl:otherwise>
  </xsl:choose>
</xsl:template>

</xsl:stylesheet>
