import { randomUUID } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { startTime } from "pino-http";
import { encode } from "turbo-stream";
import { passedSecondFactor } from "~/auth/guards.server";
import { readSessionCookie, type ValidatedSession } from "~/auth/lucia.server";
import type { BallotCast } from "~/context";
import { getDb, isDatabaseUnavailable, retryWhileUnavailable } from "~/db.server";
import { localeFromCookieHeader } from "~/i18n/locale.server";
import { parseFormData } from "~/lib/forms.server";
import { withNotice } from "~/lib/notice";
import { logger } from "~/logger.server";
import { BallotFormSchema } from "~/modules/voting/ballot.schema";
import { deviceIdFromCookie } from "~/modules/voting/device.server";
import { ballotPath, ballotVoter, cachedBallotContext, castBySession, submitBallot } from "~/modules/voting/vote.server";

/**
 * The vote lane (ADR 0047): the one submission a closing hour brings in by the hundred per second, a
 * ballot cast, is answered here when it succeeds, in front of express (ADR 0049): without Remix,
 * helmet, the request logger's middleware or express's own work on every request. It runs the same
 * steps as the ballot route's `cast` intent — the Origin check, the session, the shared zod schema,
 * `cachedBallotContext` and `submitBallot` — and answers as Remix would: a 303 to the ballot page with
 * its notice, or for a JavaScript submission (`<path>.data`) the same single-fetch redirect Remix
 * encodes.
 *
 * Everything else passes on to express as it came (the body kept in `res.locals.voteLane`): another
 * intent, a visitor, a session still short of its second factor, a form the schema refuses, an unknown
 * round, a failure before the ballot was cast. A ballot the service refused, or that
 * failed, passes on with its outcome, which the route's action then answers with the page and its
 * translated error — the service is never run twice for one request.
 */

/** What the lane hands to the app when it does not answer itself. */
export interface LaneState {
  /** The request body (a form, UTF-8), already read from the socket. */
  body: string;
  /** The session as the lane read it (the app does not read it again). */
  validated?: ValidatedSession;
  /** The ballot's outcome, or the error the service threw. */
  cast?: BallotCast;
  /** The database could not be reached to read the session (the lane retried for a moment). */
  outage?: boolean;
  /** What failed after the ballot was stored: the app's error handler answers it. */
  failure?: unknown;
}

/** A request that the lane passes on: to express, which keeps `res.locals` (express's `expressInit`). */
export type PassOn = () => void;

const BALLOT = /^\/prijzen\/([^/]+)\/([^/]+)\/ronde\/([^/]+)\/([^/]+?)(\.data)?$/;
const LIMIT = 1_000_000;

/** Reads a body of known length (at most LIMIT bytes); null when the client went away. */
function readBody(req: IncomingMessage, length: number): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const done = (value: Buffer | null) => {
      req.off("data", onData).off("end", onEnd).off("error", onError).off("close", onClose);
      resolve(value);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      chunks.push(chunk);
    };
    const onEnd = () => done(size === length ? Buffer.concat(chunks, size) : null);
    const onError = (error: Error) => {
      req.off("data", onData).off("end", onEnd).off("close", onClose);
      reject(error);
    };
    const onClose = () => {
      if (!req.readableEnded) done(null);
    };
    req.on("data", onData).on("end", onEnd).on("error", onError).on("close", onClose);
  });
}

function decode(part: string): string | null {
  try {
    return decodeURIComponent(part);
  } catch {
    return null;
  }
}

/** Remix's single-fetch answer to an action that redirected (status 202, the redirect as turbo-stream). */
async function singleFetchRedirect(location: string): Promise<Buffer> {
  const reader = encode({ redirect: location, status: 303, revalidate: false, reload: false, replace: false }).getReader();
  const chunks: Uint8Array[] = [];
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return Buffer.concat(chunks);
    chunks.push(value);
  }
}

/**
 * @param origin the app's configured origin: a POST from anywhere else passes on (and is refused there).
 * @param securityHeaders the headers every answer carries (helmet's, without the page's nonce), for the
 *   lane's redirect.
 * @param clientIp the client's address as express gives it (`req.ip`, by the app's `trust proxy`).
 * @returns a handler that answers a request or hands it to `passOn` (once, and with `res.locals` set).
 */
