// Single sign-on with OpenID Connect (ADR 0025): the authorization code flow with PKCE, state and
// nonce, the id_token checked by openid-client (signature, issuer, audience, expiry with the
// provider's clock tolerance, nonce), then the account: the one linked to the provider's subject, a new
// one, or — for an address that already has an account — a link mailed to that address first.
import { createHash, randomBytes } from "node:crypto";
import { sql } from "kysely";
import * as client from "openid-client";
import { config } from "~/config.server";
import type { Db, DbOrTrx } from "~/db.server";
import { translator, type Locale } from "~/i18n/i18n";
import { ok, refuse, type Outcome } from "~/lib/outcome";
import { claimRoleInvitations } from "~/modules/teams/claim.server";
import { callbackUrl, clientConfiguration, findProvider, type Provider } from "./providers.server";

/** The cookie that binds a sign-in in progress to the browser that started it. */
export const SSO_COOKIE = "lauwer_sso";
const LOGIN_TTL_SECONDS = 600;
const LINK_TTL_SECONDS = 24 * 3600;
/** `amr` values (RFC 8176) that mean more than one factor was used at the provider. */
const MULTI_FACTOR_AMR = new Set(["mfa", "otp", "hwk", "swk", "sc", "fido", "sms", "tel"]);

const hash = (value: string) => createHash("sha256").update(value).digest("hex");

function ssoCookie(value: string, maxAge: number): string {
  const secure = config().secureCookies ? "; Secure" : "";
  return `${SSO_COOKIE}=${value}; Path=/inloggen/sso; HttpOnly; SameSite=Lax; Max-Age=${maxAge}${secure}`;
}

/** The Set-Cookie value that removes the binding cookie (after the callback, whatever its outcome). */
export const clearSsoCookie = () => ssoCookie("", 0);

export function ssoCookieFrom(cookieHeader: string | null): string | null {
  for (const part of (cookieHeader ?? "").split(";")) {
    const [name, ...rest] = part.trim().split("=");
    if (name === SSO_COOKIE) return rest.join("=") || null;
  }
  return null;
}

const unknownProvider = () => refuse(404, "oidc.errors.unknownProvider");
const unavailable = () => refuse(503, "oidc.errors.unavailable", { retryAfter: 60 });

/**
 * Starts a sign-in at the provider: a single-use state (kept hashed with the hashed browser binding),
 * a PKCE verifier and a nonce; the provider's address to send the browser to, and the binding cookie.
 */
export async function beginSignIn(db: Db, slug: string, redirectTo: string): Promise<Outcome<{ url: string; cookie: string }>> {
  const provider = findProvider(slug);
  if (!provider) return unknownProvider();
  let conf: client.Configuration;
  try {
    conf = await clientConfiguration(provider);
  } catch {
    return unavailable();
  }
  const browser = randomBytes(32).toString("base64url");
  const state = client.randomState();
  const nonce = client.randomNonce();
  const verifier = client.randomPKCECodeVerifier();
  await db
    .deleteFrom("oidc_login")
    .where("expires_at", "<", sql<Date>`now()`)
    .execute();
  await db
    .insertInto("oidc_login")
    .values({
      state_hash: hash(state),
      browser_hash: hash(browser),
      provider: slug,
      code_verifier: verifier,
      nonce,
      redirect_to: redirectTo,
      expires_at: sql<Date>`now() + make_interval(secs => ${LOGIN_TTL_SECONDS})`,
    })
    .execute();
  const url = client.buildAuthorizationUrl(conf, {
    redirect_uri: callbackUrl(slug),
    scope: "openid email profile",
    state,
    nonce,
    code_challenge: await client.calculatePKCECodeChallenge(verifier),
    code_challenge_method: "S256",
  });
  return ok({ url: url.href, cookie: ssoCookie(browser, LOGIN_TTL_SECONDS) });
}

