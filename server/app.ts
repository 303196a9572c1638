import { randomBytes, randomUUID } from "node:crypto";
import type { IncomingMessage, RequestListener, ServerResponse } from "node:http";
import { createReadableStreamFromReadable, createRequestHandler } from "@remix-run/node";
import type { AppLoadContext, ServerBuild } from "@remix-run/node";
import express, { type NextFunction, type Request, type Response } from "express";
import helmet from "helmet";
import proxyaddr from "proxy-addr";
import { pinoHttp } from "pino-http";
import { readSessionCookie, validateSessionId } from "~/auth/lucia.server";
import { config } from "~/config.server";
import { isDatabaseUnavailable, retryWhileUnavailable } from "~/db.server";
import { localeFromCookieHeader } from "~/i18n/locale.server";
import { logger } from "~/logger.server";
import { providers } from "~/modules/identity/providers.server";
import { issuerOrigins } from "~/modules/identity/sign-out.server";
import { takesPhotoUpload } from "~/modules/photos/photo";
import type { Lifecycle } from "./lifecycle";
import { httpMetrics, metricsEndpoint } from "./metrics";
import { asOwn, createPageCache } from "./page-cache";
import { readyz } from "./readiness";
import { voteLane, type LaneState } from "./vote-lane";

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * The Fetch API request Remix sees. The host comes from the Host header only (X-Forwarded-Host is never
 * trusted); loaders and actions are aborted when the client goes away before the response finished.
 */
export function remixRequest(req: Request, res: Response, shared?: AbortSignal): globalThis.Request {
  const url = new URL(`${req.protocol}://${req.get("host") ?? "localhost"}${req.originalUrl}`);
  const headers = new Headers();
  for (const [key, value] of Object.entries(req.headers)) {
    if (Array.isArray(value)) for (const v of value) headers.append(key, v);
    else if (value !== undefined) headers.set(key, value);
  }
  let controller: AbortController | null = new AbortController();
  // A rendering shared by several visitors (the page cache) is not ended by the one whose request
  // started it going away: it has its own signal.
  const signal = shared ?? controller.signal;
  res.on("finish", () => (controller = null));
  res.on("close", () => controller?.abort());
  const init: RequestInit & { duplex?: "half" } = { method: req.method, headers, signal };
  const lane = res.locals.voteLane as LaneState | undefined;
  if (lane) {
    // The vote lane read the body already and passed the request on.
    init.body = lane.body;
  } else if (req.method !== "GET" && req.method !== "HEAD") {
    init.body = createReadableStreamFromReadable(req);
    init.duplex = "half";
  }
  return new globalThis.Request(url.href, init);
}

/**
 * Writes a Remix response to the socket. Unlike @remix-run/express (which writes every chunk without
 * waiting), the next chunk is read only after the socket drained: a streamed export of a million rows
 * then moves at the client's pace and never piles up in memory.
 */
export async function sendResponse(res: Response, response: globalThis.Response, options: { noStore?: boolean } = {}): Promise<void> {
  res.statusMessage = response.statusText;
  res.status(response.status);
  // A header the middleware already set with the same value is not sent again (helmet's
  // X-Content-Type-Options was sent twice on exports). A different value is added, never replaced: a
  // route cannot weaken a security header, and two policies are both enforced.
  for (const [key, value] of response.headers.entries()) {
    if (key !== "set-cookie" && res.getHeader(key) === value) continue;
    res.append(key, value);
  }
  if (options.noStore) res.setHeader("Cache-Control", "no-store");
  if (/text\/event-stream/i.test(response.headers.get("Content-Type") ?? "")) res.flushHeaders();
  if (!response.body) {
    res.end();
    return;
  }
  const reader = response.body.getReader();
  // Resolves when the socket can take more, or will never again (closed or failed); never rejects.
  const writable = () =>
    new Promise<void>((resolve) => {
      const done = () => {
        res.off("drain", done).off("close", done).off("error", done);
        resolve();
      };
      res.on("drain", done).on("close", done).on("error", done);
    });
  // The client went away before the response finished: stop producing at once (an export's query is
  // stopped and its connection given back, a stream's timer stopped), also while the body is still
  // preparing its next chunk; a chunk that comes anyway is not written.
  let gone = false;
  const onClose = () => {
    if (res.writableFinished) return;
    gone = true;
    reader.cancel().catch(() => undefined);
  };
  res.once("close", onClose);
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (gone) return;
      if (done) {
        res.end();
        return;
      }
      if (!res.write(value) && !res.destroyed) await writable();
      if (res.destroyed) {
        if (!gone) await reader.cancel();
        return;
      }
    }
  } catch (error) {
    res.destroy(error instanceof Error ? error : new Error(String(error)));
    throw error;
  } finally {
    res.off("close", onClose);
  }
}

