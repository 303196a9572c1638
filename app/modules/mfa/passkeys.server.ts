import { createHash } from "node:crypto";
import {
  generateAuthenticationOptions,
  generateRegistrationOptions,
  verifyAuthenticationResponse,
  verifyRegistrationResponse,
  type AuthenticationResponseJSON,
  type AuthenticatorTransportFuture,
  type PublicKeyCredentialCreationOptionsJSON,
  type PublicKeyCredentialRequestOptionsJSON,
  type RegistrationResponseJSON,
} from "@simplewebauthn/server";
import { decodeClientDataJSON } from "@simplewebauthn/server/helpers";
import { sql } from "kysely";
import { config } from "~/config.server";
import type { Db, DbOrTrx } from "~/db.server";
import { ok, refuse, type Outcome } from "~/lib/outcome";
import { writeAudit, type Actor } from "~/modules/audit/audit.server";
import { giveBack, hit } from "~/modules/rate-limit/rate-limit.server";
import { checkSecondFactor, factorsOf, lockPerson, newRecoveryCodes, passChallenge, stepUpWith, throttled, turnOff } from "./mfa.server";

// Passkeys (WebAuthn) as a second factor next to the authenticator app (ADR 0029), with
// @simplewebauthn/server. The relying party is APP_ORIGIN: its hostname is the RP ID, the origin itself
// the only origin accepted. Every ceremony's challenge is a row in PostgreSQL (webauthn_challenge), bound
// to the person and to the browser's sign-in step or session, taken once, over after 5 minutes.

const CHALLENGE_MINUTES = 5;
/** Passkeys one person may have (a bound on what a page lists and a sign-in offers). */
export const MAX_PASSKEYS = 10;
const TRANSPORTS = new Set<string>(["ble", "cable", "hybrid", "internal", "nfc", "smart-card", "usb"]);
const CREDENTIAL_ID = /^[A-Za-z0-9_-]{16,1400}$/;

const sha256 = (s: string) => createHash("sha256").update(s).digest("hex");

/** The relying party: Lauwer at APP_ORIGIN (WebAuthn refuses an IP address as RP ID: use a host name). */
export function relyingParty() {
  const origin = config().origin;
  return { rpID: new URL(origin).hostname, origin, rpName: "Lauwer" };
}

/** What ties a ceremony to one browser: the sign-in step's token, or the session id (only its SHA-256 is kept). */
export const bindingOf = (secret: string) => sha256(secret);

export interface PasskeyView {
  id: string;
  name: string;
  createdAt: Date;
  lastUsedAt: Date | null;
}

/** The person's passkeys, oldest first. */
export async function listPasskeys(db: DbOrTrx, userId: string): Promise<PasskeyView[]> {
  const rows = await db
    .selectFrom("webauthn_credential")
    .select(["id", "name", "created_at", "last_used_at"])
    .where("user_id", "=", userId)
    .orderBy("created_at")
    .orderBy("id")
    .execute();
  return rows.map((r) => ({ id: r.id, name: r.name, createdAt: r.created_at, lastUsedAt: r.last_used_at }));
}

export async function hasPasskey(db: DbOrTrx, userId: string): Promise<boolean> {
  return (await db.selectFrom("webauthn_credential").select("id").where("user_id", "=", userId).executeTakeFirst()) !== undefined;
}

async function credentialsOf(db: DbOrTrx, userId: string) {
  const rows = await db.selectFrom("webauthn_credential").select(["credential_id", "transports"]).where("user_id", "=", userId).execute();
  return rows.map((r) => ({
    id: r.credential_id,
    transports: r.transports.filter((t) => TRANSPORTS.has(t)) as AuthenticatorTransportFuture[],
  }));
}

