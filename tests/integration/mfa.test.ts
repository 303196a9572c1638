// The second factor (ADR 0024) through the real pages: setting up an authenticator app, the code step
// after the password, codes refused when wrong or used before, recovery codes used once, throttling,
// the audit log, and a privileged page out of reach of a session that passed only the password.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "~/db.server";
import { createEdition, createUser, grantAdmin, PASSWORD } from "../setup/factories";
import { sessionCookieFrom, startTestServer, type TestServer } from "../setup/http";
import { enrol, freshCode, signIn, storedSecret, totpCode } from "../setup/second-factor";
import { sessionFor } from "../setup/voting";

let app: TestServer;
beforeAll(async () => {
  app = await startTestServer();
});
afterAll(() => app.close());

const db = () => getDb();
const stepNow = () => Math.floor(Date.now() / 30_000);

async function grantOrganizer(userId: string) {
  const e = await createEdition();
  await db()
    .insertInto("role_grant")
    .values({ user_id: userId, role: "organizer", award_id: e.awardId, edition_id: null, book_project_id: null, granted_by: null })
    .execute();
  return e;
}

async function sessionRow(cookie: string) {
  return db().selectFrom("user_session").selectAll().where("id", "=", cookie.split("=")[1]!).executeTakeFirstOrThrow();
}

function stepCookie(res: Response): string | undefined {
  return res.headers
    .getSetCookie()
    .map((c) => c.split(";")[0]!)
    .find((c) => /^lauwer_mfa=[0-9a-f]{64}$/.test(c));
}

async function passwordStep(email: string) {
  const res = await app.request("/inloggen", { form: { email, password: PASSWORD } });
  return { res, step: stepCookie(res) };
}

const code = (step: string, value: string) => app.request("/inloggen/tweede-stap", { form: { code: value }, headers: { cookie: step } });

async function enrolledUser() {
  const user = await createUser();
  const cookie = await sessionFor(user.id);
  const secret = await enrol(app, cookie, user.id);
  return { user, secret };
}

describe("setting up the authenticator app", () => {
  it("shows a secret and QR code, refuses a wrong first code, then turns on with ten single-use recovery codes, audited", async () => {
    const user = await createUser();
    const cookie = await sessionFor(user.id, { secondFactor: false });
    expect((await app.request("/account/tweestapsverificatie?intent=start", { method: "POST", headers: { cookie } })).status).toBe(303);
    const page = await (await app.request("/account/tweestapsverificatie", { headers: { cookie } })).text();
    const shown = /data-testid="totp-secret">([A-Z2-7 ]+)</.exec(page)?.[1]?.replace(/ /g, "");
    const stored = await db().selectFrom("mfa_totp").selectAll().where("user_id", "=", user.id).executeTakeFirstOrThrow();
    expect(shown).toBe(await storedSecret(user.id));
    expect(stored.confirmed_at).toBeNull();
    expect(page).toContain('src="data:image/svg+xml;base64,');

    const wrong = totpCode(shown!, stepNow() + 5);
    const refused = await app.request("/account/tweestapsverificatie?intent=confirm", { form: { code: wrong }, headers: { cookie } });
    expect(refused.status).toBe(400);
    expect(await refused.text()).toContain("mfa.errors.wrongCode");
    expect(
      (await db().selectFrom("mfa_totp").select("confirmed_at").where("user_id", "=", user.id).executeTakeFirstOrThrow()).confirmed_at,
    ).toBeNull();
    expect((await sessionRow(cookie)).second_factor_at).toBeNull();

    const on = await app.request("/account/tweestapsverificatie?intent=confirm", {
      form: { code: totpCode(shown!, stepNow()) },
      headers: { cookie },
    });
    expect(on.status).toBe(200);
    const body = await on.text();
    const codes = [...body.matchAll(/<code>([a-z2-7]{4}-[a-z2-7]{4}-[a-z2-7]{4}-[a-z2-7]{4})<\/code>/g)].map((m) => m[1]);
    expect(new Set(codes).size).toBe(10);
    const hashes = await db().selectFrom("mfa_recovery_code").select("code_hash").where("user_id", "=", user.id).execute();
    expect(hashes).toHaveLength(10);
    // Only hashes are kept.
    expect(hashes.map((h) => h.code_hash).some((h) => codes.some((c) => h.includes(c!.replace(/-/g, ""))))).toBe(false);
    expect((await sessionRow(cookie)).second_factor_at).not.toBeNull();
    const audit = await db().selectFrom("audit_log").select(["action", "actor_id"]).where("entity_id", "=", user.id).execute();
    expect(audit).toContainEqual({ action: "mfa.enrol", actor_id: user.id });
  });

  it("refuses to start over while an app is on (nothing changes)", async () => {
    const { user, secret } = await enrolledUser();
    const cookie = await sessionFor(user.id);
    const again = await app.request("/account/tweestapsverificatie?intent=start", { method: "POST", headers: { cookie } });
    expect(again.status).toBe(409);
    expect(await storedSecret(user.id)).toBe(secret);
  });
});

