import { sql, type Transaction } from "kysely";
import type { DB } from "../../../db/types";
import type { DbOrTrx } from "~/db.server";
import type { Json } from "./canonical";

// The lists anyone can recount a published vote from (ADR 0014): the counted ballots' choices, with
// no ballot id, voter, receipt or time, sorted by their text; and the SHA-256 of every receipt code
// (counted or voided), sorted. Built by PostgreSQL from the ballot tables, frozen beside the snapshot
// as the exact download bytes; the snapshot holds each file's hash and size, so its own hash covers them.

export const LIST_FILES = [
  { list: "ballots", format: "json", file: "stemmen.json", key: "ballotsJson" },
  { list: "ballots", format: "csv", file: "stemmen.csv", key: "ballotsCsv" },
  { list: "receipts", format: "json", file: "stembewijzen.json", key: "receiptsJson" },
  { list: "receipts", format: "csv", file: "stembewijzen.csv", key: "receiptsCsv" },
] as const;
export type ListFile = (typeof LIST_FILES)[number];

export interface VoteRoundForRecount {
  id: string;
  position: number;
  name_nl: string;
  name_en: string;
  ballot_mode: "single" | "approval" | "ranked";
  max_choices: number;
}

/**
 * One row per file (list, format) with its bytes. A ballot's choices are in rank order for a
 * ranked vote and sorted otherwise; ballots are sorted by their JSON line (UTF-8 bytes), and the
 * CSV follows the same order. Voided ballots are absent from the ballot list and marked in the
 * receipt list. All text is built here, once: the hash in the snapshot is the hash of these bytes.
 */
function listBodies(edition: { awardSlug: string; year: number }, round: VoteRoundForRecount) {
  const head = (format: string, extra: Record<string, string | number>, key: string) =>
    `{${Object.entries({ format, award: edition.awardSlug, year: edition.year, round: round.position, ...extra })
      .map(([k, v]) => `${JSON.stringify(k)}:${JSON.stringify(v)}`)
      .join(",")},${JSON.stringify(key)}:[\n`;
  const ballotsHead = head("lauwer-ballots/1", { ballot: round.ballot_mode, maxChoices: round.max_choices }, "ballots");
  const receiptsHead = head("lauwer-receipts/1", { receiptHash: "sha256 of the receipt code as XXXX-XXXX-XXXX" }, "receipts");
  const ballotsCsvHead = `category,${Array.from({ length: round.max_choices }, (_, i) => `choice_${i + 1}`).join(",")}\n`;
  const ranked = round.ballot_mode === "ranked";
  return sql<{ list: "ballots" | "receipts"; format: "json" | "csv"; body: string; items: number; voided: number }>`
    with counted as (
      select c.slug as category,
        array_agg(bc.nominee_id::text order by ${ranked ? sql`bc.rank` : sql`bc.nominee_id::text collate "C"`}) as choices
      from ballot b
      join category c on c.id = b.category_id
      join ballot_choice bc on bc.ballot_id = b.id
      where b.round_id = ${round.id} and b.voided_at is null
      group by b.id, c.slug
    ), lines as (
      select
        '[' || to_json(category)::text || ',[' || (select string_agg(to_json(x)::text, ',' order by o) from unnest(choices) with ordinality u(x, o)) || ']]' as json_line,
        (case when category ~ '[",\r\n]' then '"' || replace(category, '"', '""') || '"' else category end)
          || ',' || array_to_string(choices || array_fill(''::text, array[${round.max_choices}::int - cardinality(choices)]), ',') as csv_line
      from counted
    ), receipts as (
      select encode(sha256(convert_to(receipt_code, 'UTF8')), 'hex') as h,
        case when voided_at is null then 'counted' else 'voided' end as status
      from ballot where round_id = ${round.id}
    )
    select 'ballots' as list, 'json' as format, count(*)::int as items, 0 as voided,
      ${ballotsHead} || coalesce(string_agg(json_line, E',\n' order by json_line collate "C"), '') || E'\n]}\n' as body
      from lines
    union all
    select 'ballots', 'csv', count(*)::int, 0,
      ${ballotsCsvHead} || coalesce(string_agg(csv_line || E'\n', '' order by json_line collate "C"), '')
      from lines
    union all
    select 'receipts', 'json', (count(*) filter (where status = 'counted'))::int, (count(*) filter (where status = 'voided'))::int,
      ${receiptsHead} || coalesce(string_agg('["' || h || '","' || status || '"]', E',\n' order by h collate "C"), '') || E'\n]}\n'
      from receipts
    union all
    select 'receipts', 'csv', (count(*) filter (where status = 'counted'))::int, (count(*) filter (where status = 'voided'))::int,
      E'receipt_sha256,status\n' || coalesce(string_agg(h || ',' || status || E'\n', '' order by h collate "C"), '')
      from receipts`;
}