/** Keeps a ceremony's challenge (one open ceremony per purpose and browser: a new one replaces it). */
async function keepChallenge(db: Db, userId: string, purpose: "register" | "authenticate", binding: string, challenge: string) {
  await db.transaction().execute(async (trx) => {
    await trx
      .deleteFrom("webauthn_challenge")
      .where("user_id", "=", userId)
      .where((eb) => eb.or([eb("expires_at", "<", sql<Date>`now()`), eb.and([eb("binding", "=", binding), eb("purpose", "=", purpose)])]))
      .execute();
    await trx
      .insertInto("webauthn_challenge")
      .values({
        challenge,
        user_id: userId,
        purpose,
        binding,
        expires_at: sql<Date>`now() + make_interval(mins => ${CHALLENGE_MINUTES})`,
      })
      .execute();
  });
}

/** Takes a challenge once: true when it was issued to this person, for this purpose and browser, and is not over. */
async function takeChallenge(db: DbOrTrx, userId: string, purpose: "register" | "authenticate", binding: string, challenge: string) {
  const taken = await db
    .deleteFrom("webauthn_challenge")
    .where("challenge", "=", challenge)
    .where("user_id", "=", userId)
    .where("purpose", "=", purpose)
    .where("binding", "=", binding)
    .where("expires_at", ">", sql<Date>`now()`)
    .executeTakeFirst();
  return Number(taken.numDeletedRows) === 1;
}

/** The browser's answer (JSON posted by the page) and the challenge it signed, or null when it is not one. */
function readAnswer<T extends RegistrationResponseJSON | AuthenticationResponseJSON>(
  json: string,
): { answer: T; challenge: string } | null {
  try {
    const answer = JSON.parse(json) as T;
    if (typeof answer !== "object" || answer === null || typeof answer.id !== "string" || typeof answer.response !== "object") return null;
    const challenge = decodeClientDataJSON(answer.response.clientDataJSON).challenge;
    return typeof challenge === "string" && /^[A-Za-z0-9_-]{1,200}$/.test(challenge) ? { answer, challenge } : null;
  } catch {
    return null;
  }
}

// ---- Adding a passkey (on the person's second factor page) ----

/** The options of navigator.credentials.create() for a signed-in person; its challenge is kept for 5 minutes. */
export async function passkeyRegistrationOptions(
  db: Db,
  who: { userId: string; email: string; name: string; sessionId: string },
): Promise<Outcome<PublicKeyCredentialCreationOptionsJSON>> {
  const existing = await credentialsOf(db, who.userId);
  if (existing.length >= MAX_PASSKEYS) return refuse(409, "mfa.errors.passkeyLimit", { params: { count: MAX_PASSKEYS } });
  const { rpID, rpName } = relyingParty();
  const options = await generateRegistrationOptions({
    rpName,
    rpID,
    userName: who.email,
    userDisplayName: who.name,
    userID: new TextEncoder().encode(who.userId),
    attestationType: "none",
    excludeCredentials: existing,
    // A second factor after the password: the device's own check (PIN, fingerprint) is asked when it has one.
    authenticatorSelection: { residentKey: "preferred", userVerification: "preferred" },
    timeout: CHALLENGE_MINUTES * 60_000,
  });
  await keepChallenge(db, who.userId, "register", bindingOf(who.sessionId), options.challenge);
  return ok(options);
}

/**
 * Adds the passkey the browser made: the attestation must answer a challenge issued to this session,
 * for this origin and RP ID. As the person's first second factor it also gives recovery codes (shown
 * once) and this session passes the second factor, as setting up the app does. Audited (by the
 * passkey's id: its name is the person's free text and stays out of the audit log).
 */
