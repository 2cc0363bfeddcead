// The PFX file (PKCS #12, RFC 7292): the private key in a shrouded key
// bag, the certificate and its chain in an encrypted safe, and a MAC
// over both, laid out as `openssl pkcs12 -export` does.
//   modern:     PBES2 (PBKDF2-HMAC-SHA256, AES-256-CBC), HMAC-SHA256 MAC
//   compatible: pbeWithSHAAnd3-KeyTripleDES-CBC for both, HMAC-SHA1 MAC,
//               for older Windows and macOS keychains
import * as asn1js from "asn1js";
import { arrayBuffer, bytes, random } from "./bytes.js";
import { OID, PFX_ITERATIONS, pbes2Encrypt, pkcs12DesEncrypt, pkcs12Mac } from "./pbe.js";

const P7_DATA = "1.2.840.113549.1.7.1";
const P7_ENCRYPTED = "1.2.840.113549.1.7.6";
const BAG_SHROUDED_KEY = "1.2.840.113549.1.12.10.1.2";
const BAG_CERT = "1.2.840.113549.1.12.10.1.3";
const CERT_X509 = "1.2.840.113549.1.9.22.1";
const ATTR_FRIENDLY_NAME = "1.2.840.113549.1.9.20";
const ATTR_LOCAL_KEY_ID = "1.2.840.113549.1.9.21";

export const MODES = ["modern", "compatible"];

const oid = (value) => new asn1js.ObjectIdentifier({ value });
const octets = (u8) => new asn1js.OctetString({ valueHex: arrayBuffer(u8) });
const explicit0 = (node) => new asn1js.Constructed({ idBlock: { tagClass: 3, tagNumber: 0 }, value: [node] });
const der = (node) => bytes(node.toBER(false));

function attributes(name, keyId) {
	const list = [];
	if (name)
		list.push(new asn1js.Sequence({ value: [oid(ATTR_FRIENDLY_NAME),
		    new asn1js.Set({ value: [new asn1js.BmpString({ value: name })] })] }));
	list.push(new asn1js.Sequence({ value: [oid(ATTR_LOCAL_KEY_ID),
	    new asn1js.Set({ value: [octets(keyId)] })] }));
	return new asn1js.Set({ value: list });
}

function safeBag(type, value, attrs) {
	const v = [oid(type), explicit0(value)];
	if (attrs)
		v.push(attrs);
	return new asn1js.Sequence({ value: v });
}

async function encrypt(mode, data, password) {
	return mode === "compatible" ? pkcs12DesEncrypt(data, password, PFX_ITERATIONS) :
	    pbes2Encrypt(data, password, PFX_ITERATIONS);
}

// The PFX of a key (PrivateKeyInfo DER), its certificate (DER) and the
// chain (DER, issuing CA first), protected by password. Returns bytes.
export async function buildPfx({ pkcs8, leaf, chain, name, password, mode }) {
	const keyId = bytes(await crypto.subtle.digest("SHA-1", leaf));
	const attrs = () => attributes(name, keyId);

	const certBags = [safeBag(BAG_CERT, new asn1js.Sequence({ value: [oid(CERT_X509),
	    explicit0(octets(leaf))] }), attrs())];
	for (const c of chain)
		certBags.push(safeBag(BAG_CERT, new asn1js.Sequence({ value: [oid(CERT_X509),
		    explicit0(octets(c))] })));
	const certSafe = der(new asn1js.Sequence({ value: certBags }));
	const certEnc = await encrypt(mode, certSafe, password);
	const encryptedData = new asn1js.Sequence({ value: [
		new asn1js.Integer({ value: 0 }),
		new asn1js.Sequence({ value: [
			oid(P7_DATA),
			certEnc.algorithm,
			new asn1js.Primitive({ idBlock: { tagClass: 3, tagNumber: 0 },
			    valueHex: arrayBuffer(certEnc.ciphertext) }),
		] }),
	] });
	const certInfo = new asn1js.Sequence({ value: [oid(P7_ENCRYPTED), explicit0(encryptedData)] });

	const keyEnc = await encrypt(mode, pkcs8, password);
	const shrouded = new asn1js.Sequence({ value: [keyEnc.algorithm, octets(keyEnc.ciphertext)] });
	const keySafe = der(new asn1js.Sequence({ value: [safeBag(BAG_SHROUDED_KEY, shrouded, attrs())] }));
	const keyInfo = new asn1js.Sequence({ value: [oid(P7_DATA), explicit0(octets(keySafe))] });

	const authSafe = der(new asn1js.Sequence({ value: [certInfo, keyInfo] }));
	const hash = mode === "compatible" ? "SHA-1" : "SHA-256";
	const macSalt = random(mode === "compatible" ? 8 : 16);
	const mac = await pkcs12Mac(hash, password, macSalt, PFX_ITERATIONS, authSafe);
	const pfx = new asn1js.Sequence({ value: [
		new asn1js.Integer({ value: 3 }),
		new asn1js.Sequence({ value: [oid(P7_DATA), explicit0(octets(authSafe))] }),
		new asn1js.Sequence({ value: [
			new asn1js.Sequence({ value: [
				new asn1js.Sequence({ value: [oid(hash === "SHA-1" ? OID.sha1 : OID.sha256), new asn1js.Null()] }),
				octets(mac),
			] }),
			octets(macSalt),
			new asn1js.Integer({ value: PFX_ITERATIONS }),
		] }),
	] });
	return der(pfx);
}
