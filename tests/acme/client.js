// Drives the ACME server with acme-client (npm, pinned in
// package-lock.json), a third-party RFC 8555 client, in two runs around
// the mail exchange that RFC 8823 leaves to the mail client:
//
//   node client.js order DIRECTORY ACCOUNT_KEY.pem KID HMAC MAILBOX STATE.json
//	account with external account binding, order, authorization;
//	prints "token2=..." (the challenge's token) and keeps the URLs
//   node client.js finish DIRECTORY ACCOUNT_KEY.pem STATE.json CSR.pem CHAIN.pem
//	the challenge completed, finalize with the CSR, the chain saved
//   node client.js revoke DIRECTORY ACCOUNT_KEY.pem STATE.json CERT.pem REASON
//	revokeCert (RFC 8555 7.6) with the account's key
'use strict';
const fs = require('fs');
const acme = require('acme-client');

async function order(dir, keyFile, kid, hmacKey, mailbox, stateFile) {
	const client = new acme.Client({
		directoryUrl: dir,
		accountKey: fs.readFileSync(keyFile),
		externalAccountBinding: { kid, hmacKey },
	});
	await client.createAccount({ termsOfServiceAgreed: true, contact: ['mailto:' + mailbox] });
	const o = await client.createOrder({ identifiers: [{ type: 'email', value: mailbox }] });
	const [authz] = await client.getAuthorizations(o);
	const ch = authz.challenges.find((c) => c.type === 'email-reply-00');
	if (!ch) throw new Error('no email-reply-00 challenge');
	fs.writeFileSync(stateFile, JSON.stringify({ account: client.getAccountUrl(), order: o, challenge: ch }));
	console.log('status=' + o.status);
	console.log('token2=' + ch.token);
	console.log('from=' + ch.from);
}

async function finish(dir, keyFile, stateFile, csrFile, chainFile) {
	const st = JSON.parse(fs.readFileSync(stateFile, 'utf8'));
	const client = new acme.Client({
		directoryUrl: dir,
		accountKey: fs.readFileSync(keyFile),
		accountUrl: st.account,
	});
	await client.completeChallenge(st.challenge);
	await client.waitForValidStatus(st.challenge);
	let o = await client.getOrder(st.order);
	console.log('ready=' + o.status);
	o = await client.finalizeOrder(o, fs.readFileSync(csrFile));
	console.log('finalized=' + o.status);
	const chain = await client.getCertificate(o);
	fs.writeFileSync(chainFile, chain);
	console.log('certificate=' + chainFile);
}

async function revoke(dir, keyFile, stateFile, certFile, reason) {
	const st = JSON.parse(fs.readFileSync(stateFile, 'utf8'));
	const client = new acme.Client({
		directoryUrl: dir,
		accountKey: fs.readFileSync(keyFile),
		accountUrl: st.account,
	});
	await client.revokeCertificate(fs.readFileSync(certFile), { reason: Number(reason) });
	console.log('revoked=ok');
}

const ops = { order, finish, revoke };
const [op, ...a] = process.argv.slice(2);
if (!ops[op]) {
	console.log('error=unknown op ' + op);
	process.exit(2);
}
ops[op](...a).catch((e) => {
	console.log('error=' + (e.message || e));
	process.exit(1);
});
