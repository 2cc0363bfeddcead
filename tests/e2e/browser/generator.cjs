// Drives Debian's chromium (puppeteer-core, headless) through the CSR and
// PFX generator as a customer would: a CSR made on /tools/, pasted into
// the wizard of a ready order and issued, then PFX files built on the
// page in both modes, and the page's named errors. Every download lands
// in OUT; what the page asked of the network goes to OUT/requests.json,
// the texts of the errors to OUT/errors.json.
//
//   node generator.cjs   (environment below; exits non-zero on a failure)
//   BASE      http://127.0.0.1:PORT      USER  login (its password too)
//   ORDERS    rsa2048:ID,p256:ID         OUT   a folder for the files
//   PASS      the key passphrase         PFXPASS  the PFX password
//   CHROMIUM  the browser                SHOTS  a folder for screenshots (optional)
"use strict";
const fs = require("fs");
const os = require("os");
const path = require("path");
const puppeteer = require("puppeteer-core");

const env = (k) => {
	if (!process.env[k])
		throw new Error("missing " + k);
	return process.env[k];
};
const BASE = env("BASE");
const USER = env("USER");
const OUT = env("OUT");
const PASS = env("PASS");
const PFXPASS = env("PFXPASS");
const ORDERS = env("ORDERS").split(",").map((s) => s.split(":"));
const SHOTS = process.env.SHOTS || "";
const STEP_MS = 120000;

const requests = [];
const errors = {};
let failures = 0;

function check(what, ok, detail) {
	console.log((ok ? "ok - " : "not ok - ") + what);
	if (!ok) {
		failures++;
		if (detail !== undefined)
			console.log("  " + String(detail).slice(0, 600));
	}
}

// Waits, bounded, for a finished download named NAME in OUT.
async function download(name) {
	const f = path.join(OUT, name);
	for (let i = 0; i < 600; i++) {
		if (fs.existsSync(f) && !fs.existsSync(f + ".crdownload") && fs.statSync(f).size > 0)
			return f;
		await new Promise((r) => setTimeout(r, 100));
	}
	throw new Error("no download " + name);
}

async function linkName(page, id) {
	return page.$eval("#" + id, (a) => a.download);
}

async function visible(page, id) {
	await page.waitForFunction((i) => {
		const e = document.getElementById(i);
		return e && !e.hidden;
	}, { timeout: STEP_MS }, id);
}

// Submits the form whose action ends with ACTION and waits for the page.
async function submit(page, action) {
	const sel = 'form[action$="' + action + '"] button[type="submit"]';
	await page.waitForSelector(sel, { timeout: STEP_MS });
	await Promise.all([
		page.waitForNavigation({ timeout: STEP_MS }),
		page.click(sel),
	]);
}

async function openTools(page, query) {
	await page.goto(BASE + "/tools/" + (query || ""), { timeout: STEP_MS });
	await page.waitForSelector("body[data-ready='1']", { timeout: STEP_MS });
}

async function fill(page, sel, value) {
	await page.$eval(sel, (e) => { e.value = ""; });
	await page.type(sel, value);
}

// The page's error of SECTION after pressing BUTTON: its code and text.
async function errorAfter(page, section, button) {
	await page.$eval("#" + section + "-error", (e) => { e.hidden = true; delete e.dataset.error; });
	await page.click("#" + button);
	await page.waitForFunction((s) => {
		const e = document.getElementById(s + "-error");
		const b = document.getElementById(s + "-make");
		return e && !e.hidden && b && !b.disabled;
	}, { timeout: STEP_MS }, section);
	return page.$eval("#" + section + "-error", (e) => ({ code: e.dataset.error, text: e.textContent.trim() }));
}

async function makeCsr(page, type) {
	await openTools(page);
	const t0 = Date.now();
	await page.select("#csr-key", type);
	await fill(page, "#csr-pass", PASS);
	await fill(page, "#csr-pass2", PASS);
	await page.click("#csr-make");
	await visible(page, "csr-result");
	console.log("# " + type + ": key pair, CSR and encrypted key file in " + (Date.now() - t0) + " ms");
	const pem = await page.$eval("#csr-pem", (t) => t.value);
	const name = await linkName(page, "csr-key-download");
	await page.click("#csr-key-download");
	const keyFile = await download(name);
	fs.writeFileSync(path.join(OUT, type + ".csr"), pem);
	fs.copyFileSync(keyFile, path.join(OUT, type + ".key.pem"));
	if (SHOTS && type === "rsa2048")
		await page.screenshot({ path: path.join(SHOTS, "tools-csr.png"), fullPage: true });
	return { pem, keyFile: path.join(OUT, type + ".key.pem") };
}