describe("signing in with a second factor", () => {
  it("gives no session after the password alone, only the code step; the right code gives a session that passed it", async () => {
    const { user } = await enrolledUser();
    const { res, step } = await passwordStep(user.email);
    expect(res.headers.get("location")).toBe("/inloggen/tweede-stap");
    expect(sessionCookieFrom(res)).toBeUndefined();
    expect(step).toBeDefined();
    // The step cookie is not a session: member pages send it to log in.
    const mine = await app.request("/mijn-lauwer", { headers: { cookie: step! } });
    expect(mine.headers.get("location")).toContain("/inloggen?redirectTo=");

    const sessionsBefore = await db().selectFrom("user_session").select("id").where("user_id", "=", user.id).execute();
    const wrong = await code(step!, "000000" === (await freshCode(user.id)) ? "111111" : "000000");
    expect(wrong.status).toBe(400);
    expect(sessionCookieFrom(wrong)).toBeUndefined();
    expect(await db().selectFrom("user_session").select("id").where("user_id", "=", user.id).execute()).toEqual(sessionsBefore);

    const right = await code(step!, await freshCode(user.id));
    expect(right.status).toBe(303);
    expect(right.headers.get("location")).toBe("/mijn-lauwer?melding=login.done");
    const cookie = sessionCookieFrom(right)!;
    expect((await sessionRow(cookie)).second_factor_at).not.toBeNull();
    expect((await app.request("/mijn-lauwer", { headers: { cookie } })).status).toBe(200);
    // The step is used up.
    const reused = await code(step!, "123456");
    expect(reused.status).toBe(409);
    expect(sessionCookieFrom(reused)).toBeUndefined();
  });

  it("refuses a code that was accepted before (replay), even in a new sign-in", async () => {
    const { user, secret } = await enrolledUser();
    const first = await passwordStep(user.email);
    const row = await db().selectFrom("mfa_totp").select("last_used_step").where("user_id", "=", user.id).executeTakeFirstOrThrow();
    const used = totpCode(secret, row.last_used_step);
    // The code of the step just taken by enrolment is refused as used; no session.
    const replay = await code(first.step!, used);
    expect(replay.status).toBe(400);
    expect(await replay.text()).toContain("mfa.errors.codeUsed");
    expect(sessionCookieFrom(replay)).toBeUndefined();
  });

  it("takes each recovery code once, and writes its use to the audit log", async () => {
    const user = await createUser();
    const cookie = await sessionFor(user.id);
    await app.request("/account/tweestapsverificatie?intent=start", { method: "POST", headers: { cookie } });
    const secret = await storedSecret(user.id);
    const on = await app.request("/account/tweestapsverificatie?intent=confirm", {
      form: { code: totpCode(secret, stepNow()) },
      headers: { cookie },
    });
    const recovery = /<code>([a-z2-7-]{19})<\/code>/.exec(await on.text())![1]!;

    const first = await passwordStep(user.email);
    const ok = await code(first.step!, recovery.toUpperCase().replace(/-/g, " "));
    expect(ok.status).toBe(303);
    expect((await sessionRow(sessionCookieFrom(ok)!)).second_factor_at).not.toBeNull();

    const second = await passwordStep(user.email);
    const again = await code(second.step!, recovery);
    expect(again.status).toBe(400);
    expect(sessionCookieFrom(again)).toBeUndefined();
    const left = await db().selectFrom("mfa_recovery_code").select("used_at").where("user_id", "=", user.id).execute();
    expect(left.filter((r) => r.used_at !== null)).toHaveLength(1);
    const audit = await db()
      .selectFrom("audit_log")
      .select("action")
      .where("entity_id", "=", user.id)
      .where("action", "=", "mfa.recovery_used")
      .execute();
    expect(audit).toHaveLength(1);
  });

  it("ends the step after five wrong codes (audited) and then throttles the account, with Retry-After", async () => {
    const { user } = await enrolledUser();
    const { step } = await passwordStep(user.email);
    const fresh = await freshCode(user.id);
    const wrongCode = fresh === "123456" ? "654321" : "123456";
    for (let i = 0; i < 4; i++) expect((await code(step!, wrongCode)).status).toBe(400);
    const fifth = await code(step!, wrongCode);
    expect(fifth.status).toBe(409);
    expect(await fifth.text()).toContain("mfa.errors.tooManyWrong");
    const audit = await db()
      .selectFrom("audit_log")
      .select("action")
      .where("entity_id", "=", user.id)
      .where("action", "=", "mfa.challenge_failed")
      .execute();
    expect(audit).toHaveLength(1);
    // A new step after the password: the account has had its five wrong codes; even the right one waits.
    const next = await passwordStep(user.email);
    const throttled = await code(next.step!, await freshCode(user.id));
    expect(throttled.status).toBe(429);
    expect(Number(throttled.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(sessionCookieFrom(throttled)).toBeUndefined();
  });

  it("an expired or unknown step says so and signs nobody in", async () => {
    const { user } = await enrolledUser();
    const { step } = await passwordStep(user.email);
    await db()
      .updateTable("mfa_challenge")
      .set({ expires_at: new Date(Date.now() - 1000) })
      .where("user_id", "=", user.id)
      .execute();
    const late = await code(step!, await freshCode(user.id));
    expect(late.status).toBe(409);
    expect(sessionCookieFrom(late)).toBeUndefined();
    const page = await app.request("/inloggen/tweede-stap", { headers: { cookie: step! } });
    expect(page.status).toBe(200);
  });

  it("a session of an enrolled person that did not pass the code (e.g. after a password reset) is sent to the code step, and passes it there", async () => {
    const { user } = await enrolledUser();
    const cookie = await sessionFor(user.id, { secondFactor: false });
    const mine = await app.request("/mijn-lauwer", { headers: { cookie } });
    expect(mine.status).toBe(302);
    expect(mine.headers.get("location")).toBe("/inloggen/tweede-stap?redirectTo=%2Fmijn-lauwer");
    const passed = await app.request("/inloggen/tweede-stap?redirectTo=%2Fmijn-lauwer", {
      form: { code: await freshCode(user.id), redirectTo: "/mijn-lauwer" },
      headers: { cookie },
    });
    expect(passed.status).toBe(303);
    expect(passed.headers.get("location")).toBe("/mijn-lauwer");
    expect((await app.request("/mijn-lauwer", { headers: { cookie } })).status).toBe(200);
  });

  it("turning the second factor off needs a current code, removes app and recovery codes, and is audited", async () => {
    const { user } = await enrolledUser();
    const cookie = await sessionFor(user.id);
    const refused = await app.request("/account/tweestapsverificatie?intent=disable", {
      form: { code: "abcd-efgh-ijkl-mnop" },
      headers: { cookie },
    });
    expect(refused.status).toBe(400);
    expect(await db().selectFrom("mfa_totp").select("user_id").where("user_id", "=", user.id).executeTakeFirst()).toBeDefined();
    const off = await app.request("/account/tweestapsverificatie?intent=disable", {
      form: { code: await freshCode(user.id) },
      headers: { cookie },
    });
    expect(off.status).toBe(303);
    expect(off.headers.get("location")).toBe("/account/tweestapsverificatie?uitgezet=1");
    expect(await db().selectFrom("mfa_totp").select("user_id").where("user_id", "=", user.id).executeTakeFirst()).toBeUndefined();
    expect(await db().selectFrom("mfa_recovery_code").select("user_id").where("user_id", "=", user.id).execute()).toEqual([]);
    const audit = await db()
      .selectFrom("audit_log")
      .select("action")
      .where("entity_id", "=", user.id)
      .where("action", "=", "mfa.disable")
      .execute();
    expect(audit).toHaveLength(1);
    // Signing in is the password alone again.
    expect(sessionCookieFrom((await passwordStep(user.email)).res)).toBeDefined();
  });
});

describe("the way back without database access", () => {
  it("new recovery codes replace the old ones (audited)", async () => {
    const { user } = await enrolledUser();
    const cookie = await sessionFor(user.id);
    const old = (await db().selectFrom("mfa_recovery_code").select("code_hash").where("user_id", "=", user.id).execute()).map(
      (r) => r.code_hash,
    );
    const made = await app.request("/account/tweestapsverificatie?intent=regenerate", { method: "POST", headers: { cookie } });
    expect(made.status).toBe(200);
    const shown = [...(await made.text()).matchAll(/<code>([a-z2-7-]{19})<\/code>/g)].map((m) => m[1]!);
    expect(shown).toHaveLength(10);
    const now = (await db().selectFrom("mfa_recovery_code").select("code_hash").where("user_id", "=", user.id).execute()).map(
      (r) => r.code_hash,
    );
    expect(now).toHaveLength(10);
    expect(now.filter((h) => old.includes(h))).toEqual([]);
    const audit = await db()
      .selectFrom("audit_log")
      .select("action")
      .where("entity_id", "=", user.id)
      .where("action", "=", "mfa.recovery_regenerate")
      .execute();
    expect(audit).toHaveLength(1);
  });

  it("a platform admin can reset someone who lost app and codes: their sessions lose the second factor, audited as the admin's", async () => {
    const { resetSecondFactor } = await import("~/modules/mfa/mfa.server");
    const { user } = await enrolledUser();
    const admin = await createUser();
    const live = await sessionFor(user.id);
    const reset = await resetSecondFactor(db(), { actorId: admin.id }, user.id, "admin");
    expect(reset.ok).toBe(true);
    expect((await sessionRow(live)).second_factor_at).toBeNull();
    expect(await db().selectFrom("mfa_totp").select("user_id").where("user_id", "=", user.id).executeTakeFirst()).toBeUndefined();
    const audit = await db()
      .selectFrom("audit_log")
      .select(["action", "actor_id", "after"])
      .where("entity_id", "=", user.id)
      .where("action", "=", "mfa.disable")
      .execute();
    expect(audit).toEqual([{ action: "mfa.disable", actor_id: admin.id, after: { by: "admin" } }]);
    // Nothing left to reset: refused, nothing written.
    expect(await resetSecondFactor(db(), { actorId: admin.id }, user.id, "admin")).toMatchObject({ ok: false, status: 409 });
  });
});

describe("roles that need a second factor (MFA_REQUIRED_ROLES: admin, organizer, editor)", () => {
  it("an organizer without one is sent to set it up after the password, and their pages stay shut until then", async () => {
    const user = await createUser();
    const e = await grantOrganizer(user.id);
    const target = `/beheer/prijzen/${e.slug}/2026`;
    const res = await app.request("/inloggen", { form: { email: user.email, password: PASSWORD, redirectTo: target } });
    expect(res.headers.get("location")).toBe(`/account/tweestapsverificatie?redirectTo=${encodeURIComponent(target)}&melding=login.done`);
    const cookie = sessionCookieFrom(res)!;
    // Signed in as a member: their own pages open; the organizer's do not.
    expect((await app.request("/mijn-lauwer", { headers: { cookie } })).status).toBe(200);
    const shut = await app.request(target, { headers: { cookie } });
    expect(shut.status).toBe(302);
    expect(shut.headers.get("location")).toBe(`/account/tweestapsverificatie?redirectTo=${encodeURIComponent(target)}`);
    const post = await app.request(`${target}/procedure`, { form: { intent: "x" }, headers: { cookie } });
    expect(post.headers.get("location")).toContain("/account/tweestapsverificatie?redirectTo=");
    // Set up: the same session opens the page.
    await enrol(app, cookie, user.id);
    expect((await app.request(target, { headers: { cookie } })).status).toBe(200);
  });

  it("an admin with an app but a session without the code is sent to the code step, not the page", async () => {
    const admin = await createUser();
    await grantAdmin(admin.id);
    await enrol(app, await sessionFor(admin.id), admin.id);
    const bare = await sessionFor(admin.id, { secondFactor: false });
    const res = await app.request("/beheer/rollen", { headers: { cookie: bare } });
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toBe("/inloggen/tweede-stap?redirectTo=%2Fbeheer%2Frollen");
    // The shared test sign-in goes through the code step and reaches it.
    const cookie = await signIn(app, admin.email);
    expect((await app.request("/beheer/rollen", { headers: { cookie } })).status).toBe(200);
  });

  it("a member without a role signs in with the password alone", async () => {
    const user = await createUser();
    const res = await app.request("/inloggen", { form: { email: user.email, password: PASSWORD } });
    expect(res.headers.get("location")).toBe("/mijn-lauwer?melding=login.done");
    expect(sessionCookieFrom(res)).toBeDefined();
  });
});
