// The identity providers this Lauwer trusts (ADR 0025), read once from OIDC_PROVIDERS: a JSON array of
// { slug, name, issuer, clientId, clientSecret, allowedDomains?, organisationClaim?, trustEmail?,
//   clockToleranceSeconds? }. A provider's metadata (endpoints, keys) comes from its issuer's discovery
// document, fetched when first needed and kept while the process lives.
import * as client from "openid-client";
import { z } from "zod";
import { config, isLoopback } from "~/config.server";

const SLUG = /^[a-z0-9][a-z0-9-]{0,39}$/;
const DOMAIN = /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;

const ProviderSchema = z.object({
  /** In addresses (/inloggen/sso/<slug>) and in sessions ('oidc:<slug>'). */
  slug: z.string().regex(SLUG),
  /** What the sign-in button says: "Inloggen met <name>". */
  name: z.string().min(1).max(80),
  issuer: z.string().url(),
  clientId: z.string().min(1),
  clientSecret: z.string().min(1).optional(),
  /** Only addresses of these domains (or their subdomains) may sign in; empty: any. */
  allowedDomains: z.array(z.string().toLowerCase().regex(DOMAIN)).default([]),
  /** A claim of the id_token (or userinfo) whose value is the person's organisation. */
  organisationClaim: z.string().min(1).max(100).optional(),
  /**
   * The provider vouches for every address it gives (an organisation's own directory, e.g. Entra ID
   * with verified domains); without it an address counts only with `email_verified: true`.
   */
  trustEmail: z.boolean().default(false),
  /** Allowed difference between the provider's clock and ours when checking the token's times. */
  clockToleranceSeconds: z.number().int().min(0).max(300).default(30),
});

export type Provider = z.infer<typeof ProviderSchema>;

/** What a page may show of a provider. */
export interface ProviderButton {
  slug: string;
  name: string;
}

let cached: Provider[] | undefined;

/** The configured providers (none when OIDC_PROVIDERS is unset); a wrong setting throws at the first use (the login page). */
export function providers(): Provider[] {
  if (cached) return cached;
  const raw = process.env.OIDC_PROVIDERS;
  if (!raw || raw.trim() === "") return (cached = []);
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    throw new Error("OIDC_PROVIDERS is not valid JSON");
  }
  const parsed = z.array(ProviderSchema).safeParse(json);
  if (!parsed.success) throw new Error(`OIDC_PROVIDERS: ${parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`);
  const slugs = parsed.data.map((p) => p.slug);
  if (new Set(slugs).size !== slugs.length) throw new Error("OIDC_PROVIDERS: every slug must be different");
  for (const p of parsed.data) {
    if (new URL(p.issuer).protocol !== "https:" && (config().isProduction || !isLoopback(new URL(p.issuer).hostname)))
      throw new Error(`OIDC_PROVIDERS: the issuer of ${p.slug} must use https`);
  }
  return (cached = parsed.data);
}

export function providerButtons(): ProviderButton[] {
  return providers().map((p) => ({ slug: p.slug, name: p.name }));
}

export function findProvider(slug: string): Provider | undefined {
  return providers().find((p) => p.slug === slug);
}

/** The slugs of a list that name no configured provider (a vote round may only name configured ones). */
export function unconfiguredProviders(slugs: string[]): string[] {
  return slugs.filter((s) => !findProvider(s));
}

/** Where the provider sends the browser back to. */
export function callbackUrl(slug: string): string {
  return `${config().origin}/inloggen/sso/${slug}/terug`;
}

const configurations = new Map<string, Promise<client.Configuration>>();

/** The provider's discovered configuration (a failed discovery is tried again next time). */
export function clientConfiguration(p: Provider): Promise<client.Configuration> {
  let pending = configurations.get(p.slug);
  if (!pending) {
    const local = new URL(p.issuer).protocol === "http:";
    pending = client.discovery(
      new URL(p.issuer),
      p.clientId,
      { redirect_uris: [callbackUrl(p.slug)], response_types: ["code"], [client.clockTolerance]: p.clockToleranceSeconds },
      p.clientSecret ? client.ClientSecretBasic(p.clientSecret) : client.None(),
      // Plain http only for a provider on this machine outside production (checked in providers()).
      {
        // The id_token's signature is checked against the provider's published keys too, not only
        // trusted for arriving over TLS: a token the provider did not sign is refused (ADR 0025).
        execute: local ? [client.allowInsecureRequests, client.enableNonRepudiationChecks] : [client.enableNonRepudiationChecks],
        timeout: 10,
      },
    );
    pending.catch(() => configurations.delete(p.slug));
    configurations.set(p.slug, pending);
  }
  return pending;
}

/** For tests that change OIDC_PROVIDERS between cases. */
export function forgetProviders(): void {
  cached = undefined;
  configurations.clear();
}