/** The error page's key for what openid-client refused. */
export function refusalOf(error: unknown): string {
  if (error instanceof client.AuthorizationResponseError)
    return error.error === "access_denied" ? "oidc.errors.denied" : "oidc.errors.providerError";
  if (error instanceof client.ResponseBodyError) return "oidc.errors.providerError";
  if (error instanceof client.ClientError) {
    const inner = (error.cause ?? {}) as { cause?: { claim?: string } };
    const claim = inner.cause?.claim;
    if (error.code === "OAUTH_JWT_CLAIM_COMPARISON_FAILED") {
      if (claim === "iss") return "oidc.errors.issuer";
      if (claim === "aud" || claim === "azp") return "oidc.errors.audience";
      if (claim === "nonce") return "oidc.errors.nonce";
    }
    if (error.code === "OAUTH_JWT_TIMESTAMP_CHECK_FAILED") return claim === "exp" ? "oidc.errors.tokenExpired" : "oidc.errors.clock";
    if (error.code === "OAUTH_INVALID_RESPONSE" && /"state"/.test((error.cause as Error | undefined)?.message ?? ""))
      return "oidc.errors.state";
    return "oidc.errors.invalidToken";
  }
  if (error instanceof TypeError) return "oidc.errors.unavailable";
  return "oidc.errors.invalidToken";
}

export interface Identity {
  provider: string;
  subject: string;
  email: string;
  name: string;
  organisation: string | null;
  secondFactor: boolean;
}

export type SignedIn =
  { kind: "session"; userId: string; authMethod: string; secondFactorAt: Date | null; to: string; created: boolean } | { kind: "linkSent" };

/**
 * The provider's answer (the callback address as the browser opened it) checked and turned into a
 * signed-in account, or the error page's refusal. The sign-in in progress is used up either way.
 */
export async function completeSignIn(
  db: Db,
  input: { slug: string; url: URL; browser: string | null; locale: Locale },
): Promise<Outcome<SignedIn>> {
  const provider = findProvider(input.slug);
  if (!provider) return unknownProvider();
  const state = input.url.searchParams.get("state");
  if (!state || !input.browser) return refuse(400, "oidc.errors.state");
  const pending = await db
    .deleteFrom("oidc_login")
    .where("state_hash", "=", hash(state))
    .where("provider", "=", input.slug)
    .returning(["browser_hash", "code_verifier", "nonce", "redirect_to", sql<boolean>`expires_at > now()`.as("live")])
    .executeTakeFirst();
  if (!pending || pending.browser_hash !== hash(input.browser)) return refuse(400, "oidc.errors.state");
  if (!pending.live) return refuse(400, "oidc.errors.expired");
  let conf: client.Configuration;
  try {
    conf = await clientConfiguration(provider);
  } catch {
    return unavailable();
  }
  let identity: Identity | string;
  try {
    // The answer as addressed to our registered callback (behind a proxy the request's own URL differs):
    // openid-client sends this address as the redirect_uri of the code exchange.
    const current = new URL(callbackUrl(provider.slug));
    current.search = input.url.search;
    const tokens = await client.authorizationCodeGrant(conf, current, {
      pkceCodeVerifier: pending.code_verifier,
      expectedState: state,
      expectedNonce: pending.nonce,
      idTokenExpected: true,
    });
    identity = await identityOf(conf, provider, tokens);
  } catch (error) {
    const key = refusalOf(error);
    return key === "oidc.errors.unavailable" ? unavailable() : refuse(400, key);
  }
  if (typeof identity === "string") return refuse(400, identity);
  return signInAs(db, provider, identity, pending.redirect_to, input.locale);
}

type Tokens = Awaited<ReturnType<typeof client.authorizationCodeGrant>>;

