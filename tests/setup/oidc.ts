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
  const signedOut = (slug: string) => `${origin}/uitgelogd/${slug}`;
  const idp = await startIdp({
    port,
    clients: [
      {
        ...IDP_CLIENT,
        redirect_uris: [redirect("test-idp"), redirect("restricted")],
        post_logout_redirect_uris: [signedOut("test-idp"), signedOut("restricted")],
      },
      { ...OTHER_CLIENT, redirect_uris: [redirect("other-idp")], post_logout_redirect_uris: [signedOut("other-idp")] },
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
 * Another provider on its own port, added to OIDC_PROVIDERS (call after startTestIdp and before the first
 * use of the providers): by default `plain-idp` ("Zonder uitloggen"), without an end_session_endpoint
 * (no RP-initiated logout), as some providers are.
 */
export async function startExtraIdp(
  origin: string,
  { slug = "plain-idp", name = "Zonder uitloggen", endSession = false }: { slug?: string; name?: string; endSession?: boolean } = {},
): Promise<TestIdp> {
  const client = { client_id: `lauwer-${slug}`, client_secret: `lauwer-${slug}-secret-0123456789` };
  const idp = await startIdp({
    port: await freePort(),
    endSession,
    clients: [
      {
        ...client,
        redirect_uris: [`${origin}/inloggen/sso/${slug}/terug`],
        post_logout_redirect_uris: [`${origin}/uitgelogd/${slug}`],
      },
    ],
  });
  const configured = JSON.parse(process.env.OIDC_PROVIDERS ?? "[]") as unknown[];
  process.env.OIDC_PROVIDERS = JSON.stringify([
    ...configured,
    { slug, name, issuer: idp.issuer, clientId: client.client_id, clientSecret: client.client_secret },
  ]);
  return idp;
}

/** One browser at the provider: its cookies (the provider's session) kept between visits. */
export type IdpJar = Map<string, string>;

/**
 * Opens the provider's authorization address, signs in as `login` (or refuses), and returns the
 * address the provider sends the browser back to (Lauwer's callback, with code/state or error).
 * With a jar, the browser's provider session is kept (and used: a signed-in browser is sent straight back).
 */
export async function authorizeAt(
  authUrl: string,
  login: string,
  decision: "allow" | "deny" = "allow",
  jar: IdpJar = new Map(),
): Promise<URL> {
  const { keep, header: cookie } = cookies(jar);
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

/** Keeps the provider's Set-Cookie values in the jar, and gives the Cookie header of the jar. */
function cookies(jar: IdpJar) {
  return {
    keep(res: Response) {
      for (const c of res.headers.getSetCookie()) {
        const [pair] = c.split(";");
        const i = pair!.indexOf("=");
        const [name, value] = [pair!.slice(0, i), pair!.slice(i + 1)];
        if (value === "" || /expires=Thu, 01 Jan 1970/i.test(c)) jar.delete(name);
        else jar.set(name, value);
      }
    },
    header: () => [...jar].map(([k, v]) => `${k}=${v}`).join("; "),
  };
}

/**
 * Whether the provider asks this browser to sign in (its sign-in page) when Lauwer sends it to
 * `authUrl`, or sends it straight back (a live provider session). Follows no further than that.
 */
export async function providerAsksToSignIn(authUrl: string, jar: IdpJar): Promise<boolean> {
  const c = cookies(jar);
  let url = new URL(authUrl);
  for (let hops = 0; hops < 10; hops++) {
    const res = await fetch(url, { redirect: "manual", headers: { cookie: c.header() } });
    c.keep(res);
    const location = res.headers.get("location");
    if (!location) return res.status === 200 && /\/interaction\//.test(url.pathname);
    const next = new URL(location, url);
    if (next.origin !== url.origin) return false;
    url = next;
  }
  throw new Error("too many redirects at the provider");
}

/**
 * Follows Lauwer's redirect to the provider's end-session endpoint as the browser would: the provider
 * asks "sign out here too?", the person answers, and the address the provider sends the browser back
 * to is returned (Lauwer's post_logout_redirect_uri).
 */
export async function signOutAtProvider(endSessionUrl: string, jar: IdpJar, answer: "yes" | "stay" = "yes"): Promise<URL> {
  const c = cookies(jar);
  let url = new URL(endSessionUrl);
  let init: RequestInit = {};
  for (let hops = 0; hops < 10; hops++) {
    const res = await fetch(url, { ...init, redirect: "manual", headers: { ...(init.headers ?? {}), cookie: c.header() } });
    c.keep(res);
    init = {};
    const location = res.headers.get("location");
    if (location) {
      const next = new URL(location, url);
      if (next.origin !== url.origin) return next;
      url = next;
      continue;
    }
    const body = await res.text();
    const action = /<form[^>]*\baction="([^"]+)"/.exec(body)?.[1];
    if (res.status !== 200 || !action) throw new Error(`provider answered ${res.status}: ${body.slice(0, 300)}`);
    // The form's hidden fields (the provider's xsrf value; without a provider session, logout=yes
    // posted by its script), and the person's answer when the provider asks.
    const fields = new URLSearchParams();
    for (const m of body.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)"\/?>/g)) fields.set(m[1]!, m[2]!);
    if (answer === "yes" && /<button[^>]*name="logout" value="yes"/.test(body)) fields.set("logout", "yes");
    url = new URL(action.replace(/&amp;/g, "&"), url);
    init = { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body: fields.toString() };
  }
  throw new Error("too many redirects at the provider");
}
