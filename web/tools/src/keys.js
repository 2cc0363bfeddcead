// Keys: the pair made with WebCrypto, the PKCS #10 request signed with it
// (PKI.js), the private key file (PKCS #8 encrypted with PBES2), reading
// that file back, and whether a key belongs to a certificate.
import * as asn1js from "asn1js";
import * as pkijs from "pkijs";
import { ToolError, arrayBuffer, bytes, looksPem, pemBlocks, toPem } from "./bytes.js";
import { KEY_FILE_ITERATIONS, decrypt, pbes2Encrypt } from "./pbe.js";

const RSA_OID = "1.2.840.113549.1.1.1";
const EC_OID = "1.2.840.10045.2.1";
const CURVES = {
	"1.2.840.10045.3.1.7": "P-256",
	"1.3.132.0.34": "P-384",
	"1.3.132.0.35": "P-521",
};
const E65537 = new Uint8Array([1, 0, 1]);

// The key types offered, as the activation wizard names them.
export const KEY_TYPES = {
	rsa2048: { algorithm: { name: "RSASSA-PKCS1-v1_5", modulusLength: 2048, publicExponent: E65537, hash: "SHA-256" }, hash: "SHA-256" },
	rsa3072: { algorithm: { name: "RSASSA-PKCS1-v1_5", modulusLength: 3072, publicExponent: E65537, hash: "SHA-256" }, hash: "SHA-256" },
	rsa4096: { algorithm: { name: "RSASSA-PKCS1-v1_5", modulusLength: 4096, publicExponent: E65537, hash: "SHA-256" }, hash: "SHA-256" },
	p256: { algorithm: { name: "ECDSA", namedCurve: "P-256" }, hash: "SHA-256" },
	p384: { algorithm: { name: "ECDSA", namedCurve: "P-384" }, hash: "SHA-384" },
};

function subtle() {
	if (!globalThis.crypto || !globalThis.crypto.subtle)
		throw new ToolError("no-webcrypto");
	return globalThis.crypto.subtle;
}

// A new key pair of TYPE and its CSR. The subject is a placeholder: the
// service takes every field of the certificate from the verified data.
// Returns { csrPem, pkcs8 } (pkcs8: the private key's DER, to encrypt).
export async function makeCsr(type) {
	const t = KEY_TYPES[type];
	if (!t)
		throw new ToolError("key-unsupported", type);
	const pair = await subtle().generateKey(t.algorithm, true, ["sign", "verify"]);
	const csr = new pkijs.CertificationRequest();
	csr.version = 0;
	csr.subject.typesAndValues.push(new pkijs.AttributeTypeAndValue({
		type: "2.5.4.3",
		value: new asn1js.Utf8String({ value: "S/MIME certificate request" }),
	}));
	csr.attributes = [];
	await csr.subjectPublicKeyInfo.importKey(pair.publicKey);
	await csr.sign(pair.privateKey, t.hash);
	const der = bytes(csr.toSchema(true).toBER(false));
	const pkcs8 = bytes(await subtle().exportKey("pkcs8", pair.privateKey));
	return { csrPem: toPem(der, "CERTIFICATE REQUEST"), pkcs8 };
}

// The private key file: EncryptedPrivateKeyInfo (RFC 5958), PBES2 with
// PBKDF2-HMAC-SHA256 and AES-256-CBC, as PEM.
export async function encryptKey(pkcs8, passphrase) {
	const enc = await pbes2Encrypt(pkcs8, passphrase, KEY_FILE_ITERATIONS);
	const epki = new asn1js.Sequence({ value: [
		enc.algorithm,
		new asn1js.OctetString({ valueHex: arrayBuffer(enc.ciphertext) }),
	] });
	return toPem(bytes(epki.toBER(false)), "ENCRYPTED PRIVATE KEY");
}

function parseDer(der) {
	const asn = asn1js.fromBER(arrayBuffer(der));
	if (asn.offset === -1 || asn.offset !== der.length)
		return null;
	return asn.result;
}

// The algorithm of a PrivateKeyInfo, checked against what the page
// supports: { name, curve?, webcrypto } or a ToolError key-unsupported.
function keyAlgorithm(pki) {
	const oid = pki.privateKeyAlgorithm.algorithmId;
	if (oid === RSA_OID)
		return { name: "RSA", webcrypto: { name: "RSASSA-PKCS1-v1_5", hash: "SHA-256" } };
	if (oid === EC_OID) {
		const p = pki.privateKeyAlgorithm.algorithmParams;
		const curve = p instanceof asn1js.ObjectIdentifier ? CURVES[p.valueBlock.toString()] : null;
		if (!curve)
			throw new ToolError("key-unsupported");
		return { name: "EC " + curve, curve, webcrypto: { name: "ECDSA", namedCurve: curve } };
	}
	throw new ToolError("key-unsupported", oid);
}

function asPrivateKeyInfo(der) {
	const node = parseDer(der);
	if (!node)
		return null;
	try {
		return new pkijs.PrivateKeyInfo({ schema: node });
	} catch (e) {
		return null;
	}
}

