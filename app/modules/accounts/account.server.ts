import { followAwards } from "~/modules/notices/preferences.server";
import { createHash, randomBytes } from "node:crypto";
import { config } from "~/config.server";
import type { Db, DbOrTrx } from "~/db.server";
import { ok, refuse, type Outcome } from "~/lib/outcome";
import type { Locale } from "~/i18n/i18n";
import { createSession, type SessionStart } from "~/auth/lucia.server";
import { dummyPasswordHash, hashPassword, isCommonPassword, verifyPassword } from "~/auth/password.server";
import { enqueueMail } from "~/modules/mail/outbox.server";
import { RETENTION } from "~/modules/privacy/processing";
import { hit, reset as resetLimit } from "~/modules/rate-limit/rate-limit.server";
import { admitLoginAttempt, loginSucceeded, mayMailUnlock, unlockAccount } from "~/modules/rate-limit/login-throttle.server";
import { enqueueUserMail } from "~/modules/users/user-mail.server";
import { claimRoleInvitations } from "~/modules/teams/claim.server";
import { enqueueAccountMail } from "./account-mail.server";
import {
  consumeToken,
  findUserByEmail,
  findUserById,
  insertToken,
  insertTokenForEmail,
  insertUser,
  isTokenUsable,
  markEmailVerified,
  retireTokens,
  updatePasswordHash,
} from "./account.repository.server";
import type { ChangePasswordInput, ForgotPasswordInput, LoginInput, ResetPasswordInput, SignupInput } from "./account.schema";

// The links' lifetimes are periods of the record of processing (the privacy statement quotes them).
const VERIFY_TTL_SECONDS = RETENTION.confirmationLinkHours * 3600;
const RESET_TTL_SECONDS = RETENTION.resetLinkHours * 3600;
const UNLOCK_TTL_SECONDS = 24 * 3600;

export function newToken(): { token: string; hash: string } {
  const token = randomBytes(32).toString("base64url");
  return { token, hash: hashToken(token) };
}

export function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

const link = (path: string, token: string) => `${config().origin}${path}?token=${encodeURIComponent(token)}`;

function isUniqueViolation(error: unknown): boolean {
  return typeof error === "object" && error !== null && (error as { code?: string }).code === "23505";
}

/** Per mailed link: where its token is kept, how long it lives, and the page it opens. */
const TOKEN_MAILS = {
  verify: { table: "email_verification_token", ttl: VERIFY_TTL_SECONDS, path: "/e-mail-bevestigen" },
  reset: { table: "password_reset_token", ttl: RESET_TTL_SECONDS, path: "/wachtwoord-herstellen" },
} as const;

/** A new single-use token for the user, mailed as a link, in the caller's transaction. */
async function mailToken(
  trx: DbOrTrx,
  user: { id: string; email: string; name: string; locale: Locale },
  template: keyof typeof TOKEN_MAILS,
) {
  const { table, ttl, path } = TOKEN_MAILS[template];
  const { token, hash } = newToken();
  await insertToken(trx, table, user.id, hash, ttl);
  await enqueueMail(trx, { to: user.email, locale: user.locale, template, name: user.name, link: link(path, token) });
}

/**
 * Creates an account and queues its verification mail, or, when the address already has an account,
 * mails its owner instead (someone tried to register with it): the visitor is told the same either
 * way, so sign-up does not reveal which addresses have an account. Both ways hash the password and
 * queue one mail. Nobody is signed in: the new owner logs in with the password they chose.
 */
export async function signUp(db: Db, input: SignupInput, locale: Locale, ip: string): Promise<Outcome> {
  // Every sign-up sends a mail: limit them per address, like other mail-sending requests.
  const wait = await hit("mailIp", ip);
  if (wait) return refuse(429, "errors.tooMany", { field: "email", retryAfter: wait });
  if (isCommonPassword(input.password)) return refuse(400, "errors.passwordCommon", { field: "password" });
  const passwordHash = await hashPassword(input.password);
  const tellOwner = async (trx: DbOrTrx) => {
    const owner = await findUserByEmail(trx, input.email);
    // At most a few such mails an hour per account, so nobody can flood an owner's mailbox through us.
    if (owner && !(await hit("mailAccount", owner.id)))
      await enqueueAccountMail(trx, { ...owner, to: owner.email, link: `${config().origin}/wachtwoord-vergeten` }, "signupExisting");
  };
  try {
    await db.transaction().execute(async (trx) => {
      if (await findUserByEmail(trx, input.email)) return tellOwner(trx);
      const created = await insertUser(trx, { ...input, passwordHash, locale });
      if (input.follow) await followAwards(trx, created.email);
      await mailToken(trx, created, "verify");
    });
  } catch (error) {
    // Registered at the same moment by another request: the address has an owner now.
    if (!isUniqueViolation(error)) throw error;
    await db.transaction().execute(tellOwner);
  }
  return ok();
}

