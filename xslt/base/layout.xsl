<?xml version="1.0" encoding="UTF-8"?>
<!--
  The frame of every page and the templates the pages share.

  A page stylesheet imports this one and defines two named templates:
    page-title   the page's title as text (the <title> and, usually, its h1)
    content      what goes inside <main>
  and may define
    errors       where page-level errors go (the default puts them on top
                 of <main>; error.xsl turns it off).

  A theme overrides these in its brand.xsl, which the renderer imports
  into every page after the base page (see themes/example/brand.xsl and
  docs/theming.md):
    brand-logo   the mark left of the brand name in the top bar
    brand-css    extra <link> elements in <head>, after /static/style.css
    topbar       the whole top bar (brand, then the account)
    footer       the content of <footer>
    product-name the name of an order's or an event's product
                 (product-name.xsl, which the mails include too)

  Shared templates for pages:
    order (mode tile)       an order's tile, as on the dashboard
    step  (mode button)     a step's button with its status pill
    order-status, step-status, event-text (text), status-pill (pill)
    orders-table, events-table, empty, date, errors, field-error,
    csrf-field

  Texts are <t:t k="…"/>, replaced by the catalogue when the renderer
  compiles the stylesheet (see xslt/README.md). White space between two
  texts must be an explicit <xsl:text> </xsl:text>.
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:t="urn:smime-activation:i18n"
    exclude-result-prefixes="t">

<xsl:output method="html" encoding="UTF-8" indent="no"
    doctype-system="about:legacy-compat"/>

<xsl:variable name="page-name" select="string(/page/@name)"/>

<!-- ===================================================== the frame -->

<xsl:template match="/">
  <html>
    <xsl:attribute name="lang">
      <xsl:choose>
        <xsl:when test="string(page/@lang)"><xsl:value-of select="page/@lang"/></xsl:when>
        <xsl:otherwise>en</xsl:otherwise>
      </xsl:choose>
    </xsl:attribute>
    <head>
      <meta charset="utf-8"/>
      <meta name="viewport" content="width=device-width, initial-scale=1"/>
      <xsl:for-each select="page/refresh[1]">
        <meta http-equiv="refresh" content="{@seconds}; url={@url}"/>
      </xsl:for-each>
      <title>
        <xsl:call-template name="page-title"/>
        <xsl:text> - </xsl:text>
        <xsl:value-of select="page/brand/@name"/>
      </title>
      <link rel="stylesheet" href="/static/style.css"/>
      <xsl:call-template name="brand-css"/>
    </head>
    <body class="page-{$page-name}">
      <a class="skip" href="#main"><t:t k="layout.skip"/></a>
      <xsl:call-template name="topbar"/>
      <div class="shell">
        <xsl:if test="page/account">
          <xsl:call-template name="sidebar"/>
        </xsl:if>
        <div class="column">
          <main id="main" class="main">
            <xsl:call-template name="errors"/>
            <xsl:call-template name="content"/>
          </main>
          <footer class="footer">
            <xsl:call-template name="footer"/>
          </footer>
        </div>
      </div>
    </body>
  </html>
</xsl:template>

<!-- Defaults, defined by each page. -->
<xsl:template name="page-title"/>
<xsl:template name="content"/>

<!-- The brand's mark: a shield holding an envelope. -->
<xsl:template name="brand-logo">
  <svg class="brand-logo" viewBox="0 0 32 32" width="32" height="32" aria-hidden="true" focusable="false">
    <path fill="currentColor" d="M16 1.5 3.5 6v9.2c0 7.5 5.3 13.8 12.5 15.3 7.2-1.5 12.5-7.8 12.5-15.3V6z"/>
    <path fill="#fff" d="M9 11.5h14a1 1 0 0 1 1 1v8a1 1 0 0 1-1 1H9a1 1 0 0 1-1-1v-8a1 1 0 0 1 1-1zm.6 1.6L16 17.4l6.4-4.3z"/>
  </svg>
</xsl:template>

