// The configured identity providers as a platform admin sees them (read-only): what OIDC_PROVIDERS says
// (never the client secret), the addresses to register at the provider, and whether the provider's
// discovery document answers now. Providers are configured in the environment only (ADR 0025).
import { callbackUrl, providers } from "./providers.server";
import { signedOutUrl } from "./sign-out.server";

export type Discovery = "ok" | "unreachable" | "otherIssuer";

export interface ProviderStatus {
  slug: string;
  name: string;
  issuer: string;
  clientId: string;
  secretSet: boolean;
  allowedDomains: string[];
  organisationClaim: string | null;
  trustEmail: boolean;
  clockToleranceSeconds: number;
  callback: string;
  signedOut: string;
  discovery: Discovery;
  /** The provider publishes an end_session_endpoint (signing out there too); null when discovery did not answer. */
  endSession: boolean | null;
}

/** How long the page waits for each provider's discovery document. */
const TIMEOUT_MS = 3000;

async function discover(issuer: string): Promise<{ discovery: Discovery; endSession: boolean | null }> {
  try {
    const res = await fetch(`${issuer.replace(/\/$/, "")}/.well-known/openid-configuration`, {
      signal: AbortSignal.timeout(TIMEOUT_MS),
      headers: { accept: "application/json" },
      redirect: "error",
    });
    if (!res.ok) return { discovery: "unreachable", endSession: null };
    const doc = (await res.json()) as { issuer?: unknown; end_session_endpoint?: unknown };
    if (doc.issuer !== issuer) return { discovery: "otherIssuer", endSession: null };
    return { discovery: "ok", endSession: typeof doc.end_session_endpoint === "string" };
  } catch {
    return { discovery: "unreachable", endSession: null };
  }
}

/** Every configured provider with its state, the discovery documents fetched at once. */
export function providerStatuses(): Promise<ProviderStatus[]> {
  return Promise.all(
    providers().map(async (p) => ({
      slug: p.slug,
      name: p.name,
      issuer: p.issuer,
      clientId: p.clientId,
      secretSet: Boolean(p.clientSecret),
      allowedDomains: p.allowedDomains,
      organisationClaim: p.organisationClaim ?? null,
      trustEmail: p.trustEmail,
      clockToleranceSeconds: p.clockToleranceSeconds,
      callback: callbackUrl(p.slug),
      signedOut: signedOutUrl(p.slug),
      ...(await discover(p.issuer)),
    })),
  );
}
