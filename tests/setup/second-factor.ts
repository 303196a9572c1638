import { setTimeout as sleep } from "node:timers/promises";
import { Secret, TOTP } from "otpauth";
import { getDb } from "~/db.server";
import { openTotpSecret } from "~/modules/mfa/totp-secret.server";
import { PASSWORD } from "./factories";
import { sessionCookieFrom, type TestServer } from "./http";

// Signing in as a test, second factor included (ADR 0024): roles that need a second factor
// (MFA_REQUIRED_ROLES, admin/organizer/editor by default) reach their pages only with it, so every
// privileged login of the integration tests goes through the real steps — setting up the app on the
// first login, the code step on later ones — with codes computed here from the secret, as an app does.

const PERIOD = 30;
const stepNow = () => Math.floor(Date.now() / 1000 / PERIOD);

/** The app code of one 30-second step. */
export function totpCode(secret: string, step: number): string {
  return new TOTP({ secret: Secret.fromBase32(secret), digits: 6, period: PERIOD, algorithm: "SHA1" }).generate({
    timestamp: step * PERIOD * 1000,
  });
}

/**
 * A code the app would show that the server has not accepted yet: a code is taken once, so a person
 * signing in twice within 30 seconds uses the next step's code (accepted one step early, as clocks
 * drift), and a third time waits for the clock — as a person with a real app would.
 */
export async function freshCode(userId: string): Promise<string> {
  const row = await getDb()
    .selectFrom("mfa_totp")
    .select(["secret", "last_used_step"])
    .where("user_id", "=", userId)
    .executeTakeFirstOrThrow();
  const step = Math.max(stepNow(), Number(row.last_used_step) + 1);
  // Hang guard only: at most two steps.
  for (let i = 0; i < 130 && step > stepNow() + 1; i++) await sleep(500);
  return totpCode(openTotpSecret(userId, row.secret)!, step);
}

/** The person's TOTP secret as their app holds it (the column keeps it sealed, ADR 0032). */
export async function storedSecret(userId: string): Promise<string> {
  const row = await getDb().selectFrom("mfa_totp").select("secret").where("user_id", "=", userId).executeTakeFirstOrThrow();
  const secret = openTotpSecret(userId, row.secret);
  if (!secret) throw new Error("the stored secret does not open");
  return secret;
}

async function userIdOf(email: string): Promise<string> {
  return (await getDb().selectFrom("app_user").select("id").where("email", "=", email.toLowerCase()).executeTakeFirstOrThrow()).id;
}

const pair = (res: Response, name: string) =>
  res.headers
    .getSetCookie()
    .map((c) => c.split(";")[0]!)
    .find((c) => c.startsWith(`${name}=`) && c !== `${name}=`);

/**
 * Signs in through the real pages and returns the session's Cookie value: password, then either the
 * code step (a person with an app) or — for a role that needs a second factor and none set up yet —
 * setting up an app and confirming its first code. Anyone else is signed in after the password.
 */
export async function signIn(app: Pick<TestServer, "request">, email: string, password = PASSWORD): Promise<string> {
  const res = await app.request("/inloggen", { form: { email, password } });
  const location = res.headers.get("location") ?? "";
  if (location.startsWith("/inloggen/tweede-stap")) {
    const step = pair(res, "lauwer_mfa");
    if (!step) throw new Error("no step cookie");
    const answer = await app.request("/inloggen/tweede-stap", {
      form: { code: await freshCode(await userIdOf(email)) },
      headers: { cookie: step },
    });
    const cookie = sessionCookieFrom(answer);
    if (!cookie) throw new Error(`code step refused (${answer.status})`);
    return cookie;
  }
  const cookie = sessionCookieFrom(res);
  if (!cookie) throw new Error(`login refused (${res.status})`);
  if (location.startsWith("/account/tweestapsverificatie")) await enrol(app, cookie, await userIdOf(email));
  return cookie;
}

/** Sets up the app for a signed-in person through the page (start, then the first code); this session then has the second factor. */
export async function enrol(app: Pick<TestServer, "request">, cookie: string, userId: string): Promise<string> {
  const started = await app.request("/account/tweestapsverificatie?intent=start", { method: "POST", headers: { cookie } });
  if (started.status !== 303) throw new Error(`enrolment not started (${started.status})`);
  const confirmed = await app.request("/account/tweestapsverificatie?intent=confirm", {
    form: { code: await freshCode(userId) },
    headers: { cookie },
  });
  if (confirmed.status !== 200) throw new Error(`enrolment not confirmed (${confirmed.status})`);
  return storedSecret(userId);
}
