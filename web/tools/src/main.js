// The CSR and PFX generator page. Everything happens here, in the
// browser: the keys are made and read by WebCrypto and never sent
// anywhere. The only requests the page makes are GETs of the issued
// certificate and its chain, on the same site, when the person asks.
import { ToolError, bytes } from "./bytes.js";
import { certificateName, encryptKey, keyMatches, makeCsr, readCertificates, readKeyFile } from "./keys.js";
import { MODES, buildPfx } from "./pkcs12.js";

const MIN_PASSPHRASE = 8;
const $ = (id) => document.getElementById(id);

// The catalogue's texts, rendered into the page (tools.xsl).
function message(key) {
	const el = document.querySelector('#tools-messages [data-k="' + key + '"]');
	return el ? el.textContent : key;
}

function showError(section, err) {
	const code = err instanceof ToolError ? err.code : "internal";
	const box = $(section + "-error");
	box.dataset.error = code;
	let text = message("error." + code);
	if (code === "internal")
		text += " (" + (err && err.message ? err.message : String(err)) + ")";
	$(section + "-error-text").textContent = text;
	box.hidden = false;
	box.scrollIntoView({ block: "nearest" });
	if (code === "internal" && globalThis.console)
		console.error(err);
}

function clearError(section) {
	const box = $(section + "-error");
	box.hidden = true;
	delete box.dataset.error;
}

// Runs the async work of a form with its button busy; any error is
// named in the section's alert.
async function busy(section, button, work) {
	clearError(section);
	const label = button.textContent;
	button.disabled = true;
	button.textContent = message("busy");
	try {
		await work();
	} catch (e) {
		showError(section, e);
	} finally {
		button.disabled = false;
		button.textContent = label;
	}
}

function newPassphrase(a, b) {
	if (a.value.length < MIN_PASSPHRASE)
		throw new ToolError("passphrase-short");
	if (a.value !== b.value)
		throw new ToolError("passphrase-repeat");
	return a.value;
}

const urls = {};
// Points link A at a download of DATA named NAME (a blob: URL, released
// when replaced).
function offer(a, data, type, name) {
	if (urls[a.id])
		URL.revokeObjectURL(urls[a.id]);
	urls[a.id] = URL.createObjectURL(new Blob([data], { type }));
	a.href = urls[a.id];
	a.download = name;
}

async function fileBytes(input) {
	const f = input.files && input.files[0];
	return f ? bytes(await f.arrayBuffer()) : null;
}

// ---- the CSR --------------------------------------------------------------

// A key made and not yet downloaded: leaving the page would lose it.
let keyPending = false;

async function onCsr(ev) {
	ev.preventDefault();
	await busy("csr", $("csr-make"), async () => {
		const passphrase = newPassphrase($("csr-pass"), $("csr-pass2"));
		const type = $("csr-key").value;
		$("csr-result").hidden = true;
		const { csrPem, pkcs8 } = await makeCsr(type);
		const keyPem = await encryptKey(pkcs8, passphrase);
		pkcs8.fill(0);
		offer($("csr-key-download"), keyPem, "application/x-pem-file", "smime-" + type + "-private-key.pem");
		offer($("csr-download"), csrPem, "application/pkcs10", "smime-" + type + "-request.csr");
		$("csr-pem").value = csrPem;
		$("csr-pass").value = "";
		$("csr-pass2").value = "";
		$("csr-result").hidden = false;
		$("csr-result").dataset.key = type;
		keyPending = true;
		$("csr-key-download").focus();
	});
}

async function onCopy() {
	const text = $("csr-pem").value;
	try {
		await navigator.clipboard.writeText(text);
	} catch (e) {
		$("csr-pem").select();
		document.execCommand("copy");
	}
	$("csr-copied").hidden = false;
}

// ---- the PFX --------------------------------------------------------------

let fetched = null;	// { order, cert (bytes), chain (bytes) } from the site

