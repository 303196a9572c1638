import { randomBytes, randomUUID } from "node:crypto";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { parse } from "csv-parse/sync";
import ExcelJS from "exceljs";
import { sql, type Kysely } from "kysely";
import { Migrator } from "kysely";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { createDb } from "../../db/connection";
import { ensureDatabase } from "../../db/database";
import { migrations } from "../../db/migrations/index";
import { neutraliseCsv } from "~/modules/exports/cells";
import { getDb } from "~/db.server";
import { writeAudit } from "~/modules/audit/audit.server";
import { ENTITY_SCOPES } from "~/modules/audit/audit-log.server";
import { createEdition, createUser, grantAdmin, uniqueEmail } from "../setup/factories";
import { startTestServer, type TestServer } from "../setup/http";
import { createJuryRound } from "../setup/jury";
import { createVoteRound, sessionFor } from "../setup/voting";
import { addAuthor, assignDirectly, createWritingProject } from "../setup/book-writing";

let app: TestServer;
beforeAll(async () => {
  app = await startTestServer();
});
afterAll(() => app.close());

const db = () => getDb();

async function withRole(role: "organizer" | "editor", scope: { awardId?: string; projectId?: string }, name = "Beheerder Test") {
  const user = await createUser({ name, email: uniqueEmail(role) });
  await db()
    .insertInto("role_grant")
    .values({
      user_id: user.id,
      role,
      award_id: scope.awardId ?? null,
      edition_id: null,
      book_project_id: scope.projectId ?? null,
    })
    .execute();
  return { id: user.id, email: user.email, cookie: await sessionFor(user.id) };
}

async function admin() {
  const user = await createUser({ name: "Platformbeheerder" });
  await grantAdmin(user.id);
  return { id: user.id, cookie: await sessionFor(user.id) };
}

async function lastAudit() {
  return db().selectFrom("audit_log").selectAll().orderBy("id", "desc").limit(1).executeTakeFirstOrThrow();
}

async function get(p: string, cookie?: string) {
  return app.request(p, { headers: cookie ? { cookie } : {} });
}

async function bytes(res: Response): Promise<Buffer> {
  return Buffer.from(await res.arrayBuffer());
}

async function sourceFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const nested = await Promise.all(
    entries.map((e) => {
      const full = path.join(dir, e.name);
      if (e.isDirectory()) return sourceFiles(full);
      return Promise.resolve(/\.(ts|tsx)$/.test(e.name) ? [full] : []);
    }),
  );
  return nested.flat();
}

// ── Scope: the trigger, the map, the backfill ────────────────────────────────────────────────────

