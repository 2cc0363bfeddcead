<?xml version="1.0" encoding="UTF-8"?>
<!--
  The operators' view of ACME (GET /operator/acme/): the ACME accounts,
  each with the account of ours it is bound to, and the ACME orders with
  their challenge and the wizard order behind each, newest first.
  Expects /page/acme-accounts/account[@id @login @status @thumbprint
  @contact @created @orders] and /page/acme-orders/order[@id @account
  @mailbox @challenge @error @order @number @status @created].
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:t="urn:smime-activation:i18n"
    exclude-result-prefixes="t">

<xsl:import href="layout.xsl"/>

<xsl:output method="html" encoding="UTF-8" indent="no"
    doctype-system="about:legacy-compat"/>

<xsl:template name="page-title"><t:t k="opacme.title"/></xsl:template>

<xsl:template name="content">
  <a class="back" href="/operator/">
    <span class="icon i-back" aria-hidden="true"></span>
    <t:t k="operator.back"/>
  </a>
  <div class="page-head">
    <div>
      <h1><t:t k="opacme.title"/></h1>
      <p class="lead"><t:t k="opacme.text"/></p>
    </div>
  </div>

  <section class="card card-flush" aria-labelledby="acme-accounts">
    <div class="card-head">
      <h2 class="card-title" id="acme-accounts"><t:t k="opacme.accounts"/></h2>
    </div>
    <xsl:choose>
      <xsl:when test="/page/acme-accounts/account">
        <div class="table-wrap">
          <table class="table">
            <thead>
              <tr>
                <th scope="col">#</th>
                <th scope="col"><t:t k="opacme.col.login"/></th>
                <th scope="col"><t:t k="opacme.col.status"/></th>
                <th scope="col"><t:t k="opacme.col.key"/></th>
                <th scope="col"><t:t k="opacme.col.contact"/></th>
                <th scope="col"><t:t k="opacme.col.created"/></th>
                <th scope="col"><t:t k="opacme.col.orders"/></th>
              </tr>
            </thead>
            <tbody>
              <xsl:for-each select="/page/acme-accounts/account">
                <tr id="acme-account-{@id}">
                  <td class="mono"><xsl:value-of select="@id"/></td>
                  <td class="break"><xsl:value-of select="@login"/></td>
                  <td><xsl:value-of select="@status"/></td>
                  <td class="mono break"><xsl:value-of select="@thumbprint"/></td>
                  <td class="break"><xsl:call-template name="value"><xsl:with-param name="value" select="@contact"/></xsl:call-template></td>
                  <td><xsl:call-template name="date"><xsl:with-param name="value" select="@created"/></xsl:call-template></td>
                  <td><xsl:value-of select="@orders"/></td>
                </tr>
              </xsl:for-each>
            </tbody>
          </table>
        </div>
      </xsl:when>
      <xsl:otherwise>
        <xsl:call-template name="empty">
          <xsl:with-param name="text"><t:t k="opacme.accounts.empty"/></xsl:with-param>
        </xsl:call-template>
      </xsl:otherwise>
    </xsl:choose>
  </section>

  <section class="card card-flush" aria-labelledby="acme-orders">
    <div class="card-head">
      <h2 class="card-title" id="acme-orders"><t:t k="opacme.orders"/></h2>
    </div>
    <xsl:choose>
      <xsl:when test="/page/acme-orders/order">
        <div class="table-wrap">
          <table class="table">
            <thead>
              <tr>
                <th scope="col">#</th>
                <th scope="col"><t:t k="opacme.col.account"/></th>
                <th scope="col"><t:t k="opacme.col.mailbox"/></th>
                <th scope="col"><t:t k="opacme.col.challenge"/></th>
                <th scope="col"><t:t k="opacme.col.order"/></th>
                <th scope="col"><t:t k="opacme.col.created"/></th>
              </tr>
            </thead>
            <tbody>
              <xsl:for-each select="/page/acme-orders/order">
                <tr id="acme-order-{@id}">
                  <td class="mono"><xsl:value-of select="@id"/></td>
                  <td class="mono"><a href="#acme-account-{@account}"><xsl:value-of select="@account"/></a></td>
                  <td class="break"><xsl:value-of select="@mailbox"/></td>
                  <td>
                    <xsl:value-of select="@challenge"/>
                    <xsl:if test="string(@error)">
                      <span class="cell-sub"><xsl:value-of select="@error"/></span>
                    </xsl:if>
                  </td>
                  <td>
                    <a href="/operator/orders/{@order}/audit"><xsl:value-of select="@number"/></a>
                    <span class="cell-sub"><xsl:value-of select="@status"/></span>
                  </td>
                  <td><xsl:call-template name="date"><xsl:with-param name="value" select="@created"/></xsl:call-template></td>
                </tr>
              </xsl:for-each>
            </tbody>
          </table>
        </div>
      </xsl:when>
      <xsl:otherwise>
        <xsl:call-template name="empty">
          <xsl:with-param name="text"><t:t k="opacme.orders.empty"/></xsl:with-param>
        </xsl:call-template>
      </xsl:otherwise>
    </xsl:choose>
  </section>
</xsl:template>

</xsl:stylesheet>
