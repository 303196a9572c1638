// Driving the test identity provider (tests/setup/oidc-idp.ts) as a browser would: follow its
// redirects with its cookies, answer its sign-in page, and stop at Lauwer's callback address.
import { freePort } from "../../db/embedded";
import { startIdp, type TestIdp } from "./oidc-idp";

export const IDP_CLIENT = { client_id: "lauwer-test", client_secret: "lauwer-test-secret-0123456789" };
export const OTHER_CLIENT = { client_id: "lauwer-other", client_secret: "lauwer-other-secret-0123456789" };

/** A provider for these tests, and OIDC_PROVIDERS naming it as `test-idp` (and `restricted`, for one domain only;
 * `other-idp`, another client; `down-idp`, a provider nobody answers for). */
export async function startTestIdp(origin: string): Promise<TestIdp> {
  const port = await freePort();
  const redirect = (slug: string) => `${origin}/inloggen/sso/${slug}/terug`;
  const idp = await startIdp({
    port,
    clients: [
      { ...IDP_CLIENT, redirect_uris: [redirect("test-idp"), redirect("restricted")] },
      { ...OTHER_CLIENT, redirect_uris: [redirect("other-idp")] },
    ],
  });
  process.env.OIDC_PROVIDERS = JSON.stringify([
    {
      slug: "test-idp",
      name: "Test-IdP",
      issuer: idp.issuer,
      clientId: IDP_CLIENT.client_id,
      clientSecret: IDP_CLIENT.client_secret,
      organisationClaim: "organisation",
    },
    {
      slug: "restricted",
      name: "Alleen Rijk",
      issuer: idp.issuer,
      clientId: IDP_CLIENT.client_id,
      clientSecret: IDP_CLIENT.client_secret,
      allowedDomains: ["minbzk.nl"],
    },
    { slug: "other-idp", name: "Ander", issuer: idp.issuer, clientId: OTHER_CLIENT.client_id, clientSecret: OTHER_CLIENT.client_secret },
    // Nobody listens there: a provider that cannot be reached.
    { slug: "down-idp", name: "Onbereikbaar", issuer: `http://127.0.0.1:${await freePort()}`, clientId: "x", clientSecret: "x" },
  ]);
  return idp;
}

/**
 * Opens the provider's authorization address, signs in as `login` (or refuses), and returns the
 * address the provider sends the browser back to (Lauwer's callback, with code/state or error).
 */
export async function authorizeAt(authUrl: string, login: string, decision: "allow" | "deny" = "allow"): Promise<URL> {
  const jar = new Map<string, string>();
  const keep = (res: Response) => {
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(";");
      const i = pair!.indexOf("=");
      jar.set(pair!.slice(0, i), pair!.slice(i + 1));
    }
  };
  const cookie = () => [...jar].map(([k, v]) => `${k}=${v}`).join("; ");
  let url = new URL(authUrl);
  let init: RequestInit = {};
  for (let hops = 0; hops < 10; hops++) {
    const res = await fetch(url, { ...init, redirect: "manual", headers: { ...(init.headers ?? {}), cookie: cookie() } });
    keep(res);
    init = {};
    const location = res.headers.get("location");
    if (location) {
      const next = new URL(location, url);
      if (next.origin !== url.origin) return next;
      url = next;
      continue;
    }
    const body = await res.text();
    if (res.status !== 200 || !/\/interaction\//.test(url.pathname))
      throw new Error(`provider answered ${res.status}: ${body.slice(0, 300)}`);
    init = {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ login, decision }).toString(),
    };
  }
  throw new Error("too many redirects at the provider");
}
