// Signing out of a session that started at an identity provider (ADR 0025, RP-initiated logout 1.0):
// Lauwer's own session is ended by the caller first, always; then the browser is sent to the
// provider's end_session_endpoint with our client_id and the page it sends the browser back to
// (post_logout_redirect_uri), where we say that both are signed out. A provider without that endpoint
// (or one we cannot reach now) leaves its own session as it is: the page then says so.
//
// No id_token_hint: it would mean keeping every id_token (a signed statement of who the person is, with
// their address and name) beside the session for hours, only to spare the provider one question. Without
// it the provider asks the person whether to sign out there too, which RP-initiated logout expects.
import * as client from "openid-client";
import { config } from "~/config.server";
import type { Locale } from "~/i18n/i18n";
import { clientConfiguration, findProvider, type Provider } from "./providers.server";

/** The provider a session was started through ('oidc:<slug>'), when it is still configured. */
export function providerOfSession(authMethod: string | null | undefined): Provider | undefined {
  return authMethod?.startsWith("oidc:") ? findProvider(authMethod.slice(5)) : undefined;
}

/** The page the provider sends the browser back to after signing out there (registered at the provider). */
export function signedOutUrl(slug: string): string {
  return `${config().origin}/uitgelogd/${slug}`;
}

/** Our page for a provider whose own session may still be active. */
export const signedOutHereOnly = (slug: string) => `/uitgelogd/${slug}?alleen=lauwer`;

/** The provider's end-session address for a sign-out, or null when it has none or cannot be reached now. */
export async function endSessionUrl(provider: Provider, locale: Locale): Promise<URL | null> {
  let conf: client.Configuration;
  try {
    conf = await clientConfiguration(provider);
  } catch {
    return null;
  }
  if (!conf.serverMetadata().end_session_endpoint) return null;
  return client.buildEndSessionUrl(conf, { post_logout_redirect_uri: signedOutUrl(provider.slug), ui_locales: locale });
}

/**
 * Where the browser goes after Lauwer's session of `authMethod` ended: the provider's end-session
 * endpoint, our page saying the provider may still know the person, or nowhere special (null: not a
 * provider's session). The endpoint only on its issuer's origin: the sign-out button is a form, and the
 * Content-Security-Policy's form-action allows the issuers' origins only (a redirect counts).
 */
export async function afterSignOut(authMethod: string | null | undefined, locale: Locale): Promise<string | null> {
  const provider = providerOfSession(authMethod);
  if (!provider) return null;
  const url = await endSessionUrl(provider, locale);
  return url && url.origin === new URL(provider.issuer).origin ? url.href : signedOutHereOnly(provider.slug);
}

/** The origins the sign-out form may be redirected to: the configured issuers'. */
export function issuerOrigins(providers: Provider[]): string[] {
  return [...new Set(providers.map((p) => new URL(p.issuer).origin))];
}
