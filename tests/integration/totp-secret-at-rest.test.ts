// ADR 0032: TOTP secrets are sealed in the database (AES-256-GCM under DATA_ENCRYPTION_KEY, bound to
// the person's row), so a dump or backup does not give away anyone's second factor. Through the real
// pages and the real server: after enrolment the column holds no base32 secret and codes still sign in;
// a secret moved to another row does not open; rows from before (plain base32) are sealed at start,
// once, also with several processes at once; a rotation seals everything again with the new key; and
// a production start without a key, with a wrong key, or without the key the rows were sealed with,
// stops with the reason (exit 1).
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtemp, readFile, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { sql } from "kysely";
import { Secret } from "otpauth";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { getDb } from "~/db.server";
import { dataKey } from "~/lib/data-encryption.server";
import { sealStoredSecrets } from "~/modules/mfa/totp-secret.server";
import { createDb } from "../../db/connection";
import { ensureDatabase } from "../../db/database";
import { startAppProcess } from "../setup/app-process";
import { createUser, PASSWORD } from "../setup/factories";
import { sessionCookieFrom, startTestServer, type TestServer } from "../setup/http";
import { enrol, freshCode, storedSecret, totpCode } from "../setup/second-factor";
import { sessionFor } from "../setup/voting";

let app: TestServer;
beforeAll(async () => {
  app = await startTestServer();
});
afterAll(() => app?.close());

const db = () => getDb();
const SEALED = /^v1\.[0-9a-f]{8}\.[A-Za-z0-9_-]{16}\.[A-Za-z0-9_-]{43}\.[A-Za-z0-9_-]{22}$/;
const TEST_KEY = process.env.DATA_ENCRYPTION_KEY!;
const stepNow = () => Math.floor(Date.now() / 30_000);
const column = async (userId: string) =>
  (await db().selectFrom("mfa_totp").select("secret").where("user_id", "=", userId).executeTakeFirstOrThrow()).secret;

/** Password, then the code step with the given code: the session cookie, or undefined when refused. */
async function signInWith(email: string, code: () => Promise<string>) {
  const res = await app.request("/inloggen", { form: { email, password: PASSWORD } });
  expect(res.headers.get("location")).toBe("/inloggen/tweede-stap");
  const step = res.headers
    .getSetCookie()
    .map((c) => c.split(";")[0]!)
    .find((c) => /^lauwer_mfa=[0-9a-f]{64}$/.test(c))!;
  const answer = await app.request("/inloggen/tweede-stap", { form: { code: await code() }, headers: { cookie: step } });
  return {
    status: answer.status,
    body: answer.status === 200 || answer.status === 400 ? await answer.text() : "",
    cookie: sessionCookieFrom(answer),
  };
}

/** A person with a confirmed app whose secret was stored in plain text, as before ADR 0032. */
async function legacyUser() {
  const user = await createUser();
  const secret = new Secret({ size: 20 }).base32;
  await db().insertInto("mfa_totp").values({ user_id: user.id, secret, confirmed_at: new Date(), last_used_step: 0 }).execute();
  return { user, secret };
}

describe("a secret set up through the pages", () => {
  it("is stored sealed with the current key, never as base32; the person's codes still sign in", async () => {
    const user = await createUser();
    const cookie = await sessionFor(user.id, { secondFactor: false });
    const secret = await enrol(app, cookie, user.id);
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    const stored = await column(user.id);
    expect(stored).toMatch(SEALED);
    expect(stored.startsWith(`v1.${dataKey(Buffer.from(TEST_KEY, "base64")).id}.`)).toBe(true);
    expect(stored).not.toContain(secret);
    expect(stored).not.toMatch(/[A-Z2-7]{32}/);
    // The audit log of the enrolment does not hold it either.
    const audit = await db()
      .selectFrom("audit_log")
      .select("action")
      .where("entity_id", "=", user.id)
      .where(sql<boolean>`coalesce(before::text, '') || coalesce(after::text, '') like ${`%${secret}%`}`)
      .execute();
    expect(audit).toEqual([]);

    const signedIn = await signInWith(user.email, () => freshCode(user.id));
    expect(signedIn.status).toBe(303);
    expect(signedIn.cookie).toBeDefined();
    // A wrong code is still refused as wrong.
    const wrong = await signInWith(user.email, async () => totpCode(secret, stepNow() + 20));
    expect(wrong.status).toBe(400);
    expect(wrong.body).toContain("mfa.errors.wrongCode");
  });

  it("does not open on another person's row: their codes are refused, nothing else breaks", async () => {
    const alice = await createUser();
    const mallory = await createUser();
    const aliceSecret = await enrol(app, await sessionFor(alice.id, { secondFactor: false }), alice.id);
    await enrol(app, await sessionFor(mallory.id, { secondFactor: false }), mallory.id);
    // Someone with write access copies Alice's sealed secret onto Mallory's row.
    await db()
      .updateTable("mfa_totp")
      .set({ secret: await column(alice.id) })
      .where("user_id", "=", mallory.id)
      .execute();
    const refused = await signInWith(mallory.email, async () => totpCode(aliceSecret, stepNow() + 1));
    expect(refused.status).toBe(400);
    expect(refused.body).toContain("mfa.errors.wrongCode");
    expect(refused.cookie).toBeUndefined();
    // Alice is not affected.
    expect((await signInWith(alice.email, () => freshCode(alice.id))).status).toBe(303);
  });
});

