import { createHash } from "node:crypto";
import { sql } from "kysely";
import { describe, expect, inject, it } from "vitest";
import { createDb } from "../../db/connection";
import { ensureDatabase } from "../../db/database";
import { migrateToLatest } from "../../db/migrate";
import { seed } from "../../seed/seed";

describe("demo seed", () => {
  it("fills a fresh database: current editions open for voting and judging, last year's published with a valid hash", async () => {
    const name = `lauwer_test_seed_${process.env.VITEST_POOL_ID ?? 0}`;
    await ensureDatabase(inject("pgAdminUrl"), name);
    const url = new URL(inject("pgAdminUrl"));
    url.pathname = `/${name}`;
    const { db } = createDb(url.toString(), 2);
    try {
      await migrateToLatest(db);
      if ((await db.selectFrom("app_user").select("id").limit(1).execute()).length === 0) await seed(db, 2026);
      const snapshots = await db
        .selectFrom("result_snapshot as s")
        .innerJoin("edition as e", "e.id", "s.edition_id")
        .select(["e.year", "s.body", "s.sha256"])
        .execute();
      expect(snapshots).toHaveLength(4);
      for (const s of snapshots) {
        expect(s.year).toBe(2025);
        expect(createHash("sha256").update(s.body, "utf8").digest("hex")).toBe(s.sha256);
      }
      const top100 = JSON.parse(snapshots.find((s) => s.body.includes('"top100"'))!.body) as {
        prizes: Array<{ kind: string; rankings: Array<{ ranking: Array<{ place: number; votes: number }> }> }>;
      };
      const list = top100.prizes.find((p) => p.kind === "top100")!.rankings[0]!.ranking;
      expect(list.length).toBeGreaterThanOrEqual(90);
      expect(list.every((e) => e.place <= 100 && e.votes > 0)).toBe(true);
      // This year's Jonge Ambtenaar public vote is open with ballots; the Overheidsmanager interviews have 8 candidates to judge.
      const open = await sql<{ n: number }>`
        select count(*)::int as n from ballot b join round r on r.id = b.round_id join edition e on e.id = r.edition_id
        where e.year = 2026 and r.kind = 'public_vote' and r.opens_at <= now() and r.closes_at > now()`.execute(db);
      expect(open.rows[0]!.n).toBeGreaterThan(10);
      const shortlist = await sql<{ n: number }>`
        select count(*)::int as n from round_advancement a join round r on r.id = a.round_id join edition e on e.id = r.edition_id
        join award w on w.id = e.award_id where w.slug = 'overheidsmanager' and e.year = 2026 and r.position = 1`.execute(db);
      expect(shortlist.rows[0]!.n).toBe(8);
    } finally {
      await db.destroy();
    }
  }, 900_000);
});