<!-- The top bar: the brand (mark, name, tagline), then the account. -->
<xsl:template name="topbar">
  <header class="topbar">
    <xsl:call-template name="brand-link"/>
    <xsl:apply-templates select="/page/langs"/>
    <xsl:apply-templates select="/page/account"/>
  </header>
</xsl:template>

<xsl:template name="brand-link">
  <a class="brand" href="/">
    <xsl:call-template name="brand-logo"/>
    <span class="brand-text">
      <span class="brand-name"><xsl:value-of select="/page/brand/@name"/></span>
      <span class="brand-tagline"><t:t k="layout.tagline"/></span>
    </span>
  </a>
</xsl:template>

<!-- Extra stylesheets of a theme. -->
<xsl:template name="brand-css"/>

<xsl:template name="footer">
  <span class="footer-brand"><xsl:value-of select="/page/brand/@name"/></span>
  <xsl:call-template name="brand-links"/>
  <span class="footer-powered"><t:t k="layout.powered"/></span>
</xsl:template>

<!-- The brand's help and support links (SMIME_HELP_URL,
     SMIME_SUPPORT_URL), each when set. -->
<xsl:template name="brand-links">
  <xsl:if test="string(/page/brand/@help)">
    <a class="footer-link" href="{/page/brand/@help}"><t:t k="layout.help"/></a>
  </xsl:if>
  <xsl:if test="string(/page/brand/@support)">
    <a class="footer-link" href="{/page/brand/@support}"><t:t k="layout.support"/></a>
  </xsl:if>
</xsl:template>

<!-- The language switch: a link per language the server allows (no
     script: /lang sets a cookie and comes back to this page). -->
<xsl:template match="langs">
  <nav class="langs">
    <xsl:attribute name="aria-label"><t:t k="layout.language"/></xsl:attribute>
    <ul>
      <xsl:for-each select="lang">
        <li>
          <xsl:choose>
            <xsl:when test="@code = /page/@lang">
              <span class="lang-current" aria-current="true" lang="{@code}"><xsl:value-of select="@code"/></span>
            </xsl:when>
            <xsl:otherwise>
              <a href="/lang?l={@code}&amp;back={/page/@path}" lang="{@code}" hreflang="{@code}">
                <xsl:choose>
                  <xsl:when test="@code = 'pl'"><xsl:attribute name="title">Polski</xsl:attribute></xsl:when>
                  <xsl:when test="@code = 'en'"><xsl:attribute name="title">English</xsl:attribute></xsl:when>
                </xsl:choose>
                <xsl:value-of select="@code"/>
              </a>
            </xsl:otherwise>
          </xsl:choose>
        </li>
      </xsl:for-each>
    </ul>
  </nav>
</xsl:template>

<!-- The account in the top bar: its login and, in a circle, its initial. -->
<xsl:template match="account">
  <div class="account">
    <xsl:if test="string(@name)">
      <xsl:attribute name="title"><xsl:value-of select="@name"/></xsl:attribute>
    </xsl:if>
    <span class="account-text">
      <span class="account-label"><t:t k="layout.account"/></span>
      <span class="account-login"><xsl:value-of select="@login"/></span>
    </span>
    <span class="avatar" aria-hidden="true">
      <xsl:value-of select="translate(substring(@login, 1, 1),
          'abcdefghijklmnopqrstuvwxyząćęłńóśźż',
          'ABCDEFGHIJKLMNOPQRSTUVWXYZĄĆĘŁŃÓŚŹŻ')"/>
    </span>
  </div>
</xsl:template>

