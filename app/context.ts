import type { Session, User } from "lucia";
import type { Locale } from "~/i18n/i18n";
import type { Notice } from "~/lib/notice";
import type { Outcome } from "~/lib/outcome";

/** What the HTTP server hands every loader and action (see server/app.ts). */
export interface RequestContext {
  user: User | null;
  session: Session | null;
  requestId: string;
  ip: string;
  /** The browser's User-Agent header (for the person's list of sessions), or null. */
  userAgent: string | null;
  locale: Locale;
  /** Content-Security-Policy nonce for this response's inline scripts. */
  cspNonce: string;
  /**
   * PostgreSQL could not be reached to read the session: the person may well be signed in. Guards
   * answer 503 instead of treating them as a visitor.
   */
  outage: boolean;
  /** What went wrong while answering (set by the error handler; read when the response is made). */
  faults: { database: boolean };
  /** Aborted when this process starts to stop: long-lived responses (event streams) end then. */
  shutdown: AbortSignal;
  /**
   * A ballot the vote lane (server/vote-lane.ts, ADR 0047) already cast, or tried to, for this request:
   * the ballot route's action answers it instead of running the service a second time.
   */
  ballotCast?: BallotCast;
}

/** The outcome of a ballot cast by the vote lane, or the error its service threw. */
export type BallotCast = { outcome: Outcome<{ notice: Notice }> } | { error: unknown };