/** Who the provider says signed in: from the id_token, completed from userinfo where it lacks a claim. */
async function identityOf(conf: client.Configuration, provider: Provider, tokens: Tokens): Promise<Identity | string> {
  const idClaims = tokens.claims();
  if (!idClaims) return "oidc.errors.invalidToken";
  // openid-client checks exp and nbf with the tolerance, but not an iat in the future: a token "issued"
  // later than our clock allows means the clocks are too far apart (or the token is not what it says).
  if (idClaims.iat > Date.now() / 1000 + provider.clockToleranceSeconds) return "oidc.errors.clock";
  let claims: Record<string, unknown> = { ...idClaims };
  const lacks = (k: string | undefined) => k !== undefined && claims[k] === undefined;
  if ((lacks("email") || lacks(provider.organisationClaim)) && tokens.access_token) {
    try {
      const info = await client.fetchUserInfo(conf, tokens.access_token, idClaims.sub);
      claims = { ...info, ...claims };
    } catch {
      // Without userinfo the id_token's claims decide (a missing address is refused below).
    }
  }
  const email = typeof claims.email === "string" ? claims.email.trim().toLowerCase() : "";
  if (!email || !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email) || email.length > 320) return "oidc.errors.emailMissing";
  if (!provider.trustEmail && claims.email_verified !== true) return "oidc.errors.emailUnverified";
  const domain = email.split("@")[1]!;
  if (provider.allowedDomains.length > 0 && !provider.allowedDomains.some((d) => domain === d || domain.endsWith(`.${d}`)))
    return "oidc.errors.domain";
  const orgValue = provider.organisationClaim ? claims[provider.organisationClaim] : undefined;
  const organisation = typeof orgValue === "string" && orgValue.trim() !== "" ? orgValue.trim().slice(0, 200) : null;
  const name = typeof claims.name === "string" && claims.name.trim() !== "" ? claims.name.trim().slice(0, 200) : email.split("@")[0]!;
  const amr = Array.isArray(claims.amr) ? claims.amr : [];
  return {
    provider: provider.slug,
    subject: idClaims.sub,
    email,
    name,
    organisation,
    secondFactor: amr.some((m) => typeof m === "string" && MULTI_FACTOR_AMR.has(m)),
  };
}

function isUniqueViolation(error: unknown): boolean {
  return typeof error === "object" && error !== null && (error as { code?: string }).code === "23505";
}

/**
 * The account of a checked identity: the one linked to its subject (its address and organisation
 * claim refreshed), else a new account (address confirmed by the provider, no password), else —
 * the address has an account already — a link to that address, so nobody takes over an account by
 * naming its address at a provider.
 */
