<?xml version="1.0" encoding="UTF-8"?>
<!--
  The ACME access page of a customer or partner (GET /acme-access/, POST
  /acme-access/keys): the ACME directory URL, whether the account's
  organization data is verified and current (ACME issues only then), the
  external account binding keys issued, and after POST the new key's
  identifier and MAC key, shown this once.
  Expects /page/acme[@directory @eligible @organization @verified] with
  optional new-key[@kid @hmac] and keys/key[@kid @created @used
  @acme-account @status].
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:t="urn:smime-activation:i18n"
    exclude-result-prefixes="t">

<xsl:import href="layout.xsl"/>

<xsl:output method="html" encoding="UTF-8" indent="no"
    doctype-system="about:legacy-compat"/>

<xsl:variable name="acme" select="/page/acme"/>

<xsl:template name="page-title"><t:t k="acme.title"/></xsl:template>

<xsl:template name="content">
  <div class="page-head">
    <div>
      <h1><t:t k="acme.title"/></h1>
      <p class="lead"><t:t k="acme.text"/></p>
    </div>
  </div>
  <xsl:call-template name="errors"/>

  <section class="card" aria-labelledby="acme-server">
    <h2 class="card-title" id="acme-server"><t:t k="acme.server"/></h2>
    <dl class="details">
      <dt><t:t k="acme.directory"/></dt>
      <dd class="mono break" id="acme-directory"><xsl:value-of select="$acme/@directory"/></dd>
      <dt><t:t k="acme.organization"/></dt>
      <dd>
        <xsl:choose>
          <xsl:when test="$acme/@eligible = 'yes'">
            <xsl:value-of select="$acme/@organization"/>
            <span class="cell-sub"><t:t k="acme.verified"/><xsl:text> </xsl:text>
              <xsl:call-template name="date">
                <xsl:with-param name="value" select="$acme/@verified"/>
              </xsl:call-template>
            </span>
          </xsl:when>
          <xsl:otherwise><t:t k="acme.ineligible"/></xsl:otherwise>
        </xsl:choose>
      </dd>
    </dl>
  </section>

  <xsl:if test="$acme/new-key">
    <section class="card" aria-labelledby="acme-new-key" id="new-key">
      <h2 class="card-title" id="acme-new-key"><t:t k="acme.new-key"/></h2>
      <p class="card-text"><t:t k="acme.new-key.text"/></p>
      <dl class="details">
        <dt><t:t k="acme.kid"/></dt>
        <dd class="mono break" id="kid"><xsl:value-of select="$acme/new-key/@kid"/></dd>
        <dt><t:t k="acme.hmac"/></dt>
        <dd class="mono break" id="hmac"><xsl:value-of select="$acme/new-key/@hmac"/></dd>
      </dl>
    </section>
  </xsl:if>

  <section class="card card-flush" aria-labelledby="acme-keys">
    <div class="card-head">
      <h2 class="card-title" id="acme-keys"><t:t k="acme.keys"/></h2>
      <xsl:if test="$acme/@eligible = 'yes'">
        <form class="form" method="post" action="/acme-access/keys">
          <xsl:call-template name="csrf-field"/>
          <button class="btn btn-primary" type="submit"><t:t k="acme.issue"/></button>
        </form>
      </xsl:if>
    </div>
    <xsl:choose>
      <xsl:when test="$acme/keys/key">
        <div class="table-wrap">
          <table class="table">
            <thead>
              <tr>
                <th scope="col"><t:t k="acme.kid"/></th>
                <th scope="col"><t:t k="acme.col.created"/></th>
                <th scope="col"><t:t k="acme.col.used"/></th>
                <th scope="col"><t:t k="acme.col.account"/></th>
              </tr>
            </thead>
            <tbody>
              <xsl:for-each select="$acme/keys/key">
                <tr>
                  <td class="mono"><xsl:value-of select="@kid"/></td>
                  <td><xsl:call-template name="date"><xsl:with-param name="value" select="@created"/></xsl:call-template></td>
                  <td><xsl:call-template name="date"><xsl:with-param name="value" select="@used"/></xsl:call-template></td>
                  <td>
                    <xsl:call-template name="value"><xsl:with-param name="value" select="@acme-account"/></xsl:call-template>
                    <xsl:if test="string(@status)">
                      <span class="cell-sub"><xsl:value-of select="@status"/></span>
                    </xsl:if>
                  </td>
                </tr>
              </xsl:for-each>
            </tbody>
          </table>
        </div>
      </xsl:when>
      <xsl:otherwise>
        <xsl:call-template name="empty">
          <xsl:with-param name="text"><t:t k="acme.keys.empty"/></xsl:with-param>
        </xsl:call-template>
      </xsl:otherwise>
    </xsl:choose>
  </section>
</xsl:template>

</xsl:stylesheet>
