import { createHash, randomBytes } from "node:crypto";
import { config } from "~/config.server";
import type { Db } from "~/db.server";
import type { Locale } from "~/i18n/i18n";
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

export type SignupResult = { ok: true; userId: string } | { ok: false; field: "password" | "email"; error: string };

/** Creates an account and queues the verification mail in one transaction. */
export async function signUp(db: Db, input: SignupInput, locale: Locale, ip: string): Promise<SignupResult> {
  // Every sign-up sends a mail: limit them per address, like other mail-sending requests.
  if (await hit("mailIp", ip)) return { ok: false, field: "email", error: "errors.tooMany" };
  if (isCommonPassword(input.password)) return { ok: false, field: "password", error: "errors.passwordCommon" };
  const passwordHash = await hashPassword(input.password);
  try {
    const user = await db.transaction().execute(async (trx) => {
      const created = await insertUser(trx, { ...input, passwordHash, locale });
      const { token, hash } = newToken();
      await insertToken(trx, "email_verification_token", created.id, hash, VERIFY_TTL_SECONDS);
      await enqueueMail(trx, {
        to: created.email,
        locale,
        template: "verify",
        name: created.name,
        link: link("/e-mail-bevestigen", token),
      });
      return created;
    });
    return { ok: true, userId: user.id };
  } catch (error) {
    if (isUniqueViolation(error)) return { ok: false, field: "email", error: "errors.emailTaken" };
    throw error;
  }
}

export async function resendVerification(db: Db, userId: string): Promise<"sent" | "alreadyVerified" | "throttled"> {
  const user = await findUserById(db, userId);
  if (!user) return "throttled";
  if (user.email_verified_at) return "alreadyVerified";
  if (await hit("mailAccount", user.id)) return "throttled";
  await db.transaction().execute(async (trx) => {
    const { token, hash } = newToken();
    await insertToken(trx, "email_verification_token", user.id, hash, VERIFY_TTL_SECONDS);
    await enqueueMail(trx, {
      to: user.email,
      locale: user.locale,
      template: "verify",
      name: user.name,
      link: link("/e-mail-bevestigen", token),
    });
  });
  return "sent";
}

/** Single use: the token is consumed in the same statement that checks it. */
export async function verifyEmail(db: Db, token: string): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const userId = await consumeToken(trx, "email_verification_token", hashToken(token));
    if (!userId) return false;
    await markEmailVerified(trx, userId);
    return true;
  });
}

export type LoginResult =
  { ok: true; userId: string } | { ok: false; reason: "failed" } | { ok: false; reason: "throttled"; retryAfterSeconds: number };

/**
 * Checks credentials with throttling per account and per IP. Every attempt is counted before the
 * password is looked at, in one atomic statement per counter that returns the new count: N guesses
 * sent at once cost N attempts, and those past the limit are refused without being verified. A
 * success clears the account's counter and gives the IP its attempt back. The answer never tells
 * whether the email exists.
 */
export async function login(db: Db, input: LoginInput, ip: string): Promise<LoginResult> {
  const [waitAccount, waitIp] = await Promise.all([hit("loginAccount", input.email), hit("loginIp", ip)]);
  if (waitAccount || waitIp) return { ok: false, reason: "throttled", retryAfterSeconds: Math.max(waitAccount, waitIp) };

  const user = await findUserByEmail(db, input.email);
  const valid = user
    ? await verifyPassword(user.password_hash, input.password)
    : (await verifyPassword(await dummyPasswordHash(), input.password)) && false;
  if (!user || !valid) return { ok: false, reason: "failed" };
  await Promise.all([resetLimit("loginAccount", input.email), giveBack("loginIp", ip)]);
  return { ok: true, userId: user.id };
}

/** Always answers the same; sends a reset link only when the account exists (and not too often). */
export async function requestPasswordReset(db: Db, input: ForgotPasswordInput, ip: string): Promise<void> {
  if (await hit("mailIp", ip)) return;
  const user = await findUserByEmail(db, input.email);
  if (!user) return;
  if (await hit("mailAccount", user.id)) return;
  await db.transaction().execute(async (trx) => {
    const { token, hash } = newToken();
    await insertToken(trx, "password_reset_token", user.id, hash, RESET_TTL_SECONDS);
    await enqueueMail(trx, {
      to: user.email,
      locale: user.locale,
      template: "reset",
      name: user.name,
      link: link("/wachtwoord-herstellen", token),
    });
  });
}

export function isResetTokenUsable(db: Db, token: string): Promise<boolean> {
  return isTokenUsable(db, "password_reset_token", hashToken(token));
}

export type ResetResult = { ok: true; userId: string } | { ok: false; field: "password" | "token"; error: string };

/**
 * Sets a new password with a single-use, expiring link; ends every session of the account and
 * tells the owner by mail. The caller starts a fresh session for this browser.
 */
export async function resetPassword(db: Db, input: ResetPasswordInput): Promise<ResetResult> {
  if (isCommonPassword(input.password)) return { ok: false, field: "password", error: "errors.passwordCommon" };
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
  if (!userId) return { ok: false, field: "token", error: "reset.invalid" };
  await resetLimit("loginAccount", (await findUserById(db, userId))?.email ?? "");
  return { ok: true, userId };
}
