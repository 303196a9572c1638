// Secrets the app must read back (a person's TOTP secret) are kept sealed in the database (ADR 0032):
// AES-256-GCM from node:crypto with a random 12-byte IV and a 16-byte tag, the associated data naming the
// row the value belongs to (so a sealed value copied to another row does not open), and the key's id in
// front so keys can rotate. The key comes from DATA_ENCRYPTION_KEY and never sits in the database or
// its backups; outside production, without a setting, one is generated once into DATA_DIR.
import { createCipheriv, createDecipheriv, createHmac, randomBytes } from "node:crypto";
import { linkSync, mkdirSync, readFileSync, statSync, unlinkSync, writeFileSync } from "node:fs";
import path from "node:path";
import { config } from "~/config.server";

const VERSION = "v1";
const IV_BYTES = 12;
const TAG_BYTES = 16;
export const KEY_BYTES = 32;
/** v1.<key id>.<iv>.<ciphertext>.<tag>, the binary parts in base64url. */
const SEALED = /^v1\.([0-9a-f]{8})\.([A-Za-z0-9_-]{16})\.([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]{22})$/;
export const KEY_FILE = "data-encryption.key";

export interface DataKey {
  /** 8 hex characters of an HMAC of a fixed text under the key: names the key without giving it away. */
  id: string;
  key: Buffer;
}

export interface Keyring {
  /** Seals every new value, and opens what it sealed. */
  current: DataKey;
  /** Only opens (DATA_ENCRYPTION_KEY_PREVIOUS, while values are sealed again with the current key). */
  previous: DataKey | null;
}

export function dataKey(key: Buffer): DataKey {
  if (key.length !== KEY_BYTES) throw new Error(`a data encryption key must be ${KEY_BYTES} bytes`);
  return { id: createHmac("sha256", key).update("lauwer data encryption key id").digest("hex").slice(0, 8), key: Buffer.from(key) };
}

/** A key as written in a setting or the key file: 32 bytes in base64 (or base64url), surrounding space ignored. */
export function decodeKey(value: string): Buffer | null {
  const v = value.trim();
  if (!/^[A-Za-z0-9+/_-]{43}=?$/.test(v)) return null;
  const key = Buffer.from(v, "base64");
  return key.length === KEY_BYTES ? key : null;
}

const aad = (keyId: string, context: string) => Buffer.from(`lauwer/${VERSION}.${keyId}/${context}`, "utf8");

/**
 * Seals a value with the current key. `context` names where the value lives (e.g.
 * `mfa_totp.secret:<user id>`); the same context is needed to open it.
 */
