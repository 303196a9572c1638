import { sql, type KyselyPlugin, type OperationNode } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { config } from "~/config.server";
import { getDb } from "~/db.server";
import { translator } from "~/i18n/i18n";
import { login, requestPasswordReset } from "~/modules/accounts/account.server";
import { ACCOUNT_WIDE_ATTEMPTS } from "~/modules/rate-limit/login-throttle.server";
import { createUser, lastMailTo, linkFrom, PASSWORD, uniqueEmail } from "../setup/factories";
import { sessionCookieFrom, startTestServer, type TestServer } from "../setup/http";

// Issue #15, findings 5 (enumeration at sign-up, reset timing), 8 (blank passwords, password change
// while signed in) and 10 (lockout per account and address, progressive delay, unlock link).

const nl = translator("nl");
let app: TestServer;
beforeAll(async () => {
  app = await startTestServer();
});
afterAll(() => app.close());

const randomIp = () => `203.0.113.${1 + Math.floor(Math.random() * 250)}`;
const uniqueIp = (() => {
  let n = 0;
  const base = Math.floor(Math.random() * 200);
  return () => `10.${base}.${Math.floor(++n / 250)}.${1 + (n % 250)}`;
})();

/** Headers that differ between any two responses (a date, a request id, a CSP nonce). */
const VARYING = new Set(["date", "x-request-id", "content-security-policy"]);
const stableHeaders = (res: Response) => [...res.headers].filter(([k]) => !VARYING.has(k));
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g;
/** A page without what differs between any two answers: CSP nonces and the request id. */
const withoutNonces = (html: string) => html.replace(/nonce="[^"]*"/g, 'nonce=""').replace(UUID, "<id>");

describe("sign-up does not tell whether an address has an account (finding 5)", () => {
  it("answers a new and a taken address byte for byte the same, and mails the owner instead", async () => {
    const owner = await createUser();
    const fresh = uniqueEmail("fresh");
    const form = (email: string) => ({ name: "Iemand", email, organisation: "", password: "een ander lang wachtwoord" });
    const taken = await app.request("/registreren", { form: form(owner.email.toUpperCase()) });
    const created = await app.request("/registreren", { form: form(fresh) });

    expect(taken.status).toBe(created.status);
    expect(stableHeaders(taken)).toEqual(stableHeaders(created));
    expect(await taken.text()).toBe(await created.text());
    expect(sessionCookieFrom(taken)).toBeUndefined();
    expect(sessionCookieFrom(created)).toBeUndefined();
    const location = created.headers.get("location")!;
    const [takenPage, createdPage] = await Promise.all([app.request(location), app.request(location)]);
    expect(takenPage.status).toBe(200);
    const page = await createdPage.text();
    expect(withoutNonces(await takenPage.text())).toBe(withoutNonces(page));
    expect(page).toContain(nl("accounts.signup.checkMail"));

    // The owner hears of it; their account and password are untouched.
    const mail = await lastMailTo(owner.email);
    expect(mail?.template).toBe("accounts.signupExisting");
    expect(mail?.body_text).toContain(`${config().origin}/wachtwoord-vergeten`);
    expect((await login(getDb(), { email: owner.email, password: PASSWORD }, randomIp())).ok).toBe(true);
    const rows = await getDb().selectFrom("app_user").select("id").where("email", "=", owner.email).execute();
    expect(rows).toHaveLength(1);
    // The new address gets its confirmation mail.
    expect((await lastMailTo(fresh))?.template).toBe("verify");
  });
});

/** A Kysely plugin that records, per statement, its kind and the tables it names. */
function recorder(log: string[]): KyselyPlugin {
  const tables = (node: unknown, out: Set<string>) => {
    if (!node || typeof node !== "object") return;
    const n = node as OperationNode & { table?: { identifier?: { name?: string } } };
    if (n.kind === "TableNode" && n.table?.identifier?.name) out.add(n.table.identifier.name);
    for (const value of Object.values(node)) {
      if (Array.isArray(value)) value.forEach((v) => tables(v, out));
      else if (value && typeof value === "object") tables(value, out);
    }
  };
  return {
    transformQuery({ node }) {
      const out = new Set<string>();
      tables(node, out);
      log.push(`${node.kind}:${[...out].sort().join(",")}`);
      return node;
    },
    transformResult: async ({ result }) => result,
  };
}

