import { createHash, randomBytes } from "node:crypto";
import { sql } from "kysely";
import { Secret, TOTP } from "otpauth";
import QRCode from "qrcode";
import type { RoleName } from "../../../db/types";
import { createSession } from "~/auth/lucia.server";
import { config } from "~/config.server";
import type { Db, DbOrTrx } from "~/db.server";
import { ok, refuse, type Outcome } from "~/lib/outcome";
import { safeRedirect } from "~/lib/redirect";
import { writeAudit, type Actor } from "~/modules/audit/audit.server";
import { giveBack, hit } from "~/modules/rate-limit/rate-limit.server";
import { ENROL_PATH, SECOND_STEP_PATH } from "./mfa.schema";
import { openTotpSecret, sealTotpSecret } from "./totp-secret.server";

// The second factor (ADR 0024): an authenticator app (TOTP, RFC 6238) and passkeys (ADR 0029,
// passkeys.server.ts), with single-use recovery codes.

const PERIOD = 30;
/** A code of the step before or after the current one is still taken (clocks drift, people type slowly). */
const WINDOW = 1;
export const RECOVERY_CODE_COUNT = 10;
/** How long the step between the password and the code lasts, and how many wrong codes it takes. */
const CHALLENGE_MINUTES = 10;
const CHALLENGE_FAILURES = 5;
export const CHALLENGE_COOKIE = "lauwer_mfa";
export { ENROL_PATH, SECOND_STEP_PATH } from "./mfa.schema";

/** Roles whose pages need a second factor (the setting MFA_REQUIRED_ROLES). */
export function requiredRoles(): ReadonlySet<RoleName> {
  return new Set(config().MFA_REQUIRED_ROLES);
}

const sha256 = (s: string) => createHash("sha256").update(s).digest("hex");
const stepOf = (ms: number) => Math.floor(ms / 1000 / PERIOD);

function totpFor(secret: string, label: string): TOTP {
  return new TOTP({ issuer: "Lauwer", label, secret: Secret.fromBase32(secret), algorithm: "SHA1", digits: 6, period: PERIOD });
}

/** True when the person holds a role the setting names: their privileged pages need the second factor. */
export async function holdsRequiredRole(db: DbOrTrx, userId: string): Promise<boolean> {
  const roles = [...requiredRoles()];
  if (roles.length === 0) return false;
  const row = await db.selectFrom("role_grant").select("id").where("user_id", "=", userId).where("role", "in", roles).executeTakeFirst();
  return row !== undefined;
}

/** The person's second factors: a confirmed app, and how many passkeys. */
export async function factorsOf(db: DbOrTrx, userId: string): Promise<{ app: boolean; passkeys: number }> {
  const row = await db
    .selectNoFrom((eb) => [
      eb.exists(eb.selectFrom("mfa_totp").select("user_id").where("user_id", "=", userId).where("confirmed_at", "is not", null)).as("app"),
      eb
        .selectFrom("webauthn_credential")
        .select((e) => e.fn.countAll<string>().as("n"))
        .where("user_id", "=", userId)
        .as("passkeys"),
    ])
    .executeTakeFirstOrThrow();
  return { app: Boolean(row.app), passkeys: Number(row.passkeys ?? 0) };
}

/**
 * Whether the person has a second factor: a confirmed app or a passkey (what the sign-in asks, and what
 * a platform admin's page of the person shows).
 */
export async function hasSecondFactor(db: DbOrTrx, userId: string): Promise<boolean> {
  const f = await factorsOf(db, userId);
  return f.app || f.passkeys > 0;
}

/** Serialises changes to one person's second factors (adding and removing them), so the last one is always known. */
export async function lockPerson(trx: DbOrTrx, userId: string): Promise<void> {
  await trx.selectFrom("app_user").select("id").where("id", "=", userId).forNoKeyUpdate().execute();
}

/** The refusal of a counted code or passkey answer over the limit. */
export const throttled = (wait: number) =>
  refuse(429, "mfa.errors.throttled", { params: { count: Math.max(1, Math.ceil(wait / 60)) }, retryAfter: wait });

