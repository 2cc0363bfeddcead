<?xml version="1.0" encoding="UTF-8"?>
<!--
  One organization's data for the operator (GET /operator/organizations/
  {id}): the data, the customer, the documents (downloads), the orders
  it was submitted for and, while submitted, the forms to approve it or
  to reject it with a reason; once decided, the decision.
  Expects /page/organization[@id status method customer submitted
  decided decided-by] with name, country, state, locality, optional
  registry[@type], org-identifier, reason, order*, document*. A field
  error "reason" shows at the textarea; /page/form/value[@name='reason'],
  when the handler gives it, refills it.
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:t="urn:smime-activation:i18n"
    exclude-result-prefixes="t">

<xsl:import href="layout.xsl"/>
<xsl:include href="orgdata-common.xsl"/>

<xsl:output method="html" encoding="UTF-8" indent="no"
    doctype-system="about:legacy-compat"/>

<!-- One registry of the approval's select. -->
<xsl:template name="registry-choice">
  <xsl:param name="value"/>
  <xsl:param name="chosen"/>
  <option value="{$value}">
    <xsl:if test="$value = $chosen"><xsl:attribute name="selected">selected</xsl:attribute></xsl:if>
    <xsl:call-template name="registry-type">
      <xsl:with-param name="type" select="$value"/>
    </xsl:call-template>
  </option>
</xsl:template>

<xsl:template name="page-title">
  <xsl:choose>
    <xsl:when test="string(/page/organization[1]/name)"><xsl:value-of select="/page/organization[1]/name"/></xsl:when>
    <xsl:otherwise><t:t k="orgdata.title"/></xsl:otherwise>
  </xsl:choose>
</xsl:template>

<!-- The decision forms of the organization (the context). -->
<xsl:template name="decide-forms">
  <form class="form decide" method="post" action="/operator/organizations/{@id}/approve">
    <xsl:call-template name="csrf-field"/>
    <h3 class="sub-title"><t:t k="operator.approve"/></h3>
    <p class="hint-text"><t:t k="operator.approve.text"/></p>
    <xsl:if test="@method = 'document'">
      <xsl:variable name="typed" select="/page/form/value[@name = 'registry_type' or @name = 'registry_number']"/>
      <xsl:variable name="type">
        <xsl:choose>
          <xsl:when test="$typed"><xsl:value-of select="/page/form/value[@name = 'registry_type']"/></xsl:when>
          <xsl:otherwise><xsl:value-of select="registry/@type"/></xsl:otherwise>
        </xsl:choose>
      </xsl:variable>
      <p class="hint-text"><t:t k="operator.registry.text"/></p>
      <div class="field-row">
        <div class="field">
          <label class="label" for="f-registry_type"><t:t k="orgdata.field.registry_type"/></label>
          <select class="select" id="f-registry_type" name="registry_type">
            <xsl:call-template name="field-attrs">
              <xsl:with-param name="field" select="'registry_type'"/>
            </xsl:call-template>
            <xsl:call-template name="registry-choice"><xsl:with-param name="value" select="'KRS'"/><xsl:with-param name="chosen" select="$type"/></xsl:call-template>
            <xsl:call-template name="registry-choice"><xsl:with-param name="value" select="'REGON'"/><xsl:with-param name="chosen" select="$type"/></xsl:call-template>
            <xsl:call-template name="registry-choice"><xsl:with-param name="value" select="'NIP'"/><xsl:with-param name="chosen" select="$type"/></xsl:call-template>
            <xsl:call-template name="registry-choice"><xsl:with-param name="value" select="'VAT'"/><xsl:with-param name="chosen" select="$type"/></xsl:call-template>
            <xsl:call-template name="registry-choice"><xsl:with-param name="value" select="'LEI'"/><xsl:with-param name="chosen" select="$type"/></xsl:call-template>
            <xsl:call-template name="registry-choice"><xsl:with-param name="value" select="'OTHER'"/><xsl:with-param name="chosen" select="$type"/></xsl:call-template>
          </select>
          <xsl:call-template name="field-error">
            <xsl:with-param name="field" select="'registry_type'"/>
          </xsl:call-template>
        </div>
        <div class="field">
          <label class="label" for="f-registry_number"><t:t k="orgdata.field.registry_number"/></label>
          <input type="text" class="input mono" id="f-registry_number" name="registry_number" maxlength="64">
            <xsl:call-template name="field-attrs">
              <xsl:with-param name="field" select="'registry_number'"/>
            </xsl:call-template>
            <xsl:attribute name="value">
              <xsl:choose>
                <xsl:when test="$typed"><xsl:value-of select="/page/form/value[@name = 'registry_number']"/></xsl:when>
                <xsl:otherwise><xsl:value-of select="registry"/></xsl:otherwise>
              </xsl:choose>
            </xsl:attribute>
          </input>
          <xsl:call-template name="field-error">
            <xsl:with-param name="field" select="'registry_number'"/>
          </xsl:call-template>
        </div>
      </div>
    </xsl:if>
    <div class="form-actions form-actions-end">
      <button type="submit" class="btn btn-ok">
        <span class="icon i-ok" aria-hidden="true"></span>
        <t:t k="operator.approve"/>
      </button>
    </div>
  </form>
  <form class="form decide decide-reject" method="post" action="/operator/organizations/{@id}/reject">
    <xsl:call-template name="csrf-field"/>
    <h3 class="sub-title"><t:t k="operator.reject"/></h3>
    <div class="field">
      <label class="label" for="f-reason">
        <t:t k="operator.reason"/>
        <span class="req" aria-hidden="true">*</span>
      </label>
      <textarea class="input textarea" id="f-reason" name="reason" rows="4" maxlength="1000" required="required">
        <xsl:call-template name="field-attrs">
          <xsl:with-param name="field" select="'reason'"/>
          <xsl:with-param name="hint" select="'reason-hint'"/>
        </xsl:call-template>
        <xsl:value-of select="/page/form/value[@name = 'reason']"/>
      </textarea>
      <p class="hint-text" id="reason-hint"><t:t k="operator.reason.hint"/></p>
      <xsl:call-template name="field-error">
        <xsl:with-param name="field" select="'reason'"/>
      </xsl:call-template>
    </div>
    <div class="form-actions form-actions-end">
      <button type="submit" class="btn btn-danger"><t:t k="operator.reject"/></button>
    </div>
  </form>