describe("password reset does the same work for known and unknown addresses (finding 5)", () => {
  it("runs the same statements on the same tables, and queues one mail either way", async () => {
    const user = await createUser();
    const unknown = uniqueEmail("ghost");
    const known: string[] = [];
    const ghost: string[] = [];
    expect(await requestPasswordReset(getDb().withPlugin(recorder(known)), { email: user.email }, randomIp())).toEqual({ ok: true });
    expect(await requestPasswordReset(getDb().withPlugin(recorder(ghost)), { email: unknown }, randomIp())).toEqual({ ok: true });
    expect(known.length).toBeGreaterThan(0);
    expect(ghost).toEqual(known);
    expect(known).toContain("InsertQueryNode:outbox_email");

    // The owner gets a reset link; the unknown address a mail that says there is no account (no link to reset).
    const resetMail = await lastMailTo(user.email);
    expect(resetMail?.template).toBe("reset");
    expect(linkFrom(resetMail!.body_text).pathname).toBe("/wachtwoord-herstellen");
    const ghostMail = await lastMailTo(unknown);
    expect(ghostMail?.template).toBe("accounts.resetNoAccount");
    expect(ghostMail?.body_text).not.toContain("/wachtwoord-herstellen");
  });
});

describe("passwords that are blank or only spaces (finding 8)", () => {
  it.each([
    [" ".repeat(12), "accounts.errors.passwordBlank"],
    ["\u00a0 \u2003".repeat(5), "accounts.errors.passwordBlank"],
    // Runs of spaces count as one (ASVS 2.1.1): this is three characters, not twelve.
    [`a${" ".repeat(10)}b`, "errors.passwordTooShort"],
  ])("refuses %j at sign-up with a translated error, storing nothing", async (password, key) => {
    const email = uniqueEmail("blank");
    const res = await app.request("/registreren", { form: { name: "Spatie", email, password } });
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain('id="field-password-error"');
    expect(html).toContain(nl(key));
    const row = await getDb().selectFrom("app_user").select("id").where("email", "=", email).executeTakeFirst();
    expect(row).toBeUndefined();
  });

  it("refuses a password of spaces at reset too, keeping the link usable", async () => {
    const user = await createUser();
    expect((await app.request("/wachtwoord-vergeten", { form: { email: user.email } })).status).toBe(302);
    const token = linkFrom((await lastMailTo(user.email))!.body_text).searchParams.get("token")!;
    const res = await app.request("/wachtwoord-herstellen", { form: { token, password: " ".repeat(20) } });
    expect(res.status).toBe(400);
    expect(await res.text()).toContain(nl("accounts.errors.passwordBlank"));
    expect((await app.request("/wachtwoord-herstellen", { form: { token, password: "een heel ander nieuw wachtwoord" } })).status).toBe(
      302,
    );
  });

  it("refuses a common password hidden by spaces around it", async () => {
    const res = await app.request("/registreren", {
      form: { name: "Spatie", email: uniqueEmail("pad"), password: "  passwordpassword  " },
    });
    expect(res.status).toBe(400);
    expect(await res.text()).toContain(nl("errors.passwordCommon"));
  });
});

