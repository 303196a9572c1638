import { sql } from "kysely";
import { getDb } from "~/db.server";
import { createUser } from "./factories";
import { createVoteRound, sessionFor, type VoteRoundOptions } from "./voting";

export interface JuryOptions {
  categories?: number;
  candidatesPerCategory?: number;
  visibility?: "never" | "after_own" | "after_close";
  blind?: boolean;
  aggregation?: "mean" | "median";
  normalize?: boolean;
  /** Seconds from now; the round is opened after its criteria are added. */
  closesIn?: number;
  open?: boolean;
  /** The shortlist: the top K per category advance when the round closes (default: nobody advances). */
  advanceK?: number;
  tieBreak?: "include_all" | "organizer";
  /** Options for the edition's vote round (position 1); by default it opens tomorrow. */
  vote?: VoteRoundOptions;
}

/** An edition with candidates and an open jury round with two criteria (weights 2 and 1; scales 1–10 and 0–5, comment below 3). */
export async function createJuryRound(opts: JuryOptions = {}) {
  const db = getDb();
  // Candidates and categories come from the voting factory (its vote round stays unused at position 1).
  const base = await createVoteRound({
    categories: opts.categories ?? 2,
    candidatesPerCategory: opts.candidatesPerCategory ?? 3,
    opensIn: 86_400,
    closesIn: 90_000,
    ...opts.vote,
  });
  const round = await db
    .insertInto("round")
    .values({
      edition_id: base.editionId,
      position: 2,
      kind: "jury",
      name_nl: "Jurering",
      name_en: "Judging",
      opens_at: null, // not opened until the criteria are in (see openJuryRound)
      closes_at: sql<Date>`now() + make_interval(secs => ${opts.closesIn ?? 7200})`,
      source: "all",
      advancement: opts.advanceK ? "top_k" : "none",
      advance_k: opts.advanceK ?? null,
      tie_break: opts.tieBreak ?? "include_all",
      jury_visibility: opts.visibility ?? "after_close",
      blind: opts.blind ?? false,
      aggregation: opts.aggregation ?? "mean",
      normalize: opts.normalize ?? false,
      min_scores: 2,
    })
    .returning(["id", "position"])
    .executeTakeFirstOrThrow();
  const criteria = [];
  for (const [i, c] of [
    { name: "Impact", weight: 2, min: 1, max: 10, below: 3 },
    { name: "Samenwerking", weight: 1, min: 0, max: 5, below: null },
  ].entries()) {
    criteria.push(
      await db
        .insertInto("criterion")
        .values({
          round_id: round.id,
          position: i + 1,
          name_nl: c.name,
          name_en: c.name,
          weight: c.weight,
          scale_min: c.min,
          scale_max: c.max,
          comment_below: c.below,
        })
        .returning(["id", "scale_min", "scale_max"])
        .executeTakeFirstOrThrow(),
    );
  }
  if (opts.open ?? true) await openJuryRound(round.id);
  const org = await createUser();
  await db
    .insertInto("role_grant")
    .values({ user_id: org.id, role: "organizer", award_id: base.awardId, edition_id: null, book_project_id: null })
    .execute();
  return {
    ...base,
    juryRoundId: round.id,
    juryPosition: round.position,
    criteria,
    juryBase: `/jury/${base.slug}/2026/${round.position}`,
    juryAdmin: `/beheer/prijzen/${base.slug}/2026/jury/${round.position}`,
    organizer: { user: org, cookie: await sessionFor(org.id) },
  };
}
export type JuryFixture = Awaited<ReturnType<typeof createJuryRound>>;

/** Opens a jury round that has not opened yet (allowed: the lock starts at opening). */
export async function openJuryRound(roundId: string) {
  await getDb()
    .updateTable("round")
    .set({ opens_at: sql<Date>`now() - interval '1 second'` })
    .where("id", "=", roundId)
    .execute();
}

/** A juror of the fixture's edition (optionally for some categories), with a session cookie. */
export async function addJuror(f: { editionId: string }, categoryIds: string[] = []) {
  const u = await createUser();
  await getDb().insertInto("jury_member").values({ edition_id: f.editionId, user_id: u.id, category_ids: categoryIds }).execute();
  await getDb()
    .insertInto("role_grant")
    .values({ user_id: u.id, role: "jury", award_id: null, edition_id: f.editionId, book_project_id: null })
    .execute();
  return { user: u, cookie: await sessionFor(u.id) };
}
