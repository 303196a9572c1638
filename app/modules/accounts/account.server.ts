import { followAwards } from "~/modules/notices/preferences.server";
import { createHash, randomBytes } from "node:crypto";
import { config } from "~/config.server";
import type { Db, DbOrTrx } from "~/db.server";
import { ok, refuse, type Outcome } from "~/lib/outcome";
import type { Locale } from "~/i18n/i18n";
import { createSession } from "~/auth/lucia.server";
import { dummyPasswordHash, hashPassword, isCommonPassword, verifyPassword } from "~/auth/password.server";
import { enqueueMail } from "~/modules/mail/outbox.server";
import { giveBack, hit, reset as resetLimit } from "~/modules/rate-limit/rate-limit.server";
import {
  consumeToken,
  findUserByEmail,
  findUserById,
  insertToken,
  insertUser,
  isTokenUsable,
  markEmailVerified,
  retireTokens,
  updatePasswordHash,
} from "./account.repository.server";
import type { ForgotPasswordInput, LoginInput, ResetPasswordInput, SignupInput } from "./account.schema";

const VERIFY_TTL_SECONDS = 24 * 3600;
const RESET_TTL_SECONDS = 3600;

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

/** Creates an account and queues the verification mail in one transaction; the new account's id. */
export async function signUp(db: Db, input: SignupInput, locale: Locale, ip: string): Promise<Outcome<string>> {
  // Every sign-up sends a mail: limit them per address, like other mail-sending requests.
  const wait = await hit("mailIp", ip);
  if (wait) return refuse(429, "errors.tooMany", { field: "email", retryAfter: wait });
  if (isCommonPassword(input.password)) return refuse(400, "errors.passwordCommon", { field: "password" });
  const passwordHash = await hashPassword(input.password);
  try {
    const user = await db.transaction().execute(async (trx) => {
      const created = await insertUser(trx, { ...input, passwordHash, locale });
      if (input.follow) await followAwards(trx, created.email);
      await mailToken(trx, created, "verify");
      return created;
    });
    return ok(user.id);
  } catch (error) {
    if (isUniqueViolation(error)) return refuse(400, "errors.emailTaken", { field: "email" });
    throw error;
  }
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
    return true;
  });
  return verified ? ok() : refuse(400, "verify.invalid");
}

/**
 * Checks credentials with throttling per account and per IP; the account's id. Every attempt is
 * counted before the password is looked at, in one atomic statement per counter that returns the new
 * count: N guesses sent at once cost N attempts, and those past the limit are refused (429) without
 * being verified. A success clears the account's counter and gives the IP its attempt back. The
 * answer never tells whether the email exists.
 */
export async function login(db: Db, input: LoginInput, ip: string): Promise<Outcome<string>> {
  const [waitAccount, waitIp] = await Promise.all([hit("loginAccount", input.email), hit("loginIp", ip)]);
  const wait = Math.max(waitAccount, waitIp);
  if (wait) return refuse(429, "login.throttled", { params: { minutes: Math.ceil(wait / 60) }, retryAfter: wait });

  const user = await findUserByEmail(db, input.email);
  const valid = user
    ? await verifyPassword(user.password_hash, input.password)
    : (await verifyPassword(await dummyPasswordHash(), input.password)) && false;
  if (!user || !valid) return refuse(400, "login.failed");
  await Promise.all([resetLimit("loginAccount", input.email), giveBack("loginIp", ip)]);
  return ok(user.id);
}

/** Always succeeds, the same way; sends a reset link only when the account exists (and not too often). */
export async function requestPasswordReset(db: Db, input: ForgotPasswordInput, ip: string): Promise<Outcome> {
  if (await hit("mailIp", ip)) return ok();
  const user = await findUserByEmail(db, input.email);
  if (!user) return ok();
  if (await hit("mailAccount", user.id)) return ok();
  await db.transaction().execute((trx) => mailToken(trx, user, "reset"));
  return ok();
}

/**
 * After a login, sign-up or reset that succeeded: a fresh session for this browser (never an id that
 * existed before, so none is promoted to a signed-in one), as its Set-Cookie value, and where to go.
 */
export async function startSession(signedIn: Outcome<string>, to: string): Promise<Outcome<{ cookie: string; to: string }>> {
  if (!signedIn.ok) return signedIn;
  return ok({ cookie: (await createSession(signedIn.value)).cookie, to });
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
    if (!user) return undefined;
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
  await resetLimit("loginAccount", (await findUserById(db, userId))?.email ?? "");
  return ok(userId);
}