<!-- The sidebar; the item of the current page carries aria-current. -->
<xsl:template name="sidebar">
  <nav class="sidebar">
    <xsl:attribute name="aria-label"><t:t k="nav.label"/></xsl:attribute>
    <ul class="nav">
      <li>
        <a class="nav-item" href="/">
          <xsl:if test="$page-name = 'dashboard'">
            <xsl:attribute name="aria-current">page</xsl:attribute>
          </xsl:if>
          <span class="icon i-dashboard" aria-hidden="true"></span>
          <span><t:t k="nav.dashboard"/></span>
        </a>
      </li>
      <li>
        <a class="nav-item" href="/certificates">
          <xsl:if test="$page-name = 'certificates' or $page-name = 'certificate'">
            <xsl:attribute name="aria-current">page</xsl:attribute>
          </xsl:if>
          <span class="icon i-certificate" aria-hidden="true"></span>
          <span><t:t k="nav.certificates"/></span>
        </a>
      </li>
      <li>
        <a class="nav-item" href="/search">
          <xsl:if test="$page-name = 'search'">
            <xsl:attribute name="aria-current">page</xsl:attribute>
          </xsl:if>
          <span class="icon i-search" aria-hidden="true"></span>
          <span><t:t k="nav.search"/></span>
        </a>
      </li>
      <xsl:if test="/page/account/@role = 'partner'">
        <li>
          <a class="nav-item" href="/partner/">
            <xsl:if test="starts-with($page-name, 'partner')">
              <xsl:attribute name="aria-current">page</xsl:attribute>
            </xsl:if>
            <span class="icon i-partner" aria-hidden="true"></span>
            <span><t:t k="nav.partner"/></span>
          </a>
        </li>
      </xsl:if>
      <xsl:if test="/page/account/@role = 'customer' or /page/account/@role = 'partner'">
        <li>
          <a class="nav-item" href="/acme-access/">
            <xsl:if test="$page-name = 'acme-access'">
              <xsl:attribute name="aria-current">page</xsl:attribute>
            </xsl:if>
            <span class="icon i-link" aria-hidden="true"></span>
            <span><t:t k="nav.acme"/></span>
          </a>
        </li>
      </xsl:if>
      <xsl:if test="/page/account/@role = 'operator'">
        <li>
          <a class="nav-item" href="/operator/">
            <xsl:if test="starts-with($page-name, 'operator') and $page-name != 'operator-acme'">
              <xsl:attribute name="aria-current">page</xsl:attribute>
            </xsl:if>
            <span class="icon i-operator" aria-hidden="true"></span>
            <span><t:t k="nav.operator"/></span>
          </a>
        </li>
        <li>
          <a class="nav-item" href="/operator/acme/">
            <xsl:if test="$page-name = 'operator-acme'">
              <xsl:attribute name="aria-current">page</xsl:attribute>
            </xsl:if>
            <span class="icon i-link" aria-hidden="true"></span>
            <span><t:t k="nav.operator-acme"/></span>
          </a>
        </li>
      </xsl:if>
    </ul>
  </nav>
</xsl:template>

<!-- ================================================ errors and forms -->

<!-- Page-level errors (<error> without @field) as one alert. -->
<xsl:template name="errors">
  <xsl:if test="/page/error[not(@field)]">
    <div class="alert" role="alert">
      <span class="icon i-alert" aria-hidden="true"></span>
      <div class="alert-body">
        <xsl:for-each select="/page/error[not(@field)]">
          <p><xsl:value-of select="."/></p>
        </xsl:for-each>
      </div>
    </div>
  </xsl:if>
</xsl:template>

<!-- The message of form field $field, if any, with id "<field>-error"
     for the input's aria-describedby. -->
<xsl:template name="field-error">
  <xsl:param name="field"/>
  <xsl:for-each select="/page/error[@field = $field][1]">
    <p class="field-error" id="{$field}-error"><xsl:value-of select="."/></p>
  </xsl:for-each>
</xsl:template>

<!-- The hidden CSRF field every POST form carries. -->
<xsl:template name="csrf-field">
  <input type="hidden" name="csrf" value="{/page/csrf}"/>
</xsl:template>

<!-- ======================================================= small bits -->

<!-- An ISO 8601 time shown as its date (2026-11-24), "-" when empty. -->
<xsl:template name="date">
  <xsl:param name="value"/>
  <xsl:choose>
    <xsl:when test="string-length($value) &gt;= 10">
      <xsl:value-of select="substring($value, 1, 10)"/>
    </xsl:when>
    <xsl:otherwise><t:t k="common.none"/></xsl:otherwise>
  </xsl:choose>
</xsl:template>