async function onFetch() {
	await busy("pfx", $("pfx-fetch"), async () => {
		fetched = null;
		$("pfx-fetched").hidden = true;
		const order = $("pfx-order").value.trim();
		if (!/^[0-9]{1,18}$/.test(order))
			throw new ToolError("order");
		const get = async (name) => {
			let r;
			try {
				r = await fetch("/certificates/" + order + "/" + name,
				    { credentials: "same-origin", cache: "no-store", redirect: "error" });
			} catch (e) {
				throw new ToolError("fetch");
			}
			if (!r.ok)
				throw new ToolError("fetch", String(r.status));
			return bytes(await r.arrayBuffer());
		};
		const cert = await get("cert.pem");
		const chain = await get("chain.pem");
		readCertificates(cert, "fetch");
		readCertificates(chain, "fetch");
		fetched = { order, cert, chain };
		$("pfx-cert").value = "";
		$("pfx-chain").value = "";
		$("pfx-fetched-order").textContent = order;
		$("pfx-fetched").hidden = false;
	});
}

function onCertFile() {
	fetched = null;
	$("pfx-fetched").hidden = true;
}

async function onPfx(ev) {
	ev.preventDefault();
	await busy("pfx", $("pfx-make"), async () => {
		$("pfx-result").hidden = true;
		const keyFile = await fileBytes($("pfx-key"));
		if (!keyFile)
			throw new ToolError("key-missing");
		let certFile = await fileBytes($("pfx-cert"));
		let chainFile = await fileBytes($("pfx-chain"));
		if (!certFile && fetched) {
			certFile = fetched.cert;
			chainFile = chainFile || fetched.chain;
		}
		if (!certFile)
			throw new ToolError("cert-missing");
		const password = newPassphrase($("pfx-pass"), $("pfx-pass2"));
		const modeInput = document.querySelector('input[name="pfx-mode"]:checked');
		const mode = modeInput && MODES.includes(modeInput.value) ? modeInput.value : "modern";

		const key = await readKeyFile(keyFile, $("pfx-key-pass").value);
		const certs = readCertificates(certFile, "not-certificate");
		const chainCerts = chainFile ? readCertificates(chainFile, "chain-not-certificate") : [];
		let leaf = null;
		for (const c of certs) {
			if (await keyMatches(key, c.cert)) {
				leaf = c;
				break;
			}
		}
		if (!leaf)
			throw new ToolError("mismatch");
		// The rest of the certificate file and the chain file, once each.
		const seen = new Set([leaf.der.join(",")]);
		const chain = [];
		for (const c of certs.concat(chainCerts)) {
			const id = c.der.join(",");
			if (!seen.has(id)) {
				seen.add(id);
				chain.push(c.der);
			}
		}
		const name = $("pfx-name").value.trim() || certificateName(leaf.cert);
		const pfx = await buildPfx({ pkcs8: key.pkcs8, leaf: leaf.der, chain, name, password, mode });
		key.pkcs8.fill(0);
		$("pfx-pass").value = "";
		$("pfx-pass2").value = "";
		const base = (name || "certificate").replace(/[^A-Za-z0-9@._-]+/g, "_").slice(0, 64);
		offer($("pfx-download"), pfx, "application/x-pkcs12", base + (mode === "compatible" ? "-compatible" : "") + ".pfx");
		$("pfx-result").dataset.mode = mode;
		$("pfx-result").dataset.chain = String(chain.length);
		$("pfx-result").hidden = false;
		$("pfx-download").focus();
	});
}

function start() {
	$("tools-app").hidden = false;
	if (!globalThis.isSecureContext || !globalThis.crypto || !globalThis.crypto.subtle) {
		showError("csr", new ToolError("no-webcrypto"));
		showError("pfx", new ToolError("no-webcrypto"));
		return;
	}
	const order = new URLSearchParams(location.search).get("order");
	if (order && /^[0-9]{1,18}$/.test(order))
		$("pfx-order").value = order;
	$("csr-form").addEventListener("submit", onCsr);
	$("csr-copy").addEventListener("click", onCopy);
	$("csr-key-download").addEventListener("click", () => { keyPending = false; });
	addEventListener("beforeunload", (ev) => {
		if (keyPending) {
			ev.preventDefault();
			ev.returnValue = "";
		}
	});
	$("pfx-form").addEventListener("submit", onPfx);
	$("pfx-fetch").addEventListener("click", onFetch);
	$("pfx-cert").addEventListener("change", onCertFile);
	document.body.dataset.ready = "1";
}


if (document.readyState === "loading")
	document.addEventListener("DOMContentLoaded", start);
else
	start();
