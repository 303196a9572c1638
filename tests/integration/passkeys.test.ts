// Passkeys as a second factor (ADR 0029) through the real pages, with a software authenticator
// (tests/setup/passkey-authenticator.ts) that builds real attestations and signed assertions: adding a
// passkey, signing in with password + passkey, what is refused (a challenge not issued, another origin
// or relying party, a challenge used twice, a counter that went back), removal, the admin's reset, the
// privileged pages, the cascade on account deletion and the data download.
import { decode } from "turbo-stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "~/db.server";
import { exportMyData } from "~/modules/accounts/data-export.server";
import { createEdition, createUser, PASSWORD } from "../setup/factories";
import { sessionCookieFrom, startTestServer, type TestServer } from "../setup/http";
import { SoftAuthenticator, type Ceremony } from "../setup/passkey-authenticator";
import { enrol, freshCode } from "../setup/second-factor";
import { sessionFor } from "../setup/voting";

let app: TestServer;
beforeAll(async () => {
  app = await startTestServer();
});
afterAll(() => app.close());

const db = () => getDb();
const ENROL = "/account/tweestapsverificatie";
const STEP = "/inloggen/tweede-stap";

interface Options {
  challenge: string;
  rp?: { id: string; name: string };
  rpId?: string;
  user?: { id: string; name: string; displayName: string };
  allowCredentials?: { id: string; type: string }[];
  excludeCredentials?: { id: string }[];
}

/** What an action answered to the hydrated page (`<path>.data`, single fetch). */
async function actionData(res: Response): Promise<unknown> {
  expect(res.headers.get("content-type") ?? "").toContain("text/x-script");
  const decoded = await decode(res.body!);
  await decoded.done;
  return (decoded.value as { data?: unknown }).data;
}

/** What a page's loaders give the hydrated page (`<path>.data`), as JSON text. */
async function loaderJson(path: string, cookie: string): Promise<string> {
  const res = await app.request(`${path}.data`, { headers: { cookie } });
  expect(res.status).toBe(200);
  const decoded = await decode(res.body!);
  await decoded.done;
  return JSON.stringify(decoded.value);
}

/** Asks a page for the options of a ceremony (as the passkey button does), returns them. */
async function optionsFrom(path: string, intent: string, cookie: string, form: Record<string, string> = {}): Promise<Options> {
  const res = await app.request(`${path}.data?intent=${intent}`, { form, headers: { cookie } });
  expect(res.status).toBe(200);
  const data = (await actionData(res)) as { passkeyOptions?: Options };
  expect(data.passkeyOptions).toBeDefined();
  return data.passkeyOptions!;
}

async function sessionRow(cookie: string) {
  return db().selectFrom("user_session").selectAll().where("id", "=", cookie.split("=")[1]!).executeTakeFirstOrThrow();
}

const passkeysOf = (userId: string) =>
  db().selectFrom("webauthn_credential").selectAll().where("user_id", "=", userId).orderBy("created_at").execute();

const auditOf = (userId: string, action: string) =>
  db()
    .selectFrom("audit_log")
    .select(["action", "actor_id", "before", "after"])
    .where("entity_id", "=", userId)
    .where("action", "=", action)
    .execute();

/**
 * Adds a passkey through the account page (options, then the attestation, posted to the document: 200
 * with the recovery codes for a first factor, else 303). Returns the answer.
 */
async function addPasskey(cookie: string, auth: SoftAuthenticator, name = "Laptop", tamper: Partial<Ceremony> = {}) {
  const options = await optionsFrom(ENROL, "passkeyOptions", cookie, { name });
  return app.request(`${ENROL}?intent=passkeyRegister`, {
    form: { name, response: JSON.stringify(auth.register({ challenge: options.challenge, ...tamper })) },
    headers: { cookie },
  });
}

/** A person with one passkey (their only second factor), added through the page. */
async function personWithPasskey() {
  const user = await createUser();
  const auth = new SoftAuthenticator();
  const cookie = await sessionFor(user.id, { secondFactor: false });
  const res = await addPasskey(cookie, auth);
  expect(res.status).toBe(200);
  return { user, auth };
}

function stepCookie(res: Response): string | undefined {
  return res.headers
    .getSetCookie()
    .map((c) => c.split(";")[0]!)
    .find((c) => /^lauwer_mfa=[0-9a-f]{64}$/.test(c));
}