export interface PasskeyRow {
  id: string;
  name: string;
  createdAt: Date;
  lastUsedAt: Date | null;
}

export interface SecondFactorState {
  /** The authenticator app is on. */
  app: boolean;
  /** Any second factor is on (the app or a passkey). */
  on: boolean;
  /** An app was shown but not confirmed yet: its secret, the otpauth:// address and its QR code (SVG data URI). */
  pending: { secret: string; uri: string; qr: string } | null;
  passkeys: PasskeyRow[];
  recoveryLeft: number;
  required: boolean;
}

/** What the person's second factor page shows. */
export async function secondFactorState(db: Db, user: { id: string; email: string }): Promise<SecondFactorState> {
  const [row, left, required, passkeys] = await Promise.all([
    db.selectFrom("mfa_totp").select(["secret", "confirmed_at"]).where("user_id", "=", user.id).executeTakeFirst(),
    db
      .selectFrom("mfa_recovery_code")
      .select((eb) => eb.fn.countAll<string>().as("n"))
      .where("user_id", "=", user.id)
      .where("used_at", "is", null)
      .executeTakeFirstOrThrow(),
    holdsRequiredRole(db, user.id),
    db
      .selectFrom("webauthn_credential")
      .select(["id", "name", "created_at", "last_used_at"])
      .where("user_id", "=", user.id)
      .orderBy("created_at")
      .orderBy("id")
      .execute(),
  ]);
  let pending: SecondFactorState["pending"] = null;
  // A pending secret that does not open is not shown: "start" makes a new one.
  const secret = row && row.confirmed_at === null ? openTotpSecret(user.id, row.secret) : null;
  if (secret) {
    const uri = totpFor(secret, user.email).toString();
    const svg = await QRCode.toString(uri, { type: "svg", margin: 2, errorCorrectionLevel: "M" });
    pending = {
      secret: secret.replace(/(.{4})/g, "$1 ").trim(),
      uri,
      qr: `data:image/svg+xml;base64,${Buffer.from(svg).toString("base64")}`,
    };
  }
  const app = row?.confirmed_at != null;
  return {
    app,
    on: app || passkeys.length > 0,
    pending,
    passkeys: passkeys.map((p) => ({ id: p.id, name: p.name, createdAt: p.created_at, lastUsedAt: p.last_used_at })),
    recoveryLeft: Number(left.n),
    required,
  };
}

/** Starts setting up an app: a new secret (160 random bits, stored sealed), shown until the first code confirms it. */
export async function startEnrolment(db: Db, userId: string): Promise<Outcome> {
  const secret = sealTotpSecret(userId, new Secret({ size: 20 }).base32);
  const r = await db
    .insertInto("mfa_totp")
    .values({ user_id: userId, secret })
    .onConflict((oc) =>
      oc
        .column("user_id")
        .doUpdateSet({ secret, created_at: sql`now()` })
        .where("mfa_totp.confirmed_at", "is", null),
    )
    .executeTakeFirst();
  if (Number(r.numInsertedOrUpdatedRows ?? 0) === 0) return refuse(409, "mfa.errors.alreadyEnrolled");
  return ok();
}

/** New recovery codes (the old ones stop working): 16 characters of base32, 80 random bits each, stored hashed. */
export async function newRecoveryCodes(trx: DbOrTrx, userId: string): Promise<string[]> {
  await trx.deleteFrom("mfa_recovery_code").where("user_id", "=", userId).execute();
  const codes = Array.from({ length: RECOVERY_CODE_COUNT }, () => new Secret({ size: 10 }).base32.toLowerCase());
  await trx
    .insertInto("mfa_recovery_code")
    .values(codes.map((c) => ({ user_id: userId, code_hash: sha256(c) })))
    .execute();
  return codes.map((c) => c.replace(/(.{4})(?!$)/g, "$1-"));
}

/**
 * Checks an app code against the confirmed (or, while enrolling, the pending) secret and takes its step:
 * a code is accepted once (the row's last step only grows, in one UPDATE, so two requests with the same
 * code cannot both pass). "used": right code, already taken.
 */