describe("audit scope", () => {
  it("every entityType the app writes has a declared scope", async () => {
    const found = new Set<string>();
    // app/modules/audit reads the log (its filter names are not entity types); everything else writes it.
    const files = (await sourceFiles(path.resolve("app"))).filter((f) => !f.startsWith(path.resolve("app/modules/audit")));
    for (const file of files) {
      const text = await readFile(file, "utf8");
      for (const m of text.matchAll(/entityType:\s*"([a-z_]+)"/g)) found.add(m[1]!);
    }
    // Sanity: the scan sees the app's own writers.
    expect(found).toContain("book_proposal");
    expect(found).toContain("round");
    const undeclared = [...found].filter((type) => !(type in ENTITY_SCOPES));
    expect(undeclared).toEqual([]);
  });

  it("the trigger fills award_id / book_project_id for every declared entity type (platform types stay empty)", async () => {
    const jury = await createJuryRound();
    const vote = await createVoteRound({ categories: 1, candidatesPerCategory: 2 });
    const book = await createWritingProject({ portraits: 2 });
    const author = await addAuthor(book, 2);
    await assignDirectly(book, book.portraits[0]!, author.id);
    const nominee = jury.candidates[jury.categoryIds[0]!]![0]!;
    const member = await createUser();
    const d = db();

    const nomination = await d
      .insertInto("nomination")
      .values({
        edition_id: jury.editionId,
        nominee_id: nominee,
        submitted_for_nominee_id: nominee,
        nominator_id: member.id,
        motivation: "Goed werk.",
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    const reference = await d
      .insertInto("nomination_reference")
      .values({
        nomination_id: nomination.id,
        position: 1,
        name: "Ref",
        email: uniqueEmail("ref"),
        token_hash: randomBytes(16).toString("hex"),
        expires_at: sql<Date>`now() + interval '1 day'`,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    const prize = await d
      .insertInto("prize")
      .values({
        edition_id: jury.editionId,
        position: 1,
        kind: "jury",
        name_nl: "Juryprijs",
        name_en: "Jury prize",
        jury_round_id: jury.juryRoundId,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    const snapshot = await d
      .insertInto("result_snapshot")
      .values({ edition_id: jury.editionId, version: 1, body: "{}", sha256: sql<string>`encode(sha256(convert_to('{}', 'UTF8')), 'hex')` })
      .returning("id")
      .executeTakeFirstOrThrow();
    const invite = await d
      .insertInto("jury_invite")
      .values({
        edition_id: jury.editionId,
        email: uniqueEmail("jury"),
        token_hash: randomBytes(16).toString("hex"),
        expires_at: sql<Date>`now() + interval '1 day'`,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    const voter = await createUser();
    const ballotId = await d.transaction().execute(async (trx) => {
      const categoryId = vote.categoryIds[0]!;
      const b = await trx
        .insertInto("ballot")
        .values({
          round_id: vote.roundId,
          edition_id: vote.editionId,
          category_id: categoryId,
          voter_id: voter.id,
          receipt_code: randomBytes(6).toString("hex"),
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      await trx
        .insertInto("ballot_choice")
        .values({ ballot_id: b.id, category_id: categoryId, nominee_id: vote.candidates[categoryId]![0]!, rank: 1 })
        .execute();
      return b.id;
    });
    const src = await d
      .insertInto("book_source")
      .values({ proposal_id: book.portraits[0]!, title: "Bron", url: "https://example.nl/bron", position: 1 })
      .returning("id")
      .executeTakeFirstOrThrow();
    const comment = await d
      .insertInto("book_comment")
      .values({ proposal_id: book.portraits[0]!, author_id: member.id, body: "Mooi voorstel." })
      .returning("id")
      .executeTakeFirstOrThrow();
    const version = await d
      .insertInto("book_manuscript_version")
      .values({ proposal_id: book.portraits[0]!, version: 1, author_id: author.id, body: "Tekst.", word_count: 1 })
      .returning("id")
      .executeTakeFirstOrThrow();
    const grant = async (role: "organizer" | "jury" | "editor" | "admin") => {
      const u = await createUser();
      const row = await d
        .insertInto("role_grant")
        .values({
          user_id: u.id,
          role,
          award_id: role === "organizer" ? jury.awardId : null,
          edition_id: role === "jury" ? jury.editionId : null,
          book_project_id: role === "editor" ? book.projectId : null,
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      return row.id;
    };

    const A = { award: jury.awardId, project: null };
    const V = { award: vote.awardId, project: null };
    const P = { award: null, project: book.projectId };
    const NONE = { award: null, project: null };
    type Case = { id: string | null; after?: unknown; before?: unknown; expect: { award: string | null; project: string | null } };
    const cases: Record<keyof typeof ENTITY_SCOPES, Case[]> = {
      award: [{ id: jury.awardId, expect: A }],
      edition: [{ id: jury.editionId, expect: A }],
      category: [{ id: jury.categoryIds[0]!, expect: A }],
      round: [{ id: jury.juryRoundId, expect: A }],
      nominee: [{ id: nominee, expect: A }],
      nomination: [{ id: nomination.id, expect: A }],
      nomination_reference: [{ id: reference.id, expect: A }],
      criterion: [{ id: jury.criteria[0]!.id, expect: A }],
      prize: [{ id: prize.id, expect: A }],
      result_snapshot: [{ id: snapshot.id, expect: A }],
      jury_invite: [{ id: invite.id, expect: A }],
      jury_member: [{ id: null, after: { edition_id: jury.editionId, user_id: member.id }, expect: A }],
      ballot: [{ id: ballotId, expect: V }],
      book_project: [{ id: book.projectId, expect: P }],
      book_theme: [{ id: book.themes[0]!, expect: P }],
      book_proposal: [{ id: book.portraits[1]!, expect: P }],
      book_assignment: [{ id: book.portraits[0]!, expect: P }],
      book_source: [{ id: src.id, expect: P }],
      book_comment: [{ id: comment.id, expect: P }],
      book_manuscript_version: [{ id: version.id, expect: P }],
      book_author: [{ id: null, after: { project_id: book.projectId, user_id: author.id }, expect: P }],
      book_claim: [{ id: null, after: { projectId: book.projectId, rank: 1 }, expect: P }],
      role_grant: [
        { id: await grant("organizer"), expect: A },
        { id: await grant("jury"), expect: A },
        { id: await grant("editor"), expect: P },
        { id: await grant("admin"), expect: NONE },
      ],
      // Invitations are scoped by the award or project their entries carry (the trigger's JSON fallback).
      role_invitation: [
        { id: randomUUID(), after: { role: "organizer", award_id: jury.awardId, book_project_id: null }, expect: A },
        { id: randomUUID(), before: { role: "editor", award_id: null, book_project_id: book.projectId }, expect: P },
        { id: randomUUID(), after: { role: "admin", award_id: null, book_project_id: null }, expect: NONE },
      ],
      platform: [{ id: null, expect: NONE }],
      app_user: [{ id: member.id, expect: NONE }],
      user: [{ id: member.id, expect: NONE }],
      legal_settings: [{ id: null, expect: NONE }],
      // An erasure of a person everywhere: the platform's, even though it lists nominee ids of an award.
      person: [{ id: null, after: { reason: "own_request", nominees: [nominee] }, expect: NONE }],
      privacy_request: [{ id: randomUUID(), after: { kind: "access" }, expect: NONE }],
    };
    for (const [entityType, list] of Object.entries(cases)) {
      for (const c of list) {
        await writeAudit(d, { actorId: null }, { action: "test.scope", entityType, entityId: c.id, after: c.after, before: c.before });
        const row = await lastAudit();
        expect({ type: entityType, award: row.award_id, project: row.book_project_id }).toEqual({
          type: entityType,
          award: c.expect.award,
          project: c.expect.project,
        });
      }
    }
    // The map's kinds agree with what the trigger did.
    for (const [type, kind] of Object.entries(ENTITY_SCOPES)) {
      const sample = cases[type as keyof typeof ENTITY_SCOPES][0]!.expect;
      if (kind === "award") expect(sample.award, type).not.toBeNull();
      if (kind === "book_project") expect(sample.project, type).not.toBeNull();
      if (kind === "platform") expect(sample, type).toEqual(NONE);
    }
  });

  it("deleted entities are scoped from the row's before/after JSON; unknown ones stay unscoped", async () => {
    const e = await createEdition();
    const book = await createWritingProject({ portraits: 1 });
    const gone = randomUUID();
    await writeAudit(
      db(),
      { actorId: null },
      { action: "round.delete", entityType: "round", entityId: gone, before: { id: gone, edition_id: e.editionId } },
    );
    expect((await lastAudit()).award_id).toBe(e.awardId);
    await writeAudit(
      db(),
      { actorId: null },
      { action: "book.theme.delete", entityType: "book_theme", entityId: gone, before: { project_id: book.projectId } },
    );
    expect((await lastAudit()).book_project_id).toBe(book.projectId);
    await writeAudit(db(), { actorId: null }, { action: "x", entityType: "round", entityId: gone });
    expect(await lastAudit()).toMatchObject({ award_id: null, book_project_id: null });
    await writeAudit(db(), { actorId: null }, { action: "x", entityType: "round", entityId: "not-a-uuid", after: { edition_id: "nope" } });
    expect(await lastAudit()).toMatchObject({ award_id: null, book_project_id: null });
  });

  it("the migration backfills existing rows and leaves the log append-only", async () => {
    const adminUrl = inject("pgAdminUrl");
    const name = `lauwer_test_auditscope_${process.env.VITEST_POOL_ID ?? 0}`;
    await ensureDatabase(adminUrl, name);
    const url = new URL(adminUrl);
    url.pathname = `/${name}`;
    const { db: fresh } = createDb(url.toString(), 2);
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the schema before this migration
    const any = fresh as unknown as Kysely<any>;
    const migrator = new Migrator({ db: fresh, provider: { getMigrations: async () => migrations } });
    try {
      const before = await migrator.migrateTo("20261123180000_exports");
      expect(before.error).toBeUndefined();
      const award = await any
        .insertInto("award")
        .values({ slug: "a", name_nl: "A", name_en: "A" })
        .returning("id")
        .executeTakeFirstOrThrow();
      const edition = await any.insertInto("edition").values({ award_id: award.id, year: 2026 }).returning("id").executeTakeFirstOrThrow();
      const project = await any
        .insertInto("book_project")
        .values({ slug: "b", title_nl: "B", title_en: "B" })
        .returning("id")
        .executeTakeFirstOrThrow();
      const theme = await any
        .insertInto("book_theme")
        .values({ project_id: project.id, slug: "t", name_nl: "T", name_en: "T" })
        .returning("id")
        .executeTakeFirstOrThrow();
      const rows = [
        { action: "edition.update", entity_type: "edition", entity_id: edition.id },
        { action: "book.theme.add", entity_type: "book_theme", entity_id: theme.id },
        { action: "round.delete", entity_type: "round", entity_id: randomUUID(), before: JSON.stringify({ edition_id: edition.id }) },
        { action: "seed.demo", entity_type: "platform", entity_id: null },
      ];
      for (const r of rows) await any.insertInto("audit_log").values(r).execute();
      const after = await migrator.migrateTo("20261123181000_audit_scope");
      expect(after.error).toBeUndefined();
      const scoped = await any.selectFrom("audit_log").select(["action", "award_id", "book_project_id"]).orderBy("id").execute();
      expect(scoped).toEqual([
        { action: "edition.update", award_id: award.id, book_project_id: null },
        { action: "book.theme.add", award_id: null, book_project_id: project.id },
        { action: "round.delete", award_id: award.id, book_project_id: null },
        { action: "seed.demo", award_id: null, book_project_id: null },
      ]);
      await expect(sql`update audit_log set award_id = null`.execute(any)).rejects.toThrow(/append-only/);
      await expect(sql`delete from audit_log`.execute(any)).rejects.toThrow(/append-only/);
      // Down removes the columns again; up re-applies cleanly.
      expect((await migrator.migrateDown()).error).toBeUndefined();
      const cols = await sql<{ column_name: string }>`select column_name from information_schema.columns
        where table_name = 'audit_log' and column_name in ('award_id', 'book_project_id')`.execute(any);
      expect(cols.rows).toEqual([]);
      expect((await migrator.migrateTo("20261123181000_audit_scope")).error).toBeUndefined();
    } finally {
      await fresh.destroy();
    }
  });
});

// ── The viewer pages and their exports ───────────────────────────────────────────────────────────

describe("audit log pages: who may read what", () => {
  it("admin page and export: admins only; visitors log in first", async () => {
    const a = await admin();
    const e = await createEdition();
    const org = await withRole("organizer", { awardId: e.awardId });
    expect((await get("/beheer/audit", a.cookie)).status).toBe(200);
    expect((await get("/beheer/audit", org.cookie)).status).toBe(403);
    const visitor = await get("/beheer/audit");
    expect(visitor.status).toBe(302);
    expect(visitor.headers.get("location")).toMatch(/^\/inloggen\?redirectTo=/);
    for (const format of ["csv", "xlsx", "json"]) {
      const res = await get(`/beheer/audit/auditlog.${format}`, a.cookie);
      expect(res.status, format).toBe(200);
      await res.arrayBuffer();
      expect((await get(`/beheer/audit/auditlog.${format}`, org.cookie)).status).toBe(403);
      expect((await get(`/beheer/audit/auditlog.${format}`)).status).toBe(302);
    }
    expect((await get("/beheer/audit/auditlog.pdf", a.cookie)).status).toBe(404);
    expect((await get("/beheer/audit/stemmen.csv", a.cookie)).status).toBe(404);
  });

  it("award page and export: organizers of that award only", async () => {
    const e = await createEdition();
    const other = await createEdition();
    const org = await withRole("organizer", { awardId: e.awardId });
    const otherOrg = await withRole("organizer", { awardId: other.awardId });
    const book = await createWritingProject({ portraits: 1 });
    const a = await admin();
    const base = `/beheer/prijzen/${e.slug}/auditlog`;
    expect((await get(base, org.cookie)).status).toBe(200);
    expect((await get(base, otherOrg.cookie)).status).toBe(403);
    expect((await get(base, book.editor.cookie)).status).toBe(403);
    expect((await get(base, a.cookie)).status).toBe(403); // admins read everything at /beheer/audit
    expect((await get(base)).status).toBe(302);
    expect((await get("/beheer/prijzen/bestaat-niet/auditlog", org.cookie)).status).toBe(404);
    for (const format of ["csv", "xlsx", "json"]) {
      const res = await get(`${base}/auditlog.${format}`, org.cookie);
      expect(res.status).toBe(200);
      await res.arrayBuffer();
      expect((await get(`${base}/auditlog.${format}`, otherOrg.cookie)).status).toBe(403);
      expect((await get(`${base}/auditlog.${format}`)).status).toBe(302);
    }
    expect((await get(`${base}/auditlog.txt`, org.cookie)).status).toBe(404);
  });

  it("project page and export: editors of that project only", async () => {
    const book = await createWritingProject({ portraits: 1 });
    const other = await createWritingProject({ portraits: 1 });
    const e = await createEdition();
    const org = await withRole("organizer", { awardId: e.awardId });
    const base = `${book.admin}/auditlog`;
    expect((await get(base, book.editor.cookie)).status).toBe(200);
    expect((await get(base, other.editor.cookie)).status).toBe(403);
    expect((await get(base, book.member.cookie)).status).toBe(403);
    expect((await get(base, org.cookie)).status).toBe(403);
    expect((await get(base)).status).toBe(302);
    for (const format of ["csv", "xlsx", "json"]) {
      const res = await get(`${base}/auditlog.${format}`, book.editor.cookie);
      expect(res.status).toBe(200);
      await res.arrayBuffer();
      expect((await get(`${base}/auditlog.${format}`, other.editor.cookie)).status).toBe(403);
      expect((await get(`${base}/auditlog.${format}`)).status).toBe(302);
    }
  });

  it("an organizer of award A sees nothing of award B, on the page or in any export", async () => {
    const a = await createEdition();
    const b = await createEdition();
    const orgA = await withRole("organizer", { awardId: a.awardId });
    const markerA = `marker-a-${randomUUID()}`;
    const markerB = `marker-b-${randomUUID()}`;
    await writeAudit(
      db(),
      { actorId: orgA.id },
      { action: "edition.update", entityType: "edition", entityId: a.editionId, after: { theme: markerA } },
    );
    await writeAudit(
      db(),
      { actorId: null },
      { action: "edition.update", entityType: "edition", entityId: b.editionId, after: { theme: markerB } },
    );
    const page = await (await get(`/beheer/prijzen/${a.slug}/auditlog`, orgA.cookie)).text();
    expect(page).toContain(markerA);
    expect(page).not.toContain(markerB);
    expect(page).not.toContain(b.editionId);
    for (const format of ["csv", "json", "xlsx"]) {
      const res = await get(`/beheer/prijzen/${a.slug}/auditlog/auditlog.${format}`, orgA.cookie);
      const body = await bytes(res);
      const text = format === "xlsx" ? await xlsxText(body) : body.toString("utf8");
      expect(text, format).toContain(markerA);
      expect(text, format).not.toContain(markerB);
      expect(text, format).not.toContain(b.editionId);
      // Organizers never get e-mail addresses or IP addresses of actors.
      expect(text, format).not.toContain(orgA.email);
    }
    // Editors likewise see only their project.
    const p1 = await createWritingProject({ portraits: 1 });
    const p2 = await createWritingProject({ portraits: 1 });
    await writeAudit(
      db(),
      { actorId: null },
      { action: "book.settings", entityType: "book_project", entityId: p2.projectId, after: { title: markerB } },
    );
    const editorPage = await (await get(`${p1.admin}/auditlog`, p1.editor.cookie)).text();
    expect(editorPage).not.toContain(markerB);
  });
});

async function xlsxText(buf: Buffer): Promise<string> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buf as unknown as ArrayBuffer);
  const out: string[] = [];
  wb.worksheets[0]!.eachRow((row) => {
    row.eachCell((cell) => out.push(cellValue(cell.value)));
  });
  return out.join("\n");
}

function cellValue(v: ExcelJS.CellValue): string {
  if (v === null || v === undefined) return "";
  if (typeof v === "object" && "richText" in v) return v.richText.map((r) => r.text).join("");
  return String(v);
}

async function xlsxRecords(buf: Buffer): Promise<Record<string, unknown>[]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buf as unknown as ArrayBuffer);
  const sheet = wb.worksheets[0]!;
  const headers: string[] = [];
  sheet.getRow(1).eachCell((c, i) => (headers[i] = cellValue(c.value)));
  const records: Record<string, unknown>[] = [];
  sheet.eachRow((row, n) => {
    if (n === 1) return;
    const rec: Record<string, unknown> = {};
    headers.forEach((h, i) => {
      if (!h) return;
      const v = row.getCell(i).value;
      rec[h] = v === null || v === undefined ? null : typeof v === "object" && "richText" in v ? cellValue(v) : v;
    });
    records.push(rec);
  });
  return records;
}

describe("audit log filters", () => {
  async function fixture() {
    const e = await createEdition();
    const org = await withRole("organizer", { awardId: e.awardId }, "Olga Organisator");
    const colleague = await withRole("organizer", { awardId: e.awardId }, "Karel Collega");
    const d = db();
    const insert = (values: { at: string; actor: string | null; action: string; type: string; id: string }) =>
      d
        .insertInto("audit_log")
        .values({ at: new Date(values.at), actor_id: values.actor, action: values.action, entity_type: values.type, entity_id: values.id })
        .execute();
    // 2026-03-01 23:30 UTC is 2026-03-02 00:30 in Amsterdam (CET, +01:00).
    await insert({ at: "2026-03-01T22:30:00Z", actor: org.id, action: "round.create", type: "edition", id: e.editionId });
    await insert({ at: "2026-03-01T23:30:00Z", actor: colleague.id, action: "round.publish", type: "edition", id: e.editionId });
    await insert({ at: "2026-03-02T12:00:00Z", actor: org.id, action: "category.create", type: "category", id: e.categoryIds[0]! });
    await insert({ at: "2026-03-03T12:00:00Z", actor: null, action: "roundabout", type: "award", id: e.awardId });
    return { e, org, colleague, base: `/beheer/prijzen/${e.slug}/auditlog` };
  }

  async function actions(base: string, query: string, cookie: string): Promise<string[]> {
    const res = await get(`${base}/auditlog.json${query}`, cookie);
    expect(res.status).toBe(200);
    const rows = (await res.json()) as Array<{ action: string }>;
    return rows.map((r) => r.action).filter((a) => a !== "export");
  }

  it("each filter narrows the rows, on the page and in the export", async () => {
    const { e, org, base } = await fixture();
    const c = org.cookie;
    expect(await actions(base, "", c)).toEqual(["roundabout", "category.create", "round.publish", "round.create"]);
    expect(await actions(base, "?wie=olga", c)).toEqual(["category.create", "round.create"]);
    expect(await actions(base, `?wie=${encodeURIComponent(org.email.slice(0, 12))}`, c)).toEqual(["category.create", "round.create"]);
    expect(await actions(base, "?wie=%25", c)).toEqual([]); // a literal %, not a wildcard
    // "round" matches round.* but not "roundabout"; a full action matches exactly.
    expect(await actions(base, "?actie=round", c)).toEqual(["round.publish", "round.create"]);
    expect(await actions(base, "?actie=round.publish", c)).toEqual(["round.publish"]);
    expect(await actions(base, "?soort=category", c)).toEqual(["category.create"]);
    expect(await actions(base, `?onderwerp=${e.awardId}`, c)).toEqual(["roundabout"]);
    // Amsterdam calendar days.
    expect(await actions(base, "?van=2026-03-02", c)).toEqual(["roundabout", "category.create", "round.publish"]);
    expect(await actions(base, "?tot=2026-03-01", c)).toEqual(["round.create"]);
    expect(await actions(base, "?van=2026-03-02&tot=2026-03-02", c)).toEqual(["category.create", "round.publish"]);
    expect(await actions(base, "?wie=olga&actie=round&van=2026-03-01&tot=2026-03-01", c)).toEqual(["round.create"]);

    const page = await get(`${base}?actie=round.publish`, c);
    expect(page.status).toBe(200);
    const html = await page.text();
    const table = html.slice(html.indexOf("<table"), html.indexOf("</table>"));
    expect(table).toContain("Karel Collega");
    expect(table).not.toContain("Olga Organisator");
    expect(html).toContain("1 regel gevonden.");
    // "export" is always on offer as an action.
    expect(html).toMatch(/<option[^>]*value="export"/);
  });

  it("invalid filters get a translated 400, on the page and for the export", async () => {
    const { org, base } = await fixture();
    for (const q of [
      "?van=2026-02-30",
      "?tot=gisteren",
      "?actie=DROP%20TABLE",
      "?soort=a-b",
      `?onderwerp=${"x".repeat(101)}`,
      "?van=2026-03-02&tot=2026-03-01",
    ]) {
      const page = await get(`${base}${q}`, org.cookie);
      expect(page.status, q).toBe(400);
      expect(await page.text(), q).toContain("De filters kloppen niet");
      const file = await get(`${base}/auditlog.csv${q}`, org.cookie);
      expect(file.status, q).toBe(400);
      expect(await file.text(), q).toContain("De filters kloppen niet");
    }
    // A page number out of range is just an empty page, not an error.
    expect((await get(`${base}?pagina=999`, org.cookie)).status).toBe(200);
    expect((await get(`${base}?pagina=-1`, org.cookie)).status).toBe(200);
  });

  it("shows 50 rows a page, newest first", async () => {
    const e = await createEdition();
    const org = await withRole("organizer", { awardId: e.awardId });
    await sql`insert into audit_log (at, action, entity_type, entity_id)
      select now() - make_interval(secs => 120 - g), 'page.test', 'award', ${e.awardId} from generate_series(1, 120) g`.execute(db());
    const ids = await db().selectFrom("audit_log").select("id").where("award_id", "=", e.awardId).orderBy("id", "desc").execute();
    const idsOn = async (p: number) => {
      const html = await (await get(`/beheer/prijzen/${e.slug}/auditlog?pagina=${p}`, org.cookie)).text();
      return [...html.matchAll(/data-audit-id="(\d+)"/g)].map((m) => m[1]);
    };
    expect(await idsOn(1)).toEqual(ids.slice(0, 50).map((r) => String(r.id)));
    expect(await idsOn(3)).toEqual(ids.slice(100).map((r) => String(r.id)));
  });
});

describe("audit log exports", () => {
  it("are audited (dataset auditlog with the filters) and show up in the viewer", async () => {
    const book = await createWritingProject({ portraits: 1 });
    const res = await get(`${book.admin}/auditlog/auditlog.csv?actie=book&van=2026-01-01`, book.editor.cookie);
    expect(res.status).toBe(200);
    await res.arrayBuffer();
    const row = await lastAudit();
    expect(row).toMatchObject({
      actor_id: book.editor.id,
      action: "export",
      entity_type: "book_project",
      entity_id: book.projectId,
      book_project_id: book.projectId,
    });
    expect(row.after).toEqual({ dataset: "auditlog", format: "csv", filters: { action: "book", from: "2026-01-01" } });
    const page = await (await get(`${book.admin}/auditlog?actie=export`, book.editor.cookie)).text();
    expect(page).toContain(`data-audit-id="${row.id}"`);
    const a = await admin();
    await (await get("/beheer/audit/auditlog.json", a.cookie)).arrayBuffer();
    expect(await lastAudit()).toMatchObject({
      action: "export",
      entity_type: "platform",
      entity_id: null,
      award_id: null,
      book_project_id: null,
    });
  });

  it("CSV and XLSX hold the same rows as JSON, as many as the log has (drift 0); naughty values are neutralised", async () => {
    const e = await createEdition();
    const org = await withRole("organizer", { awardId: e.awardId }, '=HYPERLINK("https://evil.example","x")');
    for (const theme of ["=1+2", "+SUM(A1)", "-3", "@cmd", "gewoon & <b>"]) {
      await writeAudit(
        db(),
        { actorId: org.id },
        { action: "edition.update", entityType: "edition", entityId: e.editionId, after: { theme } },
      );
    }
    const base = `/beheer/prijzen/${e.slug}/auditlog`;
    const json = (await (await get(`${base}/auditlog.json`, org.cookie)).json()) as Record<string, unknown>[];
    const csv = parse(await bytes(await get(`${base}/auditlog.csv`, org.cookie)), { bom: true, columns: true }) as Record<string, string>[];
    const xlsx = await xlsxRecords(await bytes(await get(`${base}/auditlog.xlsx`, org.cookie)));
    // Each download adds its own audit row before streaming: JSON saw 5+1, CSV 5+2, XLSX 5+3.
    const inDb = await db()
      .selectFrom("audit_log")
      .select(sql<number>`count(*)::int`.as("n"))
      .where("award_id", "=", e.awardId)
      .executeTakeFirstOrThrow();
    expect(inDb.n).toBe(8);
    expect(json).toHaveLength(6);
    expect(csv).toHaveLength(7);
    expect(xlsx).toHaveLength(8);
    const keys = Object.keys(json[0]!);
    expect(keys).toEqual(["id", "at", "actor", "action", "entityType", "entityId", "changes", "before", "after"]);
    const headers = Object.keys(csv[0]!);
    expect(headers).toEqual([
      "Nummer",
      "Tijdstip",
      "Wie",
      "Handeling",
      "Soort onderwerp",
      "Id van het onderwerp",
      "Gewijzigde velden",
      "Voor (JSON)",
      "Na (JSON)",
    ]);
    const neutral = (v: unknown) => (typeof v === "string" && /^[=+\-@\t\r]/.test(v) ? `'${v}` : v);
    // Compare the rows all three have (the oldest six, i.e. the last six of newest-first).
    const tail = <T>(list: T[]) => list.slice(list.length - 6);
    tail(csv).forEach((r, i) => {
      const j = tail(json)[i]!;
      // CSV neutralises after every separator too (ADR 0019).
      headers.forEach((h, k) => {
        const v = j[keys[k]!];
        expect(r[h], h).toBe(v === null ? "" : typeof v === "string" ? neutraliseCsv(v) : String(v));
      });
    });
    tail(xlsx).forEach((r, i) => {
      const j = tail(json)[i]!;
      headers.forEach((h, k) => expect(r[h] ?? null, h).toEqual(neutral(j[keys[k]!])));
    });
    expect(csv.some((r) => r.Wie === `'=HYPERLINK("https://evil.example","x")`)).toBe(true);
    expect(csv.every((r) => Object.values(r).every((v) => !/^[=+\-@\t\r]/.test(v)))).toBe(true);
    expect(xlsx.every((r) => Object.values(r).every((v) => typeof v !== "string" || !/^[=+\-@\t\r]/.test(v)))).toBe(true);
  });
});