export async function signInAs(db: Db, provider: Provider, identity: Identity, to: string, locale: Locale): Promise<Outcome<SignedIn>> {
  const session = (userId: string, created: boolean): SignedIn => ({
    kind: "session",
    userId,
    authMethod: `oidc:${provider.slug}`,
    secondFactorAt: identity.secondFactor ? new Date() : null,
    to,
    created,
  });
  const attempt = () =>
    db.transaction().execute(async (trx): Promise<Outcome<SignedIn>> => {
      const linked = await trx
        .updateTable("user_identity as i")
        .set({ last_used_at: sql`now()`, email: identity.email, organisation: identity.organisation })
        .from("app_user as u")
        .whereRef("u.id", "=", "i.user_id")
        .where("i.provider", "=", identity.provider)
        .where("i.subject", "=", identity.subject)
        .returning(["i.user_id", "u.blocked_at", "u.email"])
        .executeTakeFirst();
      if (linked?.blocked_at) return refuse(403, "oidc.errors.blocked");
      if (linked) {
        // Invitations to a role sent to the account's address become roles at sign-in (ADR 0027).
        await claimRoleInvitations(trx, { id: linked.user_id, email: linked.email });
        return ok(session(linked.user_id, false));
      }
      const owner = await trx
        .selectFrom("app_user")
        .select(["id", "name", "locale", "blocked_at"])
        .where("email", "=", identity.email)
        .executeTakeFirst();
      if (owner) {
        if (owner.blocked_at) return refuse(403, "oidc.errors.blocked");
        await mailLink(trx, { id: owner.id, name: owner.name, locale: owner.locale }, provider, identity);
        return ok({ kind: "linkSent" });
      }
      const created = await trx
        .insertInto("app_user")
        .values({
          email: identity.email,
          name: identity.name,
          organisation: identity.organisation ?? "",
          password_hash: null,
          locale,
          email_verified_at: sql<Date>`now()`,
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      await trx
        .insertInto("user_identity")
        .values({
          user_id: created.id,
          provider: identity.provider,
          subject: identity.subject,
          email: identity.email,
          organisation: identity.organisation,
        })
        .execute();
      await claimRoleInvitations(trx, { id: created.id, email: identity.email });
      return ok(session(created.id, true));
    });
  try {
    return await attempt();
  } catch (error) {
    // The same person signing in twice at once: the other attempt made the account; this one finds it.
    if (!isUniqueViolation(error)) throw error;
    return attempt();
  }
}

async function mailLink(trx: DbOrTrx, owner: { id: string; name: string; locale: Locale }, provider: Provider, identity: Identity) {
  const token = randomBytes(32).toString("base64url");
  await trx
    .insertInto("identity_link_token")
    .values({
      token_hash: hash(token),
      user_id: owner.id,
      provider: identity.provider,
      subject: identity.subject,
      email: identity.email,
      organisation: identity.organisation,
      second_factor: identity.secondFactor,
      expires_at: sql<Date>`now() + make_interval(secs => ${LINK_TTL_SECONDS})`,
    })
    .execute();
  const t = translator(owner.locale);
  const link = `${config().origin}/inloggen/sso/koppelen?token=${encodeURIComponent(token)}`;
  const body = [t("mail.greeting", { name: owner.name }), t("oidc.mail.body", { provider: provider.name, link }), t("mail.signature")].join(
    "\n\n",
  );
  await trx
    .insertInto("outbox_email")
    .values({ to_address: identity.email, locale: owner.locale, template: "oidc.link", subject: t("oidc.mail.subject"), body_text: body })
    .execute();
}

/** What the link page shows before the owner confirms: the provider's name and the account's address. */
export async function describeLink(db: Db, token: string): Promise<Outcome<{ provider: string; email: string }>> {
  const row = await db
    .selectFrom("identity_link_token")
    .select(["provider", "email"])
    .where("token_hash", "=", hash(token))
    .where("used_at", "is", null)
    .where("expires_at", ">", sql<Date>`now()`)
    .executeTakeFirst();
  if (!row) return refuse(400, "oidc.errors.linkInvalid");
  return ok({ provider: findProvider(row.provider)?.name ?? row.provider, email: row.email });
}

/**
 * The mailed link confirmed (single use): the owner of the address proved it, so the provider's
 * subject is linked to the account and the address counts as confirmed; the account signs in.
 */
export async function confirmLink(db: Db, token: string): Promise<Outcome<SignedIn>> {
  try {
    return await db.transaction().execute(async (trx): Promise<Outcome<SignedIn>> => {
      const row = await trx
        .updateTable("identity_link_token")
        .set({ used_at: sql`now()` })
        .where("token_hash", "=", hash(token))
        .where("used_at", "is", null)
        .where("expires_at", ">", sql<Date>`now()`)
        .returning(["user_id", "provider", "subject", "email", "organisation", "second_factor"])
        .executeTakeFirst();
      if (!row || !findProvider(row.provider)) return refuse(400, "oidc.errors.linkInvalid");
      const user = await trx.selectFrom("app_user").select(["email", "blocked_at"]).where("id", "=", row.user_id).executeTakeFirst();
      // The account's address changed since the mail: the link proved the old one only.
      if (!user || user.email !== row.email) return refuse(400, "oidc.errors.linkInvalid");
      if (user.blocked_at) return refuse(403, "oidc.errors.blocked");
      await trx
        .insertInto("user_identity")
        .values({ user_id: row.user_id, provider: row.provider, subject: row.subject, email: row.email, organisation: row.organisation })
        .execute();
      await trx
        .updateTable("app_user")
        .set({ email_verified_at: sql`coalesce(email_verified_at, now())` })
        .where("id", "=", row.user_id)
        .execute();
      await claimRoleInvitations(trx, { id: row.user_id, email: row.email });
      return ok({
        kind: "session",
        userId: row.user_id,
        authMethod: `oidc:${row.provider}`,
        secondFactorAt: row.second_factor ? new Date() : null,
        to: "/mijn-lauwer",
        created: false,
      });
    });
  } catch (error) {
    // The subject was linked meanwhile (another link, another account): this link is spent.
    if (isUniqueViolation(error)) return refuse(409, "oidc.errors.linkInvalid");
    throw error;
  }
}