export async function addPasskey(
  db: Db,
  actor: Actor,
  who: { userId: string; sessionId: string },
  input: { name: string; response: string },
): Promise<Outcome<{ recoveryCodes: string[] | null }>> {
  const notAdded = refuse(400, "mfa.errors.passkeyNotAdded");
  const read = readAnswer<RegistrationResponseJSON>(input.response);
  if (!read || !(await takeChallenge(db, who.userId, "register", bindingOf(who.sessionId), read.challenge))) return notAdded;
  const { rpID, origin } = relyingParty();
  let credential;
  try {
    const verified = await verifyRegistrationResponse({
      response: read.answer,
      expectedChallenge: read.challenge,
      expectedOrigin: origin,
      expectedRPID: rpID,
      requireUserVerification: false,
    });
    if (!verified.verified) return notAdded;
    credential = verified.registrationInfo.credential;
  } catch {
    return notAdded;
  }
  if (!CREDENTIAL_ID.test(credential.id) || credential.publicKey.length < 16 || credential.publicKey.length > 2048) return notAdded;
  return db.transaction().execute(async (trx) => {
    await lockPerson(trx, who.userId);
    const before = await factorsOf(trx, who.userId);
    if (before.passkeys >= MAX_PASSKEYS) return refuse(409, "mfa.errors.passkeyLimit", { params: { count: MAX_PASSKEYS } });
    const added = await trx
      .insertInto("webauthn_credential")
      .values({
        user_id: who.userId,
        credential_id: credential.id,
        public_key: Buffer.from(credential.publicKey),
        counter: credential.counter,
        transports: (credential.transports ?? []).filter((t) => TRANSPORTS.has(t)).slice(0, 8),
        name: input.name,
      })
      .onConflict((oc) => oc.column("credential_id").doNothing())
      .returning("id")
      .executeTakeFirst();
    if (!added) return refuse(409, "mfa.errors.passkeyKnown");
    const first = !before.app && before.passkeys === 0;
    const recoveryCodes = first ? await newRecoveryCodes(trx, who.userId) : null;
    await trx
      .updateTable("user_session")
      .set({ second_factor_at: sql`now()` })
      .where("id", "=", who.sessionId)
      .where("second_factor_at", "is", null)
      .execute();
    await writeAudit(trx, actor, {
      action: "mfa.passkey_add",
      entityType: "user",
      entityId: who.userId,
      after: { passkey: added.id, first },
    });
    return ok({ recoveryCodes });
  });
}

// ---- Using a passkey (signing in, a session's second step, confirming a removal) ----

/** The options of navigator.credentials.get() for the person's passkeys; its challenge is bound to this browser's step or session. */
export async function passkeyAuthenticationOptions(
  db: Db,
  userId: string,
  binding: string,
): Promise<Outcome<PublicKeyCredentialRequestOptionsJSON>> {
  const allowCredentials = await credentialsOf(db, userId);
  if (allowCredentials.length === 0) return refuse(409, "mfa.errors.noPasskey");
  const options = await generateAuthenticationOptions({
    rpID: relyingParty().rpID,
    allowCredentials,
    userVerification: "preferred",
    timeout: CHALLENGE_MINUTES * 60_000,
  });
  await keepChallenge(db, userId, "authenticate", binding, options.challenge);
  return ok(options);
}

/**
 * Checks a passkey's signed answer, as checkSecondFactor checks a code: counted first on the account
 * (the same 5 per LOGIN_THROTTLE_MINUTES as codes), given back when right. The challenge must have been
 * issued to this person and browser (taken once), the origin and RP ID must be ours, the passkey theirs,
 * and its signature counter must have gone up (or be 0 on both sides, as synced passkeys report): a
 * counter that went back means a copied authenticator, refused and audited.
 */
