// The audit log in words: every action code the app writes, the shape of a value as the viewer
// shows it (names instead of ids), and the translation keys of actions and fields. Pure and
// client-safe: the server builds AuditValues, the page renders them.

/**
 * Every action code written to the audit log (a unit test holds each writeAudit call to this list,
 * and the locale files give each one a text).
 */
export const AUDIT_ACTIONS = [
  "award.create",
  "edition.create",
  "edition.update",
  "edition.retention",
  "edition.retention.update",
  "category.create",
  "round.create",
  "round.update",
  "round.delete",
  "round.open",
  "round.close",
  "round.confirm",
  "round.advance",
  "round.select",
  "round.invite",
  "round.publish",
  "round.tie.decide",
  "round.live.open",
  "round.live.close",
  "round.live.reveal",
  "criterion.create",
  "criterion.update",
  "criterion.delete",
  "jury.invite",
  "jury.accept",
  "jury.remind",
  "jury.conflict",
  "jury.conflict.record",
  "nominee.approve",
  "nominee.reject",
  "nominee.edit",
  "nominee.merge",
  "nominee.erase",
  "person.erase",
  "privacy.request.register",
  "privacy.request.export",
  "privacy.request.object",
  "privacy.request.close",
  "nominee.photo_set",
  "nominee.photo_alt",
  "nominee.photo_remove",
  "legal.settings.update",
  "nomination.withdraw",
  "ballot.void",
  "prize.create",
  "prize.delete",
  "prize.motivation",
  "results.publish",
  "results.supersede",
  "role.grant",
  "role.revoke",
  "user.block",
  "user.unblock",
  "user.verification.resend",
  "role.invite",
  "role.invite.revoke",
  "role.invite.accept",
  "jury.invite.revoke",
  "export",
  "seed.demo",
  "book.project.create",
  "book.settings",
  "book.theme.add",
  "book.theme.delete",
  "book.assign",
  "book.unassign",
  "book.proposal.proposed",
  "book.proposal.shortlisted",
  "book.proposal.selected",
  "book.proposal.reject",
  "book.proposal.merge",
  "book.manuscript.submit",
  "book.manuscript.startEdit",
  "mfa.enrol",
  "mfa.disable",
  "mfa.recovery_used",
  "mfa.recovery_regenerate",
  "mfa.challenge_failed",
  "mfa.app_remove",
  "mfa.passkey_add",
  "mfa.passkey_remove",
  "mfa.passkey_refused",
  "book.manuscript.makeFinal",
  "book.manuscript.reopen",
  "book.manuscript.publish",
  "book.manuscript.unpublish",
  "book.manuscript.return",
  "book.manuscript.comment",
  "book.manuscript.remind",
  "account.deleted",
  "identity.unlink",
] as const;

/** The translation key of an action code (i18next reads dots as nesting, so they become underscores). */
export function actionKey(code: string): string {
  return `organizer.audit.actions.${code.replace(/\./g, "_")}`;
}

/** A field name as snake_case (services write both column names and camelCase keys). */
export function fieldName(key: string): string {
  return key.replace(/([a-z0-9])([A-Z])/g, "$1_$2").toLowerCase();
}

/** The translation key of a field label. */
export function fieldKey(key: string): string {
  return `organizer.audit.fields.${fieldName(key)}`;
}

/** A field name for people when there is no label: "max_nominee_age" → "max nominee age". */
export function fieldFallback(key: string): string {
  return fieldName(key)
    .replace(/_id(s)?$/, "")
    .replace(/_/g, " ");
}

/** What a referenced thing is; "unknown" when the id no longer resolves (removed, or not a row the app names). */
export type RefKind =
  | "award"
  | "edition"
  | "category"
  | "round"
  | "nominee"
  | "nomination"
  | "criterion"
  | "prize"
  | "user"
  | "ballot"
  | "role_grant"
  | "jury_invite"
  | "book_project"
  | "book_theme"
  | "book_proposal"
  | "unknown";

/** A value of an audit entry as the viewer shows it. */
export type AuditValue =
  | null
  | { t: "text"; v: string }
  | { t: "num"; v: number }
  | { t: "bool"; v: boolean }
  | { t: "time"; v: string }
  | { t: "ref"; kind: RefKind; name: string | null; at?: string }
  | { t: "list"; items: AuditValue[]; more: number }
  | { t: "record"; fields: Array<{ key: string; value: AuditValue }> };

export interface AuditWordChange {
  key: string;
  before: AuditValue;
  after: AuditValue;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/;

export const isUuid = (value: unknown): value is string => typeof value === "string" && UUID.test(value);

/** Every id in a stored value (for one lookup of their names). */
export function collectIds(value: unknown, into: Set<string>): Set<string> {
  if (isUuid(value)) into.add(value.toLowerCase());
  else if (Array.isArray(value)) for (const v of value) collectIds(v, into);
  else if (value && typeof value === "object") for (const v of Object.values(value)) collectIds(v, into);
  return into;
}

export interface RefName {
  kind: RefKind;
  name: string | null;
  at?: string;
}

const MAX_LIST = 12;
const MAX_TEXT = 300;

/** A stored value in words: ids become the names `names` knows, times and yes/no are typed, long lists cut. */
export function toAuditValue(value: unknown, names: Map<string, RefName>, depth = 0): AuditValue {
  if (value === null || value === undefined) return null;
  if (isUuid(value)) {
    const ref = names.get(value.toLowerCase());
    return { t: "ref", kind: ref?.kind ?? "unknown", name: ref?.name ?? null, ...(ref?.at ? { at: ref.at } : {}) };
  }
  if (typeof value === "string") {
    if (ISO_TIME.test(value) && !Number.isNaN(Date.parse(value))) return { t: "time", v: new Date(value).toISOString() };
    return { t: "text", v: value.length > MAX_TEXT ? `${value.slice(0, MAX_TEXT - 1)}…` : value };
  }
  if (typeof value === "number") return { t: "num", v: value };
  if (typeof value === "boolean") return { t: "bool", v: value };
  if (depth > 3) return { t: "text", v: JSON.stringify(value).slice(0, MAX_TEXT) };
  if (Array.isArray(value)) {
    return {
      t: "list",
      items: value.slice(0, MAX_LIST).map((v) => toAuditValue(v, names, depth + 1)),
      more: Math.max(0, value.length - MAX_LIST),
    };
  }
  if (typeof value === "object") {
    return {
      t: "record",
      fields: Object.entries(value as Record<string, unknown>).map(([key, v]) => ({ key, value: toAuditValue(v, names, depth + 1) })),
    };
  }
  return { t: "text", v: String(value) };
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);
const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** The keys that changed between before and after, in words (a creation lists every key of after). */
export function auditWordChanges(before: unknown, after: unknown, names: Map<string, RefName>): AuditWordChange[] {
  const b = before ?? null;
  const a = after ?? null;
  if (b === null && a === null) return [];
  if ((b === null || isObject(b)) && (a === null || isObject(a))) {
    const keys = [...new Set([...Object.keys(a ?? {}), ...Object.keys(b ?? {})])];
    return keys
      .filter((k) => !same(b?.[k] ?? null, a?.[k] ?? null))
      .map((k) => ({ key: k, before: toAuditValue(b?.[k], names), after: toAuditValue(a?.[k], names) }));
  }
  return same(b, a) ? [] : [{ key: "", before: toAuditValue(b, names), after: toAuditValue(a, names) }];
}
