// Writes the JWS test vectors of tests/unit/test_jws.c from the keys in
// keys/ (made with openssl genpkey, see README.md). Node's crypto signs;
// nothing here shares code with the C under test.
//
//   cd tests/data/acme && node make-vectors.js
'use strict';
const crypto = require('crypto');
const fs = require('fs');
const path = require('path');

const dir = __dirname;
const key = (n) => crypto.createPrivateKey(fs.readFileSync(path.join(dir, 'keys', n)));
const b64u = (b) => Buffer.from(b).toString('base64url');
const URL_NEW_ACCOUNT = 'https://ca.example/acme/new-account';
const URL_ORDER = 'https://ca.example/acme/order/1';
const NONCE = 'AAAAAAAAAAAAAAAAAAAAAA';

function pubJwk(k) {
	const j = crypto.createPublicKey(k).export({ format: 'jwk' });
	return j;
}

// RFC 7638: the required members, sorted, no white space.
function thumbprint(j) {
	const req = { RSA: ['e', 'kty', 'n'], EC: ['crv', 'kty', 'x', 'y'],
	    OKP: ['crv', 'kty', 'x'] }[j.kty];
	const o = {};
	for (const m of req) o[m] = j[m];
	return b64u(crypto.createHash('sha256').update(JSON.stringify(o)).digest());
}

function sign(alg, k, input) {
	switch (alg) {
	case 'RS256': return crypto.sign('sha256', input, k);
	case 'ES256': return crypto.sign('sha256', input, { key: k, dsaEncoding: 'ieee-p1363' });
	case 'ES384': return crypto.sign('sha384', input, { key: k, dsaEncoding: 'ieee-p1363' });
	case 'EdDSA': return crypto.sign(null, input, k);
	case 'HS256': return crypto.createHmac('sha256', k).update(input).digest();
	default: return Buffer.from('not a signature');
	}
}

// A flattened JWS; `prot` is the header object, or a string to send as is.
function jws(alg, k, prot, payload) {
	const p = b64u(typeof prot === 'string' ? prot : JSON.stringify(prot));
	const pl = b64u(payload);
	const sig = b64u(sign(alg, k, Buffer.from(p + '.' + pl)));
	return { protected: p, payload: pl, signature: sig };
}

function write(name, obj) {
	fs.writeFileSync(path.join(dir, name), typeof obj === 'string' ? obj : JSON.stringify(obj));
}

const keys = { RS256: key('rsa2048.pem'), ES256: key('p256.pem'),
    ES384: key('p384.pem'), EdDSA: key('ed25519.pem') };
const file = { RS256: 'rs256', ES256: 'es256', ES384: 'es384', EdDSA: 'eddsa' };

// One valid request per algorithm, with the account key in the header.
for (const alg of Object.keys(keys)) {
	const j = pubJwk(keys[alg]);
	write(file[alg] + '.jwk', j);
	write(file[alg] + '.thumb', thumbprint(j) + '\n');
	write(file[alg] + '-jwk.jws', jws(alg, keys[alg],
	    { alg, jwk: j, nonce: NONCE, url: URL_NEW_ACCOUNT },
	    JSON.stringify({ termsOfServiceAgreed: true })));
}

const es = keys.ES256, esj = pubJwk(es);
const kid = 'https://ca.example/acme/account/7';
// kid form, and POST-as-GET (empty payload, RFC 8555 6.3).
write('es256-kid.jws', jws('ES256', es, { alg: 'ES256', kid, nonce: NONCE, url: URL_ORDER }, '{}'));
write('es256-post-as-get.jws', jws('ES256', es, { alg: 'ES256', kid, nonce: NONCE, url: URL_ORDER }, ''));