async function takeTotp(
  trx: DbOrTrx,
  userId: string,
  code: string,
  confirmed: boolean,
  now = Date.now(),
): Promise<"ok" | "wrong" | "used"> {
  const row = await trx
    .selectFrom("mfa_totp as t")
    .innerJoin("app_user as u", "u.id", "t.user_id")
    .select(["t.secret", "u.email"])
    .where("t.user_id", "=", userId)
    .where("t.confirmed_at", confirmed ? "is not" : "is", null)
    .executeTakeFirst();
  const secret = row ? openTotpSecret(userId, row.secret) : null;
  if (!row || !secret) return "wrong";
  const delta = totpFor(secret, row.email).validate({ token: code, timestamp: now, window: WINDOW });
  if (delta === null) return "wrong";
  const step = stepOf(now) + delta;
  const taken = await trx
    .updateTable("mfa_totp")
    .set({ last_used_step: step })
    .where("user_id", "=", userId)
    .where("last_used_step", "<", step)
    .executeTakeFirst();
  return Number(taken.numUpdatedRows) === 1 ? "ok" : "used";
}

/** Takes a recovery code once (used_at is set only while still null). */
async function takeRecoveryCode(trx: DbOrTrx, userId: string, code: string): Promise<boolean> {
  const r = await trx
    .updateTable("mfa_recovery_code")
    .set({ used_at: sql`now()` })
    .where("user_id", "=", userId)
    .where("code_hash", "=", sha256(code))
    .where("used_at", "is", null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

const normalise = (code: string) => code.replace(/[\s-]/g, "").toLowerCase();

/**
 * A second-factor code of a person with a confirmed app: an app code or a recovery code. Counted first
 * (5 wrong or replayed codes per account per LOGIN_THROTTLE_MINUTES, whatever the address), given back
 * when right. A recovery code used is written to the audit log.
 */
export async function checkSecondFactor(db: Db, actor: Actor, userId: string, code: string): Promise<Outcome<"app" | "recovery">> {
  const wait = await hit("mfaAccount", userId);
  if (wait) return throttled(wait);
  const c = normalise(code);
  if (/^[0-9]{6}$/.test(c)) {
    const taken = await takeTotp(db, userId, c, true);
    if (taken === "used") return refuse(400, "mfa.errors.codeUsed", { field: "code" });
    if (taken === "wrong") return refuse(400, "mfa.errors.wrongCode", { field: "code" });
    await giveBack("mfaAccount", userId);
    return ok("app");
  }
  const used = await db.transaction().execute(async (trx) => {
    if (!(await takeRecoveryCode(trx, userId, c))) return false;
    const left = await trx
      .selectFrom("mfa_recovery_code")
      .select((eb) => eb.fn.countAll<string>().as("n"))
      .where("user_id", "=", userId)
      .where("used_at", "is", null)
      .executeTakeFirstOrThrow();
    await writeAudit(trx, actor, { action: "mfa.recovery_used", entityType: "user", entityId: userId, after: { left: Number(left.n) } });
    return true;
  });
  if (!used) return refuse(400, "mfa.errors.wrongCode", { field: "code" });
  await giveBack("mfaAccount", userId);
  return ok("recovery");
}

/**
 * Confirms the app with its first code: the second factor is on, this session has passed it, and the
 * person gets recovery codes to keep (shown once). Audited.
 */
export async function confirmEnrolment(
  db: Db,
  actor: Actor,
  who: { userId: string; sessionId: string },
  code: string,
): Promise<Outcome<{ recoveryCodes: string[] }>> {
  const wait = await hit("mfaAccount", who.userId);
  if (wait) return throttled(wait);
  const result = await db.transaction().execute(async (trx) => {
    const pending = await trx
      .selectFrom("mfa_totp")
      .select("confirmed_at")
      .where("user_id", "=", who.userId)
      .forUpdate()
      .executeTakeFirst();
    if (!pending) return refuse(409, "mfa.errors.notStarted");
    if (pending.confirmed_at !== null) return refuse(409, "mfa.errors.alreadyEnrolled");
    if ((await takeTotp(trx, who.userId, normalise(code), false)) !== "ok") return refuse(400, "mfa.errors.wrongCode", { field: "code" });
    await trx
      .updateTable("mfa_totp")
      .set({ confirmed_at: sql`now()` })
      .where("user_id", "=", who.userId)
      .execute();
    const recoveryCodes = await newRecoveryCodes(trx, who.userId);
    await trx
      .updateTable("user_session")
      .set({ second_factor_at: sql`now()` })
      .where("id", "=", who.sessionId)
      .execute();
    await writeAudit(trx, actor, { action: "mfa.enrol", entityType: "user", entityId: who.userId, after: { method: "totp" } });
    return ok({ recoveryCodes });
  });
  if (result.ok) await giveBack("mfaAccount", who.userId);
  return result;
}

/** New recovery codes, for a session that passed the second factor (the old codes stop working). Audited. */
export async function regenerateRecoveryCodes(db: Db, actor: Actor, userId: string): Promise<Outcome<{ recoveryCodes: string[] }>> {
  return db.transaction().execute(async (trx) => {
    await lockPerson(trx, userId);
    if (!(await hasSecondFactor(trx, userId))) return refuse(409, "mfa.errors.notEnrolled");
    const recoveryCodes = await newRecoveryCodes(trx, userId);
    await writeAudit(trx, actor, { action: "mfa.recovery_regenerate", entityType: "user", entityId: userId });
    return ok({ recoveryCodes });
  });
}

/**
 * Removes the authenticator app, asked by the person with a current code (app or recovery). When it was
 * their only second factor, the second factor is off (as resetSecondFactor); their privileged pages then
 * ask them to set one up again. With passkeys left, only the app goes (mfa.app_remove). Audited.
 */
export async function disableSecondFactor(db: Db, actor: Actor, userId: string, code: string): Promise<Outcome> {
  const checked = await checkSecondFactor(db, actor, userId, code);
  if (!checked.ok) return checked;
  return db.transaction().execute(async (trx) => {
    await lockPerson(trx, userId);
    const factors = await factorsOf(trx, userId);
    if (!factors.app) return refuse(409, "mfa.errors.notEnrolled");
    if (factors.passkeys === 0) return resetIn(trx, actor, userId, "self");
    await trx.deleteFrom("mfa_totp").where("user_id", "=", userId).execute();
    await writeAudit(trx, actor, {
      action: "mfa.app_remove",
      entityType: "user",
      entityId: userId,
      after: { passkeysLeft: factors.passkeys },
    });
    return ok();
  });
}

/**
 * What is left once a person has no second factor: no recovery codes, no open sign-in steps or passkey
 * ceremonies, and no session that still counts as having passed it.
 */
export async function turnOff(trx: DbOrTrx, userId: string): Promise<void> {
  await trx.deleteFrom("mfa_recovery_code").where("user_id", "=", userId).execute();
  await trx.deleteFrom("mfa_challenge").where("user_id", "=", userId).execute();
  await trx.deleteFrom("webauthn_challenge").where("user_id", "=", userId).execute();
  await trx.updateTable("user_session").set({ second_factor_at: null }).where("user_id", "=", userId).execute();
}

async function resetIn(trx: DbOrTrx, actor: Actor, userId: string, by: "self" | "admin", reason?: string): Promise<Outcome> {
  const app = await trx.deleteFrom("mfa_totp").where("user_id", "=", userId).returning("confirmed_at").executeTakeFirst();
  const passkeys = await trx.deleteFrom("webauthn_credential").where("user_id", "=", userId).executeTakeFirst();
  if (!app && Number(passkeys.numDeletedRows) === 0) return refuse(409, "mfa.errors.notEnrolled");
  await turnOff(trx, userId);
  await writeAudit(trx, actor, {
    action: "mfa.disable",
    entityType: "user",
    entityId: userId,
    before: { app: app?.confirmed_at != null, passkeys: Number(passkeys.numDeletedRows) },
    after: reason === undefined ? { by } : { by, reason },
  });
  return ok();
}

/**
 * Removes a person's second factor (their app, passkeys and recovery codes) and takes the second factor
 * from their sessions: by the person, or by a platform admin for someone who lost all of them (the
 * admin's user pages call this; ADR 0024). Audited.
 */
export async function resetSecondFactor(db: Db, actor: Actor, userId: string, by: "self" | "admin", reason?: string): Promise<Outcome> {
  return db.transaction().execute(async (trx) => {
    await lockPerson(trx, userId);
    return resetIn(trx, actor, userId, by, reason);
  });
}

/** Forgets sign-in steps and passkey ceremonies that are over (the periodic maintenance). */
export async function deleteExpiredChallenges(db: Db): Promise<void> {
  await db
    .deleteFrom("mfa_challenge")
    .where("expires_at", "<", sql<Date>`now()`)
    .execute();
  await db
    .deleteFrom("webauthn_challenge")
    .where("expires_at", "<", sql<Date>`now()`)
    .execute();
}

// ---- Signing in: the step between the password and the code ----

function challengeCookie(token: string, maxAge: number): string {
  const secure = config().secureCookies ? "; Secure" : "";
  return `${CHALLENGE_COOKIE}=${token}; Path=/inloggen; HttpOnly; SameSite=Lax; Max-Age=${maxAge}${secure}`;
}

/** The Set-Cookie value that forgets the step (after it succeeded, or when it is over). */
export const clearChallengeCookie = () => challengeCookie("", 0);

/** The step's token from a Cookie header (64 hex characters), or null. */
export function readChallengeCookie(cookieHeader: string | null): string | null {
  const m = cookieHeader?.match(/(?:^|;\s*)lauwer_mfa=([0-9a-f]{64})(?:;|$)/);
  return m ? m[1]! : null;
}

/**
 * After the password was right: a person with a second factor gets no session yet, only the step that
 * asks the code (a short-lived cookie naming a challenge row); everyone else a session at once. A
 * person whose role needs a second factor and who has none is sent to set one up (ADR 0024).
 */
export async function afterPassword(
  db: Db,
  signedIn: Outcome<string>,
  to: string,
  start: { userAgent: string | null },
): Promise<Outcome<{ cookie: string; to: string; signedIn: boolean }>> {
  if (!signedIn.ok) return signedIn;
  const userId = signedIn.value;
  if (await hasSecondFactor(db, userId)) {
    const token = randomBytes(32).toString("hex");
    await db
      .deleteFrom("mfa_challenge")
      .where("user_id", "=", userId)
      .where("expires_at", "<", sql<Date>`now()`)
      .execute();
    await db
      .insertInto("mfa_challenge")
      .values({
        token_hash: sha256(token),
        user_id: userId,
        redirect_to: to,
        expires_at: sql<Date>`now() + make_interval(mins => ${CHALLENGE_MINUTES})`,
      })
      .execute();
    return ok({ cookie: challengeCookie(token, CHALLENGE_MINUTES * 60), to: SECOND_STEP_PATH, signedIn: false });
  }
  const { cookie } = await createSession(userId, { userAgent: start.userAgent });
  const next = (await holdsRequiredRole(db, userId)) ? `${ENROL_PATH}?redirectTo=${encodeURIComponent(to)}` : to;
  return ok({ cookie, to: next, signedIn: true });
}

/**
 * Where a sign-in that did not pass a second factor goes next (single sign-on, or its mailed link):
 * a person with a factor, or with a role that needs one, takes the second step first (or sets a factor
 * up there), as after a password; everyone else goes on. A provider that reported its own second
 * factor (`amr`) counts as one.
 */
export async function nextAfterSignIn(db: DbOrTrx, userId: string, to: string, passedSecondFactor: boolean): Promise<string> {
  if (passedSecondFactor) return to;
  if ((await hasSecondFactor(db, userId)) || (await holdsRequiredRole(db, userId)))
    return `${SECOND_STEP_PATH}?redirectTo=${encodeURIComponent(to)}`;
  return to;
}

/** The open step of this browser (its cookie), or null when there is none or it is over. */
export async function findChallenge(db: Db, token: string | null) {
  if (!token) return null;
  return (
    (await db
      .selectFrom("mfa_challenge")
      .select(["user_id", "redirect_to"])
      .where("token_hash", "=", sha256(token))
      .where("expires_at", ">", sql<Date>`now()`)
      .executeTakeFirst()) ?? null
  );
}

/**
 * A proof of the second factor for the sign-in step or a session: a code, or a passkey answer (whose
 * challenge is bound to the browser: `binding` is the SHA-256 of the step's token or the session id).
 */
export type SecondFactorProof = (actor: Actor, userId: string, binding: string) => Promise<Outcome<unknown>>;

/**
 * The answer of the sign-in step: right → a new session that passed the second factor (the step is
 * used up); wrong → counted on the step (after 5 it is over: sign in again) and on the account.
 */
export async function passChallenge(
  db: Db,
  request: { token: string | null; ip: string; requestId: string; userAgent: string | null },
  proof: SecondFactorProof,
): Promise<Outcome<{ cookies: string[]; to: string }>> {
  const challenge = await findChallenge(db, request.token);
  if (!challenge) return refuse(409, "mfa.errors.stepExpired");
  const actor: Actor = { actorId: challenge.user_id, ip: request.ip, requestId: request.requestId };
  const tokenHash = sha256(request.token!);
  const checked = await proof(actor, challenge.user_id, tokenHash);
  if (!checked.ok) {
    if (checked.status === 400) {
      const counted = await db
        .updateTable("mfa_challenge")
        .set((eb) => ({ failures: eb("failures", "+", 1) }))
        .where("token_hash", "=", tokenHash)
        .returning("failures")
        .executeTakeFirst();
      if (counted && counted.failures >= CHALLENGE_FAILURES) {
        await db.transaction().execute(async (trx) => {
          await trx.deleteFrom("mfa_challenge").where("token_hash", "=", tokenHash).execute();
          await trx.deleteFrom("webauthn_challenge").where("binding", "=", tokenHash).execute();
          await writeAudit(trx, actor, {
            action: "mfa.challenge_failed",
            entityType: "user",
            entityId: challenge.user_id,
            after: { failures: counted.failures },
          });
        });
        return refuse(409, "mfa.errors.tooManyWrong");
      }
    }
    return checked;
  }
  const used = await db.deleteFrom("mfa_challenge").where("token_hash", "=", tokenHash).executeTakeFirst();
  if (Number(used.numDeletedRows) !== 1) return refuse(409, "mfa.errors.stepExpired");
  const { cookie } = await createSession(challenge.user_id, { secondFactorAt: new Date(), userAgent: request.userAgent });
  return ok({ cookies: [cookie, clearChallengeCookie()], to: safeRedirect(challenge.redirect_to, "/mijn-lauwer") });
}

/** The code of the sign-in step (an app code or a recovery code). */
export function answerChallenge(
  db: Db,
  request: { token: string | null; ip: string; requestId: string; userAgent: string | null },
  code: string,
): Promise<Outcome<{ cookies: string[]; to: string }>> {
  return passChallenge(db, request, (actor, userId) => checkSecondFactor(db, actor, userId, code));
}

/** A signed-in session without the second factor (signed in another way, e.g. after a password reset) passes it now. */
export async function stepUpWith(
  db: Db,
  who: { userId: string; sessionId: string },
  proof: () => Promise<Outcome<unknown>>,
): Promise<Outcome> {
  const checked = await proof();
  if (!checked.ok) return checked;
  await db
    .updateTable("user_session")
    .set({ second_factor_at: sql`now()` })
    .where("id", "=", who.sessionId)
    .execute();
  return ok();
}

/** As stepUpWith, with a code (app or recovery). */
export function stepUp(db: Db, actor: Actor, who: { userId: string; sessionId: string }, code: string): Promise<Outcome> {
  return stepUpWith(db, who, () => checkSecondFactor(db, actor, who.userId, code));
}