<!-- A value, or "-" when it is empty. -->
<xsl:template name="value">
  <xsl:param name="value"/>
  <xsl:choose>
    <xsl:when test="string($value)"><xsl:value-of select="$value"/></xsl:when>
    <xsl:otherwise><t:t k="common.none"/></xsl:otherwise>
  </xsl:choose>
</xsl:template>

<!-- An empty state: an icon, a sentence and an optional second one. -->
<xsl:template name="empty">
  <xsl:param name="text"/>
  <xsl:param name="detail"/>
  <div class="empty">
    <span class="icon i-box" aria-hidden="true"></span>
    <p class="empty-text"><xsl:value-of select="$text"/></p>
    <xsl:if test="string($detail)">
      <p class="empty-detail"><xsl:value-of select="$detail"/></p>
    </xsl:if>
  </div>
</xsl:template>

<!-- product-name: the name of an order's or an event's product, shared
     with the mails. -->
<xsl:include href="product-name.xsl"/>

<!-- The words of an order status. -->
<xsl:template name="order-status">
  <xsl:param name="status" select="@status"/>
  <xsl:choose>
    <xsl:when test="$status = 'waiting'"><t:t k="status.order.waiting"/></xsl:when>
    <xsl:when test="$status = 'verification'"><t:t k="status.order.verification"/></xsl:when>
    <xsl:when test="$status = 'issued'"><t:t k="status.order.issued"/></xsl:when>
    <xsl:when test="$status = 'revoked'"><t:t k="status.order.revoked"/></xsl:when>
    <xsl:when test="$status = 'expired'"><t:t k="status.order.expired"/></xsl:when>
    <xsl:when test="$status = 'rejected'"><t:t k="status.order.rejected"/></xsl:when>
    <xsl:otherwise><xsl:value-of select="$status"/></xsl:otherwise>
  </xsl:choose>
</xsl:template>

<!-- The words of a step status. -->
<xsl:template name="step-status">
  <xsl:param name="status" select="@status"/>
  <xsl:choose>
    <xsl:when test="$status = 'awaiting'"><t:t k="status.step.awaiting"/></xsl:when>
    <xsl:when test="$status = 'submitted'"><t:t k="status.step.submitted"/></xsl:when>
    <xsl:when test="$status = 'verified'"><t:t k="status.step.verified"/></xsl:when>
    <xsl:when test="$status = 'rejected'"><t:t k="status.step.rejected"/></xsl:when>
    <xsl:when test="$status = 'issued'"><t:t k="status.step.issued"/></xsl:when>
    <xsl:otherwise><t:t k="status.step.unavailable"/></xsl:otherwise>
  </xsl:choose>
</xsl:template>

<!-- An order's status as a coloured pill (class s-<status>). -->
<xsl:template name="status-pill">
  <xsl:param name="status" select="@status"/>
  <span class="pill s-{$status}">
    <xsl:call-template name="order-status">
      <xsl:with-param name="status" select="$status"/>
    </xsl:call-template>
  </span>
</xsl:template>

<!-- The name of step $step ('data', 'email', 'activation'). -->
<xsl:template name="step-name">
  <xsl:param name="step" select="@name"/>
  <xsl:choose>
    <xsl:when test="$step = 'data'"><t:t k="step.data"/></xsl:when>
    <xsl:when test="$step = 'email'"><t:t k="step.email"/></xsl:when>
    <xsl:when test="$step = 'activation'"><t:t k="step.activation"/></xsl:when>
    <xsl:otherwise><xsl:value-of select="$step"/></xsl:otherwise>
  </xsl:choose>
</xsl:template>

