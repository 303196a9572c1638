import { randomUUID } from "node:crypto";
import naughty from "big-list-of-naughty-strings";
import { parse } from "csv-parse/sync";
import ExcelJS from "exceljs";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "~/db.server";
import { neutralise, neutraliseCsv } from "~/modules/exports/cells";
import { XML_ILLEGAL } from "~/modules/exports/writers.server";
import { createMembers } from "../setup/book-proposals";
import { addAuthor, assignDirectly, createWritingProject, type WritingFixture } from "../setup/book-writing";
import { createUser, grantAdmin, uniqueEmail } from "../setup/factories";
import { startTestServer, type TestServer } from "../setup/http";
import { sessionFor } from "../setup/voting";

let app: TestServer;
beforeAll(async () => {
  app = await startTestServer();
});
afterAll(() => app.close());

const db = () => getDb();
const DATASETS = ["voordrachten", "auteurs", "manuscripten"] as const;
const FORMATS = ["csv", "xlsx", "json"] as const;
const FORMULAS = ['=HYPERLINK("https://evil.example","klik")', "+31 6 12345678", "-2+3", "@SUM(A1:A9)", "\t=1+1", "\r=1+1"];
// PostgreSQL refuses NUL in text; every other naughty string goes into a motivation.
const NAUGHTY = (naughty as string[]).filter((s) => s.length >= 1 && !s.includes("\u0000"));
const SECRET = `geheime-portrettekst-${randomUUID()}`;

interface Fixture extends WritingFixture {
  emails: string[];
  endorsed: string;
  counts: { proposals: number; authors: number; selected: number };
}

/**
 * A project with 3 selected portraits, proposals named and motivated with formula payloads and
 * naughty strings, endorsements, comments, two authors with claims and assignments, and
 * manuscript versions whose (unpublished) text must never reach an export.
 */
async function fixture(): Promise<Fixture> {
  const f = await createWritingProject({ portraits: 3 });
  const d = db();
  const proposer = await createUser({ name: "Piet Voordrager", email: uniqueEmail("voordrager") });
  const rows = [
    ...FORMULAS.map((name, i) => ({ name, motivation: FORMULAS[(i + 1) % FORMULAS.length]! })),
    ...NAUGHTY.map((motivation, i) => ({ name: `Naughty ${i}`, motivation })),
  ];
  const inserted = await d
    .insertInto("book_proposal")
    .values(
      rows.map((r) => ({
        project_id: f.projectId,
        proposer_id: proposer.id,
        name: r.name,
        birth_year: 1800,
        death_year: 1870,
        service_from: 1830,
        service_to: 1860,
        organisation: "=Rijkswaterstaat",
        role: "Inspecteur",
        motivation: r.motivation,
        theme_id: f.themes[0]!,
      })),
    )
    .returning("id")
    .execute();
  const endorsed = inserted[0]!.id;
  await d
    .insertInto("book_source")
    .values([
      { proposal_id: endorsed, title: "Biografie", url: "https://example.nl/bio", position: 1 },
      { proposal_id: endorsed, title: "=Archief", url: "https://example.nl/archief", position: 2 },
    ])
    .execute();
  await d
    .insertInto("book_proposal")
    .values({
      project_id: f.projectId,
      proposer_id: proposer.id,
      name: "Afgewezen Persoon",
      birth_year: 1800,
      service_from: 1830,
      service_to: 1860,
      organisation: "Ministerie",
      role: "Klerk",
      motivation: "Niet passend.",
      theme_id: f.themes[1]!,
      status: "rejected",
      rejection_reason: "Buiten de periode van het boek.",
    })
    .execute();
  const endorsers = await createMembers(3);
  await d
    .insertInto("book_endorsement")
    .values(endorsers.map((m) => ({ proposal_id: endorsed, user_id: m.id })))
    .execute();
  await d
    .insertInto("book_comment")
    .values([
      { proposal_id: endorsed, author_id: f.member.id, body: "Goed idee." },
      { proposal_id: endorsed, author_id: endorsers[0]!.id, body: "Eens." },
    ])
    .execute();
  const anna = await addAuthor(f, 2, "Anna Auteur");
  const bert = await addAuthor(f, 1, "Bert Auteur");
  await d
    .insertInto("book_claim")
    .values([
      { project_id: f.projectId, proposal_id: f.portraits[0]!, user_id: anna.id, rank: 1, motivation: "Mijn promotieonderwerp." },
      { project_id: f.projectId, proposal_id: f.portraits[1]!, user_id: anna.id, rank: 2, motivation: "=1+1" },
      { project_id: f.projectId, proposal_id: f.portraits[1]!, user_id: bert.id, rank: 1, motivation: "Ken de familie." },
    ])
    .execute();
  await assignDirectly(f, f.portraits[0]!, anna.id);
  await assignDirectly(f, f.portraits[1]!, bert.id, "-1 day"); // overdue
  await d
    .insertInto("book_manuscript_version")
    .values([
      { proposal_id: f.portraits[0]!, version: 1, author_id: anna.id, body: `${SECRET} eerste`, word_count: 2 },
      { proposal_id: f.portraits[0]!, version: 2, author_id: anna.id, body: `${SECRET} tweede versie`, word_count: 3, submitted: true },
    ])
    .execute();
  const endorserEmails = await d
    .selectFrom("app_user")
    .select("email")
    .where(
      "id",
      "in",
      endorsers.map((m) => m.id),
    )
    .execute();
  const emails = [f.member.email, proposer.email, anna.email, bert.email, ...endorserEmails.map((r) => r.email)];
  const editor = await d.selectFrom("app_user").select("email").where("id", "=", f.editor.id).executeTakeFirstOrThrow();
  emails.push(editor.email);
  return {
    ...f,
    emails,
    endorsed,
    counts: { proposals: rows.length + 4, authors: 2, selected: 3 },
  };
}

