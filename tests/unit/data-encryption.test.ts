import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { execFile } from "node:child_process";
import { randomBytes } from "node:crypto";
import { promisify } from "node:util";
import { afterEach, describe, expect, it, vi } from "vitest";
import { dataKey, loadKeyring, openSealed, seal, sealedKeyId, type Keyring } from "~/lib/data-encryption.server";

// ADR 0032: secrets the app must read back (the TOTP secrets) are sealed with AES-256-GCM under a key
// kept outside the database, bound to their row (associated data), with the key's id in front so keys
// can rotate.

const run = promisify(execFile);
const key = () => randomBytes(32);
const ring = (current: Buffer, previous?: Buffer): Keyring => ({
  current: dataKey(current),
  previous: previous ? dataKey(previous) : null,
});
const b64 = (k: Buffer) => k.toString("base64");

describe("sealing a value", () => {
  it("round-trips, with a fresh IV each time and the key's id in front", () => {
    const k = ring(key());
    const a = seal(k, "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP", "mfa_totp.secret:u1");
    const b = seal(k, "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP", "mfa_totp.secret:u1");
    expect(a).not.toBe(b);
    expect(a).toMatch(/^v1\.[0-9a-f]{8}\.[A-Za-z0-9_-]{16}\.[A-Za-z0-9_-]{43}\.[A-Za-z0-9_-]{22}$/);
    expect(a).not.toContain("JBSWY3DP");
    expect(sealedKeyId(a)).toBe(k.current.id);
    expect(openSealed(k, a, "mfa_totp.secret:u1")).toBe("JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP");
    expect(openSealed(k, b, "mfa_totp.secret:u1")).toBe("JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP");
  });

  it("refuses a value that was changed anywhere (IV, ciphertext, tag, key id, version)", () => {
    const k = ring(key());
    const sealed = seal(k, "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP", "ctx");
    const parts = sealed.split(".");
    const flip = (s: string) => (s[0] === "A" ? "B" : "A") + s.slice(1);
    for (let i = 2; i < parts.length; i++) {
      const tampered = parts.map((p, j) => (j === i ? flip(p) : p)).join(".");
      expect(() => openSealed(k, tampered, "ctx"), `part ${i}`).toThrow(/could not be opened/);
    }
    expect(() => openSealed(k, sealed.replace(/^v1\.[0-9a-f]{8}/, "v1.00000000"), "ctx")).toThrow(/unknown key/);
    expect(() => openSealed(k, sealed.replace(/^v1/, "v2"), "ctx")).toThrow(/not a sealed value/);
    // A shortened tag is not accepted either (GCM would otherwise check fewer bits).
    expect(() => openSealed(k, sealed.slice(0, -4), "ctx")).toThrow();
  });

  it("refuses a value moved to another row (other associated data)", () => {
    const k = ring(key());
    const sealed = seal(k, "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP", "mfa_totp.secret:alice");
    expect(() => openSealed(k, sealed, "mfa_totp.secret:mallory")).toThrow(/could not be opened/);
  });

  it("refuses a value sealed with another key", () => {
    const sealed = seal(ring(key()), "secret", "ctx");
    expect(() => openSealed(ring(key()), sealed, "ctx")).toThrow(/unknown key/);
  });

  it("rotates: the previous key still opens what it sealed, new values use the current one", () => {
    const oldKey = key();
    const newKey = key();
    const before = seal(ring(oldKey), "secret", "ctx");
    const rotated = ring(newKey, oldKey);
    expect(sealedKeyId(before)).toBe(rotated.previous!.id);
    expect(openSealed(rotated, before, "ctx")).toBe("secret");
    const after = seal(rotated, "secret", "ctx");
    expect(sealedKeyId(after)).toBe(rotated.current.id);
    // Once the previous key is dropped, only values sealed again can be opened.
    expect(openSealed(ring(newKey), after, "ctx")).toBe("secret");
    expect(() => openSealed(ring(newKey), before, "ctx")).toThrow(/unknown key/);
  });

  it("names a key by an id that does not give the key away, the same for the same key", () => {
    const k = key();
    expect(dataKey(k).id).toBe(dataKey(Buffer.from(k)).id);
    expect(dataKey(k).id).not.toBe(dataKey(key()).id);
    expect(k.toString("hex")).not.toContain(dataKey(k).id);
  });
});

