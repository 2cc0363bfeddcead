// Password-based encryption: PBES2 (PBKDF2 with AES-CBC, through
// WebCrypto), the PKCS #12 key derivation and its 3DES scheme (for the
// "compatible" PFX files older Windows and macOS import), and the
// PKCS #12 MAC. Algorithm identifiers are built and read with asn1js.
import * as asn1js from "asn1js";
import des from "des.js";
import { ToolError, arrayBuffer, bmpPassword, bytes, concat, random, utf8 } from "./bytes.js";

export const OID = {
	pbes2: "1.2.840.113549.1.5.13",
	pbkdf2: "1.2.840.113549.1.5.12",
	hmacSHA1: "1.2.840.113549.2.7",
	hmacSHA256: "1.2.840.113549.2.9",
	hmacSHA384: "1.2.840.113549.2.10",
	hmacSHA512: "1.2.840.113549.2.11",
	aes128cbc: "2.16.840.1.101.3.4.1.2",
	aes192cbc: "2.16.840.1.101.3.4.1.22",
	aes256cbc: "2.16.840.1.101.3.4.1.42",
	desEde3cbc: "1.2.840.113549.3.7",
	pbeSHA1And3DES: "1.2.840.113549.1.12.1.3",
	sha1: "1.3.14.3.2.26",
	sha256: "2.16.840.1.101.3.4.2.1",
	sha384: "2.16.840.1.101.3.4.2.2",
	sha512: "2.16.840.1.101.3.4.2.3",
};

const PRF = {
	[OID.hmacSHA1]: "SHA-1",
	[OID.hmacSHA256]: "SHA-256",
	[OID.hmacSHA384]: "SHA-384",
	[OID.hmacSHA512]: "SHA-512",
};
const AES = { [OID.aes128cbc]: 16, [OID.aes192cbc]: 24, [OID.aes256cbc]: 32 };

// The encrypted private key file: PBKDF2 iterations (the file may sit on
// a disk for years). The PFX uses what `openssl pkcs12 -export` does.
export const KEY_FILE_ITERATIONS = 600000;
export const PFX_ITERATIONS = 2048;

const subtle = () => {
	if (!globalThis.crypto || !globalThis.crypto.subtle)
		throw new ToolError("no-webcrypto");
	return globalThis.crypto.subtle;
};

function algId(oid, params) {
	const value = [new asn1js.ObjectIdentifier({ value: oid })];
	if (params !== undefined)
		value.push(params);
	return new asn1js.Sequence({ value });
}

function octets(u8) {
	return new asn1js.OctetString({ valueHex: arrayBuffer(u8) });
}

async function pbkdf2(password, salt, iterations, hash, length) {
	const s = subtle();
	const base = await s.importKey("raw", password, "PBKDF2", false, ["deriveBits"]);
	return bytes(await s.deriveBits({ name: "PBKDF2", salt, iterations, hash }, base, length * 8));
}

async function aesCbc(encrypt, key, iv, data) {
	const s = subtle();
	const k = await s.importKey("raw", key, "AES-CBC", false, [encrypt ? "encrypt" : "decrypt"]);
	const f = encrypt ? s.encrypt.bind(s) : s.decrypt.bind(s);
	return bytes(await f({ name: "AES-CBC", iv }, k, data));
}

// 3DES-CBC with PKCS #7 padding; a bad padding throws.
function desEde3Cbc(encrypt, key, iv, data) {
	const Cbc = des.CBC.instantiate(des.EDE);
	const c = Cbc.create({ type: encrypt ? "encrypt" : "decrypt",
	    key: Array.from(key), iv: Array.from(iv), padding: false });
	if (encrypt) {
		const pad = 8 - (data.length % 8);
		const padded = concat(data, new Uint8Array(pad).fill(pad));
		return Uint8Array.from(c.update(Array.from(padded)).concat(c.final()));
	}
	if (data.length === 0 || data.length % 8 !== 0)
		throw new Error("bad length");
	const out = Uint8Array.from(c.update(Array.from(data)).concat(c.final()));
	const pad = out[out.length - 1];
	if (pad < 1 || pad > 8)
		throw new Error("bad padding");
	for (let i = out.length - pad; i < out.length; i++)
		if (out[i] !== pad)
			throw new Error("bad padding");
	return out.subarray(0, out.length - pad);
}

// PBES2 with PBKDF2-HMAC-SHA256 and AES-256-CBC (RFC 8018): the
// AlgorithmIdentifier and the ciphertext.
export async function pbes2Encrypt(data, password, iterations) {
	const salt = random(16);
	const iv = random(16);
	const key = await pbkdf2(utf8(password), salt, iterations, "SHA-256", 32);
	const ct = await aesCbc(true, key, iv, data);
	const params = new asn1js.Sequence({ value: [
		algId(OID.pbkdf2, new asn1js.Sequence({ value: [
			octets(salt),
			new asn1js.Integer({ value: iterations }),
			algId(OID.hmacSHA256, new asn1js.Null()),
		] })),
		algId(OID.aes256cbc, octets(iv)),
	] });
	return { algorithm: algId(OID.pbes2, params), ciphertext: ct };
}