/**
 * CSRF defence for every non-GET request: the Origin header must be this app's configured origin.
 * A missing Origin is refused too. X-Forwarded-Host is never consulted.
 */
export function originCheck(allowedOrigin: string) {
  const allowedHost = new URL(allowedOrigin).host;
  return (req: Request, res: Response, next: NextFunction) => {
    if (SAFE_METHODS.has(req.method)) return next();
    // RFC 8058: a mail client posts the one-click unsubscribe from outside this site. Its signed token,
    // good for one topic of one person, is the authority, and all it can do is stop mail (ADR 0013).
    if (req.method === "POST" && req.path === "/afmelden" && typeof req.query.token === "string") {
      req.headers.host = allowedHost;
      delete req.headers.origin;
      delete req.headers["x-forwarded-host"];
      return next();
    }
    if (req.get("origin") === allowedOrigin) {
      // This check is the authority. Remix repeats a weaker Host-vs-Origin comparison that a proxy
      // rewriting Host would trip (as a 500), so present the verified host to it.
      req.headers.host = allowedHost;
      delete req.headers["x-forwarded-host"];
      return next();
    }
    res
      .status(403)
      .set("Cache-Control", "no-store")
      .type("html")
      .send(
        `<!doctype html><html lang="nl"><head><meta charset="utf-8"><title>Geen toegang / Forbidden</title></head><body><main>` +
          `<h1>Geen toegang</h1><p>Dit verzoek kwam niet van deze website en is daarom geweigerd. Ga terug en probeer het opnieuw.</p>` +
          `<h2 lang="en">Forbidden</h2><p lang="en">This request did not come from this website and was refused. Go back and try again.</p>` +
          `</main></body></html>`,
      );
  };
}

/**
 * Features no page of Lauwer uses are denied to every page and frame (Permissions-Policy): a script that
 * got in anyway cannot ask for the camera, the microphone or the location. Passkeys (WebAuthn, ADR 0029)
 * are for the site's own pages only, never for a frame.
 */
export const PERMISSIONS_POLICY = [
  "accelerometer",
  "autoplay",
  "bluetooth",
  "camera",
  "display-capture",
  "encrypted-media",
  "geolocation",
  "gyroscope",
  "hid",
  "idle-detection",
  "magnetometer",
  "microphone",
  "midi",
  "payment",
  "screen-wake-lock",
  "serial",
  "usb",
  "xr-spatial-tracking",
]
  .map((feature) => `${feature}=()`)
  .concat(["publickey-credentials-create=(self)", "publickey-credentials-get=(self)"])
  .join(", ");

/**
 * An address whose percent-encoding is broken (`/l/%FF`) is the client's mistake: 400 with a short
 * bilingual page, logged as an ordinary request (info), never as a server error with a stack.
 */
export function malformedAddress(req: Request, res: Response, next: NextFunction) {
  try {
    decodeURIComponent(req.path);
  } catch {
    res
      .status(400)
      .type("html")
      .send(
        `<!doctype html><html lang="nl"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">` +
          `<title>Ongeldig adres / Invalid address</title></head><body><main>` +
          `<h1>Ongeldig adres</h1><p>Dit webadres bevat tekens die niet kloppen (een % zonder geldige code erna). Controleer de link, of <a href="/">ga naar de startpagina</a>.</p>` +
          `<h2 lang="en">Invalid address</h2><p lang="en">This web address contains characters that are not valid (a % without a valid code after it). Check the link, or <a href="/">go to the home page</a>.</p>` +
          `</main></body></html>`,
      );
    return;
  }
  next();
}

