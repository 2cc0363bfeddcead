<?xml version="1.0" encoding="UTF-8"?>
<!--
  Step 3, stage 3 with the CSR method: the certificate signing request
  (answer to POST /activation/{id}/method with method=csr, or a refused
  POST /activation/{id}/csr). Paste the CSR or choose its file; how to
  make one with OpenSSL; Back and Next.
  Expects /page/order (one), optional /page/form/value[@name = 'csr']
  (the text sent, to correct it), /page/error[@field = 'csr'] (or
  'csrfile'), as many as the checks found, and optional
  /page/warning[@key] (csr.private-key: a private key came with the
  request; it is shown above everything else).
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:t="urn:smime-activation:i18n"
    exclude-result-prefixes="t">

<xsl:import href="layout.xsl"/>
<xsl:include href="orgdata-common.xsl"/>
<xsl:include href="activation-common.xsl"/>

<xsl:output method="html" encoding="UTF-8" indent="no"
    doctype-system="about:legacy-compat"/>

<xsl:variable name="order" select="/page/order[1]"/>

<xsl:template name="page-title"><t:t k="activation.csr.title"/></xsl:template>

<!-- The warning first: it matters more than any error. -->
<xsl:template name="errors">
  <xsl:call-template name="warnings"/>
  <xsl:call-template name="activation-errors">
    <xsl:with-param name="fields" select="'|csr|csrfile|'"/>
  </xsl:call-template>
</xsl:template>

<xsl:template name="content">
  <xsl:call-template name="activation-head">
    <xsl:with-param name="title"><t:t k="activation.csr.title"/></xsl:with-param>
  </xsl:call-template>

  <xsl:call-template name="activation-progress">
    <xsl:with-param name="current" select="3"/>
  </xsl:call-template>

  <section class="card form-card" aria-labelledby="csr-title">
    <h2 class="card-title" id="csr-title"><t:t k="activation.csr.heading"/></h2>
    <p class="form-intro"><t:t k="activation.csr.intro"/></p>

    <form class="form" method="post" action="/activation/{$order/@id}/csr" enctype="multipart/form-data">
      <xsl:call-template name="csrf-field"/>
      <div class="group">
        <div class="field">
          <label class="label" for="f-csr"><t:t k="activation.csr.paste"/></label>
          <textarea class="input textarea mono csr-input" id="f-csr" name="csr" rows="16" cols="66"
              spellcheck="false" autocomplete="off" autocapitalize="off" wrap="off"
              placeholder="-----BEGIN CERTIFICATE REQUEST-----">
            <xsl:call-template name="field-attrs">
              <xsl:with-param name="field" select="'csr'"/>
            </xsl:call-template>
            <xsl:value-of select="/page/form/value[@name = 'csr']"/>
          </textarea>
          <xsl:call-template name="field-errors">
            <xsl:with-param name="field" select="'csr'"/>
          </xsl:call-template>
        </div>

        <p class="or" aria-hidden="true"><span><t:t k="activation.csr.or"/></span></p>

        <div class="field">
          <label class="label" for="f-csrfile"><t:t k="activation.csr.file"/></label>
          <input type="file" class="input input-file" id="f-csrfile" name="csrfile"
              accept=".pem,.csr,.der,.req">
            <xsl:call-template name="field-attrs">
              <xsl:with-param name="field" select="'csrfile'"/>
              <xsl:with-param name="hint" select="'csrfile-hint'"/>
            </xsl:call-template>
          </input>
          <p class="hint-text" id="csrfile-hint"><t:t k="activation.csr.file.hint"/></p>
          <xsl:call-template name="field-errors">
            <xsl:with-param name="field" select="'csrfile'"/>
          </xsl:call-template>
        </div>
      </div>

      <div class="notice notice-info csr-key-note">
        <span class="icon i-info" aria-hidden="true"></span>
        <p><t:t k="activation.csr.keep-key"/></p>
      </div>

      <div class="form-actions">
        <a class="btn btn-ghost" href="/activation/{$order/@id}">
          <span class="icon i-back" aria-hidden="true"></span>
          <t:t k="activation.back"/>
        </a>
        <button type="submit" class="btn btn-primary"><t:t k="activation.next"/></button>
      </div>
    </form>
  </section>

  <section class="card" aria-labelledby="howto-title">
    <h2 class="card-title" id="howto-title">
      <span class="icon i-info" aria-hidden="true"></span>
      <t:t k="activation.csr.howto"/>
    </h2>
    <p class="card-text tools-link">
      <t:t k="activation.csr.generator"/>
      <xsl:text> </xsl:text>
      <a><xsl:attribute name="href"><t:t k="tools.href"/></xsl:attribute><t:t k="tools.link"/></a>
    </p>
    <p class="card-text muted"><t:t k="activation.csr.howto.text"/></p>
    <pre class="code"><code><t:t k="activation.csr.command"/></code></pre>
    <ul class="plain howto-notes">
      <li><t:t k="activation.csr.howto.files"/></li>
      <li><t:t k="activation.csr.howto.subject"/></li>
      <li><t:t k="activation.csr.howto.keys"/></li>
    </ul>
  </section>
</xsl:template>

</xsl:stylesheet>