async function passwordStep(email: string, redirectTo?: string) {
  const res = await app.request("/inloggen", { form: { email, password: PASSWORD, ...(redirectTo ? { redirectTo } : {}) } });
  expect(res.headers.get("location")).toBe(STEP);
  expect(sessionCookieFrom(res)).toBeUndefined();
  return stepCookie(res)!;
}

/** The passkey answer of the sign-in step, posted as the page posts it. */
const answer = (cookie: string, response: unknown) =>
  app.request(`${STEP}?intent=passkey`, { form: { response: JSON.stringify(response) }, headers: { cookie } });

describe("adding a passkey", () => {
  it("gives options for this person and site, verifies the attestation, lists the passkey; as the first factor it gives recovery codes and passes this session; audited", async () => {
    const user = await createUser();
    const cookie = await sessionFor(user.id, { secondFactor: false });
    const auth = new SoftAuthenticator();
    const options = await optionsFrom(ENROL, "passkeyOptions", cookie, { name: "Laptop werk" });
    expect(options.rp).toEqual({ id: "localhost", name: "Lauwer" });
    expect(options.user?.name).toBe(user.email);
    expect(options.challenge).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(options.excludeCredentials).toEqual([]);
    // The challenge is in PostgreSQL (any app process can check it), bound to this person, for 5 minutes.
    const stored = await db()
      .selectFrom("webauthn_challenge")
      .selectAll()
      .where("challenge", "=", options.challenge)
      .executeTakeFirstOrThrow();
    expect(stored).toMatchObject({ user_id: user.id, purpose: "register" });
    expect(stored.expires_at.getTime() - stored.created_at.getTime()).toBe(5 * 60_000);

    const res = await app.request(`${ENROL}.data?intent=passkeyRegister`, {
      form: { name: "Laptop werk", response: JSON.stringify(auth.register({ challenge: options.challenge })) },
      headers: { cookie },
    });
    expect(res.status).toBe(200);
    const shown = (await actionData(res)) as { recoveryCodes: string[]; next: string };
    expect(new Set(shown.recoveryCodes).size).toBe(10);
    expect(shown.next).toBe(ENROL);
    const [passkey, ...more] = await passkeysOf(user.id);
    expect(more).toEqual([]);
    expect(passkey).toMatchObject({
      name: "Laptop werk",
      credential_id: auth.id,
      counter: "0",
      transports: ["internal"],
      last_used_at: null,
    });
    expect(passkey!.public_key.length).toBeGreaterThan(60);
    expect((await sessionRow(cookie)).second_factor_at).not.toBeNull();
    expect(await db().selectFrom("webauthn_challenge").select("challenge").where("user_id", "=", user.id).execute()).toEqual([]);
    // The audit log names the passkey by its id, never by the name the person typed.
    expect(await auditOf(user.id, "mfa.passkey_add")).toEqual([
      { action: "mfa.passkey_add", actor_id: user.id, before: null, after: { passkey: passkey!.id, first: true } },
    ]);

    const page = await (await app.request(ENROL, { headers: { cookie } })).text();
    expect(page).toContain("Laptop werk");
    // A second passkey: no new recovery codes, and the first one is excluded from the options.
    const second = new SoftAuthenticator();
    const again = await optionsFrom(ENROL, "passkeyOptions", cookie, { name: "Sleutel" });
    expect(again.excludeCredentials!.map((c) => c.id)).toEqual([auth.id]);
    const added = await app.request(`${ENROL}?intent=passkeyRegister`, {
      form: { name: "Sleutel", response: JSON.stringify(second.register({ challenge: again.challenge })) },
      headers: { cookie },
    });
    expect(added.status).toBe(303);
    expect(added.headers.get("location")).toBe(`${ENROL}?passkey=toegevoegd`);
    expect((await passkeysOf(user.id)).map((p) => p.name)).toEqual(["Laptop werk", "Sleutel"]);
    expect(await db().selectFrom("mfa_recovery_code").select("code_hash").where("user_id", "=", user.id).execute()).toHaveLength(10);
  });

  it("refuses an attestation for another origin, another relying party, a challenge never issued, or one used before; nothing is stored", async () => {
    const user = await createUser();
    const cookie = await sessionFor(user.id, { secondFactor: false });
    const auth = new SoftAuthenticator();
    for (const tamper of [
      { origin: "https://evil.example" },
      { rpId: "evil.example" },
      { challenge: "A".repeat(43) },
      { type: "webauthn.get" },
    ]) {
      const res = await addPasskey(cookie, auth, "Laptop", tamper);
      expect(res.status).toBe(400);
      expect(await res.text()).toContain("mfa.errors.passkeyNotAdded");
    }
    // A challenge is taken once: the same attestation posted twice is refused the second time.
    const options = await optionsFrom(ENROL, "passkeyOptions", cookie, { name: "Laptop" });
    const response = JSON.stringify(auth.register({ challenge: options.challenge }));
    const first = await app.request(`${ENROL}?intent=passkeyRegister`, { form: { name: "Laptop", response }, headers: { cookie } });
    expect(first.status).toBe(200);
    const other = new SoftAuthenticator();
    const replay = await app.request(`${ENROL}?intent=passkeyRegister`, {
      form: { name: "Kopie", response: JSON.stringify(other.register({ challenge: options.challenge })) },
      headers: { cookie },
    });
    expect(replay.status).toBe(400);
    expect((await passkeysOf(user.id)).map((p) => p.name)).toEqual(["Laptop"]);
  });

  it("refuses a missing or too long name and a response that is not one, with translated messages", async () => {
    const user = await createUser();
    const cookie = await sessionFor(user.id, { secondFactor: false });
    const empty = await app.request(`${ENROL}.data?intent=passkeyOptions`, { form: { name: "  " }, headers: { cookie } });
    expect(empty.status).toBe(400);
    expect(JSON.stringify(await actionData(empty))).toContain("mfa.errors.passkeyNameRequired");
    const long = await app.request(`${ENROL}.data?intent=passkeyOptions`, { form: { name: "x".repeat(61) }, headers: { cookie } });
    expect(long.status).toBe(400);
    expect(JSON.stringify(await actionData(long))).toContain("mfa.errors.passkeyNameLong");
    const junk = await app.request(`${ENROL}?intent=passkeyRegister`, {
      form: { name: "Laptop", response: "{not json" },
      headers: { cookie },
    });
    expect(junk.status).toBe(400);
    expect(await passkeysOf(user.id)).toEqual([]);
    expect(await db().selectFrom("webauthn_challenge").select("challenge").where("user_id", "=", user.id).execute()).toHaveLength(0);
  });

  it("an organizer with no second factor may choose a passkey instead of the app; the privileged page then opens", async () => {
    const user = await createUser();
    const e = await createEdition();
    await db()
      .insertInto("role_grant")
      .values({ user_id: user.id, role: "organizer", award_id: e.awardId, edition_id: null, book_project_id: null, granted_by: null })
      .execute();
    const target = `/beheer/prijzen/${e.slug}/2026`;
    const res = await app.request("/inloggen", { form: { email: user.email, password: PASSWORD, redirectTo: target } });
    const cookie = sessionCookieFrom(res)!;
    expect(res.headers.get("location")).toContain(`${ENROL}?redirectTo=`);
    expect((await app.request(target, { headers: { cookie } })).status).toBe(302);
    const options = await optionsFrom(ENROL, "passkeyOptions", cookie, { name: "Laptop" });
    const added = await app.request(`${ENROL}.data?intent=passkeyRegister`, {
      form: {
        name: "Laptop",
        redirectTo: target,
        response: JSON.stringify(new SoftAuthenticator().register({ challenge: options.challenge })),
      },
      headers: { cookie },
    });
    expect(((await actionData(added)) as { next: string }).next).toBe(target);
    expect((await app.request(target, { headers: { cookie } })).status).toBe(200);
  });
});

