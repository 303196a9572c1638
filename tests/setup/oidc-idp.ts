// A real OpenID Connect provider (panva's oidc-provider, the certified OP) for the tests: integration
// tests start it in their worker, the e2e run starts it as a web server (run this file with tsx).
// Its sign-in page asks only for an e-mail address (the subject is derived from it) and can refuse;
// `tamper` lets a test make the provider answer with an id_token whose claims are wrong but whose
// signature is the provider's own, so the refusal comes from the client library's checks.
import { createHash } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { pathToFileURL } from "node:url";
import { decodeJwt, exportJWK, generateKeyPair, SignJWT, type JWTPayload } from "jose";
import Provider from "oidc-provider";

export interface IdpUser {
  email?: string;
  email_verified?: boolean;
  name?: string;
  organisation?: string;
  /** Authentication methods the provider reports (RFC 8176), e.g. ["pwd", "otp"]. */
  amr?: string[];
}

export interface IdpClient {
  client_id: string;
  client_secret: string;
  redirect_uris: string[];
  /** Where the provider may send the browser after signing out there (RP-initiated logout). */
  post_logout_redirect_uris?: string[];
}

export interface TestIdp {
  issuer: string;
  /** Claims per login (the e-mail address typed on the sign-in page); unknown logins get a verified address. */
  users: Map<string, IdpUser>;
  /** Changes the next id_tokens' claims (re-signed with the provider's key); null: as the provider made them. */
  tamper: ((claims: JWTPayload) => JWTPayload) | null;
  /** Signs tampered tokens with another key than the published one. */
  foreignKey: boolean;
  close(): Promise<void>;
}

/** The subject the provider gives a login: stable, not the address itself. */
export const subjectOf = (login: string) => `sub-${createHash("sha256").update(login).digest("hex").slice(0, 16)}`;

const page = (uid: string) => `<!doctype html><html lang="nl"><head><meta charset="utf-8"><title>Test-IdP: inloggen</title></head>
<body><main><h1>Test-IdP</h1>
<form method="post" action="/interaction/${uid}">
<label for="login">E-mailadres bij de organisatie</label> <input id="login" name="login" type="email" autocomplete="username" required>
<button type="submit" name="decision" value="allow">Aanmelden bij Test-IdP</button>
<button type="submit" name="decision" value="deny" formnovalidate>Weigeren</button>
</form></main></body></html>`;

/** The provider's own question when a relying party sends someone to sign out (RP-initiated logout 1.0). */
const logoutPage = (form: string) => `<!doctype html><html lang="nl"><head><meta charset="utf-8"><title>Test-IdP: uitloggen</title></head>
<body><main><h1>Test-IdP</h1><p>Wil je ook uitloggen bij Test-IdP?</p>
${form}
<button type="submit" form="op.logoutForm" name="logout" value="yes">Uitloggen bij Test-IdP</button>
<button type="submit" form="op.logoutForm">Ingelogd blijven</button>
</main></body></html>`;

async function readForm(req: IncomingMessage): Promise<URLSearchParams> {
  let body = "";
  for await (const chunk of req) body += String(chunk);
  return new URLSearchParams(body);
}