/** Mails a new verification link, unless the address is already confirmed (or links were sent too often). */
export async function resendVerification(db: Db, userId: string): Promise<Outcome<"sent" | "alreadyVerified">> {
  const user = await findUserById(db, userId);
  // An account that is gone meanwhile gets the throttled answer, as it always did.
  if (!user) return refuse(429, "errors.tooMany");
  if (user.email_verified_at) return ok("alreadyVerified");
  const wait = await hit("mailAccount", user.id);
  if (wait) return refuse(429, "errors.tooMany", { retryAfter: wait });
  await db.transaction().execute((trx) => mailToken(trx, user, "verify"));
  return ok("sent");
}

/** Single use: the token is consumed in the same statement that checks it. */
export async function verifyEmail(db: Db, token: string): Promise<Outcome> {
  const verified = await db.transaction().execute(async (trx) => {
    const userId = await consumeToken(trx, "email_verification_token", hashToken(token));
    if (!userId) return false;
    await markEmailVerified(trx, userId);
    await claimRoleInvitations(trx, { id: userId, email: (await findUserById(trx, userId))?.email ?? "" });
    return true;
  });
  return verified ? ok() : refuse(400, "verify.invalid");
}

/** The answer to an attempt that must wait (ADR 0020), in seconds below a minute, else in minutes. */
function throttled(wait: number) {
  return wait < 60
    ? refuse(429, "accounts.login.throttledSeconds", { params: { count: wait }, retryAfter: wait })
    : refuse(429, "accounts.login.throttledMinutes", { params: { count: Math.ceil(wait / 60) }, retryAfter: wait });
}

/** An attack on the account from many places: its owner gets a link that lets them in again (at most one an hour). */
async function offerUnlock(db: Db, email: string): Promise<void> {
  const user = await findUserByEmail(db, email);
  if (!user || !(await mayMailUnlock(user.id))) return;
  const { token, hash } = newToken();
  await db.transaction().execute(async (trx) => {
    await insertToken(trx, "login_unlock_token", user.id, hash, UNLOCK_TTL_SECONDS);
    await enqueueAccountMail(trx, { ...user, to: user.email, link: link("/ontgrendelen", token) }, "unlock");
  });
}

/**
 * Checks credentials, throttled per account and address, per address and per account (ADR 0020); the
 * account's id. Every attempt is counted before the password is looked at, in atomic statements: N
 * guesses sent at once cost N attempts, and those past the limit are refused (429, with the seconds
 * to wait) without being verified. A success clears this address's count for the account and makes
 * the address a known place of the account. The answer never tells whether the email exists.
 */
export async function login(db: Db, input: LoginInput, ip: string): Promise<Outcome<string>> {
  const admission = await admitLoginAttempt(db, input.email, ip);
  if (admission.wait) {
    if (admission.accountWide) await offerUnlock(db, input.email);
    return throttled(admission.wait);
  }

  const user = await findUserByEmail(db, input.email);
  // An account made by single sign-on without a password costs the same work and never matches.
  const valid = user?.password_hash
    ? await verifyPassword(user.password_hash, input.password)
    : (await verifyPassword(await dummyPasswordHash(), input.password)) && false;
  // A blocked account (ADR 0028) is answered as a wrong password is: nothing more to an outsider.
  if (!user || !valid || user.blocked_at) return refuse(400, "login.failed");
  await loginSucceeded(db, user, ip);
  await db.transaction().execute((trx) => claimRoleInvitations(trx, user));
  return ok(user.id);
}

/**
 * The same work for every address (a limit per address, a token, one statement that stores it for the
 * account if there is one, one queued mail): its owner gets a reset link, an address without an
 * account a mail saying so. The outbox worker sends either later, so the answer takes as long.
 */
export async function requestPasswordReset(db: Db, input: ForgotPasswordInput, ip: string, locale: Locale = "nl"): Promise<Outcome> {
  if (await hit("mailIp", ip)) return ok();
  if (await hit("mailAccount", input.email)) return ok();
  const { token, hash } = newToken();
  await db.transaction().execute(async (trx) => {
    const user = await findUserByEmail(trx, input.email);
    await insertTokenForEmail(trx, "password_reset_token", input.email, hash, RESET_TTL_SECONDS);
    // A blocked account gets no reset link; its owner is told why (the visitor sees what anyone sees).
    if (user?.blocked_at) await enqueueUserMail(trx, user, "resetBlocked");
    else if (user) {
      await enqueueMail(trx, {
        to: user.email,
        locale: user.locale,
        template: "reset",
        name: user.name,
        link: link("/wachtwoord-herstellen", token),
      });
    } else {
      await enqueueAccountMail(trx, { to: input.email, locale, link: `${config().origin}/registreren` }, "resetNoAccount");
    }
  });
  return ok();
}

