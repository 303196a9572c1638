import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "~/db.server";
import { login } from "~/modules/accounts/account.server";
import { config } from "~/config.server";
import { translator } from "~/i18n/i18n";

const nl = translator("nl");
import { createUser, lastMailTo, linkFrom, PASSWORD, uniqueEmail } from "../setup/factories";
import { sessionCookieFrom, startTestServer, type TestServer } from "../setup/http";

let app: TestServer;
beforeAll(async () => {
  app = await startTestServer();
});
afterAll(() => app.close());

const countUsers = async (email: string) =>
  Number(
    (
      await getDb()
        .selectFrom("app_user")
        .select((eb) => eb.fn.countAll<string>().as("n"))
        .where("email", "=", email)
        .executeTakeFirstOrThrow()
    ).n,
  );

describe("sign-up", () => {
  // Issue #15 (finding 5): sign-up answers "check your mail" and signs nobody in, so that a taken
  // address gets the very same answer (accounts-hardening.test.ts); the new owner logs in.
  it("creates the account and queues a verification mail; the owner then logs in", async () => {
    const email = uniqueEmail("new");
    const res = await app.request("/registreren", {
      form: { name: "Fatima el Amrani", email: `  ${email.toUpperCase()} `, organisation: "Gemeente Utrecht", password: PASSWORD },
    });
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe("/inloggen?melding=accounts.signup.checkMail");
    expect(sessionCookieFrom(res)).toBeUndefined();
    expect(sessionCookieFrom(await app.request("/inloggen", { form: { email, password: PASSWORD } }))).toBeDefined();
    const user = await getDb().selectFrom("app_user").selectAll().where("email", "=", email).executeTakeFirstOrThrow();
    expect(user.email_verified_at).toBeNull();
    expect(user.password_hash).toMatch(/^\$argon2id\$/);
    const mail = await lastMailTo(email);
    expect(mail?.template).toBe("verify");
    expect(mail?.subject).toBe("Bevestig je e-mailadres voor Lauwer");
  });

  it.each([
    [{ name: "", email: "x@example.nl", password: PASSWORD }, "name", "errors.required"],
    [{ name: "A", email: "geen-adres", password: PASSWORD }, "email", "errors.email"],
    [{ name: "A", email: "kort@example.nl", password: "te kort" }, "password", "errors.passwordTooShort"],
    [{ name: "A", email: "lang@example.nl", password: "x".repeat(129) }, "password", "errors.passwordTooLong"],
    [{ name: "A", email: "common@example.nl", password: "passwordpassword" }, "password", "errors.passwordCommon"],
  ])("refuses bad input %# with a translated field error and stores nothing", async (form, field, key) => {
    const res = await app.request("/registreren", { form });
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain(`id="field-${field}-error"`);
    expect(html).toContain(nl(key)); // shown translated
    expect(await countUsers(form.email)).toBe(0);
  });

  it("keeps what the user typed (but never the password) after an error", async () => {
    const res = await app.request("/registreren", { form: { name: "Joost Visser", email: "joost@example.nl", password: "kort" } });
    const html = await res.text();
    expect(html).toContain('value="Joost Visser"');
    expect(html).not.toContain('value="kort"');
  });

  it("accepts any Unicode and counts characters, not bytes", async () => {
    const email = uniqueEmail("unicode");
    // 12 characters, 3 of them multi-byte.
    const res = await app.request("/registreren", { form: { name: "Zoë", email, password: "wachtwoörd€😀" } });
    expect(res.status).toBe(303);
    expect((await login(getDb(), { email, password: "wachtwoörd€😀" }, "10.0.0.1")).ok).toBe(true);
  });

  it("makes no second account with the same email (also when cased differently), without telling the visitor", async () => {
    const user = await createUser();
    const res = await app.request("/registreren", { form: { name: "Ander", email: user.email.toUpperCase(), password: PASSWORD } });
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe("/inloggen?melding=accounts.signup.checkMail");
    expect(await res.text()).not.toContain("Er bestaat al een account met dit e-mailadres");
    expect(await countUsers(user.email)).toBe(1);
    expect((await lastMailTo(user.email))?.template).toBe("accounts.signupExisting");
  });
});

