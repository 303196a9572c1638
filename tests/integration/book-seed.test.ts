import { sql } from "kysely";
import { describe, expect, inject, it } from "vitest";
import { countWords } from "../../app/modules/book/words";
import { projectProgress } from "../../app/modules/book/project.server";
import { createDb } from "../../db/connection";
import { ensureDatabase } from "../../db/database";
import { migrateToLatest } from "../../db/migrate";
import { DEMO_PROJECT, seed } from "../../seed/seed";

// The demo portrait book: the whole app seed on a fresh database, then the shape a visitor, an editor
// and an author see — and the rules the database enforces hold for the seeded rows too.

describe("demo seed: portrait book", () => {
  it("has a book project with ~150 proposals, ~100 selected, ~30 authors and portraits in every status", async () => {
    const name = `lauwer_test_book_seed_${process.env.VITEST_POOL_ID ?? 0}`;
    await ensureDatabase(inject("pgAdminUrl"), name);
    const url = new URL(inject("pgAdminUrl"));
    url.pathname = `/${name}`;
    const { db } = createDb(url.toString(), 2);
    try {
      await migrateToLatest(db);
      if ((await db.selectFrom("app_user").select("id").limit(1).execute()).length === 0) await seed(db, 2026);
      const project = await db.selectFrom("book_project").selectAll().where("slug", "=", DEMO_PROJECT.slug).executeTakeFirstOrThrow();
      const pid = project.id;

      // Settings: target, period, lengths, deadlines in the future in the right order.
      expect(project).toMatchObject({ target_count: 100, period_from: 1814, period_to: 2014, words_min: 600, words_max: 900 });
      expect(project.description_nl).toContain("1814");
      expect(project.description_en).toContain("1814");
      const deadlines = [project.proposals_close_at, project.claims_close_at, project.drafts_due_at, project.final_due_at];
      expect(deadlines.every((d) => d !== null && d.getTime() > Date.now())).toBe(true);
      expect(deadlines.map((d) => d!.getTime())).toEqual([...deadlines.map((d) => d!.getTime())].sort((a, b) => a - b));
      const themes = await db.selectFrom("book_theme").select(["id", "slug"]).where("project_id", "=", pid).execute();
      expect(themes.length).toBeGreaterThanOrEqual(10);

      // Proposals per status.
      const byStatus = Object.fromEntries(
        (
          await db
            .selectFrom("book_proposal")
            .select(["status", db.fn.countAll<string>().as("n")])
            .where("project_id", "=", pid)
            .groupBy("status")
            .execute()
        ).map((r) => [r.status, Number(r.n)]),
      ) as Record<string, number>;
      const total = Object.values(byStatus).reduce((s, n) => s + n, 0);
      expect(total).toBeGreaterThanOrEqual(140);
      expect(total).toBeLessThanOrEqual(160);
      expect(byStatus.selected).toBeGreaterThanOrEqual(95);
      expect(byStatus.selected).toBeLessThanOrEqual(project.target_count);
      expect(byStatus.shortlisted).toBeGreaterThanOrEqual(15);
      expect(byStatus.proposed).toBeGreaterThanOrEqual(15);
      expect(byStatus.rejected).toBeGreaterThanOrEqual(4);
      expect(byStatus.merged).toBeGreaterThanOrEqual(2);

      // Spread: every theme used, selected portraits in every quarter century of the period.
      const perTheme = await sql<{ n: number }>`
        select count(p.id)::int as n from book_theme t left join book_proposal p on p.theme_id = t.id
        where t.project_id = ${pid} group by t.id`.execute(db);
      expect(perTheme.rows.every((r) => r.n >= 5)).toBe(true);
      const quarters = await sql<{ q: number }>`
        select distinct ((service_from + service_to) / 2 - 1814) / 25 as q from book_proposal
        where project_id = ${pid} and status = 'selected'`.execute(db);
      expect(quarters.rows.length).toBe(8);

      // Every proposal has 1–3 https sources and a motivation the form would accept.
      const sources = await sql<{ n: number; bad: number }>`
        select count(s.id)::int as n, count(*) filter (where s.url !~ '^https://')::int as bad
        from book_proposal p left join book_source s on s.proposal_id = p.id where p.project_id = ${pid} group by p.id`.execute(db);
      expect(sources.rows.every((r) => r.n >= 1 && r.n <= 3 && r.bad === 0)).toBe(true);
      const motivations = await db.selectFrom("book_proposal").select("motivation").where("project_id", "=", pid).execute();
      expect(motivations.every((m) => m.motivation.length >= 150 && m.motivation.length <= 600)).toBe(true);

      // Rejected ones have a reason; merged ones point at a selected or shortlisted survivor with a near-identical name.
      const merged = await sql<{ status: string; similarity: number; endorsements: number }>`
        select s.status, similarity(lauwer_fold(m.name), lauwer_fold(s.name)) as similarity,
          (select count(*)::int from book_endorsement e where e.proposal_id = m.id) as endorsements
        from book_proposal m join book_proposal s on s.id = m.merged_into_id
        where m.project_id = ${pid} and m.status = 'merged'`.execute(db);
      expect(merged.rows).toHaveLength(byStatus.merged!);
      for (const m of merged.rows) {
        expect(["selected", "shortlisted"]).toContain(m.status);
        expect(m.similarity).toBeGreaterThan(0.5);
        expect(m.endorsements).toBe(0);
      }
      // Accent-insensitive search finds the accented name when typed without accents.
      const search = await sql<{ name: string }>`
        select name from book_proposal where project_id = ${pid} and lauwer_fold(name) % lauwer_fold(${"Helene Bonnekamp"})`.execute(db);
      expect(search.rows.map((r) => r.name)).toEqual(expect.arrayContaining(["Hélène Bönnekamp", "Helene Bonnekamp"]));

      // Endorsements: what the project page counts equals the rows; per proposal at most 40, selected ones more on average.
      const endorsementRows = await sql<{ n: number }>`
        select count(*)::int as n from book_endorsement e join book_proposal p on p.id = e.proposal_id where p.project_id = ${pid}`.execute(
        db,
      );
      const progress = await projectProgress(db, pid);
      expect(progress.endorsements).toBe(endorsementRows.rows[0]!.n);
      expect(progress.selected).toBe(byStatus.selected);
      const perProposal = await sql<{ status: string; max: number; avg: number }>`
        select p.status, max(coalesce(e.n, 0))::int as max, avg(coalesce(e.n, 0))::float as avg from book_proposal p
        left join (select proposal_id, count(*) as n from book_endorsement group by proposal_id) e on e.proposal_id = p.id
        where p.project_id = ${pid} group by p.status`.execute(db);
      const stat = Object.fromEntries(perProposal.rows.map((r) => [r.status, r]));
      expect(Math.max(...perProposal.rows.map((r) => r.max))).toBeLessThanOrEqual(40);
      expect(stat.selected!.avg).toBeGreaterThan(stat.proposed!.avg);
      const ownEndorsements = await sql<{ n: number }>`
        select count(*)::int as n from book_endorsement e join book_proposal p on p.id = e.proposal_id
        where p.project_id = ${pid} and e.user_id = p.proposer_id`.execute(db);
      expect(ownEndorsements.rows[0]!.n).toBe(0);
      const comments = await sql<{ n: number }>`
        select count(*)::int as n from book_comment c join book_proposal p on p.id = c.proposal_id where p.project_id = ${pid}`.execute(db);
      expect(comments.rows[0]!.n).toBeGreaterThan(10);

      // Authors and their load.
      const authors = await sql<{ capacity: number; assigned: number }>`
        select a.capacity, (select count(*)::int from book_assignment s where s.project_id = a.project_id and s.user_id = a.user_id) as assigned
        from book_author a where a.project_id = ${pid}`.execute(db);
      expect(authors.rows.length).toBeGreaterThanOrEqual(25);
      expect(authors.rows.every((a) => a.capacity >= 1 && a.capacity <= 3 && a.assigned <= a.capacity)).toBe(true);
      const room = authors.rows.reduce((s, a) => s + a.capacity - a.assigned, 0);
      expect(room).toBeGreaterThanOrEqual(5);

      // Assignments: only selected proposals, every manuscript status, published ones final.
      const assignments = await db
        .selectFrom("book_assignment as a")
        .innerJoin("book_proposal as p", "p.id", "a.proposal_id")
        .select(["a.proposal_id", "a.status", "a.published_at", "a.due_at", "p.status as proposalStatus"])
        .where("a.project_id", "=", pid)
        .execute();
      expect(assignments.length).toBeGreaterThanOrEqual(70);
      expect(assignments.length).toBeLessThanOrEqual(byStatus.selected! - 10);
      expect(assignments.every((a) => a.proposalStatus === "selected")).toBe(true);
      const statusCount = (s: string) => assignments.filter((a) => a.status === s).length;
      for (const s of ["assigned", "submitted", "in_edit", "returned", "final"]) expect(statusCount(s)).toBeGreaterThanOrEqual(5);
      const published = assignments.filter((a) => a.published_at !== null);
      expect(published.length).toBeGreaterThanOrEqual(8);
      expect(published.every((a) => a.status === "final" && a.published_at!.getTime() <= Date.now())).toBe(true);
      const overdue = assignments.filter((a) => ["assigned", "returned"].includes(a.status) && a.due_at && a.due_at.getTime() < Date.now());
      expect(overdue.length).toBeGreaterThanOrEqual(3);

      // Claims: only on selected proposals, ranks 1–3; every portrait without an author has at least one.
      const claims = await db
        .selectFrom("book_claim as c")
        .innerJoin("book_proposal as p", "p.id", "c.proposal_id")
        .select(["c.proposal_id", "c.rank", "p.status"])
        .where("c.project_id", "=", pid)
        .execute();
      expect(claims.every((c) => c.status === "selected" && c.rank >= 1 && c.rank <= 3)).toBe(true);
      const assignedIds = new Set(assignments.map((a) => a.proposal_id));
      const open = await db
        .selectFrom("book_proposal")
        .select("id")
        .where("project_id", "=", pid)
        .where("status", "=", "selected")
        .execute();
      const waiting = open.filter((p) => !assignedIds.has(p.id));
      expect(waiting.length).toBeGreaterThanOrEqual(15);
      const claimedIds = new Set(claims.map((c) => c.proposal_id));
      expect(waiting.every((p) => claimedIds.has(p.id))).toBe(true);

      // Manuscripts: assigned ones have no version, others do; stored word counts are countWords of the
      // body; the latest version of a submitted or final portrait is within 600–900 words; a returned
      // portrait has the editor's comment on its latest version.
      const versions = await db
        .selectFrom("book_manuscript_version as v")
        .innerJoin("book_assignment as a", "a.proposal_id", "v.proposal_id")
        .select(["v.id", "v.proposal_id", "v.version", "v.body", "v.word_count", "v.submitted", "a.status"])
        .where("a.project_id", "=", pid)
        .orderBy("v.version")
        .execute();
      const latest = new Map<string, (typeof versions)[number]>();
      for (const v of versions) {
        expect(v.word_count).toBe(countWords(v.body));
        latest.set(v.proposal_id, v);
      }
      for (const a of assignments) {
        const last = latest.get(a.proposal_id);
        if (a.status === "assigned") expect(last).toBeUndefined();
        else {
          expect(last?.submitted).toBe(true);
          if (a.status !== "returned") expect(last!.word_count).toBeGreaterThanOrEqual(600);
          expect(last!.word_count).toBeLessThanOrEqual(900);
        }
      }
      const multi = [...latest.values()].filter((v) => v.version > 1);
      expect(multi.length).toBeGreaterThanOrEqual(10);
      const versionComments = await db
        .selectFrom("book_manuscript_comment as c")
        .innerJoin("app_user as u", "u.id", "c.author_id")
        .select(["c.version_id", "u.email"])
        .execute();
      expect(versionComments.every((c) => c.email === "redacteur@lauwer.test")).toBe(true);
      const commented = new Set(versionComments.map((c) => c.version_id));
      const returned = assignments.filter((a) => a.status === "returned");
      expect(returned.every((a) => commented.has(latest.get(a.proposal_id)!.id))).toBe(true);
    } finally {
      await db.destroy();
    }
  }, 900_000);
});
