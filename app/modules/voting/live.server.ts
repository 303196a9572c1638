import { sql } from "kysely";
import type { DbOrTrx } from "~/db.server";
import type { Locale } from "~/i18n/i18n";
import type { EditionView } from "~/modules/awards/edition.server";
import { rankedResults, roundState, totalsVisible, type VotingRound } from "./round.server";

/** Where a live vote's short code leads: the round's ballot (straight to the category when there is only one). */
export async function resolveShortCode(db: DbOrTrx, code: string | undefined) {
  if (!code || !/^[A-Za-z0-9]{4,12}$/.test(code)) return undefined;
  return db
    .selectFrom("round as r")
    .innerJoin("edition as e", "e.id", "r.edition_id")
    .innerJoin("award as a", "a.id", "e.award_id")
    .select([
      "r.position",
      "e.year",
      "a.slug",
      sql<string[]>`array(select c.slug from category c where c.edition_id = e.id order by c.position)`.as("categories"),
    ])
    .where("r.short_code", "=", code.toUpperCase())
    .executeTakeFirst();
}

export function roundPath(row: { slug: string; year: number; position: number; categories: string[] }) {
  const base = `/prijzen/${row.slug}/${row.year}/ronde/${row.position}`;
  return row.categories.length === 1 ? `${base}/${row.categories[0]}` : base;
}

/** What the projector shows: state and, once revealed or published, the ranked tally. */
export async function projectorState(db: DbOrTrx, round: VotingRound, categories: EditionView["categories"], _locale: Locale) {
  const visible = totalsVisible(round);
  const results = visible ? await rankedResults(db, round, categories) : null;
  return {
    state: roundState(round),
    revealed: visible,
    results:
      results?.map((r) => ({
        name: r.name,
        ballots: r.ballots,
        rows: r.rows.map((row) => ({ id: row.nomineeId, name: row.name, votes: row.votes, points: row.points, place: row.place })),
      })) ?? null,
  };
}
export type ProjectorState = Awaited<ReturnType<typeof projectorState>>;
