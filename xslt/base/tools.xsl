<?xml version="1.0" encoding="UTF-8"?>
<!--
  The CSR and PFX generator (/tools/, /tools/pl/): a static page, rendered
  once per language when the project is built (web/tools/page-*.xml) and
  served by nginx without a handler and without login. Its script
  (/tools/tools.js, bundled from web/tools/src/) does the work in the
  browser; without JavaScript the page says what it needs.
  Expects /page/tools with @en and @pl, the addresses of the two
  languages.
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:t="urn:smime-activation:i18n"
    exclude-result-prefixes="t">

<xsl:import href="layout.xsl"/>
<xsl:include href="activation-common.xsl"/>

<xsl:output method="html" encoding="UTF-8" indent="no"
    doctype-system="about:legacy-compat"/>

<xsl:template name="page-title"><t:t k="tools.title"/></xsl:template>

<xsl:template name="brand-css">
  <link rel="stylesheet" href="/tools/tools.css"/>
</xsl:template>

<!-- The section's alert, filled by the script (data-error: the code). -->
<xsl:template name="tools-alert">
  <xsl:param name="id"/>
  <div class="alert tools-alert" id="{$id}-error" role="alert" hidden="hidden">
    <span class="icon i-alert" aria-hidden="true"></span>
    <div class="alert-body"><p id="{$id}-error-text"></p></div>
  </div>
</xsl:template>

<xsl:template name="key-option">
  <xsl:param name="value"/>
  <option value="{$value}">
    <xsl:if test="$value = 'rsa2048'">
      <xsl:attribute name="selected">selected</xsl:attribute>
    </xsl:if>
    <xsl:call-template name="key-name">
      <xsl:with-param name="key" select="$value"/>
    </xsl:call-template>
  </option>
</xsl:template>

<xsl:template name="password-field">
  <xsl:param name="id"/>
  <xsl:param name="label"/>
  <xsl:param name="hint"/>
  <xsl:param name="autocomplete" select="'new-password'"/>
  <div class="field">
    <label class="label" for="{$id}"><xsl:value-of select="$label"/></label>
    <input class="input" type="password" id="{$id}" autocomplete="{$autocomplete}" spellcheck="false">
      <xsl:if test="string($hint)">
        <xsl:attribute name="aria-describedby"><xsl:value-of select="$id"/>-hint</xsl:attribute>
      </xsl:if>
    </input>
    <xsl:if test="string($hint)">
      <p class="hint-text" id="{$id}-hint"><xsl:value-of select="$hint"/></p>
    </xsl:if>
  </div>
</xsl:template>

