import { randomBytes, randomUUID } from "node:crypto";
import { createRequestHandler } from "@remix-run/express";
import type { AppLoadContext, ServerBuild } from "@remix-run/node";
import express, { type NextFunction, type Request, type Response } from "express";
import helmet from "helmet";
import { pinoHttp } from "pino-http";
import { readSessionCookie, validateSessionId } from "~/auth/lucia.server";
import { config } from "~/config.server";
import { localeFromCookieHeader } from "~/i18n/locale.server";
import { logger } from "~/logger.server";

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * CSRF defence for every non-GET request: the Origin header must be this app's configured origin.
 * A missing Origin is refused too. X-Forwarded-Host is never consulted.
 */
export function originCheck(allowedOrigin: string) {
  const allowedHost = new URL(allowedOrigin).host;
  return (req: Request, res: Response, next: NextFunction) => {
    if (SAFE_METHODS.has(req.method)) return next();
    if (req.get("origin") === allowedOrigin) {
      // This check is the authority. Remix repeats a weaker Host-vs-Origin comparison that a proxy
      // rewriting Host would trip (as a 500), so present the verified host to it.
      req.headers.host = allowedHost;
      delete req.headers["x-forwarded-host"];
      return next();
    }
    res
      .status(403)
      .type("html")
      .send(
        `<!doctype html><html lang="nl"><head><meta charset="utf-8"><title>Geen toegang / Forbidden</title></head><body><main>` +
          `<h1>Geen toegang</h1><p>Dit verzoek kwam niet van deze website en is daarom geweigerd. Ga terug en probeer het opnieuw.</p>` +
          `<h2 lang="en">Forbidden</h2><p lang="en">This request did not come from this website and was refused. Go back and try again.</p>` +
          `</main></body></html>`,
      );
  };
}

async function loadContext(req: Request, res: Response): Promise<AppLoadContext> {
  const sessionId = readSessionCookie(req.get("cookie"));
  const { user, session, setCookie } = await validateSessionId(sessionId);
  if (setCookie) res.append("Set-Cookie", setCookie);
  return {
    user,
    session,
    requestId: String(req.id),
    ip: req.ip ?? "unknown",
    locale: localeFromCookieHeader(req.get("cookie")),
    cspNonce: String(res.locals.cspNonce),
  };
}

export function createApp(build: ServerBuild, options: { publicDir?: string } = {}) {
  const c = config();
  const publicDir = options.publicDir ?? "public";
  const app = express();
  app.disable("x-powered-by");
  app.set("trust proxy", c.TRUST_PROXY);

  app.use(
    pinoHttp({
      logger,
      genReqId: (req, res) => {
        const id = randomUUID();
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
  app.use(
    helmet({
      contentSecurityPolicy: {
        useDefaults: false,
        directives: {
          defaultSrc: ["'self'"],
          scriptSrc: ["'self'", (_req, res) => `'nonce-${String((res as Response).locals.cspNonce)}'`],
          styleSrc: ["'self'"],
          imgSrc: ["'self'", "data:"],
          fontSrc: ["'self'"],
          connectSrc: ["'self'"],
          formAction: ["'self'"],
          frameAncestors: ["'none'"],
          baseUri: ["'self'"],
          objectSrc: ["'none'"],
          ...(c.isProduction ? { upgradeInsecureRequests: [] } : {}),
        },
      },
      hsts: c.isProduction,
      referrerPolicy: { policy: "same-origin" },
    }),
  );
  app.use("/build", express.static(`${publicDir}/build`, { immutable: true, maxAge: "1y" }));
  app.use(express.static(publicDir, { maxAge: "1h" }));
  app.use(originCheck(c.origin));
  app.use((req, res, next) => {
    // Forms are small: refuse large bodies before Remix reads them, and bodies of unknown length.
    if (Number(req.get("content-length") ?? 0) > 1_000_000) {
      res.status(413).type("text/plain").send("Verzoek te groot / Request too large");
      return;
    }
    if (!SAFE_METHODS.has(req.method) && req.get("transfer-encoding") && !req.get("content-length")) {
      res.status(411).type("text/plain").send("Lengte vereist / Length required");
      return;
    }
    next();
  });
  const remix = createRequestHandler({ build, mode: build.mode, getLoadContext: loadContext });
  app.all("*", (req, res, next) => {
    remix(req, res, next).catch(next);
  });
  app.use((error: unknown, req: Request, res: Response, _next: NextFunction) => {
    req.log?.error({ err: error }, "unhandled error");
    if (res.headersSent) return;
    res
      .status(500)
      .type("html")
      .send(
        `<!doctype html><html lang="nl"><head><meta charset="utf-8"><title>Er ging iets mis</title></head><body><main>` +
          `<h1>Er ging iets mis</h1><p>Probeer het later opnieuw. Code: <code>${String(req.id)}</code></p>` +
          `<p lang="en">Something went wrong. Please try again later. Code: <code>${String(req.id)}</code></p></main></body></html>`,
      );
  });
  return app;
}