export function seal(keyring: Keyring, plaintext: string, context: string): string {
  const { id, key } = keyring.current;
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv("aes-256-gcm", key, iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(aad(id, context));
  const body = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  return [VERSION, id, iv.toString("base64url"), body.toString("base64url"), cipher.getAuthTag().toString("base64url")].join(".");
}

/** The id of the key a sealed value was sealed with; null for anything that is not a sealed value. */
export function sealedKeyId(value: string): string | null {
  return SEALED.exec(value)?.[1] ?? null;
}

export class SealedValueError extends Error {
  constructor(
    message: string,
    readonly reason: "malformed" | "unknownKey" | "refused",
    readonly keyId: string | null = null,
  ) {
    super(message);
    this.name = "SealedValueError";
  }
}

/**
 * Opens a sealed value with whichever of the keyring's keys sealed it. Throws a SealedValueError when the
 * value is not a sealed value, was sealed with a key the ring does not hold, or does not open (changed,
 * or sealed for another context).
 */
export function openSealed(keyring: Keyring, sealed: string, context: string): string {
  const m = SEALED.exec(sealed);
  if (!m) throw new SealedValueError("not a sealed value", "malformed");
  const [, id, iv, body, tag] = m as unknown as [string, string, string, string, string];
  const key = [keyring.current, keyring.previous].find((k) => k?.id === id);
  if (!key) throw new SealedValueError(`sealed with an unknown key (${id})`, "unknownKey", id);
  try {
    const decipher = createDecipheriv("aes-256-gcm", key.key, Buffer.from(iv, "base64url"), { authTagLength: TAG_BYTES });
    decipher.setAAD(aad(id, context));
    decipher.setAuthTag(Buffer.from(tag, "base64url"));
    return Buffer.concat([decipher.update(Buffer.from(body, "base64url")), decipher.final()]).toString("utf8");
  } catch {
    throw new SealedValueError(
      `a value sealed with key ${id} could not be opened: changed, or not for ${context.split(":")[0]}`,
      "refused",
      id,
    );
  }
}

export type KeySource = { kind: "setting" } | { kind: "file"; file: string; created: boolean };

interface KeySettings {
  DATA_ENCRYPTION_KEY?: string;
  DATA_ENCRYPTION_KEY_PREVIOUS?: string;
  DATA_DIR: string;
  isProduction: boolean;
}

/**
 * The keys from the settings. Production needs DATA_ENCRYPTION_KEY; elsewhere, without it, the key in
 * DATA_DIR/data-encryption.key is used, made on first use (mode 0600) — the README's quick start needs
 * no setting. Throws with the reason when the key is missing or wrong.
 */
export function loadKeyring(s: KeySettings): { keyring: Keyring; source: KeySource } {
  const previous = s.DATA_ENCRYPTION_KEY_PREVIOUS ? decodeKey(s.DATA_ENCRYPTION_KEY_PREVIOUS) : null;
  if (s.DATA_ENCRYPTION_KEY_PREVIOUS && !previous) throw new Error(`DATA_ENCRYPTION_KEY_PREVIOUS ${KEY_HINT}`);
  if (s.DATA_ENCRYPTION_KEY) {
    const current = decodeKey(s.DATA_ENCRYPTION_KEY);
    if (!current) throw new Error(`DATA_ENCRYPTION_KEY ${KEY_HINT}`);
    const ring: Keyring = { current: dataKey(current), previous: previous ? dataKey(previous) : null };
    if (ring.previous?.id === ring.current.id) ring.previous = null;
    return { keyring: ring, source: { kind: "setting" } };
  }
  if (previous) throw new Error("DATA_ENCRYPTION_KEY_PREVIOUS is set without DATA_ENCRYPTION_KEY: set the new key there");
  if (s.isProduction)
    throw new Error(
      "DATA_ENCRYPTION_KEY is not set: production needs a key of its own to encrypt the second-factor secrets in the database. " +
        "Make one with `openssl rand -base64 32`, keep it outside the database and its backups, and set DATA_ENCRYPTION_KEY (docs/deploy.md).",
    );
  const { key, file, created } = developmentKey(s.DATA_DIR);
  return { keyring: { current: dataKey(key), previous: null }, source: { kind: "file", file, created } };
}

const KEY_HINT = "must be 32 random bytes in base64 (make one with `openssl rand -base64 32`)";

/** The key file in DATA_DIR, made once; two processes starting at once agree (the file appears whole or not at all). */
function developmentKey(dataDir: string): { key: Buffer; file: string; created: boolean } {
  const file = path.join(dataDir, KEY_FILE);
  const read = () => {
    const key = decodeKey(readFileSync(file, "utf8"));
    if (!key)
      throw new Error(`${file} does not hold a key of 32 bytes in base64: restore it, or remove it when nothing was sealed with it yet`);
    return key;
  };
  if (exists(file)) return { key: read(), file, created: false };
  mkdirSync(dataDir, { recursive: true });
  const tmp = `${file}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`;
  writeFileSync(tmp, `${randomBytes(KEY_BYTES).toString("base64")}\n`, { mode: 0o600, flag: "wx" });
  try {
    // link() creates the name only if it does not exist yet: whoever is second reads the first one's key.
    linkSync(tmp, file);
    return { key: read(), file, created: true };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    return { key: read(), file, created: false };
  } finally {
    unlinkSync(tmp);
  }
}

function exists(file: string): boolean {
  try {
    statSync(file);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return false;
    throw error;
  }
}

let cached: { keyring: Keyring; source: KeySource } | undefined;

/** The keyring of this process, from config() (read once; the server loads it at start, so a wrong setting stops the start). */
export function dataKeyring(): { keyring: Keyring; source: KeySource } {
  if (cached) return cached;
  const c = config();
  cached = loadKeyring({
    DATA_ENCRYPTION_KEY: c.DATA_ENCRYPTION_KEY,
    DATA_ENCRYPTION_KEY_PREVIOUS: c.DATA_ENCRYPTION_KEY_PREVIOUS,
    DATA_DIR: c.DATA_DIR,
    isProduction: c.isProduction,
  });
  return cached;
}