export async function startIdp(options: {
  port: number;
  host?: string;
  clients: IdpClient[];
  /** false: a provider without an end_session_endpoint (no RP-initiated logout), as some are. */
  endSession?: boolean;
}): Promise<TestIdp> {
  const host = options.host ?? "127.0.0.1";
  const issuer = `http://${host}:${options.port}`;
  const { privateKey } = await generateKeyPair("RS256", { extractable: true });
  const foreign = await generateKeyPair("RS256", { extractable: true });
  const jwk = { ...(await exportJWK(privateKey)), kid: "test-key", alg: "RS256", use: "sig" };

  const users = new Map<string, IdpUser>();
  const state: TestIdp = { issuer, users, tamper: null, foreignKey: false, close: async () => {} };
  const accountClaims = (sub: string) => {
    const login = [...users.keys()].find((l) => subjectOf(l) === sub) ?? logins.get(sub) ?? "";
    const u = users.get(login) ?? {};
    return {
      sub,
      email: u.email ?? login,
      email_verified: u.email_verified ?? true,
      name: u.name ?? login.split("@")[0],
      ...(u.organisation ? { organisation: u.organisation } : {}),
    };
  };
  const logins = new Map<string, string>();

  const provider = new Provider(issuer, {
    clients: options.clients.map((c) => ({ ...c, grant_types: ["authorization_code"], response_types: ["code"] })),
    jwks: { keys: [jwk] },
    cookies: { keys: ["lauwer-test-idp-cookie-key"] },
    claims: {
      // Organisation providers (Entra ID) put the authentication methods in every id_token.
      openid: ["sub", "amr"],
      email: ["email", "email_verified"],
      profile: ["name", "organisation"],
      acr: null,
      amr: null,
      auth_time: null,
      sid: null,
    },
    // The address in the id_token itself, as organisation providers (Entra ID) give it.
    conformIdTokenClaims: false,
    features: {
      devInteractions: { enabled: false },
      rpInitiatedLogout: {
        enabled: options.endSession !== false,
        logoutSource: (ctx: { body: string }, form: string) => {
          ctx.body = logoutPage(form);
        },
      },
    },
    pkce: { required: () => true },
    interactions: { url: (_ctx: unknown, interaction: { uid: string }) => `/interaction/${interaction.uid}` },
    findAccount: (_ctx: unknown, sub: string) => ({ accountId: sub, claims: () => accountClaims(sub) }),
  });
  provider.proxy = false;

  provider.use(async (ctx: { path: string; body: unknown }, next: () => Promise<void>) => {
    await next();
    const body = ctx.body as { id_token?: string } | undefined;
    if (ctx.path === "/token" && state.tamper && body?.id_token) {
      const claims = state.tamper(decodeJwt(body.id_token));
      const key = state.foreignKey ? foreign.privateKey : privateKey;
      ctx.body = { ...body, id_token: await new SignJWT(claims).setProtectedHeader({ alg: "RS256", kid: "test-key" }).sign(key) };
    }
  });

  const callback = provider.callback();
  const server = (await import("node:http")).createServer((req: IncomingMessage, res: ServerResponse) => {
    const m = /^\/interaction\/([\w-]+)$/.exec(req.url ?? "");
    if (!m) return callback(req, res);
    void (async () => {
      try {
        const details = await provider.interactionDetails(req, res);
        if (req.method === "GET") {
          res.writeHead(200, { "content-type": "text/html; charset=utf-8" }).end(page(details.uid));
          return;
        }
        const form = await readForm(req);
        let result;
        if (form.get("decision") === "deny") {
          result = { error: "access_denied", error_description: "The person refused" };
        } else {
          const login = (form.get("login") ?? "").trim().toLowerCase();
          const sub = subjectOf(login);
          logins.set(sub, login);
          const grant = new provider.Grant({ accountId: sub, clientId: details.params.client_id });
          grant.addOIDCScope(String(details.params.scope));
          const grantId = await grant.save();
          result = { login: { accountId: sub, amr: users.get(login)?.amr }, consent: { grantId } };
        }
        const to = await provider.interactionResult(req, res, result, { mergeWithLastSubmission: false });
        res.writeHead(303, { location: to }).end();
      } catch (error) {
        res.writeHead(400, { "content-type": "text/plain" }).end(String(error));
      }
    })();
  });
  await new Promise<void>((resolve) => server.listen(options.port, host, resolve));
  state.close = () => new Promise((resolve) => server.close(() => resolve()));
  return state;
}

// Run as a program (the e2e web server): OIDC_TEST_PORT, OIDC_TEST_REDIRECTS and OIDC_TEST_LOGOUT_REDIRECTS
// (comma-separated).
if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const port = Number(process.env.OIDC_TEST_PORT ?? 3912);
  const list = (v: string | undefined) => (v ?? "").split(",").filter(Boolean);
  const idp = await startIdp({
    port,
    clients: [
      {
        client_id: "lauwer-e2e",
        client_secret: "lauwer-e2e-secret-0123456789",
        redirect_uris: list(process.env.OIDC_TEST_REDIRECTS),
        post_logout_redirect_uris: list(process.env.OIDC_TEST_LOGOUT_REDIRECTS),
      },
    ],
  });
  console.log(`test identity provider at ${idp.issuer}`);
}