describe("where the key comes from", () => {
  let dir: string;
  const fresh = () => (dir = mkdtempSync(path.join(tmpdir(), "lauwer-key-")));
  afterEach(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
    vi.unstubAllEnvs();
  });

  it("takes DATA_ENCRYPTION_KEY (and DATA_ENCRYPTION_KEY_PREVIOUS) from the settings, and writes no file", () => {
    fresh();
    const current = key();
    const previous = key();
    const loaded = loadKeyring({
      DATA_ENCRYPTION_KEY: b64(current),
      DATA_ENCRYPTION_KEY_PREVIOUS: b64(previous),
      DATA_DIR: dir,
      isProduction: true,
    });
    expect(loaded.keyring.current.id).toBe(dataKey(current).id);
    expect(loaded.keyring.previous?.id).toBe(dataKey(previous).id);
    expect(loaded.source).toEqual({ kind: "setting" });
    expect(() => statSync(path.join(dir, "data-encryption.key"))).toThrow();
  });

  it("in production without DATA_ENCRYPTION_KEY: refuses, saying what to set", () => {
    fresh();
    expect(() => loadKeyring({ DATA_DIR: dir, isProduction: true })).toThrow(/DATA_ENCRYPTION_KEY is not set.*production/s);
  });

  it("outside production without a setting: generates one key into DATA_DIR (mode 0600) and keeps using it", () => {
    fresh();
    const data = path.join(dir, "nested", "data");
    const first = loadKeyring({ DATA_DIR: data, isProduction: false });
    const file = path.join(data, "data-encryption.key");
    expect(first.source).toEqual({ kind: "file", file, created: true });
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(Buffer.from(readFileSync(file, "utf8").trim(), "base64")).toHaveLength(32);
    const again = loadKeyring({ DATA_DIR: data, isProduction: false });
    expect(again.source).toEqual({ kind: "file", file, created: false });
    expect(again.keyring.current.id).toBe(first.keyring.current.id);
    expect(first.keyring.previous).toBeNull();
  });

  it("four processes starting at once end up with the same key", async () => {
    fresh();
    const load = `import("./app/lib/data-encryption.server.ts").then((m) => console.log(m.loadKeyring({ DATA_DIR: process.env.KEY_DIR, isProduction: false }).keyring.current.id))`;
    const ids = await Promise.all(
      Array.from({ length: 4 }, async () =>
        (await run(process.execPath, ["--import", "tsx", "-e", load], { env: { ...process.env, KEY_DIR: dir } })).stdout.trim(),
      ),
    );
    expect(ids[0]).toMatch(/^[0-9a-f]{8}$/);
    expect(new Set(ids).size).toBe(1);
    expect(loadKeyring({ DATA_DIR: dir, isProduction: false }).keyring.current.id).toBe(ids[0]);
  });

  it("refuses a file that does not hold a 32-byte key instead of making a new one", () => {
    fresh();
    writeFileSync(path.join(dir, "data-encryption.key"), "too short\n", { mode: 0o600 });
    expect(() => loadKeyring({ DATA_DIR: dir, isProduction: false })).toThrow(/data-encryption\.key.*32 bytes/s);
  });

  it("refuses a previous key without a current one", () => {
    fresh();
    expect(() => loadKeyring({ DATA_ENCRYPTION_KEY_PREVIOUS: b64(key()), DATA_DIR: dir, isProduction: false })).toThrow(
      /DATA_ENCRYPTION_KEY_PREVIOUS.*without DATA_ENCRYPTION_KEY/,
    );
  });
});

describe("the settings", () => {
  afterEach(() => {
    vi.unstubAllEnvs();
    vi.resetModules();
  });

  it.each([
    ["not base64", "this is not a key at all, it has spaces!!"],
    ["16 bytes", randomBytes(16).toString("base64")],
    ["33 bytes", randomBytes(33).toString("base64")],
  ])("refuses a DATA_ENCRYPTION_KEY that is %s, and never echoes it", async (_name, value) => {
    vi.stubEnv("DATA_ENCRYPTION_KEY", value);
    const { config } = await import("~/config.server");
    let message = "";
    try {
      config();
    } catch (error) {
      message = String(error);
    }
    expect(message).toMatch(/DATA_ENCRYPTION_KEY must be 32 random bytes in base64/);
    expect(message).not.toContain(value);
  });

  it("takes a 32-byte key in base64 or base64url, with or without padding", async () => {
    const k = key();
    for (const value of [k.toString("base64"), k.toString("base64url"), `  ${k.toString("base64")}\n`]) {
      vi.resetModules();
      vi.stubEnv("DATA_ENCRYPTION_KEY", value);
      vi.stubEnv("DATA_ENCRYPTION_KEY_PREVIOUS", key().toString("base64"));
      const { config } = await import("~/config.server");
      expect(() => config()).not.toThrow();
    }
  });
});
