import { sql } from "kysely";
import { describe, expect, it } from "vitest";
import { getDb } from "~/db.server";
import { allTables, PLACEHOLDERS, personalColumns } from "~/modules/privacy/data-map";
import { ERASED_NAME, MASK } from "~/modules/privacy/erasure.server";

// The personal-data map (ADR 0041) against the migrated database's catalogue: a column added by a
// migration fails here until the map says whether it holds personal data and how it is erased.

interface CatalogueColumn {
  table_name: string;
  column_name: string;
  data_type: string;
}

async function catalogue(): Promise<CatalogueColumn[]> {
  const r = await sql<CatalogueColumn>`
    select table_name, column_name, data_type
    from information_schema.columns
    where table_schema = 'public'
    order by table_name, ordinal_position`.execute(getDb());
  return r.rows;
}

describe("the personal-data map", () => {
  it("names every column of the public schema, and no column the schema does not have", async () => {
    const columns = await catalogue();
    const map = allTables();
    const missing = columns
      .filter((c) => !Object.hasOwn(map[c.table_name] ?? {}, c.column_name))
      .map((c) => `${c.table_name}.${c.column_name} (${c.data_type})`);
    const inCatalogue = new Set(columns.map((c) => `${c.table_name}.${c.column_name}`));
    const unknown = Object.entries(map)
      .flatMap(([table, cols]) => Object.keys(cols).map((column) => `${table}.${column}`))
      .filter((name) => !inCatalogue.has(name));

    // Soft: a run reports both lists at once.
    expect
      .soft(
        missing,
        `columns not in app/modules/privacy/data-map.ts (say whether each holds personal data and how it is erased): ${missing.join(", ")}`,
      )
      .toEqual([]);
    expect.soft(unknown, `the map names columns the database does not have: ${unknown.join(", ")}`).toEqual([]);
    // The whole public schema is covered (67 tables at the time of writing, Kysely's two included).
    expect(Object.keys(map).sort()).toEqual([...new Set(columns.map((c) => c.table_name))].sort());
  });

  it("marks as free text only columns that hold text or JSON", async () => {
    const types = new Map((await catalogue()).map((c) => [`${c.table_name}.${c.column_name}`, c.data_type]));
    const wrong = personalColumns()
      .filter((p) => p.entry.kind === "free-text")
      .map((p) => `${p.table}.${p.column}`)
      .filter((name) => !["text", "character varying", "jsonb"].includes(types.get(name) ?? ""))
      .map((name) => `${name} (${types.get(name)})`);
    expect(wrong, `free-text columns that are not text or jsonb: ${wrong.join(", ")}`).toEqual([]);
  });

  it("has well-formed entries: free text may name anyone, every kept value says why, the placeholders are erasure's", () => {
    const entries = personalColumns();
    const freeTextWithoutAnyone = entries.filter((p) => p.entry.kind === "free-text" && !p.entry.of.includes("anyone"));
    expect(freeTextWithoutAnyone.map((p) => `${p.table}.${p.column}`)).toEqual([]);
    const keptWithoutReason = entries.filter((p) => p.entry.erase.how === "keep" && p.entry.erase.basis.trim().length < 20);
    expect(keptWithoutReason.map((p) => `${p.table}.${p.column}`)).toEqual([]);
    const noSubject = entries.filter((p) => p.entry.of.length === 0);
    expect(noSubject.map((p) => `${p.table}.${p.column}`)).toEqual([]);
    expect(PLACEHOLDERS).toEqual({ erasedName: ERASED_NAME, mask: MASK });
  });
});
