// A readable before/after diff of an audit entry: the keys whose value changed. Pure.

export interface AuditChange {
  /** The changed key; "" when before/after are not objects (a whole value replaced). */
  key: string;
  /** The value as text (strings as they are, anything else as JSON), or null when absent. */
  before: string | null;
  after: string | null;
}

const MAX_VALUE = 300;

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** A value for display: strings as they are, other values as JSON, long ones cut with an ellipsis. */
export function valueText(value: unknown, max = MAX_VALUE): string | null {
  if (value === undefined || value === null) return null;
  const text = typeof value === "string" ? value : JSON.stringify(value);
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/**
 * The keys that differ between before and after, in the order they appear (after's keys first).
 * A creation (no before) lists every key of after; a removal (no after) every key of before.
 */
export function auditChanges(before: unknown, after: unknown, max = MAX_VALUE): AuditChange[] {
  const b = before ?? null;
  const a = after ?? null;
  if (b === null && a === null) return [];
  if ((b === null || isObject(b)) && (a === null || isObject(a))) {
    const keys = [...new Set([...Object.keys(a ?? {}), ...Object.keys(b ?? {})])];
    return keys
      .filter((k) => !same(b?.[k] ?? null, a?.[k] ?? null))
      .map((k) => ({ key: k, before: valueText(b?.[k], max), after: valueText(a?.[k], max) }));
  }
  return same(b, a) ? [] : [{ key: "", before: valueText(b, max), after: valueText(a, max) }];
}

/** The changes on one line for exports: "key: before → after; …" (absent values as ∅). */
export function changesText(changes: AuditChange[]): string {
  return changes.map((c) => `${c.key ? `${c.key}: ` : ""}${c.before ?? "∅"} → ${c.after ?? "∅"}`).join("; ");
}