// Reads a private key file (bytes) with its passphrase: PEM or DER,
// encrypted PKCS #8 (the file this page makes, or OpenSSL's) or plain
// PKCS #8. Returns { pkcs8, key (CryptoKey, extractable), algorithm }.
export async function readKeyFile(file, passphrase) {
	let der = null;
	let encrypted = null;
	if (looksPem(file)) {
		const text = new TextDecoder("latin1").decode(file);
		for (const b of pemBlocks(text)) {
			if (b.label === "ENCRYPTED PRIVATE KEY") {
				encrypted = true;
				der = b.der;
				break;
			}
			if (b.label === "PRIVATE KEY") {
				encrypted = false;
				der = b.der;
				break;
			}
			if (/^(RSA|EC|DSA) PRIVATE KEY$/.test(b.label))
				throw new ToolError("key-format-old");
		}
		if (der === null)
			throw new ToolError("not-key");
	} else {
		der = file;
	}
	let pkcs8;
	const node = encrypted === false ? null : parseDer(der);
	const epki = node instanceof asn1js.Sequence && node.valueBlock.value.length === 2 &&
	    node.valueBlock.value[1] instanceof asn1js.OctetString ? node.valueBlock.value : null;
	if (epki) {
		if (!passphrase)
			throw new ToolError("key-passphrase-missing");
		pkcs8 = await decrypt(epki[0], bytes(epki[1].valueBlock.valueHexView), passphrase);
		if (!asPrivateKeyInfo(pkcs8))
			throw new ToolError("key-passphrase");
	} else if (encrypted === true) {
		throw new ToolError("not-key");
	} else {
		pkcs8 = der;
	}
	const pki = asPrivateKeyInfo(pkcs8);
	if (!pki)
		throw new ToolError("not-key");
	const algorithm = keyAlgorithm(pki);
	let key;
	try {
		key = await subtle().importKey("pkcs8", arrayBuffer(pkcs8), algorithm.webcrypto, true, ["sign"]);
	} catch (e) {
		throw new ToolError("key-unsupported", e.message);
	}
	return { pkcs8, key, algorithm };
}

// Every certificate of a file (bytes): PEM with one or more
// certificates, or one DER certificate. Throws ToolError CODE when the
// file holds anything that is not a certificate, or none.
export function readCertificates(file, code) {
	let ders = [];
	if (looksPem(file)) {
		const text = new TextDecoder("latin1").decode(file);
		for (const b of pemBlocks(text)) {
			if (b.label !== "CERTIFICATE" && b.label !== "X509 CERTIFICATE" &&
			    b.label !== "TRUSTED CERTIFICATE")
				throw new ToolError(code, b.label);
			ders.push(b.der);
		}
	} else {
		ders = [file];
	}
	if (ders.length === 0)
		throw new ToolError(code);
	return ders.map((der) => {
		const node = der && parseDer(der);
		if (!node)
			throw new ToolError(code);
		try {
			return { der, cert: new pkijs.Certificate({ schema: node }) };
		} catch (e) {
			throw new ToolError(code);
		}
	});
}

// The public half of a key or a certificate, comparable: JWK members.
async function publicOf(key) {
	const j = await subtle().exportKey("jwk", key);
	return j.kty === "RSA" ? "RSA:" + j.n + ":" + j.e : "EC:" + j.crv + ":" + j.x + ":" + j.y;
}

// Whether the certificate (pkijs.Certificate) holds the public key of
// the private key read by readKeyFile(). Certificates of another key
// type do not match; an unsupported one is named.
export async function keyMatches(keyInfo, cert) {
	const spki = cert.subjectPublicKeyInfo;
	const oid = spki.algorithm.algorithmId;
	if (oid !== RSA_OID && oid !== EC_OID)
		throw new ToolError("key-unsupported", oid);
	let pub;
	try {
		const params = oid === RSA_OID ? { name: "RSASSA-PKCS1-v1_5", hash: "SHA-256" } :
		    { name: "ECDSA", namedCurve: CURVES[spki.algorithm.algorithmParams.valueBlock.toString()] };
		if (oid === EC_OID && !params.namedCurve)
			throw new ToolError("key-unsupported");
		if ((oid === RSA_OID) !== (keyInfo.algorithm.name === "RSA") ||
		    (oid === EC_OID && params.namedCurve !== keyInfo.algorithm.curve))
			return false;
		pub = await subtle().importKey("spki", arrayBuffer(bytes(spki.toSchema().toBER(false))), params, true, ["verify"]);
	} catch (e) {
		if (e instanceof ToolError)
			throw e;
		throw new ToolError("key-unsupported", e.message);
	}
	const priv = await publicOf(keyInfo.key);
	return priv === (await publicOf(pub));
}

// A name for a certificate: its e-mail address, else its common name.
export function certificateName(cert) {
	let cn = "";
	for (const tv of cert.subject.typesAndValues) {
		if (tv.type === "2.5.4.3")
			cn = tv.value.valueBlock.value;
	}
	for (const ext of cert.extensions || []) {
		if (ext.extnID === "2.5.29.17" && ext.parsedValue) {
			for (const n of ext.parsedValue.altNames || [])
				if (n.type === 1)
					return n.value;
		}
	}
	return cn;
}