/**
 * Freezes the lists of a round beside snapshot `version` (in the publishing transaction) and returns
 * what the snapshot says about them: the counts, and each file's hash and size, read from the rows
 * just written, so the hash in the snapshot is the hash of the stored bytes.
 */
export async function freezeLists(
  trx: Transaction<DB>,
  edition: { id: string; awardSlug: string; year: number },
  version: number,
  round: VoteRoundForRecount,
): Promise<Json> {
  const rows = await sql<{ list: string; format: string; items: number; voided: number; sha256: string; bytes: number }>`
    with l as (${listBodies(edition, round)}),
    written as (
      insert into result_list (edition_id, version, round_id, list, format, body, sha256)
      select ${edition.id}, ${version}, ${round.id}, list, format, body, encode(sha256(convert_to(body, 'UTF8')), 'hex') from l
      returning list, format, sha256, octet_length(body)::int as bytes
    )
    select w.list, w.format, w.sha256, w.bytes, l.items, l.voided from written w join l using (list, format)`.execute(trx);
  const row = (f: ListFile) => rows.rows.find((r) => r.list === f.list && r.format === f.format)!;
  const receipts = row(LIST_FILES[2]);
  return {
    round: round.position,
    name: { nl: round.name_nl, en: round.name_en },
    ballot: round.ballot_mode,
    maxChoices: round.max_choices,
    ballots: row(LIST_FILES[0]).items,
    receipts: { counted: receipts.items, voided: receipts.voided },
    files: Object.fromEntries(LIST_FILES.map((f) => [f.key, { name: f.file, sha256: row(f).sha256, bytes: row(f).bytes }])),
  };
}

/** A published list file by its download name, or null. */
export function listFile(name: string | undefined): ListFile | null {
  return LIST_FILES.find((f) => f.file === name) ?? null;
}

const SLICE = 1 << 20;

/**
 * The frozen bytes of one list of a published snapshot, read in 1 MiB slices (the body is ASCII, so
 * characters are bytes); null when that snapshot has no such list.
 */
export async function readList(db: DbOrTrx, editionId: string, version: number, roundPosition: number, file: ListFile, slice = SLICE) {
  const row = await db
    .selectFrom("result_list as l")
    .innerJoin("round as r", "r.id", "l.round_id")
    .select(["l.round_id", "l.sha256"])
    .where("l.edition_id", "=", editionId)
    .where("l.version", "=", version)
    .where("r.position", "=", roundPosition)
    .where("l.list", "=", file.list)
    .where("l.format", "=", file.format)
    .executeTakeFirst();
  if (!row) return null;
  async function* chunks() {
    for (let offset = 1; ; offset += slice) {
      const part = await db
        .selectFrom("result_list")
        .select(sql<string>`substr(body, ${offset}, ${slice})`.as("part"))
        .where("edition_id", "=", editionId)
        .where("version", "=", version)
        .where("round_id", "=", row!.round_id)
        .where("list", "=", file.list)
        .where("format", "=", file.format)
        .executeTakeFirstOrThrow();
      if (part.part.length) yield part.part;
      if (part.part.length < slice) return;
    }
  }
  return { sha256: row.sha256, chunks };
}

/** Where a receipt code's hash stands in the latest published list of its round, if any. */
export async function publishedReceipt(db: DbOrTrx, roundId: string, receiptHash: string) {
  const row = await sql<{ version: number; status: "counted" | "voided" | null }>`
    select l.version,
      case when position(${`"${receiptHash}","counted"`} in l.body) > 0 then 'counted'
           when position(${`"${receiptHash}","voided"`} in l.body) > 0 then 'voided' end as status
    from result_list l
    where l.round_id = ${roundId} and l.list = 'receipts' and l.format = 'json'
    order by l.version desc limit 1`.execute(db);
  return row.rows[0] ?? null;
}