// Refusals.
const bad = jws('RS256', keys.RS256, { alg: 'RS256', jwk: pubJwk(keys.RS256), nonce: NONCE, url: URL_ORDER }, '{}');
const sig = Buffer.from(bad.signature, 'base64url');
sig[10] ^= 1;
bad.signature = b64u(sig);
write('rs256-badsig.jws', bad);
// An ES384 header over a P-256 key's signature.
write('es256-as-es384.jws', jws('ES256', es, { alg: 'ES384', jwk: esj, nonce: NONCE, url: URL_ORDER }, '{}'));
// Signed by another P-256 key than the one in the header.
write('es256-other-key.jws', jws('ES256', key('p256-other.pem'), { alg: 'ES256', jwk: esj, nonce: NONCE, url: URL_ORDER }, '{}'));
write('alg-none.jws', jws('none', null, { alg: 'none', jwk: esj, nonce: NONCE, url: URL_ORDER }, '{}'));
write('alg-hs256.jws', jws('HS256', Buffer.alloc(32, 1), { alg: 'HS256', kid, nonce: NONCE, url: URL_ORDER }, '{}'));
write('jwk-and-kid.jws', jws('ES256', es, { alg: 'ES256', jwk: esj, kid, nonce: NONCE, url: URL_ORDER }, '{}'));
write('no-url.jws', jws('ES256', es, { alg: 'ES256', jwk: esj, nonce: NONCE }, '{}'));
write('crit.jws', jws('ES256', es, { alg: 'ES256', jwk: esj, nonce: NONCE, url: URL_ORDER, crit: ['b64'], b64: false }, '{}'));
write('dup-alg.jws', jws('ES256', es, '{"alg":"ES256","alg":"none","jwk":' + JSON.stringify(esj) + ',"nonce":"' + NONCE + '","url":"' + URL_ORDER + '"}', '{}'));
write('private-jwk.jws', jws('ES256', es, { alg: 'ES256', jwk: es.export({ format: 'jwk' }), nonce: NONCE, url: URL_ORDER }, '{}'));
const unprot = jws('ES256', es, { alg: 'ES256', jwk: esj, nonce: NONCE, url: URL_ORDER }, '{}');
unprot.header = { kid: 'x' };
write('unprotected-header.jws', unprot);
const rsa1024 = key('rsa1024.pem');
write('rs1024.jws', jws('RS256', rsa1024, { alg: 'RS256', jwk: pubJwk(rsa1024), nonce: NONCE, url: URL_ORDER }, '{}'));
// An EC point off the curve: y of the valid key, plus one.
const off = Object.assign({}, esj);
const y = Buffer.from(off.y, 'base64url');
y[31] ^= 1;
off.y = b64u(y);
write('es256-off-curve.jws', jws('ES256', es, { alg: 'ES256', jwk: off, nonce: NONCE, url: URL_ORDER }, '{}'));

// External account binding (RFC 8555 7.3.4): newAccount with ES256,
// the inner JWS MAC'd with keys/eab-mac.b64u under key identifier "kid-1".
const mac = Buffer.from(fs.readFileSync(path.join(dir, 'keys', 'eab-mac.b64u'), 'utf8').trim(), 'base64url');
function eab(macKey, url, jwk) {
	return jws('HS256', macKey, { alg: 'HS256', kid: 'kid-1', url }, JSON.stringify(jwk));
}
function newAccount(inner) {
	return jws('ES256', es, { alg: 'ES256', jwk: esj, nonce: NONCE, url: URL_NEW_ACCOUNT },
	    JSON.stringify({ termsOfServiceAgreed: true, externalAccountBinding: inner }));
}
write('eab-ok.jws', newAccount(eab(mac, URL_NEW_ACCOUNT, esj)));
write('eab-wrong-mac.jws', newAccount(eab(Buffer.alloc(32, 7), URL_NEW_ACCOUNT, esj)));
write('eab-wrong-url.jws', newAccount(eab(mac, URL_ORDER, esj)));
write('eab-other-key.jws', newAccount(eab(mac, URL_NEW_ACCOUNT, pubJwk(key('p256-other.pem')))));
write('eab-with-nonce.jws', newAccount(jws('HS256', mac, { alg: 'HS256', kid: 'kid-1', nonce: NONCE, url: URL_NEW_ACCOUNT }, JSON.stringify(esj))));
write('eab-es256.jws', newAccount(jws('ES256', es, { alg: 'ES256', kid: 'kid-1', url: URL_NEW_ACCOUNT }, JSON.stringify(esj))));