/**
 * Lauwer's pages fetch their data at `<path>.data` (single fetch). Remix still answers the older
 * `?_data=<route id>` request, and fails on a loader that returns null with a 500: nobody needs it, so a
 * request that carries it is the client's mistake (400), answered before Remix reads it.
 */
export function legacyDataRequest(req: Request, res: Response, next: NextFunction) {
  if (Object.prototype.hasOwnProperty.call(req.query, "_data")) {
    res.status(400).type("text/plain").send("Ongeldig verzoek / Invalid request");
    return;
  }
  next();
}

/**
 * Personal answers are never kept by a browser or proxy cache (no-store): everything answered to a
 * signed-in request (pages, data requests, exports), what sets or ends a session, and refusals (401, 403).
 * Anonymous answers keep their own caching, and so does a file that its route declares the same for
 * everyone (`public`: a candidate's photo, robots.txt) — never a page or a page's data, whose header
 * shows who is signed in.
 */
export function isPersonal(context: AppLoadContext, response: globalThis.Response, res: Response): boolean {
  if (response.status === 401 || response.status === 403 || response.headers.has("set-cookie") || res.hasHeader("set-cookie")) return true;
  if (!context.user && !context.session && !context.outage) return false;
  const sharedFile =
    (response.status === 200 || response.status === 304) &&
    /(^|[\s,])public([\s,]|$)/i.test(response.headers.get("cache-control") ?? "") &&
    !/text\/html|text\/x-script|json/i.test(response.headers.get("content-type") ?? "");
  return !sharedFile;
}

const NEVER = new AbortController().signal;
/** How long a page rendering that visitors wait for (ADR 0039) may take. */
const SHARED_RENDER_MS = 10_000;

async function loadContext(req: Request, res: Response, shutdown: AbortSignal): Promise<AppLoadContext> {
  const sessionId = readSessionCookie(req.get("cookie"));
  // Reading (and extending) a session is safe to repeat: a dropped connection is retried for a moment.
  // If PostgreSQL stays away, the request still reaches Remix, marked as an outage: pages answer 503
  // in the app's own layout, and a ballot keeps its choices (see requireUser and the ballot action).
  const lane = res.locals.voteLane as LaneState | undefined;
  let validated: Awaited<ReturnType<typeof validateSessionId>> = { user: null, session: null };
  let outage = false;
  if (lane?.validated) validated = lane.validated;
  // The lane met an outage reading this session (and waited for it): it is not read a second time.
  else if (lane?.outage) outage = Boolean(sessionId);
  else
    try {
      validated = await retryWhileUnavailable(() => validateSessionId(sessionId), 2000);
    } catch (error) {
      if (!isDatabaseUnavailable(error)) throw error;
      outage = Boolean(sessionId);
    }
  const { user, session, setCookie } = validated;
  if (setCookie) res.append("Set-Cookie", setCookie);
  return {
    user,
    session,
    requestId: String(req.id),
    ip: req.ip ?? "unknown",
    userAgent: req.get("user-agent") ?? null,
    locale: localeFromCookieHeader(req.get("cookie")),
    cspNonce: String(res.locals.cspNonce),
    outage,
    faults: { database: false },
    shutdown,
    ballotCast: lane?.cast,
  };
}

/** helmet's options: one policy for every answer; `scriptSrc` carries the page's nonce. */
function helmetOptions(c: ReturnType<typeof config>, scriptSrc: Array<string | ((req: unknown, res: unknown) => string)>) {
  return {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc,
        styleSrc: ["'self'"],
        imgSrc: ["'self'", "data:"],
        fontSrc: ["'self'"],
        connectSrc: ["'self'"],
        // The sign-out button (a form) is redirected to the provider's end-session endpoint after a
        // session started there (ADR 0025): browsers apply form-action to the redirect too.
        formAction: ["'self'", ...issuerOrigins(providers())],
        frameAncestors: ["'none'"],
        baseUri: ["'self'"],
        objectSrc: ["'none'"],
        ...(c.hsts ? { upgradeInsecureRequests: [] } : {}),
      },
    },
    // Whenever the site is served over HTTPS, also without NODE_ENV=production (ADR 0018).
    hsts: c.hsts,
    referrerPolicy: { policy: "same-origin" as const },
  };
}