// The wizard of ORDER to the issued certificate, whichever of its pages
// it opens on: each page's form is filled and sent (the fields: the
// mailbox as common name; the method: a CSR; the CSR pasted; the
// summary submitted), at most eight pages.
async function activate(page, order, pem) {
	const base = "/activation/" + order;
	await page.goto(BASE + base, { timeout: STEP_MS });
	for (let i = 0; i < 8; i++) {
		const cls = await page.$eval("body", (b) => b.className);
		if (/page-activation-success/.test(cls))
			return cls;
		if (await page.$('form[action$="' + base + '/submit"]')) {
			await submit(page, base + "/submit");
		} else if (await page.$('textarea[name="csr"]')) {
			await page.$eval('textarea[name="csr"]', (t, v) => { t.value = v; }, pem);
			await submit(page, base + "/csr");
		} else if (await page.$('input[name="method"][value="csr"]')) {
			await page.click('input[name="method"][value="csr"]');
			await submit(page, base + "/method");
		} else if (await page.$("#f-cn")) {
			await page.select("#f-cn", "email");
			await submit(page, base);
		} else {
			return cls;
		}
	}
	return page.$eval("body", (b) => b.className);
}

async function buildPfx(page, order, keyFile, mode, label) {
	await openTools(page, "?order=" + order + "#pfx");
	const key = await page.$("#pfx-key");
	await key.uploadFile(keyFile);
	await fill(page, "#pfx-key-pass", PASS);
	await page.click("#pfx-fetch");
	await visible(page, "pfx-fetched");
	await fill(page, "#pfx-pass", PFXPASS);
	await fill(page, "#pfx-pass2", PFXPASS);
	await page.click("#pfx-mode-" + mode);
	const t0 = Date.now();
	await page.click("#pfx-make");
	await visible(page, "pfx-result");
	console.log("# " + label + ": PFX built in " + (Date.now() - t0) + " ms");
	const name = await linkName(page, "pfx-download");
	await page.click("#pfx-download");
	const f = await download(name);
	fs.copyFileSync(f, path.join(OUT, label + ".pfx"));
	if (SHOTS && label === "rsa2048-modern")
		await page.screenshot({ path: path.join(SHOTS, "tools-pfx.png"), fullPage: true });
	return f;
}

