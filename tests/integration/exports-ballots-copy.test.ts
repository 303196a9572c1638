import { get as httpGet } from "node:http";
import { Writable } from "node:stream";
import naughty from "big-list-of-naughty-strings";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb, getPool } from "~/db.server";
import type { Locale } from "~/i18n/i18n";
import { awardExportSpec, type ExportEdition } from "~/modules/exports/award-datasets.server";
import { csvFieldSql } from "~/modules/exports/ballots-copy.server";
import { writeExport, type CsvSeparator, type ExportSpec } from "~/modules/exports/writers.server";
import { createUser } from "../setup/factories";
import { download } from "../setup/exports";
import { startTestServer, type TestServer } from "../setup/http";
import { createVoteRound, createVoters, sessionFor } from "../setup/voting";

// The ballots CSV written by PostgreSQL's COPY (ballots-copy.server.ts) must be the file the row-by-row
// writer (csv-stringify over ballotRows, still used without a pg pool) wrote, byte for byte, for hostile
// text in every text column; and a download broken off half-way must give its connection back.

let app: TestServer;

/** Text a spreadsheet would run or split, quotes, line breaks, non-ASCII, and the harmless look-alikes. */
const HOSTILE = [
  "=cmd|' /C calc'!A0",
  "+1",
  "-1",
  "@x",
  "\tTab",
  "\rCR",
  "\t",
  "\r",
  "=",
  "a,b",
  "a;b",
  'zegt "hoi"',
  '"',
  "regel\nbreuk",
  "cr\rlf\r\nlf\n",
  "ok;=1+1",
  "x,\n  @SUM(1)",
  "ok\t-2",
  ",=,=",
  "==",
  ";-",
  "＝1+1",
  "a；＋1",
  " =1",
  "\u00A0+1",
  "\u3000-1",
  "Zoë Ångström ĳ 中文 🎉 \u200B",
  "'=al",
  "\\pad\\naar\\",
  "a - b",
  "é\t=1",
  "",
];

/** The export as the previous implementation wrote it: every row through csv-stringify (no pg pool given). */
async function previousBytes(spec: ExportSpec, separator: CsvSeparator): Promise<Buffer> {
  const { csvRecords: _, ...rowByRow } = spec;
  return writeTo(rowByRow, separator);
}

async function writeTo(spec: ExportSpec, separator: CsvSeparator): Promise<Buffer> {
  const chunks: Buffer[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      chunks.push(Buffer.from(chunk));
      done();
    },
  });
  await writeExport(spec, "csv", sink, separator);
  return Buffer.concat(chunks);
}

interface Fixture {
  edition: ExportEdition;
  cookie: string;
  path: string;
}
let fx: Fixture;