let shared: Fixture;
beforeAll(async () => {
  shared = await fixture();
});

const get = (p: string, cookie?: string) => app.request(p, { headers: cookie ? { cookie } : {} });

function cellValue(v: ExcelJS.CellValue): unknown {
  if (v === null || v === undefined) return null;
  if (typeof v === "object" && "richText" in v) return v.richText.map((r) => r.text).join("");
  return v;
}

async function xlsxRecords(buf: Buffer): Promise<{ headers: string[]; records: unknown[][] }> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buf as never);
  const sheet = wb.worksheets[0]!;
  const width = sheet.getRow(1).cellCount;
  const records: unknown[][] = [];
  const headers: string[] = [];
  sheet.eachRow((row, n) => {
    const values = Array.from({ length: width }, (_, i) => {
      const c = row.getCell(i + 1);
      expect(c.type).not.toBe(ExcelJS.ValueType.Formula);
      return cellValue(c.value);
    });
    if (n === 1) headers.push(...values.map(String));
    else records.push(values);
  });
  return { headers, records };
}

async function download(dataset: string, format: string, f: Fixture = shared, cookie = f.editor.cookie) {
  const res = await get(`${f.admin}/export/${dataset}.${format}`, cookie);
  expect(res.status, `${dataset}.${format}`).toBe(200);
  return Buffer.from(await res.arrayBuffer());
}

/** What CSV holds for a JSON value. */
const csvOf = (v: unknown) => (v === null ? "" : typeof v === "string" ? neutraliseCsv(v) : String(v));
/** What a spreadsheet cell holds for a JSON value (XML drops control characters and reads CR as LF; "" is an empty cell). */
const xlsxOf = (v: unknown) => {
  if (typeof v !== "string") return v;
  const text = neutralise(v.replace(XML_ILLEGAL, "")).replace(/\r\n?/g, "\n");
  return text === "" ? null : text;
};

