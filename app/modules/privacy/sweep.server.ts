import { sql, type Transaction } from "kysely";
import type { DB } from "../../../db/types";
import type { DbOrTrx } from "~/db.server";
import { personalColumns } from "./data-map";

// The free-text sweep of an erasure (issue #19 findings 2 and 4, ADR 0042): every column the data map
// calls free text, in every row, loses the erased person's names (in their spelling variants) and
// e-mail addresses. The patterns are built by PostgreSQL (lauwer_term_regex) and kept in the erasure
// spec, so the triggers of append-only tables recompute the same rewrite.

/** Spec of an erasure as the database reads it from `lauwer.erasure`. */
export interface SpecForDb {
  ids: string[];
  terms: string[];
  name: string;
  mask: string;
}

/**
 * Stores the spec (with one regular expression per term) as the transaction's `lauwer.erasure` and
 * returns the expressions, for finding what mentions the person (`column ~* any(patterns)`).
 */
export async function setErasureSpec(trx: Transaction<DB>, spec: SpecForDb): Promise<string[]> {
  const patterns = await termPatterns(trx, spec.terms);
  await sql`select set_config('lauwer.erasure', ${JSON.stringify({ ...spec, patterns })}, true)`.execute(trx);
  return patterns;
}

/** The regular expressions that find these terms as people write them (case, diacritics, spacing, suffixes). */
export async function termPatterns(db: DbOrTrx, terms: ReadonlyArray<string>): Promise<string[]> {
  if (!terms.length) return [];
  const r = await sql<{ p: string }>`select lauwer_term_regex(t) as p from unnest(${[...terms]}::text[]) t`.execute(db);
  return r.rows.map((row) => row.p);
}

/** Tables whose free text the erasure rewrites in its own way (mail, drafts, audit log, snapshots). */
const OWN_HANDLING = new Set(["audit_log", "result_snapshot", "outbox_email", "nomination_draft"]);

/** The free-text columns the general sweep rewrites, from the data map. */
export function sweptColumns() {
  return personalColumns()
    .filter((c) => c.entry.kind === "free-text" && !OWN_HANDLING.has(c.table))
    .map(({ table, column }) => ({ table, column }));
}

interface ColumnShape {
  table: string;
  column: string;
  json: boolean;
  /** Longest text its checks allow (a mask may be longer than the name it replaces). */
  limit: number | null;
}

/** Each swept column's type and length limit, read from the catalogue. */
async function shapes(db: DbOrTrx): Promise<ColumnShape[]> {
  const wanted = sweptColumns();
  const tables = [...new Set(wanted.map((c) => c.table))];
  const types = await sql<{ table_name: string; column_name: string; data_type: string; max: number | null }>`
    select table_name, column_name, data_type, character_maximum_length as max
    from information_schema.columns where table_schema = current_schema() and table_name = any(${tables}::text[])`.execute(db);
  const checks = await sql<{ table_name: string; def: string }>`
    select c.relname as table_name, pg_get_constraintdef(k.oid) as def
    from pg_constraint k join pg_class c on c.oid = k.conrelid join pg_namespace s on s.oid = c.relnamespace
    where k.contype = 'c' and s.nspname = current_schema() and c.relname = any(${tables}::text[])`.execute(db);
  // `char_length(x) <= n`, also around an expression (`char_length(btrim(alt)) <= 300`): the limit of
  // every wanted column named inside it.
  const limits = new Map<string, number>();
  for (const { table_name, def } of checks.rows)
    for (const m of def.matchAll(/\b(?:char_)?length\(((?:[^()]|\([^()]*\))*)\)\s*<=\s*(\d+)/g))
      for (const { column } of wanted.filter((w) => w.table === table_name && new RegExp(`\\b${w.column}\\b`).test(m[1]!))) {
        const key = `${table_name}.${column}`;
        limits.set(key, Math.min(limits.get(key) ?? Infinity, Number(m[2])));
      }
  return wanted.flatMap(({ table, column }) => {
    const t = types.rows.find((r) => r.table_name === table && r.column_name === column);
    if (!t) return [];
    return [
      {
        table,
        column,
        json: t.data_type === "jsonb" || t.data_type === "json",
        limit: t.max ?? limits.get(`${table}.${column}`) ?? null,
      },
    ];
  });
}

/**
 * Masks the person in every swept column of every row (call after setErasureSpec, in the erasure's
 * transaction). Returns the rows changed and the tables touched.
 */
export async function sweepFreeText(trx: Transaction<DB>, patterns: string[]) {
  let rows = 0;
  const touched = new Set<string>();
  if (!patterns.length) return { rows, touched };
  for (const c of await shapes(trx)) {
    const col = sql.ref(c.column);
    const result = c.json
      ? await sql`update ${sql.table(c.table)} set ${col} = lauwer_erase_jsonb(${col}, lauwer_erasure_spec())
          where ${col}::text ~* any(${patterns}::text[])`.execute(trx)
      : await sql`update ${sql.table(c.table)}
          set ${col} = ${c.limit ? sql`left(lauwer_erase_text(${col}, lauwer_erasure_spec()), ${c.limit})` : sql`lauwer_erase_text(${col}, lauwer_erasure_spec())`}
          where ${col} ~* any(${patterns}::text[])`.execute(trx);
    const n = Number(result.numAffectedRows ?? 0n);
    if (n) {
      rows += n;
      touched.add(c.table);
    }
  }
  return { rows, touched };
}

/** How many rows of each swept column mention the person (for the page shown before erasing). */
export async function countMentions(db: DbOrTrx, patterns: string[]) {
  if (!patterns.length) return [];
  const out: Array<{ table: string; column: string; rows: number }> = [];
  for (const c of await shapes(db)) {
    const col = sql.ref(c.column);
    const r = await sql<{ n: number }>`select count(*)::int as n from ${sql.table(c.table)}
      where ${c.json ? sql`${col}::text` : col} ~* any(${patterns}::text[])`.execute(db);
    if (r.rows[0]!.n) out.push({ table: c.table, column: c.column, rows: r.rows[0]!.n });
  }
  return out;
}