/**
 * The unlock link mailed to an owner whose account was attacked from many places (single use): the
 * account's count from everywhere starts over and this address becomes a known place of the account.
 */
export async function unlockLogin(db: Db, token: string, ip: string): Promise<Outcome> {
  const userId = await consumeToken(db, "login_unlock_token", hashToken(token));
  const user = userId ? await findUserById(db, userId) : undefined;
  if (!user) return refuse(400, "accounts.unlock.invalid");
  await unlockAccount(db, user, ip);
  return ok();
}

/**
 * After a login, sign-up or reset that succeeded: a fresh session for this browser (never an id that
 * existed before, so none is promoted to a signed-in one), as its Set-Cookie value, and where to go.
 */
export async function startSession(
  signedIn: Outcome<string>,
  to: string,
  start: SessionStart = {},
): Promise<Outcome<{ cookie: string; to: string }>> {
  if (!signedIn.ok) return signedIn;
  return ok({ cookie: (await createSession(signedIn.value, start)).cookie, to });
}

export function isResetTokenUsable(db: Db, token: string): Promise<boolean> {
  return isTokenUsable(db, "password_reset_token", hashToken(token));
}

/**
 * Sets a new password with a single-use, expiring link; ends every session of the account and
 * tells the owner by mail; the account's id. The caller starts a fresh session for this browser.
 */
export async function resetPassword(db: Db, input: ResetPasswordInput): Promise<Outcome<string>> {
  if (isCommonPassword(input.password)) return refuse(400, "errors.passwordCommon", { field: "password" });
  const passwordHash = await hashPassword(input.password);
  const userId = await db.transaction().execute(async (trx) => {
    const id = await consumeToken(trx, "password_reset_token", hashToken(input.token));
    if (!id) return undefined;
    const user = await findUserById(trx, id);
    if (!user || user.blocked_at) return undefined;
    await updatePasswordHash(trx, id, passwordHash);
    await retireTokens(trx, "password_reset_token", id);
    // Every session of the account ends with the change, in the same transaction.
    await trx.deleteFrom("user_session").where("user_id", "=", id).execute();
    // Whoever could read the reset mail controls the mailbox: the address is confirmed too.
    await markEmailVerified(trx, id);
    await enqueueMail(trx, {
      to: user.email,
      locale: user.locale,
      template: "passwordChanged",
      name: user.name,
      link: `${config().origin}/wachtwoord-vergeten`,
    });
    return id;
  });
  if (!userId) return refuse(400, "reset.invalid");
  // Whoever reads the owner's mail may try again from anywhere: the account's count starts over.
  await resetLimit("loginAccount", (await findUserById(db, userId))?.email ?? "");
  return ok(userId);
}

/**
 * A new password while signed in: the current one is checked, throttled like a login (ADR 0020); the
 * new one replaces it (argon2id), every session of the account ends (the caller starts a fresh one for
 * this browser), open reset links stop working, and the owner is told by mail; the account's id.
 */
export async function changePassword(
  db: Db,
  signedIn: { id: string; email: string },
  input: ChangePasswordInput,
  ip: string,
): Promise<Outcome<string>> {
  const admission = await admitLoginAttempt(db, signedIn.email, ip);
  if (admission.wait) return throttled(admission.wait);
  const user = await findUserById(db, signedIn.id);
  if (!user?.password_hash || !(await verifyPassword(user.password_hash, input.currentPassword)))
    return refuse(400, "accounts.errors.wrongCurrentPassword", { field: "currentPassword" });
  if (isCommonPassword(input.newPassword)) return refuse(400, "errors.passwordCommon", { field: "newPassword" });
  const passwordHash = await hashPassword(input.newPassword);
  await db.transaction().execute(async (trx) => {
    await updatePasswordHash(trx, user.id, passwordHash);
    await retireTokens(trx, "password_reset_token", user.id);
    await trx.deleteFrom("user_session").where("user_id", "=", user.id).execute();
    await enqueueMail(trx, {
      to: user.email,
      locale: user.locale,
      template: "passwordChanged",
      name: user.name,
      link: `${config().origin}/wachtwoord-vergeten`,
    });
  });
  await loginSucceeded(db, user, ip);
  return ok(user.id);
}

/** Whether the account has a password (an account made through an identity provider may not). */
export async function accountHasPassword(db: DbOrTrx, userId: string): Promise<boolean> {
  const user = await findUserById(db, userId);
  return Boolean(user?.password_hash);
}