<!-- The words of an event (context: an <event>). -->
<xsl:template name="event-text">
  <xsl:choose>
    <xsl:when test="@type = 'order-created'"><t:t k="event.order-created"/></xsl:when>
    <xsl:when test="@type = 'data-submitted'"><t:t k="event.data-submitted"/></xsl:when>
    <xsl:when test="@type = 'data-verified'"><t:t k="event.data-verified"/></xsl:when>
    <xsl:when test="@type = 'data-rejected'"><t:t k="event.data-rejected"/></xsl:when>
    <xsl:when test="@type = 'email-submitted'"><t:t k="event.email-submitted"/></xsl:when>
    <xsl:when test="@type = 'email-verified'"><t:t k="event.email-verified"/></xsl:when>
    <xsl:when test="@type = 'certificate-issued'"><t:t k="event.certificate-issued"/></xsl:when>
    <xsl:when test="@type = 'certificate-revoked'"><t:t k="event.certificate-revoked"/></xsl:when>
    <xsl:when test="@type = 'certificate-expiring'"><t:t k="event.certificate-expiring"/></xsl:when>
    <xsl:when test="@type = 'certificate-expired'"><t:t k="event.certificate-expired"/></xsl:when>
    <xsl:when test="@type = 'invitation-accepted'"><t:t k="event.invitation-accepted"/></xsl:when>
    <xsl:otherwise><xsl:value-of select="@type"/></xsl:otherwise>
  </xsl:choose>
</xsl:template>

<!-- ================================================== steps and tiles -->

<!-- The path of a step's wizard for order $id: /data/12 and so on;
     for operators, who verify but do not fill in the steps, the order's
     details. -->
<xsl:template name="step-href">
  <xsl:param name="id" select="../@id"/>
  <xsl:choose>
    <xsl:when test="/page/account/@role = 'operator'">/certificates/</xsl:when>
    <xsl:when test="@name = 'data'">/data/</xsl:when>
    <xsl:when test="@name = 'email'">/email/</xsl:when>
    <xsl:otherwise>/activation/</xsl:otherwise>
  </xsl:choose>
  <xsl:value-of select="$id"/>
</xsl:template>

<!-- A step's button: its number, name and status pill. A link to the
     step's wizard unless the step is unavailable. The markup is lean on
     purpose: a dashboard has three of these per order. -->
<xsl:template match="step" mode="button">
  <xsl:choose>
    <xsl:when test="not(string(@status)) or @status = 'unavailable'">
      <div class="step s-unavailable">
        <xsl:call-template name="step-inner"/>
      </div>
    </xsl:when>
    <xsl:otherwise>
      <a class="step s-{@status}">
        <xsl:attribute name="href"><xsl:call-template name="step-href"/></xsl:attribute>
        <xsl:call-template name="step-inner"/>
      </a>
    </xsl:otherwise>
  </xsl:choose>
</xsl:template>

<xsl:template name="step-inner">
  <span class="step-num"><xsl:value-of select="position()"/></span>
  <span class="step-name"><xsl:call-template name="step-name"/></span>
  <span class="pill s-{@status}"><xsl:call-template name="step-status"/></span>
</xsl:template>

<!-- An order's tile: title, number, the step buttons, the facts and the
     "Show more" link. -->
<xsl:template match="order" mode="tile">
  <article class="card tile">
    <div class="tile-head">
      <span class="tile-mark" aria-hidden="true"></span>
      <h3 class="tile-title"><t:t k="order.title"/></h3>
      <p class="tile-number">
        <t:t k="order.number"/>
        <xsl:text> </xsl:text>
        <span class="mono"><xsl:value-of select="@number"/></span>
      </p>
    </div>
    <div class="steps" role="group">
      <xsl:attribute name="aria-label"><t:t k="order.steps"/></xsl:attribute>
      <xsl:apply-templates select="step" mode="button"/>
    </div>
    <dl class="facts">
      <dt><t:t k="common.product"/></dt>
      <dd><xsl:call-template name="product-name"/></dd>
      <dt><t:t k="common.status"/></dt>
      <dd><xsl:call-template name="status-pill"/></dd>
      <dt><t:t k="common.common-name"/></dt>
      <dd>
        <xsl:call-template name="value">
          <xsl:with-param name="value" select="common-name"/>
        </xsl:call-template>
      </dd>
      <dt><t:t k="common.expires"/></dt>
      <dd>
        <xsl:call-template name="date">
          <xsl:with-param name="value" select="expires"/>
        </xsl:call-template>
      </dd>
    </dl>
    <a class="more" href="/certificates/{@id}"><t:t k="common.show-more"/></a>
  </article>