describe("email verification", () => {
  it("verifies with the mailed single-use link; opening the link alone changes nothing", async () => {
    const email = uniqueEmail("verify");
    await app.request("/registreren", { form: { name: "Verifieer", email, password: PASSWORD } });
    const link = linkFrom((await lastMailTo(email))!.body_text);
    expect(link.pathname).toBe("/e-mail-bevestigen");
    const token = link.searchParams.get("token")!;

    expect((await app.request(link.pathname + link.search)).status).toBe(200);
    const before = await getDb().selectFrom("app_user").select("email_verified_at").where("email", "=", email).executeTakeFirstOrThrow();
    expect(before.email_verified_at).toBeNull();

    const ok = await app.request("/e-mail-bevestigen", { form: { token } });
    expect(ok.status).toBe(302);
    const after = await getDb().selectFrom("app_user").select("email_verified_at").where("email", "=", email).executeTakeFirstOrThrow();
    expect(after.email_verified_at).not.toBeNull();

    const again = await app.request("/e-mail-bevestigen", { form: { token } });
    expect(again.status).toBe(400);
    expect(await again.text()).toContain("ongeldig, verlopen of al gebruikt");
  });

  it("refuses a forged token", async () => {
    const res = await app.request("/e-mail-bevestigen", { form: { token: "x".repeat(43) } });
    expect(res.status).toBe(400);
  });
});

describe("login", () => {
  it("answers a wrong password with a clear message, without saying whether the account exists", async () => {
    const user = await createUser();
    const wrong = await app.request("/inloggen", { form: { email: user.email, password: "niet het goede wachtwoord" } });
    const unknown = await app.request("/inloggen", { form: { email: uniqueEmail("nobody"), password: "niet het goede wachtwoord" } });
    expect(wrong.status).toBe(400);
    expect(unknown.status).toBe(400);
    const message = "Dit e-mailadres en wachtwoord horen niet bij elkaar";
    expect(await wrong.text()).toContain(message);
    expect(await unknown.text()).toContain(message);
  });

  it("throttles an account from one address after repeated failures with 429, even for the right password", async () => {
    const user = await createUser();
    const limit = config().LOGIN_FAILURES_PER_ACCOUNT;
    for (let i = 0; i < limit; i++) {
      expect((await app.request("/inloggen", { form: { email: user.email, password: `fout-${i}-xxxxxxxx` } })).status).toBe(400);
    }
    const tripped = await app.request("/inloggen", { form: { email: user.email, password: "nog een keer fout" } });
    expect(tripped.status).toBe(429);
    expect(await tripped.text()).toContain("Te veel mislukte pogingen");
    const right = await app.request("/inloggen", { form: { email: user.email, password: PASSWORD } });
    expect(right.status).toBe(429);
    expect(sessionCookieFrom(right)).toBeUndefined();
  });

  it("throttles an IP address that tries many accounts", async () => {
    const ip = `192.0.2.${Math.floor(Math.random() * 250)}`;
    const limit = config().LOGIN_FAILURES_PER_IP;
    for (let i = 0; i < limit; i++) {
      expect(await login(getDb(), { email: uniqueEmail("spray"), password: "geraden wachtwoord" }, ip)).toMatchObject({
        ok: false,
        status: 400,
        error: "login.failed",
      });
    }
    expect(await login(getDb(), { email: uniqueEmail("spray"), password: "geraden wachtwoord" }, ip)).toMatchObject({
      ok: false,
      status: 429,
      error: "accounts.login.throttledMinutes",
    });
    const user = await createUser();
    expect(await login(getDb(), { email: user.email, password: PASSWORD }, ip)).toMatchObject({
      ok: false,
      status: 429,
      error: "accounts.login.throttledMinutes",
    });
    // Another address is not affected.
    expect(await login(getDb(), { email: user.email, password: PASSWORD }, "198.51.100.7")).toMatchObject({ ok: true });
  });

  it("redirects only to local paths after login", async () => {
    const user = await createUser();
    const evil = await app.request("/inloggen", { form: { email: user.email, password: PASSWORD, redirectTo: "//evil.example/steal" } });
    expect(evil.headers.get("location")).toBe("/mijn-lauwer?melding=login.done"); // the landing page, not the foreign address
    const user2 = await createUser();
    const good = await app.request("/inloggen", { form: { email: user2.email, password: PASSWORD, redirectTo: "/beheer/rollen" } });
    expect(good.headers.get("location")).toBe("/beheer/rollen?melding=login.done");
  });
});