describe("changing the password while signed in (finding 8)", () => {
  async function signIn(email: string, password = PASSWORD) {
    const res = await app.request("/inloggen", { form: { email, password } });
    expect(res.status).toBe(302);
    return sessionCookieFrom(res)!;
  }
  const change = (cookie: string, form: Record<string, string>) =>
    app.request("/account?intent=password", { form: { formId: "password", ...form }, headers: { cookie } });

  it("offers the form on /account", async () => {
    const user = await createUser();
    const html = await (await app.request("/account", { headers: { cookie: await signIn(user.email) } })).text();
    expect(html).toContain(nl("accounts.password.heading"));
    expect(html).toContain('name="currentPassword"');
    expect(html).toContain('name="confirmPassword"');
  });

  it("refuses a wrong current password, a mismatch, a blank and a common password, changing nothing", async () => {
    const user = await createUser();
    const cookie = await signIn(user.email);
    const good = "een nieuw en heel lang wachtwoord";
    for (const [form, field, key] of [
      [
        { currentPassword: "niet het huidige wachtwoord", newPassword: good, confirmPassword: good },
        "currentPassword",
        "accounts.errors.wrongCurrentPassword",
      ],
      [
        { currentPassword: PASSWORD, newPassword: good, confirmPassword: `${good}!` },
        "confirmPassword",
        "accounts.errors.passwordMismatch",
      ],
      [
        { currentPassword: PASSWORD, newPassword: " ".repeat(14), confirmPassword: " ".repeat(14) },
        "newPassword",
        "accounts.errors.passwordBlank",
      ],
      [
        { currentPassword: PASSWORD, newPassword: "passwordpassword", confirmPassword: "passwordpassword" },
        "newPassword",
        "errors.passwordCommon",
      ],
    ] as const) {
      const res = await change(cookie, form);
      expect(res.status, key).toBe(400);
      const html = await res.text();
      expect(html).toContain(`id="field-${field}-error"`);
      expect(html).toContain(nl(key));
    }
    expect((await login(getDb(), { email: user.email, password: PASSWORD }, randomIp())).ok).toBe(true);
  });

  it("sets the new password (argon2id), ends the other sessions, renews this one and mails the owner", async () => {
    const user = await createUser();
    const other = await signIn(user.email);
    const cookie = await signIn(user.email);
    const newPassword = "een nieuw en heel lang wachtwoord";
    const res = await change(cookie, { currentPassword: PASSWORD, newPassword, confirmPassword: newPassword });
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe("/account?melding=accounts.password.changed");
    const renewed = sessionCookieFrom(res);
    expect(renewed).toBeDefined();
    expect(renewed).not.toBe(cookie);
    expect((await app.request("/account", { headers: { cookie: renewed! } })).status).toBe(200);
    expect((await app.request("/account", { headers: { cookie: other } })).status).toBe(302);
    expect((await app.request("/account", { headers: { cookie } })).status).toBe(302);

    const row = await getDb().selectFrom("app_user").select("password_hash").where("id", "=", user.id).executeTakeFirstOrThrow();
    expect(row.password_hash).toMatch(/^\$argon2id\$/);
    expect((await lastMailTo(user.email))?.template).toBe("passwordChanged");
    expect((await login(getDb(), { email: user.email, password: newPassword }, randomIp())).ok).toBe(true);
    expect((await login(getDb(), { email: user.email, password: PASSWORD }, randomIp())).ok).toBe(false);
  });

  it("throttles guesses at the current password like logins, with Retry-After", async () => {
    const user = await createUser();
    const cookie = await signIn(user.email);
    const good = "een nieuw en heel lang wachtwoord";
    const statuses: number[] = [];
    let last: Response | undefined;
    for (let i = 0; i < config().LOGIN_FAILURES_PER_ACCOUNT + 1; i++) {
      last = await change(cookie, { currentPassword: `fout ${i} xxxxxxxxxx`, newPassword: good, confirmPassword: good });
      statuses.push(last.status);
    }
    expect(statuses.slice(0, -1).every((s) => s === 400)).toBe(true);
    expect(last!.status).toBe(429);
    expect(Number(last!.headers.get("retry-after"))).toBeGreaterThan(0);
    // Even the right current password waits now.
    expect((await change(cookie, { currentPassword: PASSWORD, newPassword: good, confirmPassword: good })).status).toBe(429);
  });
});