// The PKCS #12 key derivation (RFC 7292 appendix B.2): n bytes for
// purpose id (1 key, 2 IV, 3 MAC key).
export async function pkcs12Kdf(hash, password, salt, iterations, id, n) {
	const u = { "SHA-1": 20, "SHA-256": 32, "SHA-384": 48, "SHA-512": 64 }[hash];
	const v = u > 32 ? 128 : 64;
	const fill = (src, len) => {
		const out = new Uint8Array(len);
		for (let i = 0; i < len; i++)
			out[i] = src[i % src.length];
		return out;
	};
	const D = new Uint8Array(v).fill(id);
	const S = salt.length ? fill(salt, v * Math.ceil(salt.length / v)) : new Uint8Array(0);
	const P = password.length ? fill(password, v * Math.ceil(password.length / v)) : new Uint8Array(0);
	const I = concat(S, P);
	const out = new Uint8Array(n);
	const s = subtle();
	for (let off = 0; off < n; off += u) {
		let A = bytes(await s.digest(hash, concat(D, I)));
		for (let r = 1; r < iterations; r++)
			A = bytes(await s.digest(hash, A));
		out.set(A.subarray(0, Math.min(u, n - off)), off);
		if (off + u >= n)
			break;
		const B = fill(A, v);
		for (let j = 0; j < I.length; j += v) {
			let carry = 1;
			for (let k = v - 1; k >= 0; k--) {
				carry += I[j + k] + B[k];
				I[j + k] = carry & 0xff;
				carry >>= 8;
			}
		}
	}
	return out;
}

// pbeWithSHAAnd3-KeyTripleDES-CBC (RFC 7292 appendix C).
export async function pkcs12DesEncrypt(data, password, iterations) {
	const salt = random(8);
	const pw = bmpPassword(password);
	const key = await pkcs12Kdf("SHA-1", pw, salt, iterations, 1, 24);
	const iv = await pkcs12Kdf("SHA-1", pw, salt, iterations, 2, 8);
	const params = new asn1js.Sequence({ value: [
		octets(salt), new asn1js.Integer({ value: iterations }),
	] });
	return { algorithm: algId(OID.pbeSHA1And3DES, params), ciphertext: desEde3Cbc(true, key, iv, data) };
}

// The MAC of a PFX: HMAC with a key from the PKCS #12 derivation.
export async function pkcs12Mac(hash, password, salt, iterations, data) {
	const len = { "SHA-1": 20, "SHA-256": 32 }[hash];
	const key = await pkcs12Kdf(hash, bmpPassword(password), salt, iterations, 3, len);
	const s = subtle();
	const k = await s.importKey("raw", key, { name: "HMAC", hash }, false, ["sign"]);
	return bytes(await s.sign("HMAC", k, data));
}

function sequenceItems(node) {
	return node instanceof asn1js.Sequence ? node.valueBlock.value : null;
}

function oidOf(node) {
	return node instanceof asn1js.ObjectIdentifier ? node.valueBlock.toString() : null;
}

function octetsOf(node) {
	if (!(node instanceof asn1js.OctetString))
		return null;
	return bytes(node.valueBlock.valueHexView);
}

function intOf(node) {
	return node instanceof asn1js.Integer ? node.valueBlock.valueDec : null;
}

// Decrypts data encrypted under an AlgorithmIdentifier (asn1js node):
// PBES2 (PBKDF2 with HMAC-SHA1/256/384/512, AES-CBC or 3DES) or the
// PKCS #12 3DES scheme. Throws ToolError "key-encryption" for anything
// else and "key-passphrase" when the passphrase does not fit.
export async function decrypt(alg, ciphertext, password) {
	const fail = () => { throw new ToolError("key-encryption"); };
	const items = sequenceItems(alg) || fail();
	const oid = oidOf(items[0]);
	let run;
	if (oid === OID.pbes2) {
		const p = sequenceItems(items[1]) || fail();
		const kdf = sequenceItems(p[0]) || fail();
		const enc = sequenceItems(p[1]) || fail();
		if (oidOf(kdf[0]) !== OID.pbkdf2)
			fail();
		const kp = sequenceItems(kdf[1]) || fail();
		const salt = octetsOf(kp[0]) || fail();
		const iter = intOf(kp[1]) || fail();
		let prf = "SHA-1";
		for (const extra of kp.slice(2)) {
			const a = sequenceItems(extra);
			if (a)
				prf = PRF[oidOf(a[0])] || fail();
		}
		const eoid = oidOf(enc[0]);
		const iv = octetsOf(enc[1]) || fail();
		if (AES[eoid]) {
			const key = await pbkdf2(utf8(password), salt, iter, prf, AES[eoid]);
			run = () => aesCbc(false, key, iv, ciphertext);
		} else if (eoid === OID.desEde3cbc) {
			const key = await pbkdf2(utf8(password), salt, iter, prf, 24);
			run = async () => desEde3Cbc(false, key, iv, ciphertext);
		} else {
			fail();
		}
	} else if (oid === OID.pbeSHA1And3DES) {
		const p = sequenceItems(items[1]) || fail();
		const salt = octetsOf(p[0]) || fail();
		const iter = intOf(p[1]) || fail();
		const pw = bmpPassword(password);
		const key = await pkcs12Kdf("SHA-1", pw, salt, iter, 1, 24);
		const iv = await pkcs12Kdf("SHA-1", pw, salt, iter, 2, 8);
		run = async () => desEde3Cbc(false, key, iv, ciphertext);
	} else {
		fail();
	}
	try {
		return await run();
	} catch (e) {
		throw new ToolError("key-passphrase");
	}
}
