import { sql, type Kysely } from "kysely";
import type { DB } from "../db/types";
import { migrations } from "../db/migrations/index";
import { canonicalJson, type Json } from "~/modules/results/canonical";
import { computeResults, sha256 } from "~/modules/results/results.server";
import { tally } from "~/modules/voting/round.server";

/**
 * What must survive a backup and restore, read through the app's own services: every table's rows
 * (a count and an order-free checksum of their text, computed in PostgreSQL so a large table is never
 * held in memory), the tally of every vote round, the results of every edition as the results page
 * computes them (their SHA-256), every published snapshot's stored hash and the hash of its stored
 * body, and the migrations recorded.
 */
export interface Fingerprint {
  tables: Record<string, { rows: number; checksum: string }>;
  tallies: Record<string, string>;
  results: Record<string, string>;
  snapshots: Array<{ edition: string; version: number; sha256: string; bodySha256: string }>;
  migrations: string[];
}

/** The tally cache's two tables, compared folded together. */
const TALLY_CACHE = ["tally_count", "tally_delta"];

export async function fingerprint(db: Kysely<DB>): Promise<Fingerprint> {
  const names = await sql<{ name: string }>`
    select table_name as name from information_schema.tables
    where table_schema = current_schema() and table_type = 'BASE TABLE' order by table_name`.execute(db);
  const tables: Fingerprint["tables"] = {};
  for (const { name } of names.rows) {
    if (TALLY_CACHE.includes(name)) continue;
    // The sum of each row's md5 (its first 60 bits): independent of the physical row order a restore changes.
    const r = await sql<{ rows: number; checksum: string }>`
      select count(*)::int as rows,
             coalesce(sum(('x' || substr(md5(t::text), 1, 15))::bit(60)::bigint::numeric), 0)::text as checksum
      from ${sql.table(name)} t`.execute(db);
    tables[name] = r.rows[0]!;
  }
  // The tally cache (ADR 0035) as what it means: counts + log not folded yet, per candidate. Its rows
  // alone differ whenever a reader folded the log between the two fingerprints (this one folds, below).
  const cache = await sql<{ rows: number; checksum: string }>`
    select count(*)::int as rows,
           coalesce(sum(('x' || substr(md5(t::text), 1, 15))::bit(60)::bigint::numeric), 0)::text as checksum
    from (
      select round_id, category_id, nominee_id, sum(votes) as votes, sum(rank_sum) as rank_sum, sum(firsts) as firsts
      from (select round_id, category_id, nominee_id, votes, rank_sum, firsts from tally_count
            union all select round_id, category_id, nominee_id, votes, rank_sum, firsts from tally_delta) u
      group by round_id, category_id, nominee_id
    ) t`.execute(db);
  tables[TALLY_CACHE.join("+")] = cache.rows[0]!;
  const rounds = await db
    .selectFrom("round")
    .select(["id", "edition_id", "position", "source", "max_choices"])
    .where("kind", "in", ["public_vote", "live_vote"])
    .orderBy("id")
    .execute();
  const tallies: Fingerprint["tallies"] = {};
  for (const round of rounds) tallies[round.id] = JSON.stringify(await tally(db, round));
  const editions = await db.selectFrom("edition").select("id").orderBy("id").execute();
  const results: Fingerprint["results"] = {};
  for (const e of editions) results[e.id] = sha256(canonicalJson((await computeResults(db, e.id)) as Json));
  const snapshots = (
    await db
      .selectFrom("result_snapshot")
      .select(["edition_id", "version", "sha256", "body"])
      .orderBy("edition_id")
      .orderBy("version")
      .execute()
  ).map((s) => ({ edition: s.edition_id, version: s.version, sha256: s.sha256, bodySha256: sha256(s.body) }));
  const recorded = await sql<{ name: string }>`select name from kysely_migration order by name`.execute(db);
  return { tables, tallies, results, snapshots, migrations: recorded.rows.map((r) => r.name) };
}

/** Every way the restored copy differs from the original, in words; empty when it is the same. */
export function differences(original: Fingerprint, restored: Fingerprint): string[] {
  const out: string[] = [];
  const keyed = (what: string, a: Record<string, unknown>, b: Record<string, unknown>) => {
    for (const key of new Set([...Object.keys(a), ...Object.keys(b)])) {
      if (!(key in b)) out.push(`${what} ${key}: missing after the restore`);
      else if (!(key in a)) out.push(`${what} ${key}: only after the restore`);
      else if (JSON.stringify(a[key]) !== JSON.stringify(b[key]))
        out.push(`${what} ${key}: ${JSON.stringify(a[key])} before, ${JSON.stringify(b[key])} after`);
    }
  };
  keyed("table", original.tables, restored.tables);
  keyed("tally of round", original.tallies, restored.tallies);
  keyed("results of edition", original.results, restored.results);
  keyed(
    "published snapshot",
    Object.fromEntries(original.snapshots.map((s) => [`${s.edition} v${s.version}`, s])),
    Object.fromEntries(restored.snapshots.map((s) => [`${s.edition} v${s.version}`, s])),
  );
  for (const s of restored.snapshots) {
    if (s.sha256 !== s.bodySha256) out.push(`published snapshot ${s.edition} v${s.version}: its body no longer has its published hash`);
  }
  if (original.migrations.join() !== restored.migrations.join()) out.push("the recorded migrations differ");
  const latest = Object.keys(migrations).sort().at(-1)!;
  if (!restored.migrations.includes(latest)) out.push(`the restored database lacks migration ${latest}: run npm run db:migrate`);
  return out;
}

/** One line per kind of figure, for the operator. */
export function summary(f: Fingerprint): string[] {
  const rows = Object.values(f.tables).reduce((n, t) => n + t.rows, 0);
  return [
    `tables: ${Object.keys(f.tables).length} (${rows} rows)`,
    `vote tallies: ${Object.keys(f.tallies).length} rounds`,
    `results: ${Object.keys(f.results).length} editions`,
    `published snapshots: ${f.snapshots.length}`,
    `migrations: ${f.migrations.length} (newest ${f.migrations.at(-1) ?? "none"})`,
  ];
}
