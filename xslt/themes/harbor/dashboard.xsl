<?xml version="1.0" encoding="UTF-8"?>
<!--
  Harbor Mail's dashboard: the base dashboard with its own greeting, a
  banner with the three steps in a row. Only this template is replaced;
  the renderer imports this file after base/dashboard.xsl and brand.xsl.
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:t="urn:smime-activation:i18n"
    exclude-result-prefixes="t">

<xsl:template name="dashboard-hello">
  <section class="card hello harbor-hello">
    <div class="harbor-hello-text">
      <h1 class="card-title"><t:t k="dashboard.hello"/></h1>
      <p><t:t k="dashboard.hello.text"/></p>
    </div>
    <ol class="harbor-steps">
      <li><span class="harbor-step-num">1</span><t:t k="step.data"/></li>
      <li><span class="harbor-step-num">2</span><t:t k="step.email"/></li>
      <li><span class="harbor-step-num">3</span><t:t k="step.activation"/></li>
    </ol>
  </section>
</xsl:template>

</xsl:stylesheet>
