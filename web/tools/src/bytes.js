// Bytes, text and PEM armour: the small helpers every other module uses.

// The error every check of the page throws: a code the page turns into
// the catalogue's message (tools.error.<code>), and an optional detail.
export class ToolError extends Error {
	constructor(code, detail) {
		super(detail ? code + ": " + detail : code);
		this.code = code;
		this.detail = detail || "";
	}
}

export function concat(...parts) {
	let n = 0;
	for (const p of parts)
		n += p.length;
	const out = new Uint8Array(n);
	let off = 0;
	for (const p of parts) {
		out.set(p, off);
		off += p.length;
	}
	return out;
}

export function equal(a, b) {
	if (a.length !== b.length)
		return false;
	let d = 0;
	for (let i = 0; i < a.length; i++)
		d |= a[i] ^ b[i];
	return d === 0;
}

export function bytes(buf) {
	if (buf instanceof Uint8Array)
		return buf;
	if (ArrayBuffer.isView(buf))
		return new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength);
	return new Uint8Array(buf);
}

// A fresh ArrayBuffer holding exactly these bytes (asn1js wants one).
export function arrayBuffer(u8) {
	return u8.slice().buffer;
}

export function utf8(s) {
	return new TextEncoder().encode(s);
}

// A password as PKCS #12 wants it for its own key derivation: BMPString
// (UTF-16 big-endian) with a two-byte terminator (RFC 7292 B.1).
export function bmpPassword(s) {
	const out = new Uint8Array((s.length + 1) * 2);
	for (let i = 0; i < s.length; i++) {
		const c = s.charCodeAt(i);
		out[2 * i] = c >> 8;
		out[2 * i + 1] = c & 0xff;
	}
	return out;
}

export function random(n) {
	return crypto.getRandomValues(new Uint8Array(n));
}

function b64encode(u8) {
	let s = "";
	for (let i = 0; i < u8.length; i += 0x8000)
		s += String.fromCharCode.apply(null, u8.subarray(i, i + 0x8000));
	return btoa(s);
}

function b64decode(s) {
	const bin = atob(s.replace(/[\s]/g, ""));
	const out = new Uint8Array(bin.length);
	for (let i = 0; i < bin.length; i++)
		out[i] = bin.charCodeAt(i);
	return out;
}

// DER into PEM with 64-character lines and a final newline.
export function toPem(der, label) {
	const b = b64encode(der).replace(/.{64}/g, "$&\n").replace(/\n$/, "");
	return "-----BEGIN " + label + "-----\n" + b + "\n-----END " + label + "-----\n";
}

// Every PEM block of a text, in order: [{label, der, headers}]. Headers
// (RFC 1421, "Proc-Type: ...") are kept to tell old encrypted keys.
export function pemBlocks(text) {
	const re = /-----BEGIN ([A-Z0-9 #]+)-----([\s\S]*?)-----END \1-----/g;
	const out = [];
	let m;
	while ((m = re.exec(text)) !== null) {
		let body = m[2];
		let headers = "";
		const split = body.match(/^([\s\S]*?:[^\n]*\n)\s*\n([\s\S]*)$/);
		if (split) {
			headers = split[1];
			body = split[2];
		}
		let der;
		try {
			der = b64decode(body);
		} catch (e) {
			der = null;
		}
		out.push({ label: m[1], der, headers });
	}
	return out;
}

// Whether the bytes of a file look like text with PEM armour.
export function looksPem(u8) {
	const head = new TextDecoder("latin1").decode(u8.subarray(0, Math.min(u8.length, 65536)));
	return head.indexOf("-----BEGIN ") >= 0;
}

export function latin1(u8) {
	return new TextDecoder("latin1").decode(u8);
}
