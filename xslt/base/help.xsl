<?xml version="1.0" encoding="UTF-8"?>
<!--
  The help pages (GET /help/{topic}) the dashboard's "Useful sources"
  link to: how verification works (verification), the documents that
  prove an organization (documents), making a key, a CSR and a PFX file
  (tools) and the products on sale (products).
  Expects /page/@topic and, for products, /page/products/product (code,
  name, validity-days).
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:t="urn:smime-activation:i18n"
    exclude-result-prefixes="t">

<xsl:import href="layout.xsl"/>

<xsl:output method="html" encoding="UTF-8" indent="no"
    doctype-system="about:legacy-compat"/>

<xsl:variable name="topic" select="string(/page/@topic)"/>

<xsl:template name="page-title">
  <xsl:choose>
    <xsl:when test="$topic = 'verification'"><t:t k="help.verification.title"/></xsl:when>
    <xsl:when test="$topic = 'documents'"><t:t k="help.documents.title"/></xsl:when>
    <xsl:when test="$topic = 'tools'"><t:t k="help.tools.title"/></xsl:when>
    <xsl:otherwise><t:t k="help.products.title"/></xsl:otherwise>
  </xsl:choose>
</xsl:template>

<xsl:template name="content">
  <div class="page-head">
    <div>
      <p class="eyebrow"><t:t k="dashboard.sources"/></p>
      <h1><xsl:call-template name="page-title"/></h1>
    </div>
  </div>
  <xsl:choose>
    <xsl:when test="$topic = 'verification'"><xsl:call-template name="verification"/></xsl:when>
    <xsl:when test="$topic = 'documents'"><xsl:call-template name="documents"/></xsl:when>
    <xsl:when test="$topic = 'tools'"><xsl:call-template name="tools"/></xsl:when>
    <xsl:otherwise><xsl:call-template name="products"/></xsl:otherwise>
  </xsl:choose>
  <nav class="card help-more">
    <xsl:attribute name="aria-label"><t:t k="dashboard.sources"/></xsl:attribute>
    <h2 class="card-title"><t:t k="help.more"/></h2>
    <ul class="links">
      <xsl:if test="$topic != 'verification'">
        <li><a href="/help/verification"><t:t k="dashboard.sources.verification"/></a></li>
      </xsl:if>
      <xsl:if test="$topic != 'documents'">
        <li><a href="/help/documents"><t:t k="dashboard.sources.documents"/></a></li>
      </xsl:if>
      <xsl:if test="$topic != 'tools'">
        <li><a href="/help/tools"><t:t k="dashboard.sources.tools"/></a></li>
      </xsl:if>
      <xsl:if test="$topic != 'products'">
        <li><a href="/help/products"><t:t k="dashboard.sources.products"/></a></li>
      </xsl:if>
      <li><a href="/"><t:t k="common.dashboard"/></a></li>
    </ul>
  </nav>
</xsl:template>

<xsl:template name="verification">
  <section class="card prose">
    <p class="lead"><t:t k="help.verification.intro"/></p>
    <h2 class="sub-title"><t:t k="help.verification.data"/></h2>
    <p><t:t k="help.verification.data.text"/></p>
    <ul>
      <li><strong><t:t k="help.verification.registry"/></strong><xsl:text> </xsl:text><t:t k="help.verification.registry.text"/></li>
      <li><strong><t:t k="help.verification.document"/></strong><xsl:text> </xsl:text><t:t k="help.verification.document.text"/>
        <xsl:text> </xsl:text><a href="/help/documents"><t:t k="dashboard.sources.documents"/></a></li>
    </ul>
    <p><t:t k="help.verification.data.time"/></p>
    <p><t:t k="help.verification.data.reuse"/></p>
    <h2 class="sub-title"><t:t k="help.verification.email"/></h2>
    <p><t:t k="help.verification.email.text"/></p>
    <p><t:t k="help.verification.email.limits"/></p>
    <h2 class="sub-title"><t:t k="help.verification.subscriber"/></h2>
    <p><t:t k="help.verification.subscriber.text"/></p>
    <h2 class="sub-title"><t:t k="help.verification.activation"/></h2>
    <p><t:t k="help.verification.activation.text"/>
      <xsl:text> </xsl:text><a href="/help/tools"><t:t k="dashboard.sources.tools"/></a></p>
  </section>