describe("login throttling per account and address (finding 10)", () => {
  const wrong = (email: string, ip: string) => login(getDb(), { email, password: "een verkeerde gok van iemand" }, ip);

  it("a stranger's failures from one address do not stop the owner at another", async () => {
    const user = await createUser();
    const stranger = uniqueIp();
    for (let i = 0; i < config().LOGIN_FAILURES_PER_ACCOUNT * 3; i++) await wrong(user.email, stranger);
    expect(await wrong(user.email, stranger)).toMatchObject({ ok: false, status: 429 });
    expect(await login(getDb(), { email: user.email, password: PASSWORD }, uniqueIp())).toMatchObject({ ok: true });
  });

  it("slows a brute force from one address with growing delays, also for the right password, and says how long", async () => {
    const user = await createUser();
    const ip = uniqueIp();
    for (let i = 0; i < config().LOGIN_FAILURES_PER_ACCOUNT; i++) expect(await wrong(user.email, ip)).toMatchObject({ status: 400 });
    const first = await wrong(user.email, ip);
    expect(first).toMatchObject({ ok: false, status: 429 });
    expect(await login(getDb(), { email: user.email, password: PASSWORD }, ip)).toMatchObject({ ok: false, status: 429 });
    const firstWait = first.ok ? 0 : first.retryAfter!;
    expect(firstWait).toBeGreaterThan(0);

    // The wait passes (moved on in the database): one more guess is verified, and the next wait is longer.
    const passWait = () =>
      getDb()
        .updateTable("login_throttle")
        .set({ next_allowed_at: sql<Date>`now() - interval '1 second'` })
        .where("account", "=", user.email)
        .where("ip", "=", ip)
        .execute();
    await passWait();
    expect(await wrong(user.email, ip)).toMatchObject({ status: 400 });
    const second = await wrong(user.email, ip);
    expect(second).toMatchObject({ ok: false, status: 429 });
    expect(second.ok ? 0 : second.retryAfter!).toBeGreaterThan(firstWait);

    // After the wait, the right password gets in (a delay, not a lock) and clears the count.
    await passWait();
    expect(await login(getDb(), { email: user.email, password: PASSWORD }, ip)).toMatchObject({ ok: true });
    expect(await wrong(user.email, ip)).toMatchObject({ status: 400 });
  });

  it("lets the people of an office behind one address in while someone there sprays guesses", async () => {
    const office = uniqueIp();
    const colleague = await createUser();
    // The colleague signed in from the office before: a known-good place for that account.
    expect(await login(getDb(), { email: colleague.email, password: PASSWORD }, office)).toMatchObject({ ok: true });
    const limit = config().LOGIN_FAILURES_PER_IP;
    // More failures from the address than the old limit of 50 allowed, at many accounts.
    for (let i = 0; i < limit; i++) await wrong(uniqueEmail("spray"), office);
    expect(await wrong(uniqueEmail("spray"), office)).toMatchObject({ ok: false, status: 429 });
    expect(await login(getDb(), { email: colleague.email, password: PASSWORD }, office)).toMatchObject({ ok: true });
    expect(limit).toBeGreaterThanOrEqual(200);
  });

  it("mails the owner an unlock link when an account is attacked from many places; the link lets them in", async () => {
    const user = await createUser();
    for (let i = 0; i < ACCOUNT_WIDE_ATTEMPTS; i++) await wrong(user.email, uniqueIp());
    // From a place the owner never used: refused, and the owner is mailed a link.
    expect(await login(getDb(), { email: user.email, password: PASSWORD }, "127.0.0.1")).toMatchObject({ ok: false, status: 429 });
    const mail = await lastMailTo(user.email);
    expect(mail?.template).toBe("accounts.unlock");
    // Further refused attempts do not flood the owner's mailbox: one link an hour.
    expect(await wrong(user.email, uniqueIp())).toMatchObject({ status: 429 });
    const unlockMails = await getDb()
      .selectFrom("outbox_email")
      .select("id")
      .where("to_address", "=", user.email)
      .where("template", "=", "accounts.unlock")
      .execute();
    expect(unlockMails).toHaveLength(1);
    const link = linkFrom(mail!.body_text);
    expect(link.pathname).toBe("/ontgrendelen");
    // Opening the link changes nothing; the button does, once.
    expect((await app.request(link.pathname + link.search)).status).toBe(200);
    expect(await login(getDb(), { email: user.email, password: PASSWORD }, "127.0.0.1")).toMatchObject({ status: 429 });
    const token = link.searchParams.get("token")!;
    const unlocked = await app.request("/ontgrendelen", { form: { token } });
    expect(unlocked.status).toBe(303);
    expect(unlocked.headers.get("location")).toBe("/inloggen?melding=accounts.unlock.done");
    expect((await app.request("/ontgrendelen", { form: { token } })).status).toBe(400);
    expect(await login(getDb(), { email: user.email, password: PASSWORD }, "127.0.0.1")).toMatchObject({ ok: true });
  });
});
