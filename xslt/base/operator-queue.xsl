<?xml version="1.0" encoding="UTF-8"?>
<!--
  The operator's queue (GET /operator/): organization data submitted for
  verification, oldest first, one row each, linked to its page.
  Expects /page/organizations/organization[@id status method customer
  submitted] with name, country, state, locality, optional registry[@type]
  and the orders it was submitted for (order[@id number product]).
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:t="urn:smime-activation:i18n"
    exclude-result-prefixes="t">

<xsl:import href="layout.xsl"/>
<xsl:include href="orgdata-common.xsl"/>

<xsl:output method="html" encoding="UTF-8" indent="no"
    doctype-system="about:legacy-compat"/>

<xsl:variable name="orgs" select="/page/organizations/organization"/>

<xsl:template name="page-title"><t:t k="operator.title"/></xsl:template>

<xsl:template name="content">
  <div class="page-head">
    <div>
      <h1><t:t k="operator.title"/></h1>
      <p class="lead"><t:t k="operator.text"/></p>
    </div>
  </div>
  <section class="card card-flush" aria-labelledby="queue-title">
    <div class="card-head">
      <h2 class="card-title" id="queue-title">
        <span class="icon i-operator" aria-hidden="true"></span>
        <t:t k="operator.queue"/>
      </h2>
      <xsl:if test="$orgs">
        <p class="count"><t:t k="common.results"/><xsl:text> </xsl:text><strong><xsl:value-of select="count($orgs)"/></strong></p>
      </xsl:if>
    </div>
    <xsl:choose>
      <xsl:when test="$orgs">
        <div class="table-wrap">
          <table class="table table-queue">
            <thead>
              <tr>
                <th scope="col"><t:t k="operator.col.submitted"/></th>
                <th scope="col"><t:t k="orgdata.field.organization"/></th>
                <th scope="col"><t:t k="orgdata.field.country"/></th>
                <th scope="col"><t:t k="orgdata.group.method"/></th>
                <th scope="col"><t:t k="common.customer"/></th>
                <th scope="col"><t:t k="operator.col.orders"/></th>
                <th scope="col"><span class="sr-only"><t:t k="operator.open"/></span></th>
              </tr>
            </thead>
            <tbody>
              <xsl:for-each select="$orgs">
                <tr>
                  <td class="nowrap">
                    <xsl:attribute name="data-label"><t:t k="operator.col.submitted"/></xsl:attribute>
                    <xsl:call-template name="date">
                      <xsl:with-param name="value" select="@submitted"/>
                    </xsl:call-template>
                    <xsl:if test="string-length(@submitted) &gt;= 16">
                      <span class="cell-sub"><xsl:value-of select="substring(@submitted, 12, 5)"/> UTC</span>
                    </xsl:if>
                  </td>
                  <td class="cell-main break">
                    <xsl:attribute name="data-label"><t:t k="orgdata.field.organization"/></xsl:attribute>
                    <a href="/operator/organizations/{@id}"><xsl:value-of select="name"/></a>
                    <span class="cell-sub">
                      <xsl:value-of select="locality"/>
                      <xsl:if test="string(locality) and string(state)">, </xsl:if>
                      <xsl:value-of select="state"/>
                    </span>
                  </td>
                  <td class="nowrap">
                    <xsl:attribute name="data-label"><t:t k="orgdata.field.country"/></xsl:attribute>
                    <xsl:call-template name="org-country"/>
                  </td>
                  <td>
                    <xsl:attribute name="data-label"><t:t k="orgdata.group.method"/></xsl:attribute>
                    <xsl:choose>
                      <xsl:when test="registry">
                        <span class="tag"><xsl:value-of select="registry/@type"/></span>
                        <xsl:text> </xsl:text>
                        <span class="mono break"><xsl:value-of select="registry"/></span>
                      </xsl:when>
                      <xsl:otherwise><xsl:call-template name="org-method"/></xsl:otherwise>
                    </xsl:choose>
                  </td>
                  <td class="break">
                    <xsl:attribute name="data-label"><t:t k="common.customer"/></xsl:attribute>
                    <xsl:call-template name="value">
                      <xsl:with-param name="value" select="@customer"/>
                    </xsl:call-template>
                  </td>
                  <td>
                    <xsl:attribute name="data-label"><t:t k="operator.col.orders"/></xsl:attribute>
                    <xsl:choose>
                      <xsl:when test="order">
                        <ul class="plain">
                          <xsl:for-each select="order">
                            <li class="mono"><xsl:value-of select="@number"/></li>
                          </xsl:for-each>
                        </ul>
                      </xsl:when>
                      <xsl:otherwise><t:t k="common.none"/></xsl:otherwise>
                    </xsl:choose>
                  </td>
                  <td class="cell-more">
                    <a class="more" href="/operator/organizations/{@id}"><t:t k="operator.open"/></a>
                  </td>
                </tr>
              </xsl:for-each>
            </tbody>
          </table>
        </div>
      </xsl:when>
      <xsl:otherwise>
        <xsl:call-template name="empty">
          <xsl:with-param name="text"><t:t k="operator.empty"/></xsl:with-param>
          <xsl:with-param name="detail"><t:t k="operator.empty.text"/></xsl:with-param>
        </xsl:call-template>
      </xsl:otherwise>
    </xsl:choose>
  </section>
</xsl:template>

</xsl:stylesheet>
