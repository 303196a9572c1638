import { randomBytes, randomUUID } from "node:crypto";
import { sql } from "kysely";
import type { BallotMode, Eligibility, TieBreak } from "../../db/types";
import { getDb } from "~/db.server";
import { createEdition } from "./factories";

export interface VoteRoundOptions {
  kind?: "public_vote" | "live_vote";
  mode?: BallotMode;
  max?: number;
  allowChange?: boolean;
  showLiveTotals?: boolean;
  eligibility?: Eligibility;
  domains?: string[];
  /** Identity provider slugs of a 'providers' round. */
  providers?: string[];
  /** With providers: only identities with one of these organisation claims. */
  organisations?: string[];
  tieBreak?: TieBreak;
  advanceK?: number | null;
  /** Seconds from now (database clock); null leaves the window open-ended (live vote). */
  opensIn?: number | null;
  closesIn?: number | null;
  categories?: number;
  candidatesPerCategory?: number;
}

/** Every round created by createVoteRound in this test file, for the drift check after each test. */
export const createdRounds: VoteRound[] = [];

/** An edition with an open vote round and approved, consented candidates in every category. */
export async function createVoteRound(opts: VoteRoundOptions = {}) {
  const db = getDb();
  const e = await createEdition({ categories: opts.categories ?? 2, opensIn: -7200, closesIn: -3600 });
  const candidates: Record<string, string[]> = {};
  for (const [ci, categoryId] of e.categoryIds.entries()) {
    candidates[categoryId] = [];
    for (let i = 0; i < (opts.candidatesPerCategory ?? 4); i++) {
      const row = await db
        .insertInto("nominee")
        .values({
          edition_id: e.editionId,
          category_id: categoryId,
          kind: "person",
          name: `Kandidaat ${String.fromCharCode(65 + i)}${ci}`,
          organisation: "Gemeente Test",
          status: "approved",
          consent_status: "accepted",
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      candidates[categoryId]!.push(row.id);
    }
  }
  const opensIn = opts.opensIn === undefined ? -60 : opts.opensIn;
  const closesIn = opts.closesIn === undefined ? 3600 : opts.closesIn;
  const round = await db
    .insertInto("round")
    .values({
      edition_id: e.editionId,
      position: 1,
      kind: opts.kind ?? "public_vote",
      name_nl: "Publieksstemming",
      name_en: "Public vote",
      opens_at: opensIn === null ? null : sql<Date>`now() + make_interval(secs => ${opensIn})`,
      closes_at: closesIn === null ? null : sql<Date>`now() + make_interval(secs => ${closesIn})`,
      source: "all",
      advancement: opts.advanceK ? "top_k" : "none",
      advance_k: opts.advanceK ?? null,
      ballot_mode: opts.mode ?? "single",
      max_choices: opts.mode && opts.mode !== "single" ? (opts.max ?? 3) : 1,
      allow_change: opts.allowChange ?? false,
      show_live_totals: opts.showLiveTotals ?? false,
      eligibility: opts.eligibility ?? "verified",
      eligible_domains: opts.domains ?? [],
      eligible_providers: opts.providers ?? [],
      eligible_organisations: opts.organisations ?? [],
      tie_break: opts.tieBreak ?? "include_all",
    })
    .returning(["id", "position"])
    .executeTakeFirstOrThrow();
  const categories = await db
    .selectFrom("category")
    .select(["id", "slug"])
    .where("edition_id", "=", e.editionId)
    .orderBy("position")
    .execute();
  const created: VoteRound = {
    ...e,
    roundId: round.id,
    position: round.position,
    candidates,
    categories,
    base: `/prijzen/${e.slug}/2026/ronde/${round.position}`,
    adminBase: `/beheer/prijzen/${e.slug}/2026/stemmen/${round.position}`,
  };
  createdRounds.push(created);
  return created;
}
export type VoteRound = {
  awardId: string;
  slug: string;
  editionId: string;
  categoryIds: string[];
  roundId: string;
  position: number;
  candidates: Record<string, string[]>;
  categories: Array<{ id: string; slug: string }>;
  base: string;
  adminBase: string;
};

/**
 * A session row for a user, as Lucia stores it after a complete sign-in — second factor passed, as the
 * pages of admins, organizers and editors require (ADR 0024); `{ secondFactor: false }` for a session
 * that only passed the password. Returns the Cookie header value.
 */
export async function sessionFor(userId: string, opts: { secondFactor?: boolean } = {}): Promise<string> {
  const id = randomBytes(20).toString("hex");
  await getDb()
    .insertInto("user_session")
    .values({
      id,
      user_id: userId,
      expires_at: sql<Date>`now() + interval '1 hour'`,
      absolute_expires_at: sql<Date>`now() + interval '12 hours'`,
      second_factor_at: opts.secondFactor === false ? null : sql<Date>`now()`,
    })
    .execute();
  return `lauwer_session=${id}`;
}

/** Many verified voters with sessions, created in two statements. */
export async function createVoters(count: number, domain = "example.nl") {
  const prefix = randomUUID().slice(0, 8);
  const rows = await sql<{ id: string; email: string; session: string }>`
    with u as (
      insert into app_user (email, name, password_hash, email_verified_at)
      select ${prefix} || '-' || g || '@' || ${domain}, 'Kiezer ' || g, 'x', now() from generate_series(1, ${count}) g
      returning id, email
    ), s as (
      insert into user_session (id, user_id, expires_at, absolute_expires_at)
      select md5(random()::text || clock_timestamp()::text || u.id::text) || md5(random()::text || u.email), u.id, now() + interval '2 hours', now() + interval '12 hours' from u
      returning id, user_id
    )
    select u.id, u.email, s.id as session from u join s on s.user_id = u.id order by u.email`.execute(getDb());
  return rows.rows.map((r) => ({ id: r.id, email: r.email, cookie: `lauwer_session=${r.session}` }));
}

/** Counted ballots per candidate straight from the rows: the reference for drift checks. */
export async function rowCounts(roundId: string): Promise<Map<string, number>> {
  const rows = await getDb()
    .selectFrom("ballot_choice as c")
    .innerJoin("ballot as b", "b.id", "c.ballot_id")
    .select(["c.nominee_id", sql<number>`count(*)::int`.as("n")])
    .where("b.round_id", "=", roundId)
    .where("b.voided_at", "is", null)
    .groupBy("c.nominee_id")
    .execute();
  return new Map(rows.map((r) => [r.nominee_id, r.n]));
}

/** The tally a page shows: data-nominee rows with their data-votes cell (per table, merged). */
export function talliesInHtml(html: string): Map<string, number> {
  const out = new Map<string, number>();
  for (const m of html.matchAll(/data-nominee="([0-9a-f-]{36})"[\s\S]*?data-votes="(\d+)"/g)) {
    out.set(m[1]!, Number(m[2]));
  }
  return out;
}
