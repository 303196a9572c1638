// Every way a single sign-on can fail ends on a clear, translated page with a next step — never a 500
// (issue #16 item 1, ADR 0025): refused at the provider, a state that is unknown, used, from another
// browser or expired, a token from another issuer or for another client, an expired token, a clock too
// far off, an error from the provider, and a provider that cannot be reached on the way back.
// Through the built app against the real OpenID provider of tests/setup/oidc-idp.ts.
import { createHash } from "node:crypto";
import { sql } from "kysely";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "~/db.server";
import { uniqueEmail } from "../setup/factories";
import { ORIGIN, sessionCookieFrom, startTestServer, type TestServer } from "../setup/http";
import { authorizeAt, startExtraIdp, startTestIdp } from "../setup/oidc";
import type { TestIdp } from "../setup/oidc-idp";

let idp: TestIdp;
let flaky: TestIdp;
let app: TestServer;

beforeAll(async () => {
  idp = await startTestIdp(ORIGIN);
  // A provider that goes away while the person is signing in there.
  flaky = await startExtraIdp(ORIGIN, { slug: "flaky-idp", name: "Wankel", endSession: true });
  app = await startTestServer();
});
afterAll(async () => {
  await app.close();
  await idp.close();
  delete process.env.OIDC_PROVIDERS;
});
afterEach(() => {
  idp.tamper = null;
});

const now = () => Math.floor(Date.now() / 1000);

interface Attempt {
  slug?: string;
  decision?: "allow" | "deny";
  /** Changes the provider's answer before the browser brings it back. */
  mangle?: (callback: URL) => URL;
  /** Runs between the provider's answer and the browser's return. */
  meanwhile?: (browserCookie: string) => Promise<void>;
  withoutCookie?: boolean;
}

/** A whole sign-in through the app as one browser; the callback's response and the address used. */
async function attempt(email: string, a: Attempt = {}) {
  const slug = a.slug ?? "test-idp";
  const start = await app.request(`/inloggen/sso/${slug}`);
  expect(start.status).toBe(302);
  const cookie = start.headers
    .getSetCookie()
    .find((c) => c.startsWith("lauwer_sso="))!
    .split(";")[0]!;
  let callback = await authorizeAt(start.headers.get("location")!, email, a.decision);
  if (a.mangle) callback = a.mangle(callback);
  await a.meanwhile?.(cookie);
  return app.request(callback.pathname + callback.search, { headers: a.withoutCookie ? {} : { cookie } });
}

/** The error page: its status, the message, a way on (again at this provider, or with a password), no session, no account. */
async function expectErrorPage(res: Response, email: string, status: number, message: string, slug = "test-idp") {
  expect(res.status).toBe(status);
  expect(sessionCookieFrom(res)).toBeUndefined();
  const html = await res.text();
  expect(html).toContain("<h1");
  expect(html).toContain("Inloggen met je organisatie is niet gelukt");
  expect(html).toContain(message);
  expect(html).toContain(`href="/inloggen/sso/${slug}"`);
  expect(html).toContain("Inloggen met e-mailadres en wachtwoord");
  expect(await getDb().selectFrom("app_user").select("id").where("email", "=", email).executeTakeFirst()).toBeUndefined();
  return html;
}

describe("single sign-on failures end on a page with a next step", () => {
  it("refused at the provider", async () => {
    const email = uniqueEmail("err-deny");
    await expectErrorPage(await attempt(email, { decision: "deny" }), email, 400, "Je hebt het inloggen bij je organisatie afgebroken");
  });

  it("an unknown state, and a callback opened without this browser's cookie", async () => {
    const email = uniqueEmail("err-state");
    const forged = await attempt(email, { mangle: (u) => (u.searchParams.set("state", "not-our-state"), u) });
    await expectErrorPage(forged, email, 400, "hoort niet bij deze browser");
    await expectErrorPage(await attempt(email, { withoutCookie: true }), email, 400, "hoort niet bij deze browser");
  });

  it("a sign-in that took longer than ten minutes", async () => {
    const email = uniqueEmail("err-expired");
    const res = await attempt(email, {
      meanwhile: async (cookie) => {
        const browser = createHash("sha256").update(cookie.split("=")[1]!).digest("hex");
        await getDb()
          .updateTable("oidc_login")
          .set({ expires_at: sql<Date>`now() - interval '1 second'` })
          .where("browser_hash", "=", browser)
          .execute();
      },
    });
    await expectErrorPage(res, email, 400, "Het inloggen duurde te lang");
  });

  it("a token from another issuer, and one for another client", async () => {
    const email = uniqueEmail("err-iss");
    idp.tamper = (c) => ({ ...c, iss: "https://login.evil.example" });
    await expectErrorPage(await attempt(email), email, 400, "kwam niet van het inlogsysteem dat we verwachtten");
    idp.tamper = (c) => ({ ...c, aud: "someone-else" });
    await expectErrorPage(await attempt(email), email, 400, "was niet voor Lauwer bedoeld");
  });

  it("an expired token, and clocks too far apart (not valid yet; issued in the future)", async () => {
    const email = uniqueEmail("err-clock");
    idp.tamper = (c) => ({ ...c, iat: now() - 3600, exp: now() - 300 });
    await expectErrorPage(await attempt(email), email, 400, "was al verlopen");
    idp.tamper = (c) => ({ ...c, nbf: now() + 600 });
    await expectErrorPage(await attempt(email), email, 400, "klopt niet met onze klok");
    idp.tamper = (c) => ({ ...c, iat: now() + 600, exp: now() + 1200 });
    await expectErrorPage(await attempt(email), email, 400, "klopt niet met onze klok");
  });

  it("an error answered by the provider", async () => {
    const email = uniqueEmail("err-provider");
    const res = await attempt(email, {
      mangle: (u) => {
        // As the provider sends an error: with the state and its issuer (RFC 9207).
        const { state, iss } = Object.fromEntries(u.searchParams);
        u.search = new URLSearchParams({
          error: "server_error",
          error_description: "down for maintenance",
          state: state!,
          iss: iss!,
        }).toString();
        return u;
      },
    });
    await expectErrorPage(res, email, 400, "gaf een foutmelding");
  });

  it("a provider that cannot be reached when the browser comes back (503, try again later)", async () => {
    const email = uniqueEmail("err-down");
    const res = await attempt(email, { slug: "flaky-idp", meanwhile: () => flaky.close() });
    const html = await expectErrorPage(res, email, 503, "is nu niet bereikbaar", "flaky-idp");
    expect(res.headers.get("retry-after")).toBe("60");
    expect(html).not.toContain("Unexpected Server Error");
  });
});