describe("password reset", () => {
  async function requestReset(email: string) {
    const res = await app.request("/wachtwoord-vergeten", { form: { email } });
    expect(res.status).toBe(302);
    const mail = await lastMailTo(email);
    return linkFrom(mail!.body_text).searchParams.get("token")!;
  }

  // Issue #15 (finding 5): an unknown address gets the same work done (a queued mail), but no reset link.
  it("answers the same for unknown addresses and sends no reset link", async () => {
    const email = uniqueEmail("ghost");
    const res = await app.request("/wachtwoord-vergeten", { form: { email } });
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toBe("/wachtwoord-vergeten?melding=forgot.done");
    const mail = await lastMailTo(email);
    expect(mail?.template).toBe("accounts.resetNoAccount");
    expect(mail?.body_text).not.toContain("/wachtwoord-herstellen");
  });

  it("sets a new password once, ends every other session and sends a notification", async () => {
    const user = await createUser();
    const otherDevice = sessionCookieFrom(await app.request("/inloggen", { form: { email: user.email, password: PASSWORD } }))!;
    const token = await requestReset(user.email);

    const newPassword = "een heel ander nieuw wachtwoord";
    const res = await app.request("/wachtwoord-herstellen", { form: { token, password: newPassword } });
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toBe("/account?melding=reset.done");
    expect(sessionCookieFrom(res)).toBeDefined();

    expect((await app.request("/account", { headers: { cookie: otherDevice } })).status).toBe(302);
    expect((await lastMailTo(user.email))?.template).toBe("passwordChanged");
    expect((await login(getDb(), { email: user.email, password: newPassword }, "10.1.1.1")).ok).toBe(true);
    expect((await login(getDb(), { email: user.email, password: PASSWORD }, "10.1.1.2")).ok).toBe(false);

    // Single use.
    const again = await app.request("/wachtwoord-herstellen", { form: { token, password: "nog weer een ander wachtwoord" } });
    expect(again.status).toBe(400);
    expect((await login(getDb(), { email: user.email, password: newPassword }, "10.1.1.3")).ok).toBe(true);
  });

  it("refuses an expired link (by the database clock) and keeps the old password", async () => {
    const user = await createUser();
    const token = await requestReset(user.email);
    await getDb()
      .updateTable("password_reset_token")
      .set({ expires_at: sql<Date>`now() - interval '1 second'` })
      .where("user_id", "=", user.id)
      .execute();
    const page = await app.request(`/wachtwoord-herstellen?token=${token}`);
    expect(await page.text()).toContain("ongeldig, verlopen of al gebruikt");
    const res = await app.request("/wachtwoord-herstellen", { form: { token, password: "een heel ander nieuw wachtwoord" } });
    expect(res.status).toBe(400);
    expect((await login(getDb(), { email: user.email, password: PASSWORD }, "10.2.2.2")).ok).toBe(true);
  });

  it("applies the password policy to the new password", async () => {
    const user = await createUser();
    const token = await requestReset(user.email);
    const res = await app.request("/wachtwoord-herstellen", { form: { token, password: "123456789012" } });
    expect(res.status).toBe(400);
    expect(await res.text()).toContain("uitgelekte wachtwoorden");
    // The link was not used up by the refused attempt.
    const ok = await app.request("/wachtwoord-herstellen", { form: { token, password: "een heel ander nieuw wachtwoord" } });
    expect(ok.status).toBe(302);
  });
});
