import { createHash, generateKeyPairSync, randomBytes, sign, type KeyObject } from "node:crypto";
import { isoBase64URL, isoCBOR } from "@simplewebauthn/server/helpers";
import { ORIGIN } from "./http";

// A software authenticator (WebAuthn level 2) for the integration tests: an ES256 key made here with
// node:crypto, a "none" attestation and signed assertions built byte by byte as a platform authenticator
// builds them, so the server's real @simplewebauthn/server verification runs on them. Nothing of the
// server is mocked: what it gets is what a browser would post.

type Bytes = Uint8Array<ArrayBuffer>;
const sha256 = (data: Uint8Array | string): Bytes => new Uint8Array(createHash("sha256").update(data).digest());
const b64url = (bytes: Uint8Array) => isoBase64URL.fromBuffer(new Uint8Array(bytes));
const concat = (...parts: Uint8Array[]): Bytes => {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
};
const uint32 = (n: number) => {
  const b = new Uint8Array(4);
  new DataView(b.buffer).setUint32(0, n);
  return b;
};

/** Flags of authenticator data: user present, user verified, attested credential data included. */
const UP = 0x01;
const UV = 0x04;
const AT = 0x40;

/** What the browser put in clientDataJSON; a test changes one field to play an attacker. */
export interface Ceremony {
  challenge: string;
  origin?: string;
  rpId?: string;
  type?: string;
}

export class SoftAuthenticator {
  readonly credentialId: Uint8Array;
  private readonly privateKey: KeyObject;
  private readonly coseKey: Uint8Array;
  /** The signature counter the next assertion reports (a test may set it back to play a cloned key). */
  counter: number;

  constructor(options: { counter?: number } = {}) {
    const { privateKey, publicKey } = generateKeyPairSync("ec", { namedCurve: "P-256" });
    this.privateKey = privateKey;
    const jwk = publicKey.export({ format: "jwk" });
    // COSE_Key (RFC 9053): kty EC2 (2), alg ES256 (-7), crv P-256 (1), x, y.
    this.coseKey = isoCBOR.encode(
      new Map<number, number | Uint8Array>([
        [1, 2],
        [3, -7],
        [-1, 1],
        [-2, isoBase64URL.toBuffer(jwk.x!)],
        [-3, isoBase64URL.toBuffer(jwk.y!)],
      ]),
    );
    this.credentialId = new Uint8Array(randomBytes(32));
    this.counter = options.counter ?? 0;
  }

  get id(): string {
    return b64url(this.credentialId);
  }

  private clientData(type: string, c: Ceremony): string {
    return b64url(
      new TextEncoder().encode(
        JSON.stringify({ type: c.type ?? type, challenge: c.challenge, origin: c.origin ?? ORIGIN, crossOrigin: false }),
      ),
    );
  }

  private rpIdHash(c: Ceremony): Uint8Array {
    return sha256(c.rpId ?? new URL(ORIGIN).hostname);
  }

  /** navigator.credentials.create() with attestation "none", as RegistrationResponseJSON. */
  register(c: Ceremony) {
    const attested = concat(new Uint8Array(16), new Uint8Array([0, this.credentialId.length]), this.credentialId, this.coseKey);
    const authData = concat(this.rpIdHash(c), new Uint8Array([UP | UV | AT]), uint32(this.counter), attested);
    const attestationObject = isoCBOR.encode(
      new Map<string, string | Map<string, string> | Uint8Array>([
        ["fmt", "none"],
        ["attStmt", new Map<string, string>()],
        ["authData", authData],
      ]),
    );
    return {
      id: this.id,
      rawId: this.id,
      type: "public-key",
      authenticatorAttachment: "platform",
      clientExtensionResults: {},
      response: {
        clientDataJSON: this.clientData("webauthn.create", c),
        attestationObject: b64url(attestationObject),
        transports: ["internal"],
      },
    };
  }

  /** navigator.credentials.get(), as AuthenticationResponseJSON: the counter goes up by one first (when counting). */
  assert(c: Ceremony, options: { count?: boolean } = {}) {
    if (options.count ?? true) this.counter += 1;
    const authData = concat(this.rpIdHash(c), new Uint8Array([UP | UV]), uint32(this.counter));
    const clientDataJSON = this.clientData("webauthn.get", c);
    const signature = sign("sha256", concat(authData, sha256(isoBase64URL.toBuffer(clientDataJSON))), this.privateKey);
    return {
      id: this.id,
      rawId: this.id,
      type: "public-key",
      authenticatorAttachment: "platform",
      clientExtensionResults: {},
      response: {
        clientDataJSON,
        authenticatorData: b64url(authData),
        signature: b64url(new Uint8Array(signature)),
      },
    };
  }
}
