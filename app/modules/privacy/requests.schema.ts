import * as z from "zod/mini";
import { TIME_ZONE } from "~/lib/locale";
import { ERASURE_REASONS } from "./erasure.schema";

/** What a person can ask about the data Lauwer holds on them (AVG art. 15, 17, 21, 16). */
export const REQUEST_KINDS = ["access", "erasure", "objection", "rectification"] as const;
export type RequestKind = (typeof REQUEST_KINDS)[number];

/** How a request ended; the answer mailed says it (erased and objected only after doing it). */
export const REQUEST_OUTCOMES = ["answered", "erased", "objected", "rectified", "nothing_held", "refused"] as const;
export type RequestOutcome = (typeof REQUEST_OUTCOMES)[number];

/** A request in the register; `Time` is Date on the server and an ISO string on the page. */
export interface PrivacyRequestOf<Time> {
  id: string;
  kind: RequestKind;
  /** Register days, yyyy-mm-dd. */
  receivedOn: string;
  dueOn: string;
  name: string;
  email: string | null;
  locale: "nl" | "en";
  status: "open" | "closed";
  outcome: RequestOutcome | null;
  exportedAt: Time | null;
  erasedAt: Time | null;
  objectedAt: Time | null;
  closedAt: Time | null;
  /** Open and past its due day (Amsterdam's today). */
  overdue: boolean;
  /** Days until the due day (negative: overdue). */
  daysLeft: number;
}
/** Today in Amsterdam as yyyy-mm-dd (the register's days are Dutch days). */
export function todayInAmsterdam(now = new Date()): string {
  // From the parts, not a locale's format (which differs between ICU versions and browsers).
  const parts = new Intl.DateTimeFormat("en", { timeZone: TIME_ZONE, year: "numeric", month: "2-digit", day: "2-digit" }).formatToParts(
    now,
  );
  const part = (type: "year" | "month" | "day") => parts.find((p) => p.type === type)?.value ?? "";
  return `${part("year")}-${part("month")}-${part("day")}`;
}

const isRealDay = (v: string) => {
  const d = new Date(`${v}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === v;
};

/** An admin registers a request: what, received when, from whom (name optional), answered in which language. */
export const RegisterRequestSchema = z.object({
  kind: z.enum(REQUEST_KINDS, { error: "privacyRequests.errors.kind" }),
  receivedOn: z.string().check(
    z.trim(),
    z.refine((v) => /^\d{4}-\d{2}-\d{2}$/.test(v) && isRealDay(v), { error: "privacyRequests.errors.receivedOn" }),
    z.refine((v) => v <= todayInAmsterdam(), { error: "privacyRequests.errors.receivedFuture" }),
    z.refine((v) => v >= "2000-01-01", { error: "privacyRequests.errors.receivedOn" }),
  ),
  name: z.string().check(z.trim(), z.maxLength(200, { error: "erasure.errors.nameLong" })),
  email: z.string().check(
    z.trim(),
    z.toLowerCase(),
    z.minLength(1, { error: "privacyRequests.errors.email" }),
    z.maxLength(254, { error: "errors.email" }),
    z.refine((v) => /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(v), { error: "errors.email" }),
  ),
  locale: z.enum(["nl", "en"], { error: "privacyRequests.errors.locale" }),
});
export type RegisterRequestInput = z.infer<typeof RegisterRequestSchema>;

/** Which of the request page's forms posted (each takes back only its own errors). */
const formId = z.optional(z.string());

/** Erasing the person a request is about: the grounds and the confirmation. */
export const RequestEraseSchema = z.object({
  formId,
  reason: z.enum(ERASURE_REASONS, { error: "erasure.errors.reason" }),
  confirm: z.literal("true", { error: "erasure.errors.confirm" }),
});

/** Stopping all processing of the person (art. 21): a confirmation. */
export const RequestObjectSchema = z.object({
  formId,
  confirm: z.literal("true", { error: "privacyRequests.errors.confirmObjection" }),
});

/** Closing a request: how it ended; the answer goes to the requester by mail. */
export const RequestCloseSchema = z.object({
  formId,
  outcome: z.enum(REQUEST_OUTCOMES, { error: "privacyRequests.errors.outcome" }),
});