<xsl:template name="content">
  <div class="page-head">
    <div class="page-head-main">
      <span class="card-icon" aria-hidden="true"><span class="icon i-shield"></span></span>
      <div>
        <h1><t:t k="tools.title"/></h1>
        <p class="lead"><t:t k="tools.lead"/></p>
      </div>
    </div>
    <nav class="tools-lang">
      <xsl:attribute name="aria-label"><t:t k="tools.language"/></xsl:attribute>
      <a href="{/page/tools/@en}" hreflang="en" lang="en">
        <xsl:if test="/page/@lang = 'en'"><xsl:attribute name="aria-current">page</xsl:attribute></xsl:if>
        <xsl:text>English</xsl:text>
      </a>
      <a href="{/page/tools/@pl}" hreflang="pl" lang="pl">
        <xsl:if test="/page/@lang = 'pl'"><xsl:attribute name="aria-current">page</xsl:attribute></xsl:if>
        <xsl:text>Polski</xsl:text>
      </a>
    </nav>
  </div>

  <noscript>
    <div class="notice notice-warn tools-noscript">
      <span class="icon i-alert" aria-hidden="true"></span>
      <div>
        <p class="notice-title"><t:t k="tools.noscript.title"/></p>
        <p><t:t k="tools.noscript.text"/></p>
        <p><t:t k="tools.noscript.cli"/></p>
        <pre class="code"><code><t:t k="tools.noscript.command"/></code></pre>
      </div>
    </div>
  </noscript>

  <div id="tools-app" hidden="hidden">
    <div class="notice notice-info tools-local">
      <span class="icon i-info" aria-hidden="true"></span>
      <p><t:t k="tools.local"/></p>
    </div>

    <section class="card form-card" id="csr" aria-labelledby="csr-title">
      <h2 class="card-title" id="csr-title"><t:t k="tools.csr.heading"/></h2>
      <p class="form-intro"><t:t k="tools.csr.intro"/></p>
      <xsl:call-template name="tools-alert">
        <xsl:with-param name="id" select="'csr'"/>
      </xsl:call-template>
      <form class="form" id="csr-form" novalidate="novalidate">
        <div class="group">
          <div class="field">
            <label class="label" for="csr-key"><t:t k="tools.csr.key"/></label>
            <select class="select" id="csr-key">
              <xsl:call-template name="key-option"><xsl:with-param name="value" select="'rsa2048'"/></xsl:call-template>
              <xsl:call-template name="key-option"><xsl:with-param name="value" select="'rsa3072'"/></xsl:call-template>
              <xsl:call-template name="key-option"><xsl:with-param name="value" select="'rsa4096'"/></xsl:call-template>
              <xsl:call-template name="key-option"><xsl:with-param name="value" select="'p256'"/></xsl:call-template>
              <xsl:call-template name="key-option"><xsl:with-param name="value" select="'p384'"/></xsl:call-template>
            </select>
          </div>
          <xsl:call-template name="password-field">
            <xsl:with-param name="id" select="'csr-pass'"/>
            <xsl:with-param name="label"><t:t k="tools.csr.passphrase"/></xsl:with-param>
            <xsl:with-param name="hint"><t:t k="tools.csr.passphrase.hint"/></xsl:with-param>
          </xsl:call-template>
          <xsl:call-template name="password-field">
            <xsl:with-param name="id" select="'csr-pass2'"/>
            <xsl:with-param name="label"><t:t k="tools.passphrase.repeat"/></xsl:with-param>
          </xsl:call-template>
        </div>
        <div class="form-actions form-actions-end">
          <button type="submit" class="btn btn-primary" id="csr-make"><t:t k="tools.csr.make"/></button>
        </div>
      </form>

      <div id="csr-result" class="tools-result" hidden="hidden">
        <div class="notice notice-bad tools-key-warning" role="status">
          <span class="icon i-alert" aria-hidden="true"></span>
          <div>
            <p class="notice-title"><t:t k="tools.csr.warning.title"/></p>
            <p><t:t k="tools.csr.warning.text"/></p>
          </div>
        </div>
        <p class="tools-download">
          <a class="btn btn-primary" id="csr-key-download" href="#">
            <span class="icon i-download" aria-hidden="true"></span>
            <t:t k="tools.csr.download-key"/>
          </a>
        </p>
        <div class="field">
          <label class="label" for="csr-pem"><t:t k="tools.csr.pem"/></label>
          <textarea class="input textarea mono csr-input" id="csr-pem" rows="16" cols="66"
              readonly="readonly" spellcheck="false" wrap="off"></textarea>
          <p class="hint-text"><t:t k="tools.csr.pem.hint"/></p>
        </div>
        <div class="form-actions">
          <button type="button" class="btn" id="csr-copy"><t:t k="tools.csr.copy"/></button>
          <a class="btn btn-ghost" id="csr-download" href="#">
            <span class="icon i-download" aria-hidden="true"></span>
            <t:t k="tools.csr.download"/>
          </a>
          <span class="hint-text" id="csr-copied" role="status" hidden="hidden"><t:t k="tools.csr.copied"/></span>
        </div>
      </div>
    </section>

    <section class="card form-card" id="pfx" aria-labelledby="pfx-title">
      <h2 class="card-title" id="pfx-title"><t:t k="tools.pfx.heading"/></h2>
      <p class="form-intro"><t:t k="tools.pfx.intro"/></p>
      <xsl:call-template name="tools-alert">
        <xsl:with-param name="id" select="'pfx'"/>
      </xsl:call-template>
      <form class="form" id="pfx-form" novalidate="novalidate">
        <fieldset class="group">
          <legend class="group-title"><t:t k="tools.pfx.key"/></legend>
          <div class="field">
            <label class="label" for="pfx-key"><t:t k="tools.pfx.key.file"/></label>
            <input type="file" class="input input-file" id="pfx-key" accept=".pem,.key,.p8"/>
          </div>
          <xsl:call-template name="password-field">
            <xsl:with-param name="id" select="'pfx-key-pass'"/>
            <xsl:with-param name="label"><t:t k="tools.pfx.key.passphrase"/></xsl:with-param>
            <xsl:with-param name="autocomplete" select="'current-password'"/>
          </xsl:call-template>
        </fieldset>
        <fieldset class="group">
          <legend class="group-title"><t:t k="tools.pfx.cert"/></legend>
          <div class="field">
            <label class="label" for="pfx-cert"><t:t k="tools.pfx.cert.file"/></label>
            <input type="file" class="input input-file" id="pfx-cert" accept=".pem,.crt,.cer,.der"/>
          </div>
          <p class="or" aria-hidden="true"><span><t:t k="activation.csr.or"/></span></p>
          <div class="field">
            <label class="label" for="pfx-order"><t:t k="tools.pfx.order"/></label>
            <div class="tools-fetch">
              <input class="input" type="text" id="pfx-order" inputmode="numeric" autocomplete="off"
                  aria-describedby="pfx-order-hint"/>
              <button type="button" class="btn" id="pfx-fetch"><t:t k="tools.pfx.fetch"/></button>
            </div>
            <p class="hint-text" id="pfx-order-hint"><t:t k="tools.pfx.order.hint"/></p>
            <p class="notice notice-ok tools-fetched" id="pfx-fetched" role="status" hidden="hidden">
              <t:t k="tools.pfx.fetched"/>
              <xsl:text> </xsl:text>
              <span class="mono" id="pfx-fetched-order"></span>
            </p>
          </div>
          <div class="field">
            <label class="label" for="pfx-chain"><t:t k="tools.pfx.chain"/></label>
            <input type="file" class="input input-file" id="pfx-chain" accept=".pem,.crt,.cer"
                aria-describedby="pfx-chain-hint"/>
            <p class="hint-text" id="pfx-chain-hint"><t:t k="tools.pfx.chain.hint"/></p>
          </div>
        </fieldset>
        <fieldset class="group">
          <legend class="group-title"><t:t k="tools.pfx.file"/></legend>
          <div class="field">
            <label class="label" for="pfx-name"><t:t k="tools.pfx.name"/></label>
            <input class="input" type="text" id="pfx-name" autocomplete="off" maxlength="64"
                aria-describedby="pfx-name-hint"/>
            <p class="hint-text" id="pfx-name-hint"><t:t k="tools.pfx.name.hint"/></p>
          </div>
          <xsl:call-template name="password-field">
            <xsl:with-param name="id" select="'pfx-pass'"/>
            <xsl:with-param name="label"><t:t k="tools.pfx.password"/></xsl:with-param>
            <xsl:with-param name="hint"><t:t k="tools.pfx.password.hint"/></xsl:with-param>
          </xsl:call-template>
          <xsl:call-template name="password-field">
            <xsl:with-param name="id" select="'pfx-pass2'"/>
            <xsl:with-param name="label"><t:t k="tools.passphrase.repeat"/></xsl:with-param>
          </xsl:call-template>
          <div class="field choices tools-modes" role="radiogroup" aria-labelledby="pfx-mode-label">
            <span class="label" id="pfx-mode-label"><t:t k="tools.pfx.mode"/></span>
            <label class="radio">
              <input type="radio" name="pfx-mode" value="modern" id="pfx-mode-modern" checked="checked"/>
              <span class="radio-text">
                <span class="radio-title"><t:t k="tools.pfx.mode.modern"/></span>
                <span class="radio-desc"><t:t k="tools.pfx.mode.modern.text"/></span>
              </span>
            </label>
            <label class="radio">
              <input type="radio" name="pfx-mode" value="compatible" id="pfx-mode-compatible"/>
              <span class="radio-text">
                <span class="radio-title"><t:t k="tools.pfx.mode.compatible"/></span>
                <span class="radio-desc"><t:t k="tools.pfx.mode.compatible.text"/></span>
              </span>
            </label>
          </div>
        </fieldset>
        <div class="form-actions form-actions-end">
          <button type="submit" class="btn btn-primary" id="pfx-make"><t:t k="tools.pfx.make"/></button>
        </div>
      </form>
      <div id="pfx-result" class="tools-result" hidden="hidden">
        <div class="notice notice-ok" role="status">
          <span class="icon i-ok" aria-hidden="true"></span>
          <div>
            <p class="notice-title"><t:t k="tools.pfx.done"/></p>
            <p><t:t k="tools.pfx.done.text"/></p>
          </div>
        </div>
        <p class="tools-download">
          <a class="btn btn-primary" id="pfx-download" href="#">
            <span class="icon i-download" aria-hidden="true"></span>
            <t:t k="tools.pfx.download"/>
          </a>
        </p>
      </div>
    </section>
  </div>

  <section class="card" aria-labelledby="cli-title">
    <h2 class="card-title" id="cli-title">
      <span class="icon i-info" aria-hidden="true"></span>
      <t:t k="tools.cli"/>
    </h2>
    <p class="card-text muted"><t:t k="tools.cli.text"/></p>
    <pre class="code"><code><t:t k="tools.cli.command"/></code></pre>
  </section>

  <ul id="tools-messages" hidden="hidden">
    <li data-k="busy"><t:t k="tools.busy"/></li>
    <li data-k="error.internal"><t:t k="tools.error.internal"/></li>
    <li data-k="error.no-webcrypto"><t:t k="tools.error.no-webcrypto"/></li>
    <li data-k="error.passphrase-short"><t:t k="tools.error.passphrase-short"/></li>
    <li data-k="error.passphrase-repeat"><t:t k="tools.error.passphrase-repeat"/></li>
    <li data-k="error.key-missing"><t:t k="tools.error.key-missing"/></li>
    <li data-k="error.key-passphrase"><t:t k="tools.error.key-passphrase"/></li>
    <li data-k="error.key-passphrase-missing"><t:t k="tools.error.key-passphrase-missing"/></li>
    <li data-k="error.key-encryption"><t:t k="tools.error.key-encryption"/></li>
    <li data-k="error.key-format-old"><t:t k="tools.error.key-format-old"/></li>
    <li data-k="error.not-key"><t:t k="tools.error.not-key"/></li>
    <li data-k="error.key-unsupported"><t:t k="tools.error.key-unsupported"/></li>
    <li data-k="error.cert-missing"><t:t k="tools.error.cert-missing"/></li>
    <li data-k="error.not-certificate"><t:t k="tools.error.not-certificate"/></li>
    <li data-k="error.chain-not-certificate"><t:t k="tools.error.chain-not-certificate"/></li>
    <li data-k="error.mismatch"><t:t k="tools.error.mismatch"/></li>
    <li data-k="error.order"><t:t k="tools.error.order"/></li>
    <li data-k="error.fetch"><t:t k="tools.error.fetch"/></li>
  </ul>
  <script src="/tools/tools.js"></script>
</xsl:template>

</xsl:stylesheet>