describe("signing in with a passkey", () => {
  it("after the password, the step offers the passkey; its assertion gives a new session that passed the second factor", async () => {
    const { user, auth } = await personWithPasskey();
    const step = await passwordStep(user.email);
    // The page knows this person has a passkey (the button appears once the browser can use it).
    expect(await loaderJson(STEP, step)).toContain('"hasPasskey":true');
    const options = await optionsFrom(STEP, "passkeyOptions", step);
    expect(options.rpId).toBe("localhost");
    expect(options.allowCredentials).toEqual([expect.objectContaining({ id: auth.id, type: "public-key" })]);
    const res = await answer(step, auth.assert({ challenge: options.challenge }));
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe("/mijn-lauwer?melding=login.done");
    const cookie = sessionCookieFrom(res)!;
    expect((await sessionRow(cookie)).second_factor_at).not.toBeNull();
    expect(res.headers.getSetCookie().some((c) => c.startsWith("lauwer_mfa=;"))).toBe(true);
    expect((await app.request("/mijn-lauwer", { headers: { cookie } })).status).toBe(200);
    const [passkey] = await passkeysOf(user.id);
    expect(passkey!.counter).toBe("1");
    expect(passkey!.last_used_at).not.toBeNull();
    // The step is used up.
    expect((await answer(step, auth.assert({ challenge: options.challenge }))).status).toBe(409);
  });

  it("a person with the app only is not offered a passkey", async () => {
    const user = await createUser();
    await enrol(app, await sessionFor(user.id), user.id);
    const step = await passwordStep(user.email);
    expect(await loaderJson(STEP, step)).toContain('"hasPasskey":false');
    const res = await app.request(`${STEP}.data?intent=passkeyOptions`, { method: "POST", headers: { cookie: step } });
    expect(res.status).toBe(409);
    expect(JSON.stringify(await actionData(res))).toContain("mfa.errors.noPasskey");
  });

  it("refuses a wrong challenge, origin or relying party, a replayed challenge, another person's passkey and a bad signature; no session", async () => {
    const { user, auth } = await personWithPasskey();
    const stranger = await personWithPasskey();
    const step = await passwordStep(user.email);
    const tries: [string, (challenge: string) => unknown][] = [
      ["challenge never issued", () => auth.assert({ challenge: "B".repeat(43) })],
      ["other origin", (challenge) => auth.assert({ challenge, origin: "https://evil.example" })],
      ["other relying party", (challenge) => auth.assert({ challenge, rpId: "evil.example" })],
    ];
    for (const [what, make] of tries) {
      const options = await optionsFrom(STEP, "passkeyOptions", step);
      const res = await answer(step, make(options.challenge));
      expect(res.status, what).toBe(400);
      expect(await res.text(), what).toContain("mfa.errors.passkeyFailed");
      expect(sessionCookieFrom(res), what).toBeUndefined();
    }
    // Each wrong answer counted on the step and on the account (5 per LOGIN_THROTTLE_MINUTES, as codes).
    expect(
      (await db().selectFrom("mfa_challenge").select("failures").where("user_id", "=", user.id).executeTakeFirstOrThrow()).failures,
    ).toBe(3);

    // Another person's passkey, in the stranger's step.
    const next = await passwordStep(stranger.user.email);
    const theirs = await optionsFrom(STEP, "passkeyOptions", next);
    const borrowed = await answer(next, auth.assert({ challenge: theirs.challenge }));
    expect(borrowed.status).toBe(400);
    expect(sessionCookieFrom(borrowed)).toBeUndefined();
    // A bad signature: a right assertion with one byte of its signature changed.
    const options = await optionsFrom(STEP, "passkeyOptions", next);
    const forged = stranger.auth.assert({ challenge: options.challenge });
    const sig = Buffer.from(forged.response.signature, "base64url");
    sig[sig.length - 1] = sig[sig.length - 1]! ^ 0xff;
    forged.response.signature = sig.toString("base64url");
    expect((await answer(next, forged)).status).toBe(400);

    // A replay: a right assertion is taken once; the same one again (even in a new step) is refused.
    const fresh = await passwordStep(user.email);
    const o = await optionsFrom(STEP, "passkeyOptions", fresh);
    const right = auth.assert({ challenge: o.challenge });
    const ok = await answer(fresh, right);
    expect(ok.status).toBe(303);
    const later = await passwordStep(user.email);
    await optionsFrom(STEP, "passkeyOptions", later);
    const replayed = await answer(later, right);
    expect(replayed.status).toBe(400);
    expect(sessionCookieFrom(replayed)).toBeUndefined();
  });

  it("refuses a passkey whose counter went back (a copied authenticator), audited; a passkey that never counts (synced) keeps working", async () => {
    const { user, auth } = await personWithPasskey();
    auth.counter = 10;
    const first = await passwordStep(user.email);
    expect((await answer(first, auth.assert({ challenge: (await optionsFrom(STEP, "passkeyOptions", first)).challenge }))).status).toBe(
      303,
    );
    expect((await passkeysOf(user.id))[0]!.counter).toBe("11");
    auth.counter = 4;
    const step = await passwordStep(user.email);
    const res = await answer(step, auth.assert({ challenge: (await optionsFrom(STEP, "passkeyOptions", step)).challenge }));
    expect(res.status).toBe(400);
    expect(await res.text()).toContain("mfa.errors.passkeyCounter");
    expect(sessionCookieFrom(res)).toBeUndefined();
    expect((await passkeysOf(user.id))[0]!.counter).toBe("11");
    const [passkey] = await passkeysOf(user.id);
    expect(await auditOf(user.id, "mfa.passkey_refused")).toEqual([
      { action: "mfa.passkey_refused", actor_id: user.id, before: { counter: 11 }, after: { passkey: passkey!.id, counter: 5 } },
    ]);

    // Synced passkeys report 0 every time: that is not a step back.
    const synced = await personWithPasskey();
    for (let i = 0; i < 2; i++) {
      const s = await passwordStep(synced.user.email);
      const o = await optionsFrom(STEP, "passkeyOptions", s);
      expect((await answer(s, synced.auth.assert({ challenge: o.challenge }, { count: false }))).status).toBe(303);
    }
  });

  it("refuses a challenge that is over (5 minutes), and the maintenance sweeps it", async () => {
    const { deleteExpiredChallenges } = await import("~/modules/mfa/mfa.server");
    const { user, auth } = await personWithPasskey();
    const step = await passwordStep(user.email);
    const options = await optionsFrom(STEP, "passkeyOptions", step);
    await db()
      .updateTable("webauthn_challenge")
      .set({ expires_at: new Date(Date.now() - 1000) })
      .where("challenge", "=", options.challenge)
      .execute();
    const late = await answer(step, auth.assert({ challenge: options.challenge }));
    expect(late.status).toBe(400);
    expect(sessionCookieFrom(late)).toBeUndefined();
    const again = await optionsFrom(STEP, "passkeyOptions", step);
    await db()
      .updateTable("webauthn_challenge")
      .set({ expires_at: new Date(Date.now() - 1000) })
      .where("challenge", "=", again.challenge)
      .execute();
    await deleteExpiredChallenges(db());
    expect(await db().selectFrom("webauthn_challenge").select("challenge").where("user_id", "=", user.id).execute()).toEqual([]);
  });

  it("five wrong passkey answers end the step (audited) and then the account waits, as with codes", async () => {
    const { user, auth } = await personWithPasskey();
    const step = await passwordStep(user.email);
    for (let i = 0; i < 4; i++) expect((await answer(step, auth.assert({ challenge: "C".repeat(43) }))).status).toBe(400);
    const fifth = await answer(step, auth.assert({ challenge: "C".repeat(43) }));
    expect(fifth.status).toBe(409);
    expect(await fifth.text()).toContain("mfa.errors.tooManyWrong");
    expect(await auditOf(user.id, "mfa.challenge_failed")).toHaveLength(1);
    const next = await passwordStep(user.email);
    const options = await optionsFrom(STEP, "passkeyOptions", next);
    const throttled = await answer(next, auth.assert({ challenge: options.challenge }));
    expect(throttled.status).toBe(429);
    expect(Number(throttled.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(sessionCookieFrom(throttled)).toBeUndefined();
  });

  it("a privileged page is refused to a session without the factor; the step passes it there with the passkey", async () => {
    const { user, auth } = await personWithPasskey();
    const e = await createEdition();
    await db()
      .insertInto("role_grant")
      .values({ user_id: user.id, role: "organizer", award_id: e.awardId, edition_id: null, book_project_id: null, granted_by: null })
      .execute();
    const target = `/beheer/prijzen/${e.slug}/2026`;
    // A session that passed only the first factor (single sign-on without MFA, a password reset).
    const bare = await sessionFor(user.id, { secondFactor: false });
    const refused = await app.request(target, { headers: { cookie: bare } });
    expect(refused.status).toBe(302);
    expect(refused.headers.get("location")).toBe(`${STEP}?redirectTo=${encodeURIComponent(target)}`);
    // A passkey answer bound to another session does not pass this one.
    const elsewhere = await sessionFor(user.id, { secondFactor: false });
    const foreign = await optionsFrom(STEP, "passkeyOptions", elsewhere);
    const crossed = await app.request(`${STEP}?intent=passkey`, {
      form: { response: JSON.stringify(auth.assert({ challenge: foreign.challenge })), redirectTo: target },
      headers: { cookie: bare },
    });
    expect(crossed.status).toBe(400);
    expect((await sessionRow(bare)).second_factor_at).toBeNull();

    const options = await optionsFrom(STEP, "passkeyOptions", bare);
    const passed = await app.request(`${STEP}?intent=passkey`, {
      form: { response: JSON.stringify(auth.assert({ challenge: options.challenge })), redirectTo: target },
      headers: { cookie: bare },
    });
    expect(passed.status).toBe(303);
    expect(passed.headers.get("location")).toBe(target);
    expect((await sessionRow(bare)).second_factor_at).not.toBeNull();
    expect((await app.request(target, { headers: { cookie: bare } })).status).toBe(200);
  });
});

describe("removing passkeys", () => {
  it("needs a current second factor (a passkey, an app code or a recovery code); refused without, nothing changes; audited", async () => {
    const user = await createUser();
    const cookie = await sessionFor(user.id, { secondFactor: false });
    await enrol(app, cookie, user.id);
    const laptop = new SoftAuthenticator();
    const key = new SoftAuthenticator();
    expect((await addPasskey(cookie, laptop, "Laptop")).status).toBe(303);
    expect((await addPasskey(cookie, key, "Sleutel")).status).toBe(303);
    const [first, second] = await passkeysOf(user.id);

    const page = await (await app.request(`${ENROL}?verwijderen=${first!.id}`, { headers: { cookie } })).text();
    expect(page).toContain("Laptop");
    const wrong = await app.request(`${ENROL}?intent=removePasskey`, {
      form: { passkey: first!.id, code: "abcd-efgh-ijkl-mnop" },
      headers: { cookie },
    });
    expect(wrong.status).toBe(400);
    expect(await passkeysOf(user.id)).toHaveLength(2);
    // Someone else's passkey cannot be named.
    const stranger = await personWithPasskey();
    const theirs = (await passkeysOf(stranger.user.id))[0]!;
    const foreign = await app.request(`${ENROL}?intent=removePasskey`, {
      form: { passkey: theirs.id, code: await freshCode(user.id) },
      headers: { cookie },
    });
    expect(foreign.status).toBe(404);
    expect(await passkeysOf(stranger.user.id)).toHaveLength(1);

    const byCode = await app.request(`${ENROL}?intent=removePasskey`, {
      form: { passkey: first!.id, code: await freshCode(user.id) },
      headers: { cookie },
    });
    expect(byCode.status).toBe(303);
    expect(byCode.headers.get("location")).toBe(`${ENROL}?passkey=verwijderd`);
    expect((await passkeysOf(user.id)).map((p) => p.name)).toEqual(["Sleutel"]);

    // Confirmed with a passkey (here the one removed).
    const options = await optionsFrom(ENROL, "passkeyConfirmOptions", cookie);
    expect(options.allowCredentials!.map((c) => c.id)).toEqual([key.id]);
    const byPasskey = await app.request(`${ENROL}?intent=removePasskeyByPasskey`, {
      form: { passkey: second!.id, response: JSON.stringify(key.assert({ challenge: options.challenge })) },
      headers: { cookie },
    });
    expect(byPasskey.status).toBe(303);
    expect(await passkeysOf(user.id)).toEqual([]);
    // The app is still there, and with it the recovery codes and this session's second factor.
    expect(await db().selectFrom("mfa_totp").select("user_id").where("user_id", "=", user.id).executeTakeFirst()).toBeDefined();
    expect(await db().selectFrom("mfa_recovery_code").select("code_hash").where("user_id", "=", user.id).execute()).toHaveLength(10);
    expect((await sessionRow(cookie)).second_factor_at).not.toBeNull();
    expect((await auditOf(user.id, "mfa.passkey_remove")).map((a) => a.before)).toEqual([{ passkey: first!.id }, { passkey: second!.id }]);
  });

  it("removing the last second factor turns it off: recovery codes gone, sessions lose it, signing in is the password alone (mfa.disable)", async () => {
    const { user, auth } = await personWithPasskey();
    const cookie = await sessionFor(user.id);
    const other = await sessionFor(user.id);
    const [passkey] = await passkeysOf(user.id);
    const options = await optionsFrom(ENROL, "passkeyConfirmOptions", cookie);
    const res = await app.request(`${ENROL}?intent=removePasskeyByPasskey`, {
      form: { passkey: passkey!.id, response: JSON.stringify(auth.assert({ challenge: options.challenge })) },
      headers: { cookie },
    });
    expect(res.status).toBe(303);
    expect(await passkeysOf(user.id)).toEqual([]);
    expect(await db().selectFrom("mfa_recovery_code").select("code_hash").where("user_id", "=", user.id).execute()).toEqual([]);
    expect((await sessionRow(other)).second_factor_at).toBeNull();
    expect(await auditOf(user.id, "mfa.disable")).toEqual([
      { action: "mfa.disable", actor_id: user.id, before: { method: "passkey", passkey: passkey!.id }, after: { by: "self" } },
    ]);
    const login = await app.request("/inloggen", { form: { email: user.email, password: PASSWORD } });
    expect(sessionCookieFrom(login)).toBeDefined();
  });

  it("removing the app keeps the passkeys and recovery codes; the step then asks the passkey", async () => {
    const { user, auth } = await personWithPasskey();
    const cookie = await sessionFor(user.id);
    await app.request(`${ENROL}?intent=start`, { method: "POST", headers: { cookie } });
    const confirmed = await app.request(`${ENROL}?intent=confirm`, { form: { code: await freshCode(user.id) }, headers: { cookie } });
    expect(confirmed.status).toBe(200);
    const off = await app.request(`${ENROL}?intent=disable`, { form: { code: await freshCode(user.id) }, headers: { cookie } });
    expect(off.status).toBe(303);
    expect(await db().selectFrom("mfa_totp").select("user_id").where("user_id", "=", user.id).executeTakeFirst()).toBeUndefined();
    expect(await passkeysOf(user.id)).toHaveLength(1);
    expect(await db().selectFrom("mfa_recovery_code").select("code_hash").where("user_id", "=", user.id).execute()).toHaveLength(10);
    expect(await auditOf(user.id, "mfa.app_remove")).toHaveLength(1);
    const step = await passwordStep(user.email);
    const options = await optionsFrom(STEP, "passkeyOptions", step);
    expect((await answer(step, auth.assert({ challenge: options.challenge }))).status).toBe(303);
  });

  it("the admin's reset removes passkeys with the app and codes; account deletion removes them with the account", async () => {
    const { resetSecondFactor } = await import("~/modules/mfa/mfa.server");
    const { user } = await personWithPasskey();
    const admin = await createUser();
    const live = await sessionFor(user.id);
    await optionsFrom(ENROL, "passkeyConfirmOptions", live);
    const reset = await resetSecondFactor(db(), { actorId: admin.id }, user.id, "admin", "belde zelf, teruggebeld");
    expect(reset.ok).toBe(true);
    expect(await passkeysOf(user.id)).toEqual([]);
    expect(await db().selectFrom("webauthn_challenge").select("challenge").where("user_id", "=", user.id).execute()).toEqual([]);
    expect(await db().selectFrom("mfa_recovery_code").select("code_hash").where("user_id", "=", user.id).execute()).toEqual([]);
    expect((await sessionRow(live)).second_factor_at).toBeNull();
    expect((await auditOf(user.id, "mfa.disable"))[0]).toMatchObject({ actor_id: admin.id, after: { by: "admin" } });

    const gone = await personWithPasskey();
    await db().deleteFrom("app_user").where("id", "=", gone.user.id).execute();
    expect(await db().selectFrom("webauthn_credential").select("id").where("credential_id", "=", gone.auth.id).execute()).toEqual([]);
  });
});

describe("the person's data", () => {
  it("the download lists their passkeys' names, dates and counter, without the public key or open challenges' values", async () => {
    const { user, auth } = await personWithPasskey();
    const cookie = await sessionFor(user.id);
    await optionsFrom(ENROL, "passkeyConfirmOptions", cookie);
    const data = (await exportMyData(db(), user.id))!;
    const [passkey] = data.byAccount["webauthn_credential.user_id"]!;
    expect(passkey).toMatchObject({ name: "Laptop", credential_id: auth.id, counter: "0", transports: ["internal"] });
    expect(passkey).toHaveProperty("created_at");
    expect(passkey).toHaveProperty("last_used_at");
    expect(passkey).not.toHaveProperty("public_key");
    const [challenge] = data.byAccount["webauthn_challenge.user_id"]!;
    expect(challenge).toMatchObject({ purpose: "authenticate" });
    expect(challenge).not.toHaveProperty("challenge");
    expect(challenge).not.toHaveProperty("binding");
  });
});