</xsl:template>

<xsl:template name="documents">
  <section class="card prose">
    <p class="lead"><t:t k="help.documents.intro"/></p>
    <h2 class="sub-title"><t:t k="help.documents.accepted"/></h2>
    <ul>
      <li><t:t k="help.documents.krs"/></li>
      <li><t:t k="help.documents.ceidg"/></li>
      <li><t:t k="help.documents.regon"/></li>
      <li><t:t k="help.documents.statute"/></li>
      <li><t:t k="help.documents.foreign"/></li>
    </ul>
    <h2 class="sub-title"><t:t k="help.documents.rules"/></h2>
    <ul>
      <li><t:t k="help.documents.format"/></li>
      <li><t:t k="help.documents.match"/></li>
      <li><t:t k="help.documents.more"/></li>
      <li><t:t k="help.documents.rejected"/></li>
    </ul>
  </section>
</xsl:template>

<xsl:template name="tools">
  <section class="card prose">
    <p class="lead"><t:t k="help.tools.intro"/></p>
    <p><a class="btn btn-primary" href="/tools/"><t:t k="help.tools.generator"/></a></p>
    <h2 class="sub-title"><t:t k="help.tools.csr"/></h2>
    <p><t:t k="help.tools.csr.text"/></p>
    <p><t:t k="help.tools.csr.ec"/></p>
    <pre class="code"><code>openssl req -new -newkey ec -pkeyopt ec_paramgen_curve:P-256 -keyout key.pem -out request.csr -subj "/CN=smime"</code></pre>
    <p><t:t k="help.tools.csr.rsa"/></p>
    <pre class="code"><code>openssl req -new -newkey rsa:3072 -keyout key.pem -out request.csr -subj "/CN=smime"</code></pre>
    <p><t:t k="help.tools.csr.keys"/></p>
    <p><t:t k="help.tools.csr.check"/></p>
    <pre class="code"><code>openssl req -in request.csr -noout -verify -text</code></pre>
    <p><t:t k="help.tools.csr.paste"/></p>
    <h2 class="sub-title"><t:t k="help.tools.pfx"/></h2>
    <p><t:t k="help.tools.pfx.text"/></p>
    <pre class="code"><code>openssl pkcs12 -export -in cert.pem -inkey key.pem -certfile chain.pem -name "S/MIME" -out certificate.p12</code></pre>
    <p><t:t k="help.tools.pfx.import"/></p>
    <p><t:t k="help.tools.pfx.files"/></p>
    <p><strong><t:t k="activation.success.pfx.never"/></strong></p>
  </section>
</xsl:template>

<xsl:template name="products">
  <section class="card prose">
    <p class="lead"><t:t k="help.products.intro"/></p>
  </section>
  <section class="card card-flush">
    <div class="table-wrap">
      <table class="table">
        <thead>
          <tr>
            <th scope="col"><t:t k="help.products.name"/></th>
            <th scope="col"><t:t k="help.products.validity"/></th>
          </tr>
        </thead>
        <tbody>
          <xsl:for-each select="/page/products/product">
            <tr>
              <td class="cell-main"><xsl:value-of select="@name"/></td>
              <td><xsl:value-of select="@validity-days"/><xsl:text> </xsl:text><t:t k="help.products.days"/></td>
            </tr>
          </xsl:for-each>
        </tbody>
      </table>
    </div>
  </section>
  <section class="card prose">
    <h2 class="sub-title"><t:t k="help.products.contains"/></h2>
    <ul>
      <li><t:t k="help.products.contains.org"/></li>
      <li><t:t k="help.products.contains.email"/></li>
      <li><t:t k="help.products.contains.use"/></li>
    </ul>
    <p><t:t k="help.products.order"/></p>
  </section>
</xsl:template>

</xsl:stylesheet>