async function main() {
	const profile = fs.mkdtempSync(path.join(os.tmpdir(), "smime-chromium-"));
	const browser = await puppeteer.launch({
		executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
		headless: true,
		userDataDir: profile,
		args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
		    "--no-first-run", "--disable-background-networking",
		    "--disable-component-update", "--disable-sync",
		    "--disable-dev-shm-usage"],
		protocolTimeout: STEP_MS,
	});
	try {
		const page = await browser.newPage();
		page.setDefaultTimeout(STEP_MS);
		await page.setViewport({ width: 1280, height: 900 });
		await page.authenticate({ username: USER, password: USER });
		const cdp = await page.createCDPSession();
		await cdp.send("Browser.setDownloadBehavior", { behavior: "allow", downloadPath: OUT });
		const consoleErrors = [];
		// Script errors; failed loads are the network's record, checked apart.
		page.on("console", (m) => {
			if (m.type() === "error" && !/^Failed to load resource/.test(m.text()))
				consoleErrors.push(m.text());
		});
		page.on("pageerror", (e) => consoleErrors.push(String(e)));
		page.on("request", (r) => {
			requests.push({ method: r.method(), url: r.url(), body: r.postData() || "",
			    from: r.frame() ? r.frame().url() : "", type: r.resourceType(),
			    navigation: r.isNavigationRequest() });
		});

		const made = {};
		for (const [type, order] of ORDERS) {
			made[type] = await makeCsr(page, type);
			check(type + ": a CSR on the page", /^-----BEGIN CERTIFICATE REQUEST-----/.test(made[type].pem));
			const cls = await activate(page, order, made[type].pem);
			check(type + ": the wizard issued the certificate", /page-activation-success/.test(cls), cls);
			for (const mode of ["modern", "compatible"])
				await buildPfx(page, order, made[type].keyFile, mode, type + "-" + mode);
			check(type + ": two PFX files", true);
		}

		// The named errors: wrong passphrase, a key of another
		// certificate, a file that is not a certificate.
		const [t1, o1] = ORDERS[0];
		const [t2] = ORDERS[1];
		await openTools(page, "?order=" + o1);
		await (await page.$("#pfx-key")).uploadFile(made[t1].keyFile);
		await fill(page, "#pfx-key-pass", PASS + "-wrong");
		await page.click("#pfx-fetch");
		await visible(page, "pfx-fetched");
		await fill(page, "#pfx-pass", PFXPASS);
		await fill(page, "#pfx-pass2", PFXPASS);
		errors.passphrase = await errorAfter(page, "pfx", "pfx-make");
		await (await page.$("#pfx-key")).uploadFile(made[t2].keyFile);
		await fill(page, "#pfx-key-pass", PASS);
		errors.mismatch = await errorAfter(page, "pfx", "pfx-make");
		await (await page.$("#pfx-key")).uploadFile(made[t1].keyFile);
		await (await page.$("#pfx-cert")).uploadFile(path.join(OUT, t1 + ".csr"));
		errors.notcert = await errorAfter(page, "pfx", "pfx-make");
		await (await page.$("#pfx-cert")).uploadFile(made[t1].keyFile);
		errors.keyascert = await errorAfter(page, "pfx", "pfx-make");
		// The key is read first: the certificate field keeps a file.
		await (await page.$("#pfx-key")).uploadFile(env("ED_KEY"));
		errors.unsupported = await errorAfter(page, "pfx", "pfx-make");
		await (await page.$("#pfx-key")).uploadFile(path.join(OUT, t1 + ".csr"));
		errors.notkey = await errorAfter(page, "pfx", "pfx-make");
		await fill(page, "#csr-pass", "short");
		await fill(page, "#csr-pass2", "short");
		errors.short = await errorAfter(page, "csr", "csr-make");
		await fill(page, "#csr-pass", PASS);
		await fill(page, "#csr-pass2", PASS + "x");
		errors.repeat = await errorAfter(page, "csr", "csr-make");
		// Not signed in: the fetch is refused, and named.
		const stranger = await browser.createBrowserContext();
		const anon = await stranger.newPage();
		// A stranger's browser: whatever it is asked, it has no password.
		await anon.authenticate({ username: "nobody", password: "nobody" });
		await anon.goto(BASE + "/tools/pl/?order=" + o1, { timeout: STEP_MS });
		await anon.waitForSelector("body[data-ready='1']");
		errors.anonymous = await errorAfter(anon, "pfx", "pfx-fetch");
		errors.lang = await anon.$eval("html", (h) => h.lang);
		if (SHOTS)
			await anon.screenshot({ path: path.join(SHOTS, "tools-pl.png"), fullPage: true });
		// Without JavaScript: the page says what it needs, and hides
		// the forms that could not work.
		const nojs = await stranger.newPage();
		await nojs.setJavaScriptEnabled(false);
		await nojs.goto(BASE + "/tools/", { timeout: STEP_MS });
		const nojsState = await nojs.evaluate(() => {
			const n = document.querySelector(".tools-noscript");
			const app = document.getElementById("tools-app");
			return { shown: !!n && n.getBoundingClientRect().height > 0,
			    text: n ? n.textContent : "", app: !!app && app.getBoundingClientRect().height > 0 };
		});
		check("without JavaScript: the explanation shows", nojsState.shown &&
		    /needs JavaScript/.test(nojsState.text), JSON.stringify(nojsState));
		check("without JavaScript: no dead form", !nojsState.app);
		if (SHOTS)
			await nojs.screenshot({ path: path.join(SHOTS, "tools-nojs.png") });
		await stranger.close();

		// The other key types: a CSR and key file each, for openssl.
		for (const type of ["rsa3072", "rsa4096", "p384"]) {
			const m = await makeCsr(page, type);
			check(type + ": a CSR on the page", /^-----BEGIN CERTIFICATE REQUEST-----/.test(m.pem));
		}
		check("no error in the page's console", consoleErrors.length === 0, consoleErrors.join(" | "));
	} finally {
		fs.writeFileSync(path.join(OUT, "requests.json"), JSON.stringify(requests, null, 1));
		fs.writeFileSync(path.join(OUT, "errors.json"), JSON.stringify(errors, null, 1));
		await browser.close();
		fs.rmSync(profile, { recursive: true, force: true });
	}
}

main().then(() => process.exit(failures ? 1 : 0), (e) => {
	console.log("not ok - the browser run: " + (e && e.stack ? e.stack : e));
	try {
		fs.writeFileSync(path.join(OUT, "requests.json"), JSON.stringify(requests, null, 1));
		fs.writeFileSync(path.join(OUT, "errors.json"), JSON.stringify(errors, null, 1));
	} catch (x) { /* the folder is gone */ }
	process.exit(1);
});