describe("book exports: who may download", () => {
  it("editors of the project get every dataset in every format; others 403, visitors log in, unknown files 404", async () => {
    const other = await createWritingProject({ portraits: 1 });
    const admin = await createUser();
    await grantAdmin(admin.id);
    const adminCookie = await sessionFor(admin.id);
    const types = { csv: "text/csv", xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", json: "application/json" };
    for (const dataset of DATASETS) {
      for (const format of FORMATS) {
        const url = `${shared.admin}/export/${dataset}.${format}`;
        const ok = await get(url, shared.editor.cookie);
        expect(ok.status, url).toBe(200);
        expect(ok.headers.get("content-type")).toContain(types[format]);
        expect(ok.headers.get("content-disposition")).toMatch(
          new RegExp(`^attachment; filename="lauwer-${dataset}-${shared.slug}-\\d{4}-\\d{2}-\\d{2}\\.${format}"$`),
        );
        await ok.arrayBuffer();
        expect((await get(url, other.editor.cookie)).status, url).toBe(403);
        expect((await get(url, shared.member.cookie)).status, url).toBe(403);
        expect((await get(url, adminCookie)).status, url).toBe(403);
        const visitor = await get(url);
        expect(visitor.status, url).toBe(302);
        expect(visitor.headers.get("location")).toBe(`/inloggen?redirectTo=${encodeURIComponent(url)}`);
      }
    }
    for (const file of ["steunbetuigingen.csv", "voordrachten.pdf", "voordrachten", "VOORDRACHTEN.CSV", "..%2Fvoordrachten.csv"]) {
      expect((await get(`${shared.admin}/export/${file}`, shared.editor.cookie)).status, file).toBe(404);
    }
    expect((await get("/beheer/boeken/bestaat-niet/export/voordrachten.csv", shared.editor.cookie)).status).toBe(404);
    // The overview page.
    const page = await get(`${shared.admin}/export`, shared.editor.cookie);
    expect(page.status).toBe(200);
    const html = await page.text();
    for (const dataset of DATASETS) for (const format of FORMATS) expect(html).toContain(`/export/${dataset}.${format}"`);
    expect(html).toContain(`data-rows="${shared.counts.proposals}"`);
    expect((await get(`${shared.admin}/export`, other.editor.cookie)).status).toBe(403);
    expect((await get(`${shared.admin}/export`)).status).toBe(302);
  });

  it("every download is audited before it streams (who, what, when), scoped to the project", async () => {
    const before = await db()
      .selectFrom("audit_log")
      .select(sql<number>`count(*)::int`.as("n"))
      .where("action", "=", "export")
      .where("book_project_id", "=", shared.projectId)
      .executeTakeFirstOrThrow();
    await download("auteurs", "xlsx");
    const row = await db().selectFrom("audit_log").selectAll().orderBy("id", "desc").limit(1).executeTakeFirstOrThrow();
    expect(row).toMatchObject({
      actor_id: shared.editor.id,
      action: "export",
      entity_type: "book_project",
      entity_id: shared.projectId,
      book_project_id: shared.projectId,
      award_id: null,
      after: { dataset: "auteurs", format: "xlsx" },
    });
    const after = await db()
      .selectFrom("audit_log")
      .select(sql<number>`count(*)::int`.as("n"))
      .where("action", "=", "export")
      .where("book_project_id", "=", shared.projectId)
      .executeTakeFirstOrThrow();
    expect(after.n).toBe(before.n + 1);
    // A refused download is not recorded as an export.
    await get(`${shared.admin}/export/auteurs.csv`, shared.member.cookie);
    expect((await db().selectFrom("audit_log").select("id").orderBy("id", "desc").limit(1).executeTakeFirstOrThrow()).id).toBe(row.id);
  });
});

describe("book exports: visibility", () => {
  it("hold no e-mail address and no manuscript text, in any dataset or format", async () => {
    for (const dataset of DATASETS) {
      for (const format of FORMATS) {
        const buf = await download(dataset, format);
        let text = buf.toString("utf8");
        if (format === "xlsx") {
          const { headers, records } = await xlsxRecords(buf);
          text = [...headers, ...records.flat()].map((v) => (v === null ? "" : String(v))).join("\n");
        }
        for (const email of shared.emails) expect(text, `${dataset}.${format}`).not.toContain(email);
        expect(text, `${dataset}.${format}`).not.toMatch(/@example\.nl/);
        expect(text, `${dataset}.${format}`).not.toContain(SECRET);
      }
    }
  });
});

describe("book exports: the same rows in every format", () => {
  it("CSV and XLSX equal JSON, counts equal the rows (drift 0), formula payloads neutralised", async () => {
    for (const dataset of DATASETS) {
      const json = JSON.parse((await download(dataset, "json")).toString("utf8")) as Record<string, unknown>[];
      const keys = Object.keys(json[0]!);
      const csv = parse(await download(dataset, "csv"), { bom: true, relax_quotes: false }) as string[][];
      const xlsx = await xlsxRecords(await download(dataset, "xlsx"));
      const expected = { voordrachten: shared.counts.proposals, auteurs: shared.counts.authors, manuscripten: shared.counts.selected }[
        dataset
      ];
      expect(json, dataset).toHaveLength(expected);
      expect(csv.length - 1, dataset).toBe(expected);
      expect(xlsx.records, dataset).toHaveLength(expected);
      expect(csv[0], dataset).toEqual(xlsx.headers);
      json.forEach((row, i) => {
        const values = keys.map((k) => row[k] ?? null);
        expect(csv[i + 1], `${dataset} csv row ${i}`).toEqual(values.map(csvOf));
        expect(xlsx.records[i], `${dataset} xlsx row ${i}`).toEqual(values.map(xlsxOf));
      });
      for (const cell of [...csv.flat(), ...xlsx.records.flat()]) {
        if (typeof cell === "string") expect(/^[=+\-@\t\r]/.test(cell), JSON.stringify(cell)).toBe(false);
      }
    }
  });

  it("proposals carry counts from the rows, sources, proposer name and Dutch or English headers", async () => {
    const json = JSON.parse((await download("voordrachten", "json")).toString("utf8")) as Record<string, unknown>[];
    const endorsed = json.find((r) => r.id === shared.endorsed)!;
    expect(endorsed).toMatchObject({
      name: FORMULAS[0],
      status: "Voorgedragen",
      theme: "Water",
      endorsements: 3,
      comments: 2,
      proposer: "Piet Voordrager",
      sources: "Biografie <https://example.nl/bio> | =Archief <https://example.nl/archief>",
    });
    expect(json.find((r) => r.name === "Afgewezen Persoon")).toMatchObject({
      status: "Afgewezen",
      rejectionReason: "Buiten de periode van het boek.",
    });
    const totals = await db()
      .selectFrom("book_endorsement as e")
      .innerJoin("book_proposal as b", "b.id", "e.proposal_id")
      .select(sql<number>`count(*)::int`.as("n"))
      .where("b.project_id", "=", shared.projectId)
      .executeTakeFirstOrThrow();
    expect(json.reduce((sum, r) => sum + (r.endorsements as number), 0)).toBe(totals.n);
    const csv = parse(await download("voordrachten", "csv"), { bom: true, columns: true }) as Record<string, string>[];
    expect(csv.find((r) => r.Id === shared.endorsed)!.Naam).toBe(`'${FORMULAS[0]}`);
    expect(csv.every((r) => r.Organisatie === "'=Rijkswaterstaat")).toBe(false); // the rejected one is "Ministerie"
    expect(csv.filter((r) => r.Organisatie === "'=Rijkswaterstaat").length).toBeGreaterThan(FORMULAS.length);
    const en = await app.request(`${shared.admin}/export/voordrachten.csv`, {
      headers: { cookie: `${shared.editor.cookie}; lauwer_lang=en` },
    });
    const enRows = parse(Buffer.from(await en.arrayBuffer()), { bom: true, columns: true }) as Record<string, string>[];
    expect(Object.keys(enRows[0]!)).toContain("Endorsements");
    expect(enRows.find((r) => r.Id === shared.endorsed)!.Status).toBe("Proposed");
  });

  it("authors: one row per author with claims, assignments and counts; manuscripts: statuses, dates and counts", async () => {
    const authors = JSON.parse((await download("auteurs", "json")).toString("utf8")) as Record<string, unknown>[];
    expect(authors.map((a) => a.author)).toEqual(["Anna Auteur", "Bert Auteur"]);
    const [anna, bert] = authors as [Record<string, unknown>, Record<string, unknown>];
    expect(anna).toMatchObject({
      capacity: 2,
      assigned: 1,
      assignments: "Ambtenaar 01 — toegewezen",
      claimCount: 2,
      claims: "1. Ambtenaar 01 — Mijn promotieonderwerp. | 2. Ambtenaar 02 — =1+1",
    });
    expect(bert).toMatchObject({ capacity: 1, assigned: 1, claimCount: 1 });
    const manuscripts = JSON.parse((await download("manuscripten", "json")).toString("utf8")) as Record<string, unknown>[];
    expect(manuscripts.map((m) => m.subject)).toEqual(["Ambtenaar 01", "Ambtenaar 02", "Ambtenaar 03"]);
    const [m1, m2, m3] = manuscripts as [Record<string, unknown>, Record<string, unknown>, Record<string, unknown>];
    expect(m1).toMatchObject({ author: "Anna Auteur", status: "toegewezen", overdue: false, versions: 2, words: 3, publishedAt: null });
    expect(m1.submittedAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+0[12]:00$/);
    expect(m2).toMatchObject({ author: "Bert Auteur", overdue: true, versions: 0, words: null, submittedAt: null });
    expect(m3).toMatchObject({ author: null, status: "nog geen auteur", overdue: false, dueAt: null });
  });
});
