import { sql } from "kysely";
import { describe, expect, it } from "vitest";
import { getDb } from "~/db.server";
import { newReceiptCode } from "~/modules/voting/ballot.server";
import { fraudSignals } from "~/modules/voting/fraud.server";
import { createVoteRound, createVoters, rowCounts, type VoteRound } from "../setup/voting";

// The organizer screens of issue #14 against a real PostgreSQL: fraud signals calibrated to the
// round's baseline, bulk voiding with one reason, the merge picker's search, withdrawing a nomination.

/** Voters whose accounts were created `ageMinutes` before now. */
async function votersAged(count: number, ageMinutes: number) {
  const voters = await createVoters(count);
  await getDb()
    .updateTable("app_user")
    .set({ created_at: sql<Date>`now() - make_interval(mins => ${ageMinutes})` })
    .where(
      "id",
      "in",
      voters.map((v) => v.id),
    )
    .execute();
  return voters;
}

/** A single-choice ballot cast at `at` (default: `minutesAgo` before now), written as the vote service stores it. */
async function ballotAt(r: VoteRound, voterId: string, nomineeId: string, minutesAgo: number, at = sql<Date>`now() - make_interval(mins => ${minutesAgo})`) {
  const db = getDb();
  await db.transaction().execute(async (trx) => {
    const b = await trx
      .insertInto("ballot")
      .values({
        round_id: r.roundId,
        edition_id: r.editionId,
        category_id: r.categoryIds[0]!,
        voter_id: voterId,
        receipt_code: newReceiptCode(),
        cast_at: at,
        updated_at: at,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await trx.insertInto("ballot_choice").values({ ballot_id: b.id, category_id: r.categoryIds[0]!, nominee_id: nomineeId, rank: 1 }).execute();
  });
}

/** Established voters (accounts a year old) spread over the last three hours, across the candidates. */
async function ordinaryTraffic(r: VoteRound, count: number) {
  const candidates = r.candidates[r.categoryIds[0]!]!;
  const voters = await votersAged(count, 365 * 24 * 60);
  for (const [i, v] of voters.entries()) await ballotAt(r, v.id, candidates[i % candidates.length]!, 180 - i * 4);
}

describe("fraud signals", () => {
  it("flags nothing in a round whose voters all registered for it at once (the demo vote: 24 + 13 of 37)", async () => {
    const r = await createVoteRound({ categories: 1, candidatesPerCategory: 3 });
    const [a, b] = r.candidates[r.categoryIds[0]!]!;
    const voters = await votersAged(37, 0);
    for (const [i, v] of voters.entries()) await ballotAt(r, v.id, i < 24 ? a! : b!, 0);
    expect(await fraudSignals(getDb(), r.roundId)).toEqual([]);
  });

  it("flags nothing in ordinary traffic: established voters over hours and a few newcomers", async () => {
    const r = await createVoteRound({ categories: 1, candidatesPerCategory: 3 });
    const [a] = r.candidates[r.categoryIds[0]!]!;
    await ordinaryTraffic(r, 40);
    // Six newcomers through the afternoon, most for the same candidate.
    const fresh = await votersAged(6, 30);
    for (const [i, v] of fresh.entries()) await ballotAt(r, v.id, a!, 25 - i * 3);
    expect(await fraudSignals(getDb(), r.roundId)).toEqual([]);
  });

  it("flags a burst: twelve brand-new accounts voting for one candidate within minutes of a round of established voters", async () => {
    const r = await createVoteRound({ categories: 1, candidatesPerCategory: 3 });
    const [, , c] = r.candidates[r.categoryIds[0]!]!;
    await ordinaryTraffic(r, 40);
    const burst = await votersAged(12, 3);
    // Twenty seconds apart from the start of the current ten-minute window (windows are fixed on
    // the clock), so all twelve fall in one window whatever the time is.
    for (const [i, v] of burst.entries()) {
      await ballotAt(r, v.id, c!, 0, sql<Date>`date_bin('10 minutes', now(), timestamptz '2000-01-01') + make_interval(secs => ${i * 20})`);
    }
    const signals = await fraudSignals(getDb(), r.roundId);
    expect(signals).toHaveLength(1);
    expect(signals[0]).toMatchObject({ kind: "newAccounts", key: c, accounts: 12, ballots: 12 });
    expect(signals[0]!.share).toBeGreaterThanOrEqual(0.5);
    expect(signals[0]!.baseline).toBe(0);
    // The burst's ballots still count until an organizer voids them.
    expect((await rowCounts(r.roundId)).get(c!)).toBeGreaterThanOrEqual(12);
  });
});