describe("secrets stored in plain text before sealing", () => {
  it("still sign in, and are sealed by the start-up step; each row once, with four processes at once", async () => {
    const legacy = await Promise.all([legacyUser(), legacyUser(), legacyUser(), legacyUser(), legacyUser()]);
    // Read before the step reached it (a row an older process wrote during a rolling deploy).
    const first = legacy[0]!;
    expect((await signInWith(first.user.email, async () => totpCode(first.secret, stepNow()))).status).toBe(303);

    const reports = await Promise.all([sealStoredSecrets(db()), sealStoredSecrets(db()), sealStoredSecrets(db()), sealStoredSecrets(db())]);
    expect(reports.reduce((n, r) => n + r.sealed, 0)).toBe(legacy.length);
    for (const { user, secret } of legacy) {
      const stored = await column(user.id);
      expect(stored).toMatch(SEALED);
      expect(stored).not.toContain(secret);
      expect(await storedSecret(user.id)).toBe(secret);
    }
    const plainLeft = await db().selectFrom("mfa_totp").select("user_id").where("secret", "~", "^[A-Z2-7]{32}$").execute();
    expect(plainLeft).toEqual([]);
    // Nothing left to do: a second run changes nothing.
    const again = await sealStoredSecrets(db());
    expect(again.sealed).toBe(0);
    expect(again.unknownKeys).toEqual({});

    // And the person signs in with the sealed secret, the step used before still refused.
    const second = legacy[1]!;
    expect((await signInWith(second.user.email, async () => totpCode(second.secret, stepNow()))).status).toBe(303);
    expect((await signInWith(second.user.email, async () => totpCode(second.secret, stepNow()))).body).toContain("mfa.errors.codeUsed");
  });
});

// ---- The real server at start-up ----

function startAndExit(env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [path.resolve("build/server.mjs")], {
      env: {
        ...process.env,
        NODE_ENV: "production",
        LOG_LEVEL: "info",
        PORT: "3998",
        DATABASE_URL: "postgres://nobody@127.0.0.1:1/none",
        ...env,
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout.on("data", (d: Buffer) => (output += d.toString()));
    child.stderr.on("data", (d: Buffer) => (output += d.toString()));
    child.on("exit", (code) => resolve({ code, output }));
  });
}