/** An edition whose round, category and candidate names and void reasons are all hostile, with ranked, changed, voided and voterless ballots. */
async function build(): Promise<Fixture> {
  const db = getDb();
  const r = await createVoteRound({ mode: "ranked", max: 3, categories: 2 });
  const [cat0, cat1] = r.categoryIds as [string, string];
  await db.updateTable("round").set({ name_nl: "=Ronde;1", name_en: "+Round, one" }).where("id", "=", r.roundId).execute();
  await db.updateTable("category").set({ name_nl: '@Categorie "A"', name_en: "-Category\nA" }).where("id", "=", cat0).execute();
  await db.updateTable("category").set({ name_nl: "Categorie ë", name_en: "" }).where("id", "=", cat1).execute();
  const nominees: string[] = [];
  for (const [i, name] of HOSTILE.entries()) {
    const row = await db
      .insertInto("nominee")
      .values({
        edition_id: r.editionId,
        category_id: cat0,
        kind: "person",
        name,
        status: "approved",
        // One hostile name declined consent: its rows show an empty name.
        consent_status: i === 3 ? "declined" : "accepted",
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    nominees.push(row.id);
  }
  const voters = await createVoters(HOSTILE.length + 4);
  // Instants around both daylight-saving changes, with microseconds, and equal ones (ordered by ballot id).
  const instants = [
    "2026-03-29 00:59:59.999999+00",
    "2026-03-29 01:00:00+00",
    "2026-10-25 00:30:00.5+00",
    "2026-10-25 01:30:00.123456+00",
    "2026-10-25 01:30:00.123456+00",
    "2026-12-01 23:59:59.9+00",
  ];
  const cands0 = [...r.candidates[cat0]!, ...nominees];
  for (const [i, voter] of voters.entries()) {
    const at = instants[i % instants.length]!;
    const choices = [cands0[i % cands0.length]!, cands0[(i + 7) % cands0.length]!, cands0[(i + 13) % cands0.length]!].slice(0, 1 + (i % 3));
    await sql`with b as (
        insert into ballot (round_id, edition_id, category_id, voter_id, receipt_code, cast_at, updated_at, version)
        values (${r.roundId}, ${r.editionId}, ${cat0}, ${i % 5 === 4 ? null : voter.id}, ${`C-${r.roundId}-${i}`},
          ${at}::timestamptz, ${at}::timestamptz + make_interval(secs => ${i * 997.25}), ${1 + (i % 3)})
        returning id
      )
      insert into ballot_choice (ballot_id, category_id, nominee_id, rank)
      select b.id, ${cat0}, x.nominee, x.rank from b, unnest(${choices}::uuid[]) with ordinality x(nominee, rank)`.execute(db);
    await sql`with b as (
        insert into ballot (round_id, edition_id, category_id, voter_id, receipt_code)
        values (${r.roundId}, ${r.editionId}, ${cat1}, ${voter.id}, ${`D-${r.roundId}-${i}`})
        returning id
      )
      insert into ballot_choice (ballot_id, category_id, nominee_id, rank)
      select b.id, ${cat1}, ${r.candidates[cat1]![i % 4]!}::uuid, 1 from b`.execute(db);
  }
  // Void reasons: every hostile text (a ballot is voided after it was cast, as the organizer page does).
  const ballots = await db
    .selectFrom("ballot")
    .select("id")
    .where("round_id", "=", r.roundId)
    .where("category_id", "=", cat0)
    .orderBy("receipt_code")
    .execute();
  for (const [i, reason] of HOSTILE.entries()) {
    await db
      .updateTable("ballot")
      .set({ voided_at: sql`now()`, void_reason: reason })
      .where("id", "=", ballots[i]!.id)
      .execute();
  }
  const org = await createUser();
  await db
    .insertInto("role_grant")
    .values({ user_id: org.id, role: "organizer", award_id: r.awardId, edition_id: null, book_project_id: null })
    .execute();
  return {
    edition: { id: r.editionId, awardSlug: r.slug, year: 2026 },
    cookie: await sessionFor(org.id),
    path: `/beheer/prijzen/${r.slug}/2026/export`,
  };
}

beforeAll(async () => {
  app = await startTestServer();
  fx = await build();
}, 600_000);
afterAll(() => app.close());

describe("ballots CSV by COPY", () => {
  it("writes each text exactly as neutraliseCsv and the writer's quoting do, for every naughty string", async () => {
    const texts = [...HOSTILE, ...(naughty as string[])].filter((s) => !s.includes("\u0000"));
    const { rows } = await getPool().query<{ i: number; f: string }>(
      `select i::int, ${csvFieldSql("t")} as f from unnest($1::text[]) with ordinality x(t, i)`,
      [texts],
    );
    const column = [{ key: "x", header: "x" }];
    const head = (await writeTo({ filename: "t", sheet: "t", columns: column, rows: (async function* () {})() }, ",")).length;
    for (const { i, f } of rows) {
      const text = texts[i - 1]!;
      const expected = await writeTo(
        {
          filename: "t",
          sheet: "t",
          columns: column,
          rows: (async function* () {
            yield { x: text };
          })(),
        },
        ",",
      );
      expect({ text, field: `${f}\r\n` }).toEqual({ text, field: expected.subarray(head).toString("utf8") });
    }
    expect(rows).toHaveLength(texts.length);
  });

  it("downloads the same bytes as the previous writer, with , and with ;, headers and byte-order mark included", async () => {
    const spec = awardExportSpec(getDb(), fx.edition, "stemmen", "nl", { pool: getPool() });
    expect(spec.csvRecords).toBeDefined();
    for (const [file, separator] of [
      ["stemmen.csv", ","],
      ["stemmen.nl.csv", ";"],
    ] as const) {
      const res = await download(app, `${fx.path}/${file}`, fx.cookie);
      expect(res.status).toBe(200);
      const before = await previousBytes(awardExportSpec(getDb(), fx.edition, "stemmen", "nl"), separator);
      expect(before.length).toBeGreaterThan(5000);
      expect(res.bytes.equals(before), `${file} differs from the row-by-row writer`).toBe(true);
    }
  });

  it("writes the same bytes as the previous writer in English too", async () => {
    const locale: Locale = "en";
    for (const separator of [",", ";"] as const) {
      const now = await writeTo(awardExportSpec(getDb(), fx.edition, "stemmen", locale, { pool: getPool() }), separator);
      const before = await previousBytes(awardExportSpec(getDb(), fx.edition, "stemmen", locale), separator);
      expect(now.toString("utf8")).toBe(before.toString("utf8"));
      expect(now.equals(before)).toBe(true);
    }
  });

  it("writes the byte-order mark and header alone for an edition without ballots", async () => {
    const r = await createVoteRound({});
    const edition = { id: r.editionId, awardSlug: r.slug, year: 2026 };
    const now = await writeTo(awardExportSpec(getDb(), edition, "stemmen", "nl", { pool: getPool() }), ",");
    expect(now.equals(await previousBytes(awardExportSpec(getDb(), edition, "stemmen", "nl"), ","))).toBe(true);
    expect(now.subarray(0, 3).equals(Buffer.from([0xef, 0xbb, 0xbf]))).toBe(true);
  });
});

describe("ballots CSV by COPY: a download broken off", () => {
  let big: { editionId: string; cookie: string; path: string };
  const until = async (what: () => Promise<boolean>) => {
    // A deadline against a hang, not a timing assertion: a busy machine may take long.
    for (let i = 0; i < 600 && !(await what()); i++) await new Promise((done) => setTimeout(done, 100));
    return what();
  };
  /** Backends of this test database running the edition's COPY. */
  const copies = async () =>
    (
      await sql<{ n: number }>`select count(*)::int as n from pg_stat_activity
        where pid <> pg_backend_pid() and query like 'copy (%' and query like ${`%${big.editionId}%`} and state = 'active'`.execute(getDb())
    ).rows[0]!.n;

  beforeAll(async () => {
    const db = getDb();
    const r = await createVoteRound({ mode: "ranked", max: 2, categories: 1 });
    const cat = r.categoryIds[0]!;
    const [a, b] = r.candidates[cat]! as [string, string];
    // 60,000 voterless ballots of two choices: megabytes more than the socket buffers hold.
    await sql`with b as (
        insert into ballot (round_id, edition_id, category_id, voter_id, receipt_code)
        select ${r.roundId}, ${r.editionId}, ${cat}, null, 'A' || ${r.roundId}::text || n
        from generate_series(1, 60000) n
        returning id
      )
      insert into ballot_choice (ballot_id, category_id, nominee_id, rank)
      select b.id, ${cat}, x.nominee, x.rank from b cross join (values (${a}::uuid, 1), (${b}::uuid, 2)) x(nominee, rank)`.execute(db);
    const org = await createUser();
    await db
      .insertInto("role_grant")
      .values({ user_id: org.id, role: "organizer", award_id: r.awardId, edition_id: null, book_project_id: null })
      .execute();
    big = { editionId: r.editionId, cookie: await sessionFor(org.id), path: `/beheer/prijzen/${r.slug}/2026/export/stemmen.csv` };
  }, 600_000);

  it.each([
    ["right after the header, while PostgreSQL still sorts", 1],
    ["half-way through the rows", 256 * 1024],
  ])("gives its pool connection back and stops the COPY on the server when the client goes away %s", async (_when, bytes) => {
    const pool = getPool();
    // A client that reads the first bytes, stops reading, and then goes away (its socket closed).
    const client = await new Promise<{ status: number; received: number; close: () => void }>((resolve, reject) => {
      const req = httpGet(`${app.url}${big.path}`, { headers: { cookie: big.cookie } }, (res) => {
        let received = 0;
        res.on("data", (chunk: Buffer) => {
          received += chunk.length;
          if (received < bytes) return;
          res.pause();
          res.removeAllListeners("data");
          resolve({ status: res.statusCode ?? 0, received, close: () => req.destroy() });
        });
      });
      req.on("error", reject);
    });
    expect(client.status).toBe(200);
    expect(client.received).toBeGreaterThanOrEqual(bytes);
    // The client reads no more: the COPY waits (or still sorts), holding a pooled connection.
    expect(await until(async () => (await copies()) === 1)).toBe(true);
    expect(pool.totalCount - pool.idleCount).toBeGreaterThanOrEqual(1);
    client.close();

    expect(await until(async () => (await copies()) === 0 && pool.totalCount === pool.idleCount)).toBe(true);
    // And the export still works from the same pool.
    const again = await download(app, big.path, big.cookie);
    expect(again.status).toBe(200);
    expect(again.bytes.toString("utf8").split("\r\n")).toHaveLength(1 + 120_000 + 1);
  });
});