export function voteLane(
  origin: string,
  securityHeaders: ReadonlyArray<readonly [string, string]>,
  clientIp: (req: IncomingMessage) => string | undefined,
): (req: IncomingMessage, res: ServerResponse, passOn: PassOn) => void {
  return (req, res, passOn) => {
    if (req.method !== "POST") return passOn();
    const url = req.url ?? "/";
    const q = url.indexOf("?");
    const match = BALLOT.exec(q < 0 ? url : url.slice(0, q));
    const length = Number(req.headers["content-length"]);
    const query = q < 0 ? null : new URLSearchParams(url.slice(q + 1));
    if (
      !match ||
      // An intent in the address wins over the form's (handleIntents), and `_data` is refused
      // (legacyDataRequest): the app answers both.
      query?.has("intent") ||
      query?.has("_data") ||
      req.headers.origin !== origin ||
      !/^application\/x-www-form-urlencoded\s*(;|$)/i.test(req.headers["content-type"] ?? "") ||
      !Number.isSafeInteger(length) ||
      length <= 0 ||
      length > LIMIT
    )
      return passOn();
    // Passed on, the request keeps this id and start in the request log (pino-http keeps both).
    res[startTime] = Date.now();
    const id = randomUUID();
    (req as { id?: string }).id = id;
    (async () => {
      const body = await readBody(req, length).catch(() => null);
      if (!body) {
        // The client went away, or sent less than it announced: nothing was stored.
        if (!req.destroyed && !res.headersSent) {
          res.statusCode = 400;
          res.setHeader("Content-Type", "text/plain; charset=utf-8");
          res.end("Ongeldig verzoek / Invalid request");
        }
        return;
      }
      const state: LaneState = { body: body.toString("utf8") };
      (res as ServerResponse & { locals?: Record<string, unknown> }).locals = { voteLane: state };
      const form = new URLSearchParams(state.body);
      const params = match.slice(1, 5).map(decode);
      if (form.get("intent") !== "cast" || params.includes(null)) return passOn();
      const parsed = parseFormData(form, BallotFormSchema);
      if (!parsed.ok) return passOn();
      const db = getDb();
      const [award, year, position, category] = params as string[];
      const cookie = req.headers.cookie;
      const locale = localeFromCookieHeader(cookie);
      let ballot;
      try {
        ballot = await cachedBallotContext(db, { award: award!, year: year!, position: position!, category: category! }, locale);
      } catch {
        // Not found (a Response), or an outage: the app answers it.
        return passOn();
      }
      const ip = clientIp(req) ?? "unknown";
      const deviceId = deviceIdFromCookie(cookie);
      let result;
      try {
        // The session read, the cast counted and the ballot written in one statement (ADR 0051). Tried
        // again for a moment in an outage: a count whose answer was lost is counted once more at most,
        // which a limit of many can take, and a ballot stored already comes back as the same ballot.
        result = await retryWhileUnavailable(
          () => castBySession(db, ballot, { sessionId: readSessionCookie(cookie), ip, deviceId, choiceList: parsed.data.choices }),
          2000,
        );
      } catch (error) {
        // Nothing changed (the statement is one transaction). An outage: the app answers it with the
        // choices kept, without waiting for the session again. Anything else: the app does it all
        // itself, and logs what fails.
        state.outage = isDatabaseUnavailable(error);
        return passOn();
      }
      state.validated = result.validated;
      let outcome = result.cast && "outcome" in result.cast ? result.cast.outcome : undefined;
      if (!result.cast) {
        const { user, session } = result.validated!;
        // A visitor, or a person with a second factor who has not passed it yet (ADR 0024): the route's
        // guard sends them on.
        if (!user || !passedSecondFactor(user, session)) return passOn();
        // Counted, not cast (a limit reached, a ballot refused before its statement): submitBallot
        // answers it without counting again.
        try {
          outcome = await submitBallot(db, ballot, ballotVoter(user, session), parsed.data.choices, {
            ip,
            deviceId,
            counted: result.counted,
          });
        } catch (error) {
          state.cast = { error };
          return passOn();
        }
        state.cast = { outcome };
      } else state.cast = result.cast;
      if (!outcome?.ok) return passOn();
      const setCookie = result.validated?.setCookie;
      const location = withNotice(ballotPath(ballot), outcome.value.notice);
      for (const [key, value] of securityHeaders) res.setHeader(key, value);
      res.setHeader("X-Request-Id", id);
      res.setHeader("Cache-Control", "no-store");
      if (setCookie) res.setHeader("Set-Cookie", setCookie);
      res.setHeader("Location", location);
      if (match[5]) {
        // Remix derives `revalidate` from the action's own headers, which carry no cookie here.
        res.statusCode = 202;
        res.setHeader("X-Remix-Response", "yes");
        res.setHeader("Content-Type", "text/x-script; charset=utf-8");
        res.end(await singleFetchRedirect(location));
      } else {
        res.statusCode = 303;
        res.end();
      }
      logger.info(
        { req: { id, method: req.method, url: match[0] }, res: { statusCode: res.statusCode }, responseTime: Date.now() - res[startTime] },
        "request completed",
      );
    })().catch((error: unknown) => {
      // Only what follows a stored ballot gets here (everything before passes on): the request log
      // has not seen this request, so it is logged here; the error page carries the id.
      logger.error({ err: error, req: { id, method: req.method, url: match[0] } }, "unhandled error");
      if (!res.headersSent) for (const [key, value] of securityHeaders) res.setHeader(key, value);
      const locals = ((res as ServerResponse & { locals?: Record<string, unknown> }).locals ??= {});
      const state = (locals.voteLane ??= { body: "" }) as LaneState;
      state.failure = error;
      passOn();
    });
  };
}