describe("DATA_ENCRYPTION_KEY at start-up", () => {
  it("production without it: the process exits 1 before any database, saying what to set", async () => {
    const { code, output } = await startAndExit({ DATA_ENCRYPTION_KEY: "", DATA_ENCRYPTION_KEY_PREVIOUS: "" });
    expect(code).toBe(1);
    expect(output).toContain("DATA_ENCRYPTION_KEY is not set");
    expect(output).toContain("openssl rand -base64 32");
    expect(output).toContain("could not start");
  });

  it("production with a key that is not 32 bytes of base64: exits 1 with the reason, without printing the value", async () => {
    const wrong = randomBytes(16).toString("base64");
    const { code, output } = await startAndExit({ DATA_ENCRYPTION_KEY: wrong });
    expect(code).toBe(1);
    expect(output).toContain("DATA_ENCRYPTION_KEY must be 32 random bytes in base64");
    expect(output).not.toContain(wrong);
  });

  it("outside production without a setting (the README quick start): a key is made once in DATA_DIR, mode 0600, and said so", async () => {
    const adminUrl = inject("pgAdminUrl");
    const name = `lauwer_test_devkey_${process.env.VITEST_POOL_ID ?? "0"}`;
    await ensureDatabase(adminUrl, name, "lauwer_test_template");
    const u = new URL(adminUrl);
    u.pathname = `/${name}`;
    const dataDir = await mkdtemp(path.join(tmpdir(), "lauwer-devkey-"));
    try {
      const env = { NODE_ENV: undefined, DATABASE_URL: u.toString(), DATA_DIR: dataDir, DATA_ENCRYPTION_KEY: undefined };
      const runs = [];
      for (let i = 0; i < 2; i++) {
        const dev = await startAppProcess({ env });
        dev.child.kill("SIGTERM");
        await dev.exited;
        runs.push(dev.output());
      }
      const file = path.join(dataDir, "data-encryption.key");
      expect((await stat(file)).mode & 0o777).toBe(0o600);
      expect(runs[0]).toContain(
        `DATA_ENCRYPTION_KEY is not set: second-factor secrets are encrypted with the development key in ${file} (made now`,
      );
      expect(runs[1]).toContain(`${file} (made at an earlier start`);
      const id = dataKey(Buffer.from((await readFile(file, "utf8")).trim(), "base64")).id;
      for (const out of runs) expect(out).toContain(`"keyId":"${id}"`);
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });

  describe("on a database of its own", () => {
    const name = `lauwer_test_sealing_${process.env.VITEST_POOL_ID ?? "0"}`;
    let url: string;
    let own: ReturnType<typeof createDb>;
    beforeAll(async () => {
      const adminUrl = inject("pgAdminUrl");
      await ensureDatabase(adminUrl, name, "lauwer_test_template");
      const u = new URL(adminUrl);
      u.pathname = `/${name}`;
      url = u.toString();
      own = createDb(url, 2);
    });
    afterAll(async () => {
      await own?.db.destroy();
    });

    it("seals plain rows at start, seals everything again after a rotation, and refuses a key the rows were not sealed with", async () => {
      const user = await own.db
        .insertInto("app_user")
        .values({
          email: `rotate-${randomBytes(4).toString("hex")}@example.nl`,
          name: "Roos Rotatie",
          organisation: "",
          password_hash: null,
          locale: "nl",
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      const secret = new Secret({ size: 20 }).base32;
      await own.db.insertInto("mfa_totp").values({ user_id: user.id, secret, confirmed_at: new Date() }).execute();
      const stored = async () =>
        (await own.db.selectFrom("mfa_totp").select("secret").where("user_id", "=", user.id).executeTakeFirstOrThrow()).secret;
      const idOf = (b64: string) => dataKey(Buffer.from(b64, "base64")).id;

      // 1. The first start with a key seals the plain row.
      const first = await startAppProcess({ env: { DATABASE_URL: url, DATA_ENCRYPTION_KEY: TEST_KEY } });
      first.child.kill("SIGTERM");
      await first.exited;
      expect(await stored()).toMatch(new RegExp(`^v1\\.${idOf(TEST_KEY)}\\.`));
      expect(first.output()).toContain("second-factor secrets sealed with the current data encryption key");

      // 2. A new key, the old one as previous: everything is sealed again with the new one.
      const newKey = randomBytes(32).toString("base64");
      const second = await startAppProcess({
        env: { DATABASE_URL: url, DATA_ENCRYPTION_KEY: newKey, DATA_ENCRYPTION_KEY_PREVIOUS: TEST_KEY },
      });
      second.child.kill("SIGTERM");
      await second.exited;
      const rotated = await stored();
      expect(rotated).toMatch(new RegExp(`^v1\\.${idOf(newKey)}\\.`));
      expect(rotated).not.toContain(secret);

      // 3. Yet another key without the one the rows are sealed with: the start is refused, with the reason.
      const stranger = randomBytes(32).toString("base64");
      const refused = await startAndExit({ DATABASE_URL: url, DATA_ENCRYPTION_KEY: stranger });
      expect(refused.code).toBe(1);
      expect(refused.output).toContain(`1 with key id ${idOf(newKey)}`);
      expect(refused.output).toContain("DATA_ENCRYPTION_KEY_PREVIOUS");
      expect(refused.output).not.toContain(stranger);
      expect(await stored()).toBe(rotated);
    });
  });
});