/**
 * The headers a middleware sets when it sets the same ones on every answer (helmet without a nonce),
 * captured once: the vote lane sends them without running it per request.
 */
export function capturedHeaders(
  middleware: (req: Request, res: Response, next: (error?: unknown) => void) => void,
): Array<[string, string]> {
  const headers = new Map<string, [string, string]>();
  const res = {
    setHeader: (key: string, value: unknown) => void headers.set(key.toLowerCase(), [key, String(value)]),
    removeHeader: (key: string) => void headers.delete(key.toLowerCase()),
    getHeader: (key: string) => headers.get(key.toLowerCase())?.[1],
  };
  let called = false;
  middleware({} as Request, res as unknown as Response, (error?: unknown) => {
    if (error) throw error instanceof Error ? error : new Error(String(error));
    called = true;
  });
  if (!called) throw new Error("the middleware did not finish at once");
  return [...headers.values()];
}

export function createApp(
  build: ServerBuild,
  options: {
    publicDir?: string;
    lifecycle?: Lifecycle;
    pageCacheSeconds?: number;
    /** false: every ballot goes through Remix (the tests compare both answers). */
    voteLane?: boolean;
  } = {},
): RequestListener {
  const c = config();
  const publicDir = options.publicDir ?? "public";
  const lifecycle = options.lifecycle;
  const app = express();
  app.disable("x-powered-by");
  app.set("trust proxy", c.TRUST_PROXY);

  // Liveness: the process answers. Readiness: it takes new work (PostgreSQL reachable, migrations applied, not stopping),
  // for a load balancer or orchestrator to route by. Neither touches a session or the log.
  app.get("/healthz", (_req, res) => void res.type("text/plain").set("Cache-Control", "no-store").send("ok"));
  app.get("/readyz", readyz(lifecycle));

  // Prometheus (ADR 0022): 404 unless METRICS_TOKEN is set, then only with that bearer token; not logged.
  app.get("/metrics", metricsEndpoint(c));

  // What failed in the vote lane after a ballot was stored goes to the error handler (as it would from here).
  app.use((_req, res, next) => next((res.locals.voteLane as LaneState | undefined)?.failure));

  app.use(
    pinoHttp({
      logger,
      genReqId: (req, res) => {
        // The vote lane gave the request its id already when it passed it on.
        const id = (req as { id?: string }).id ?? randomUUID();
        res.setHeader("X-Request-Id", id);
        return id;
      },
      autoLogging: { ignore: (req) => Boolean(req.url?.startsWith("/build/")) },
      serializers: {
        req: (req: { id: string; method: string; url: string }) => ({ id: req.id, method: req.method, url: req.url?.split("?")[0] }),
      },
    }),
  );
  app.use((_req, res, next) => {
    // A fresh nonce per response: only Remix's own inline scripts (which carry it) may run.
    res.locals.cspNonce = randomBytes(16).toString("base64");
    next();
  });
  app.use(helmet(helmetOptions(c, ["'self'", (_req, res) => `'nonce-${String((res as Response).locals.cspNonce)}'`])));
  app.use((_req, res, next) => {
    res.setHeader("Permissions-Policy", PERMISSIONS_POLICY);
    next();
  });
  app.use(malformedAddress);
  app.use(legacyDataRequest);
  app.use("/build", express.static(`${publicDir}/build`, { immutable: true, maxAge: "1y" }));
  app.use(express.static(publicDir, { maxAge: "1h" }));
  app.use(originCheck(c.origin));
  app.use((req, res, next) => {
    // Forms are small: refuse large bodies before Remix reads them, and bodies of unknown length. A page
    // that takes a photo answers an upload over its limit itself, translated, without reading it (ADR 0017).
    const limit = takesPhotoUpload(req.path) ? 32_000_000 : 1_000_000;
    if (Number(req.get("content-length") ?? 0) > limit) {
      res.status(413).type("text/plain").send("Verzoek te groot / Request too large");
      return;
    }
    if (!SAFE_METHODS.has(req.method) && req.get("transfer-encoding") && !req.get("content-length")) {
      res.status(411).type("text/plain").send("Lengte vereist / Length required");
      return;
    }
    next();
  });
  const handle = createRequestHandler(build, build.mode);
  const pageCache = createPageCache({ seconds: options.pageCacheSeconds ?? c.PAGE_CACHE_SECONDS, maxBytes: c.PAGE_CACHE_MB * 1024 * 1024 });
  const render = async (req: Request, res: Response, shared?: AbortSignal) => {
    const context = await loadContext(req, res, lifecycle?.signal ?? NEVER);
    const response = await handle(remixRequest(req, res, shared), context);
    return { context, response };
  };
  app.all("*", (req, res, next) => {
    (async () => {
      const cookie = req.get("cookie");
      const key = pageCache?.keyOf(req, readSessionCookie(cookie) !== null, localeFromCookieHeader(cookie));
      if (pageCache && key) {
        const nonce = String(res.locals.cspNonce);
        const answer = await pageCache.answer(key, async () => {
          // Given up on after SHARED_RENDER_MS (the visitors waiting for it then render their own).
          const shared = AbortSignal.any([lifecycle?.signal ?? NEVER, AbortSignal.timeout(SHARED_RENDER_MS)]);
          const { context, response } = await render(req, res, shared);
          const noStore = isPersonal(context, response, res);
          const anonymous = !context.user && !context.session && !context.outage && !noStore;
          return { response, anonymous, noStore, nonce, requestId: String(req.id) };
        });
        if ("own" in answer) {
          await sendResponse(res, answer.own.response, { noStore: answer.own.noStore });
          return;
        }
        res.setHeader("X-Page-Cache", answer.hit ? "hit" : "miss");
        await sendResponse(res, asOwn(answer.kept, nonce, String(req.id)));
        return;
      }
      const { context, response } = await render(req, res);
      await sendResponse(res, response, { noStore: isPersonal(context, response, res) });
    })().catch(next);
  });
  app.use((error: unknown, req: Request, res: Response, _next: NextFunction) => {
    const outage = isDatabaseUnavailable(error);
    if (outage) req.log?.warn({ err: error }, "database unavailable");
    else req.log?.error({ err: error }, "unhandled error");
    if (res.headersSent) return;
    if (outage) {
      // Nothing of this request reached a service: say so, and when to try again.
      res
        .status(503)
        .set("Retry-After", "5")
        .type("html")
        .send(
          `<!doctype html><html lang="nl"><head><meta charset="utf-8"><title>Even niet beschikbaar</title></head><body><main>` +
            `<h1>Even niet beschikbaar</h1><p>De database was even niet bereikbaar. Wat je net verstuurde is niet opgeslagen. Ga terug en probeer het over een paar seconden opnieuw.</p>` +
            `<h2 lang="en">Temporarily unavailable</h2><p lang="en">The database could not be reached for a moment. What you just sent was not stored. Go back and try again in a few seconds.</p>` +
            `</main></body></html>`,
        );
      return;
    }
    res
      .status(500)
      .type("html")
      .send(
        `<!doctype html><html lang="nl"><head><meta charset="utf-8"><title>Er ging iets mis</title></head><body><main>` +
          `<h1>Er ging iets mis</h1><p>Probeer het later opnieuw. Code: <code>${String(req.id)}</code></p>` +
          `<p lang="en">Something went wrong. Please try again later. Code: <code>${String(req.id)}</code></p></main></body></html>`,
      );
  });
  // In front of express (ADR 0049): the request metrics, then the vote lane, which answers a ballot cast
  // when it succeeds (ADR 0047) and passes everything else on to express.
  const metrics = httpMetrics(build, c, publicDir);
  const toExpress = (req: IncomingMessage, res: ServerResponse) => void app(req, res);
  if (options.voteLane === false) return (req, res) => metrics(req, res, () => toExpress(req, res));
  const laneHeaders = capturedHeaders(helmet(helmetOptions(c, ["'self'"])));
  laneHeaders.push(["Permissions-Policy", PERMISSIONS_POLICY]);
  // The address express gives as req.ip: the same `trust proxy`, compiled by express.
  const trust = app.get("trust proxy fn") as Parameters<typeof proxyaddr>[1];
  const lane = voteLane(c.origin, laneHeaders, (req) => proxyaddr(req, trust));
  return (req, res) => metrics(req, res, () => lane(req, res, () => toExpress(req, res)));
}