</xsl:template>

<xsl:template name="content">
  <a class="back" href="/operator/">
    <span class="icon i-back" aria-hidden="true"></span>
    <t:t k="operator.back"/>
  </a>
  <xsl:for-each select="/page/organization[1]">
    <div class="page-head">
      <div class="page-head-main">
        <span class="card-icon" aria-hidden="true"><span class="icon i-operator"></span></span>
        <div>
          <p class="eyebrow"><t:t k="orgdata.title"/></p>
          <h1 class="break"><xsl:value-of select="name"/></h1>
          <p class="lead break">
            <xsl:value-of select="locality"/>
            <xsl:if test="string(locality) and string(state)">, </xsl:if>
            <xsl:value-of select="state"/>
            <xsl:if test="string(country)">
              <xsl:text> · </xsl:text>
              <xsl:call-template name="org-country"/>
            </xsl:if>
          </p>
        </div>
      </div>
      <span class="pill s-{@status}"><xsl:call-template name="step-status"/></span>
    </div>

    <div class="grid-2">
      <section class="card" aria-labelledby="data-title">
        <h2 class="card-title" id="data-title"><t:t k="operator.data"/></h2>
        <xsl:call-template name="org-facts"/>
        <h3 class="sub-title"><t:t k="operator.submission"/></h3>
        <dl class="facts-list">
          <div class="fact">
            <dt><t:t k="common.customer"/></dt>
            <dd class="break">
              <xsl:call-template name="value">
                <xsl:with-param name="value" select="@customer"/>
              </xsl:call-template>
            </dd>
          </div>
          <div class="fact">
            <dt><t:t k="operator.col.submitted"/></dt>
            <dd>
              <xsl:call-template name="datetime">
                <xsl:with-param name="value" select="@submitted"/>
              </xsl:call-template>
            </dd>
          </div>
        </dl>
      </section>

      <section class="card" aria-labelledby="decision-title">
        <h2 class="card-title" id="decision-title"><t:t k="operator.decision"/></h2>
        <xsl:choose>
          <xsl:when test="@status = 'submitted'">
            <xsl:call-template name="decide-forms"/>
          </xsl:when>
          <xsl:otherwise>
            <dl class="facts-list">
              <div class="fact">
                <dt><t:t k="operator.decision"/></dt>
                <dd><span class="pill s-{@status}"><xsl:call-template name="step-status"/></span></dd>
              </div>
              <div class="fact">
                <dt><t:t k="operator.decided-by"/></dt>
                <dd class="break">
                  <xsl:call-template name="value">
                    <xsl:with-param name="value" select="@decided-by"/>
                  </xsl:call-template>
                </dd>
              </div>
              <div class="fact">
                <dt><t:t k="operator.decided-on"/></dt>
                <dd>
                  <xsl:call-template name="datetime">
                    <xsl:with-param name="value" select="@decided"/>
                  </xsl:call-template>
                </dd>
              </div>
              <xsl:if test="string(reason)">
                <div class="fact">
                  <dt><t:t k="operator.reason"/></dt>
                  <dd><blockquote class="reason"><xsl:value-of select="reason"/></blockquote></dd>
                </div>
              </xsl:if>
            </dl>
          </xsl:otherwise>
        </xsl:choose>
      </section>
    </div>

    <section class="card" aria-labelledby="docs-title">
      <h2 class="card-title" id="docs-title"><t:t k="orgdata.documents"/></h2>
      <xsl:choose>
        <xsl:when test="document">
          <xsl:call-template name="documents-table">
            <xsl:with-param name="links" select="true()"/>
            <xsl:with-param name="hashes" select="true()"/>
          </xsl:call-template>
        </xsl:when>
        <xsl:otherwise>
          <p class="muted"><t:t k="orgdata.documents.empty"/></p>
        </xsl:otherwise>
      </xsl:choose>
    </section>

    <section class="card" aria-labelledby="orders-title">
      <h2 class="card-title" id="orders-title"><t:t k="operator.col.orders"/></h2>
      <xsl:choose>
        <xsl:when test="order">
          <div class="table-wrap">
            <table class="table">
              <thead>
                <tr>
                  <th scope="col"><t:t k="common.order-number"/></th>
                  <th scope="col"><t:t k="common.customer"/></th>
                  <th scope="col"><t:t k="step.data"/></th>
                  <th scope="col"><t:t k="common.status"/></th>
                </tr>
              </thead>
              <tbody>
                <xsl:for-each select="order">
                  <tr>
                    <td class="cell-main">
                      <xsl:attribute name="data-label"><t:t k="common.order-number"/></xsl:attribute>
                      <a class="mono strong" href="/certificates/{@id}"><xsl:value-of select="@number"/></a>
                      <span class="cell-sub"><xsl:call-template name="product-name"/></span>
                    </td>
                    <td class="break">
                      <xsl:attribute name="data-label"><t:t k="common.customer"/></xsl:attribute>
                      <xsl:call-template name="value">
                        <xsl:with-param name="value" select="@customer"/>
                      </xsl:call-template>
                    </td>
                    <td>
                      <xsl:attribute name="data-label"><t:t k="step.data"/></xsl:attribute>
                      <xsl:for-each select="step[@name = 'data']">
                        <span class="pill s-{@status}"><xsl:call-template name="step-status"/></span>
                      </xsl:for-each>
                    </td>
                    <td>
                      <xsl:attribute name="data-label"><t:t k="common.status"/></xsl:attribute>
                      <xsl:call-template name="status-pill"/>
                    </td>
                  </tr>
                </xsl:for-each>
              </tbody>
            </table>
          </div>
        </xsl:when>
        <xsl:otherwise>
          <p class="muted"><t:t k="operator.orders.empty"/></p>
        </xsl:otherwise>
      </xsl:choose>
    </section>

    <section class="card card-flush" aria-labelledby="history-title">
      <div class="card-head">
        <h2 class="card-title" id="history-title"><t:t k="operator.history"/></h2>
        <p class="card-text"><t:t k="operator.history.text"/></p>
      </div>
      <xsl:choose>
        <xsl:when test="/page/history/entry">
          <div class="table-wrap">
            <table class="table table-audit">
              <thead>
                <tr>
                  <th scope="col"><t:t k="audit.col.time"/></th>
                  <th scope="col"><t:t k="audit.col.actor"/></th>
                  <th scope="col"><t:t k="audit.col.action"/></th>
                  <th scope="col"><t:t k="audit.col.details"/></th>
                </tr>
              </thead>
              <tbody>
                <xsl:for-each select="/page/history/entry">
                  <tr id="history-{@id}">
                    <td class="nowrap">
                      <xsl:attribute name="data-label"><t:t k="audit.col.time"/></xsl:attribute>
                      <xsl:value-of select="substring(@at, 1, 10)"/>
                      <xsl:text> </xsl:text>
                      <xsl:value-of select="substring(@at, 12, 8)"/>
                      <xsl:text> UTC</xsl:text>
                    </td>
                    <td class="break">
                      <xsl:attribute name="data-label"><t:t k="audit.col.actor"/></xsl:attribute>
                      <xsl:value-of select="@actor"/>
                      <span class="cell-sub"><xsl:value-of select="@role"/></span>
                    </td>
                    <td class="mono">
                      <xsl:attribute name="data-label"><t:t k="audit.col.action"/></xsl:attribute>
                      <xsl:value-of select="@action"/>
                    </td>
                    <td class="audit-details">
                      <xsl:attribute name="data-label"><t:t k="audit.col.details"/></xsl:attribute>
                      <xsl:call-template name="value">
                        <xsl:with-param name="value" select="string(.)"/>
                      </xsl:call-template>
                    </td>
                  </tr>
                </xsl:for-each>
              </tbody>
            </table>
          </div>
        </xsl:when>
        <xsl:otherwise>
          <p class="muted history-empty"><t:t k="operator.history.empty"/></p>
        </xsl:otherwise>
      </xsl:choose>
    </section>
  </xsl:for-each>
</xsl:template>

</xsl:stylesheet>