</xsl:template>

<!-- ========================================================== tables -->

<!-- A table of $orders: number (with the product under it), status,
     common name, expiry and "Show more". Cells carry data-label for the
     phone layout. -->
<xsl:template name="orders-table">
  <xsl:param name="orders"/>
  <div class="table-wrap">
    <table class="table">
      <thead>
        <tr>
          <th scope="col"><t:t k="common.order-number"/></th>
          <th scope="col"><t:t k="common.status"/></th>
          <th scope="col"><t:t k="common.common-name"/></th>
          <th scope="col"><t:t k="common.expires"/></th>
          <th scope="col"><span class="sr-only"><t:t k="common.show-more"/></span></th>
        </tr>
      </thead>
      <tbody>
        <xsl:for-each select="$orders">
          <tr>
            <td class="cell-main">
              <xsl:attribute name="data-label"><t:t k="common.order-number"/></xsl:attribute>
              <a class="mono" href="/certificates/{@id}"><xsl:value-of select="@number"/></a>
              <span class="cell-sub"><xsl:call-template name="product-name"/></span>
            </td>
            <td>
              <xsl:attribute name="data-label"><t:t k="common.status"/></xsl:attribute>
              <xsl:call-template name="status-pill"/>
            </td>
            <td class="break">
              <xsl:attribute name="data-label"><t:t k="common.common-name"/></xsl:attribute>
              <xsl:call-template name="value">
                <xsl:with-param name="value" select="common-name"/>
              </xsl:call-template>
            </td>
            <td class="nowrap">
              <xsl:attribute name="data-label"><t:t k="common.expires"/></xsl:attribute>
              <xsl:call-template name="date">
                <xsl:with-param name="value" select="expires"/>
              </xsl:call-template>
            </td>
            <td class="cell-more">
              <a class="more" href="/certificates/{@id}"><t:t k="common.show-more"/></a>
            </td>
          </tr>
        </xsl:for-each>
      </tbody>
    </table>
  </div>
</xsl:template>

<!-- A table of $events: the event (with its order number, linked, when
     $orders is true), the product when $orders is true, and the date. -->
<xsl:template name="events-table">
  <xsl:param name="events"/>
  <xsl:param name="orders" select="true()"/>
  <div class="table-wrap">
    <table class="table table-events">
      <thead>
        <tr>
          <th scope="col"><t:t k="dashboard.events.event"/></th>
          <xsl:if test="$orders">
            <th scope="col"><t:t k="dashboard.events.product"/></th>
          </xsl:if>
          <th scope="col"><t:t k="dashboard.events.date"/></th>
        </tr>
      </thead>
      <tbody>
        <xsl:for-each select="$events">
          <tr>
            <td class="cell-main">
              <xsl:attribute name="data-label"><t:t k="dashboard.events.event"/></xsl:attribute>
              <span class="event event-{@type}"><xsl:call-template name="event-text"/></span>
              <xsl:if test="$orders and string(@number)">
                <a class="cell-sub mono" href="/certificates/{@order}"><xsl:value-of select="@number"/></a>
              </xsl:if>
            </td>
            <xsl:if test="$orders">
              <td>
                <xsl:attribute name="data-label"><t:t k="dashboard.events.product"/></xsl:attribute>
                <xsl:choose>
                  <xsl:when test="string(@product)"><xsl:call-template name="product-name"/></xsl:when>
                  <xsl:otherwise><t:t k="common.none"/></xsl:otherwise>
                </xsl:choose>
              </td>
            </xsl:if>
            <td class="nowrap">
              <xsl:attribute name="data-label"><t:t k="dashboard.events.date"/></xsl:attribute>
              <xsl:call-template name="date">
                <xsl:with-param name="value" select="@date"/>
              </xsl:call-template>
            </td>
          </tr>
        </xsl:for-each>
      </tbody>
    </table>
  </div>
</xsl:template>

</xsl:stylesheet>
