// Writes the client's reply to an email-reply-00 challenge (RFC 8823
// section 3) on standard output, DKIM-signed (RFC 6376, rsa-sha256,
// relaxed/relaxed) by node's crypto: what a mail client and its MTA
// would send back. Used by the end-to-end tests and the README's demo.
//
//   node reply.js CHALLENGE.eml ACCOUNT_KEY.pem TOKEN_PART2 FROM \
//       [--dkim-key KEY.pem --domain D --selector S]
//       [--no-dkim] [--break-dkim] [--wrong-digest]
'use strict';
const crypto = require('crypto');
const fs = require('fs');

const args = process.argv.slice(2);
const opt = {};
const pos = [];
for (let i = 0; i < args.length; i++) {
	if (args[i].startsWith('--')) {
		const k = args[i].slice(2);
		if (['no-dkim', 'break-dkim', 'wrong-digest'].includes(k))
			opt[k] = true;
		else
			opt[k] = args[++i];
	} else
		pos.push(args[i]);
}
const [emlFile, keyFile, token2, from] = pos;
const b64u = (b) => Buffer.from(b).toString('base64url');

// token-part1: the challenge mail's subject, "ACME: <token-part1>".
const eml = fs.readFileSync(emlFile, 'utf8');
const subj = /^Subject: ACME: ([A-Za-z0-9_-]+)\r?$/m.exec(eml);
if (!subj) throw new Error('no ACME subject in ' + emlFile);
const token1 = subj[1];
const msgid = /^Message-ID: (<[^>]+>)\r?$/mi.exec(eml);
const acmeFrom = /^From: .*?<([^>]+)>\r?$/m.exec(eml)[1];

// RFC 7638 thumbprint of the account key, then the key authorization.
const jwk = crypto.createPublicKey(crypto.createPrivateKey(fs.readFileSync(keyFile))).export({ format: 'jwk' });
const req = { RSA: ['e', 'kty', 'n'], EC: ['crv', 'kty', 'x', 'y'], OKP: ['crv', 'kty', 'x'] }[jwk.kty];
const o = {};
for (const m of req) o[m] = jwk[m];
const tp = b64u(crypto.createHash('sha256').update(JSON.stringify(o)).digest());
let response = b64u(crypto.createHash('sha256').update(token1 + token2 + '.' + tp).digest());
if (opt['wrong-digest'])
	response = b64u(crypto.createHash('sha256').update('not the key authorization').digest());

const headers = [
	['From', '<' + from + '>'],
	['To', '<' + acmeFrom + '>'],
	['Subject', 'Re: ACME: ' + token1],
	['Date', new Date().toUTCString().replace('GMT', '+0000')],
	['Message-ID', '<' + crypto.randomBytes(12).toString('hex') + '@' + from.split('@')[1] + '>'],
];
if (msgid) headers.push(['In-Reply-To', msgid[1]]);
headers.push(['MIME-Version', '1.0'], ['Content-Type', 'text/plain; charset=us-ascii']);
let body = '-----BEGIN ACME RESPONSE-----\r\n' + response + '\r\n-----END ACME RESPONSE-----\r\n';

// RFC 6376 3.4.4 and 3.4.2: relaxed body and header canonicalization.
function relaxedBody(b) {
	let lines = b.split('\r\n').map((l) => l.replace(/[ \t]+/g, ' ').replace(/ $/, ''));
	while (lines.length && lines[lines.length - 1] === '') lines.pop();
	return lines.length ? lines.join('\r\n') + '\r\n' : '';
}
function relaxedHeader(name, value) {
	return name.toLowerCase() + ':' + value.replace(/\r\n(?=[ \t])/g, '').replace(/[ \t]+/g, ' ').trim();
}

let out = '';
if (!opt['no-dkim']) {
	const key = crypto.createPrivateKey(fs.readFileSync(opt['dkim-key']));
	const signed = headers.filter(([n]) => ['From', 'To', 'Subject', 'Date', 'Message-ID'].includes(n));
	const bh = crypto.createHash('sha256').update(relaxedBody(body)).digest('base64');
	const dkim = 'v=1; a=rsa-sha256; c=relaxed/relaxed; d=' + opt.domain + '; s=' + opt.selector +
	    '; t=' + Math.floor(Date.now() / 1000) + '; h=' + signed.map(([n]) => n.toLowerCase()).join(':') +
	    '; bh=' + bh + '; b=';
	const input = signed.map(([n, v]) => relaxedHeader(n, v) + '\r\n').join('') + relaxedHeader('DKIM-Signature', dkim);
	const b = crypto.sign('sha256', Buffer.from(input), key).toString('base64');
	out += 'DKIM-Signature: ' + dkim + b + '\r\n';
}
if (opt['break-dkim'])
	body += 'Changed after signing.\r\n';
out += headers.map(([n, v]) => n + ': ' + v + '\r\n').join('') + '\r\n' + body;
process.stdout.write(out);
