/**
 * The one result type of every service (ADR 0009): it succeeds with a value, or refuses with an HTTP
 * status, a translation key and optionally the field it is about. Client-safe: pages read refusals.
 */
export type RefusalStatus = 400 | 403 | 404 | 409 | 413 | 429 | 503;

export interface Refusal {
  ok: false;
  status: RefusalStatus;
  /** A translation key, e.g. "voting.errors.closed". */
  error: string;
  /** The form field the refusal is about; without it the refusal is about the whole form. */
  field?: string;
  params?: Record<string, string | number>;
  /** Seconds before trying again makes sense (429, 503): sent as Retry-After. */
  retryAfter?: number;
}

export type Success<T> = { ok: true; value: T };
export type Outcome<T = void> = Success<T> | Refusal;

export function ok(): Success<void>;
export function ok<T>(value: T): Success<T>;
export function ok<T>(value?: T): Success<T | undefined> {
  return { ok: true, value };
}

export function refuse(
  status: RefusalStatus,
  error: string,
  more: { field?: string; params?: Record<string, string | number>; retryAfter?: number } = {},
): Refusal {
  return { ok: false, status, error, ...more };
}

export const isRefusal = <T>(o: Outcome<T>): o is Refusal => !o.ok;
