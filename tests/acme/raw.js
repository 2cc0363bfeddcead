// A deliberately low-level ACME client for the end-to-end tests: one
// request per run, built by hand with node's crypto, so that a test can
// send exactly the wrong thing (a bad signature, a nonce twice, another
// URL) and read what the server answers. Prints "key=value" lines:
// status, type (of a problem), location, nonce, and body.
//
//   node raw.js DIRECTORY_URL KEY.pem OP [ARGS...] [--option value...]
//
// OP:  nonce                      a fresh nonce from newNonce
//      new-account                newAccount (--eab-kid, --eab-hmac,
//                                 --contact, --only-existing)
//      post URL [JSON]            POST with the account's kid (--kid);
//                                 no JSON: POST-as-GET
//      key-change NEWKEY.pem      keyChange (--kid)
// Options that break a request on purpose:
//      --nonce N       use N as the nonce
//      --url U         sign U as the url header
//      --bad-sig       flip a bit of the signature
//      --ctype T       send Content-Type T
//      --jwk           sign with the jwk in the header instead of the kid
// And: --out FILE writes the answer's body to FILE.
'use strict';
const crypto = require('crypto');
const fs = require('fs');

const args = process.argv.slice(2);
const opt = {};
const pos = [];
for (let i = 0; i < args.length; i++) {
	if (args[i].startsWith('--')) {
		const k = args[i].slice(2);
		if (['bad-sig', 'only-existing', 'jwk'].includes(k))
			opt[k] = true;
		else
			opt[k] = args[++i];
	} else
		pos.push(args[i]);
}
const [dirUrl, keyFile, op, ...rest] = pos;
const b64u = (b) => Buffer.from(b).toString('base64url');

function loadKey(f) {
	const k = crypto.createPrivateKey(fs.readFileSync(f));
	const jwk = crypto.createPublicKey(k).export({ format: 'jwk' });
	let alg;
	if (jwk.kty === 'RSA') alg = 'RS256';
	else if (jwk.kty === 'OKP') alg = 'EdDSA';
	else alg = jwk.crv === 'P-384' ? 'ES384' : 'ES256';
	return { k, jwk, alg };
}

function sign(key, input) {
	switch (key.alg) {
	case 'RS256': return crypto.sign('sha256', input, key.k);
	case 'ES256': return crypto.sign('sha256', input, { key: key.k, dsaEncoding: 'ieee-p1363' });
	case 'ES384': return crypto.sign('sha384', input, { key: key.k, dsaEncoding: 'ieee-p1363' });
	default: return crypto.sign(null, input, key.k);
	}
}

function jws(key, header, payload) {
	const p = b64u(JSON.stringify(header));
	const pl = payload === '' ? '' : b64u(typeof payload === 'string' ? payload : JSON.stringify(payload));
	let sig = sign(key, Buffer.from(p + '.' + pl));
	return { protected: p, payload: pl, signature: b64u(sig) };
}

function hmacJws(kid, hmac, url, jwk) {
	const p = b64u(JSON.stringify({ alg: 'HS256', kid, url }));
	const pl = b64u(JSON.stringify(jwk));
	const mac = crypto.createHmac('sha256', Buffer.from(hmac, 'base64url')).update(p + '.' + pl).digest();
	return { protected: p, payload: pl, signature: b64u(mac) };
}

async function directory() {
	const r = await fetch(dirUrl);
	return r.json();
}

async function freshNonce(dir) {
	const r = await fetch(dir.newNonce, { method: 'HEAD' });
	return r.headers.get('replay-nonce');
}

function report(r, text) {
	console.log('status=' + r.status);
	const loc = r.headers.get('location');
	if (loc) console.log('location=' + loc);
	const n = r.headers.get('replay-nonce');
	if (n) console.log('nonce=' + n);
	const ct = r.headers.get('content-type');
	if (ct) console.log('ctype=' + ct);
	try {
		const j = JSON.parse(text);
		if (j.type) console.log('type=' + j.type);
		if (j.status && typeof j.status === 'string') console.log('acct_status=' + j.status);
	} catch (e) { /* not JSON */ }
	console.log('body=' + text.replace(/\n/g, ' '));
	if (opt.out) fs.writeFileSync(opt.out, text);
}

async function send(url, body) {
	const r = await fetch(url, {
		method: 'POST',
		headers: { 'Content-Type': opt.ctype || 'application/jose+json' },
		body: JSON.stringify(body),
	});
	report(r, await r.text());
}

function tamper(body) {
	if (opt['bad-sig']) {
		const s = Buffer.from(body.signature, 'base64url');
		s[5] ^= 1;
		body.signature = b64u(s);
	}
	return body;
}

async function main() {
	const dir = await directory();
	if (op === 'directory') {
		console.log('body=' + JSON.stringify(dir));
		return;
	}
	if (op === 'nonce') {
		console.log('nonce=' + await freshNonce(dir));
		return;
	}
	const key = loadKey(keyFile);
	const nonce = opt.nonce || await freshNonce(dir);
	if (op === 'new-account') {
		const url = opt.url || dir.newAccount;
		const payload = { termsOfServiceAgreed: true };
		if (opt.contact) payload.contact = [opt.contact];
		if (opt['only-existing']) payload.onlyReturnExisting = true;
		if (opt['eab-kid'])
			payload.externalAccountBinding = hmacJws(opt['eab-kid'], opt['eab-hmac'], dir.newAccount, key.jwk);
		await send(dir.newAccount, tamper(jws(key, { alg: key.alg, jwk: key.jwk, nonce, url }, payload)));
		return;
	}
	if (op === 'post') {
		const [target, json] = rest;
		const hdr = { alg: key.alg, nonce, url: opt.url || target };
		if (opt.jwk) hdr.jwk = key.jwk; else hdr.kid = opt.kid;
		await send(target, tamper(jws(key, hdr, json === undefined ? '' : json)));
		return;
	}
	if (op === 'key-change') {
		const nk = loadKey(rest[0]);
		const inner = jws(nk, { alg: nk.alg, jwk: nk.jwk, url: dir.keyChange },
		    { account: opt.kid, oldKey: key.jwk });
		await send(dir.keyChange, tamper(jws(key, { alg: key.alg, kid: opt.kid, nonce, url: dir.keyChange }, inner)));
		return;
	}
	throw new Error('unknown op ' + op);
}

main().catch((e) => { console.error(e); process.exit(1); });