export async function checkPasskey(db: Db, actor: Actor, userId: string, binding: string, response: string): Promise<Outcome> {
  const wait = await hit("mfaAccount", userId);
  if (wait) return throttled(wait);
  const failed = refuse(400, "mfa.errors.passkeyFailed");
  const read = readAnswer<AuthenticationResponseJSON>(response);
  if (!read || !(await takeChallenge(db, userId, "authenticate", binding, read.challenge))) return failed;
  const passkey = await db
    .selectFrom("webauthn_credential")
    .select(["id", "credential_id", "public_key", "counter", "transports"])
    .where("credential_id", "=", read.answer.id)
    .where("user_id", "=", userId)
    .executeTakeFirst();
  if (!passkey) return failed;
  const { rpID, origin } = relyingParty();
  let reported: number;
  try {
    const verified = await verifyAuthenticationResponse({
      response: read.answer,
      expectedChallenge: read.challenge,
      expectedOrigin: origin,
      expectedRPID: rpID,
      // The counter is judged below, after the signature: the library would judge it before.
      credential: { id: passkey.credential_id, publicKey: new Uint8Array(passkey.public_key), counter: 0 },
      requireUserVerification: false,
    });
    if (!verified.verified) return failed;
    reported = verified.authenticationInfo.newCounter;
  } catch {
    return failed;
  }
  const stored = Number(passkey.counter);
  // One UPDATE both checks and moves the counter, so two answers with the same count cannot both pass.
  const moved =
    (reported > 0 || stored > 0) && reported <= stored
      ? 0
      : Number(
          (
            await db
              .updateTable("webauthn_credential")
              .set({ counter: reported, last_used_at: sql`now()` })
              .where("id", "=", passkey.id)
              .where("counter", reported > 0 ? "<" : "=", String(reported))
              .executeTakeFirst()
          ).numUpdatedRows,
        );
  if (moved !== 1) {
    await writeAudit(db, actor, {
      action: "mfa.passkey_refused",
      entityType: "user",
      entityId: userId,
      before: { counter: stored },
      after: { passkey: passkey.id, counter: reported },
    });
    return refuse(400, "mfa.errors.passkeyCounter");
  }
  await giveBack("mfaAccount", userId);
  return ok();
}

/** The passkey answer of the sign-in step (after the password): as a right code, a new session that passed the second factor. */
export function answerChallengeWithPasskey(
  db: Db,
  request: { token: string | null; ip: string; requestId: string; userAgent: string | null },
  response: string,
) {
  return passChallenge(db, request, (actor, userId, binding) => checkPasskey(db, actor, userId, binding, response));
}

/** A signed-in session without the second factor passes it with a passkey. */
export function stepUpWithPasskey(db: Db, actor: Actor, who: { userId: string; sessionId: string }, response: string) {
  return stepUpWith(db, who, () => checkPasskey(db, actor, who.userId, bindingOf(who.sessionId), response));
}

// ---- Removing a passkey ----

/**
 * Removes one of the person's passkeys, confirmed with a current second factor: a passkey (any of
 * theirs) or a code (app or recovery code), both counted as at sign-in. When it was their last second
 * factor, the second factor is off: recovery codes and open steps go, sessions lose it (mfa.disable);
 * otherwise mfa.passkey_remove. Audited.
 */
export async function removePasskey(
  db: Db,
  actor: Actor,
  who: { userId: string; sessionId: string },
  passkeyId: string,
  proof: { code: string } | { response: string },
): Promise<Outcome> {
  const mine = await db
    .selectFrom("webauthn_credential")
    .select("id")
    .where("id", "=", passkeyId)
    .where("user_id", "=", who.userId)
    .executeTakeFirst();
  if (!mine) return refuse(404, "mfa.errors.passkeyGone");
  const checked =
    "code" in proof
      ? await checkSecondFactor(db, actor, who.userId, proof.code)
      : await checkPasskey(db, actor, who.userId, bindingOf(who.sessionId), proof.response);
  if (!checked.ok) return checked;
  return db.transaction().execute(async (trx) => {
    await lockPerson(trx, who.userId);
    const gone = await trx
      .deleteFrom("webauthn_credential")
      .where("id", "=", passkeyId)
      .where("user_id", "=", who.userId)
      .returning("id")
      .executeTakeFirst();
    if (!gone) return refuse(404, "mfa.errors.passkeyGone");
    const left = await factorsOf(trx, who.userId);
    if (!left.app && left.passkeys === 0) {
      await turnOff(trx, who.userId);
      await writeAudit(trx, actor, {
        action: "mfa.disable",
        entityType: "user",
        entityId: who.userId,
        before: { method: "passkey", passkey: gone.id },
        after: { by: "self" },
      });
    } else {
      await writeAudit(trx, actor, {
        action: "mfa.passkey_remove",
        entityType: "user",
        entityId: who.userId,
        before: { passkey: gone.id },
      });
    }
    return ok();
  });
}
