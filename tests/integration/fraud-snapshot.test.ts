import { sql } from "kysely";
import { describe, expect, it } from "vitest";
import { getDb } from "~/db.server";
import { newReceiptCode } from "~/modules/voting/ballot.server";
import { roundSignals, refreshSignalSnapshots } from "~/modules/voting/fraud-snapshot.server";
import { fraudSignals, voidBallots } from "~/modules/voting/fraud.server";
import { createUser } from "../setup/factories";
import { createVoteRound, createVoters, type VoteRound } from "../setup/voting";

// A large round's fraud signals, kept (ADR 0038): computed on the first view, refreshed by the minute
// job while the round is open and once after it closed, each by one process; voiding forgets them.
// The tests lower the "large" limit to 2 ballots instead of writing 20,000.
const LIMIT = 2;

/** `count` ballots from one device (a device signal from 3 accounts), cast as the vote service stores them. */
async function fromOneDevice(r: VoteRound, count: number, device: string): Promise<string[]> {
  const db = getDb();
  const voters = await createVoters(count);
  const ids: string[] = [];
  for (const v of voters) {
    // A ballot and its choice in one transaction, as the vote service writes them (checked at commit).
    await db.transaction().execute(async (trx) => {
      const b = await trx
        .insertInto("ballot")
        .values({
          round_id: r.roundId,
          edition_id: r.editionId,
          category_id: r.categoryIds[0]!,
          voter_id: v.id,
          receipt_code: newReceiptCode(),
          device_hash: device,
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      await trx
        .insertInto("ballot_choice")
        .values({ ballot_id: b.id, category_id: r.categoryIds[0]!, nominee_id: r.candidates[r.categoryIds[0]!]![0]!, rank: 1 })
        .execute();
      ids.push(b.id);
    });
  }
  return ids;
}

const snapshot = (roundId: string) =>
  getDb().selectFrom("fraud_snapshot").select(["computed_at", "signals"]).where("round_id", "=", roundId).executeTakeFirst();

/** Makes the round's snapshot look computed an hour ago (before any window edge of these rounds). */
const age = (roundId: string) =>
  getDb()
    .updateTable("fraud_snapshot")
    .set({ computed_at: sql<Date>`now() - interval '1 hour'` })
    .where("round_id", "=", roundId)
    .execute();

describe("kept fraud signals", () => {
  it("computes a small round's signals on each view and keeps nothing", async () => {
    const r = await createVoteRound({ categories: 1 });
    await fromOneDevice(r, 3, "a".repeat(64));
    const shown = await roundSignals(getDb(), r.roundId, 3, 3);
    expect(shown).toEqual({ signals: await fraudSignals(getDb(), r.roundId), computedAt: null, pending: false });
    expect(shown.signals).toMatchObject([{ kind: "device", accounts: 3 }]);
    expect(await snapshot(r.roundId)).toBeUndefined();
  });

  it("keeps a large round's signals from the first view, and shows new ballots only once the job refreshed them", async () => {
    const r = await createVoteRound({ categories: 1 });
    await fromOneDevice(r, 3, "b".repeat(64));
    const first = await roundSignals(getDb(), r.roundId, 3, LIMIT);
    expect(first.pending).toBe(false);
    expect(first.computedAt).not.toBeNull();
    expect(first.signals).toEqual(await fraudSignals(getDb(), r.roundId));
    expect(first.signals).toHaveLength(1);

    // Three more accounts on another device: the page shows the kept signals until the job runs.
    await fromOneDevice(r, 3, "c".repeat(64));
    expect(await roundSignals(getDb(), r.roundId, 6, LIMIT)).toEqual(first);
    // Too recent to refresh (30 s) …
    expect(await refreshSignalSnapshots(getDb(), 30)).toBe(0);
    // … and once due, refreshed: both devices.
    await age(r.roundId);
    expect(await refreshSignalSnapshots(getDb(), 30)).toBeGreaterThanOrEqual(1);
    const second = await roundSignals(getDb(), r.roundId, 6, LIMIT);
    expect(second.signals).toEqual(await fraudSignals(getDb(), r.roundId));
    expect(second.signals).toHaveLength(2);
    expect(new Date(second.computedAt!).getTime()).toBeGreaterThan(new Date(first.computedAt!).getTime());
  });

  it("refreshes a due snapshot once when several processes run the job at the same moment", async () => {
    const r = await createVoteRound({ categories: 1 });
    await fromOneDevice(r, 3, "d".repeat(64));
    await roundSignals(getDb(), r.roundId, 3, LIMIT);
    await age(r.roundId);
    const before = await snapshot(r.roundId);
    // Only this round's snapshot exists (this file's database), so the runs' counts are its refreshes.
    await getDb().deleteFrom("fraud_snapshot").where("round_id", "<>", r.roundId).execute();
    const runs = await Promise.all(Array.from({ length: 4 }, () => refreshSignalSnapshots(getDb(), 30)));
    expect(runs.reduce((a, b) => a + b, 0)).toBe(1);
    const after = await snapshot(r.roundId);
    expect(after!.computed_at.getTime()).toBeGreaterThan(before!.computed_at.getTime());
    // Refreshed once: a further run finds nothing due for it (30 s have not passed).
    await refreshSignalSnapshots(getDb(), 30);
    expect((await snapshot(r.roundId))!.computed_at.getTime()).toBe(after!.computed_at.getTime());
  });

  it("refreshes a closed round's snapshot once after closing, and an upcoming round's never", async () => {
    // Ballots go in while it is open (a closed round refuses them); then it closes.
    const closed = await createVoteRound({ categories: 1, opensIn: -7200, closesIn: 2 });
    await fromOneDevice(closed, 3, "e".repeat(64));
    const isClosed = async () =>
      (
        await getDb()
          .selectFrom("round")
          .select(sql<boolean>`closes_at <= now()`.as("closed"))
          .where("id", "=", closed.roundId)
          .executeTakeFirstOrThrow()
      ).closed;
    while (!(await isClosed())) await new Promise((r) => setTimeout(r, 200));
    await roundSignals(getDb(), closed.roundId, 3, LIMIT);
    // Computed after the close: final already.
    const final = await snapshot(closed.roundId);
    await refreshSignalSnapshots(getDb(), 0);
    expect((await snapshot(closed.roundId))!.computed_at.getTime()).toBe(final!.computed_at.getTime());
    // Computed before the close: refreshed once, then final.
    await age(closed.roundId);
    await refreshSignalSnapshots(getDb(), 0);
    const refreshed = await snapshot(closed.roundId);
    expect(refreshed!.computed_at.getTime()).toBeGreaterThan(Date.now() - 600_000);
    await refreshSignalSnapshots(getDb(), 0);
    expect((await snapshot(closed.roundId))!.computed_at.getTime()).toBe(refreshed!.computed_at.getTime());

    const upcoming = await createVoteRound({ categories: 1, opensIn: 3600, closesIn: 7200 });
    await roundSignals(getDb(), upcoming.roundId, 3, LIMIT);
    await age(upcoming.roundId);
    const kept = await snapshot(upcoming.roundId);
    await refreshSignalSnapshots(getDb(), 0);
    expect((await snapshot(upcoming.roundId))!.computed_at.getTime()).toBe(kept!.computed_at.getTime());
  });

  it("forgets the kept signals when ballots are voided, so the next view no longer counts them", async () => {
    const r = await createVoteRound({ categories: 1 });
    const ids = await fromOneDevice(r, 3, "f".repeat(64));
    expect((await roundSignals(getDb(), r.roundId, 3, LIMIT)).signals).toHaveLength(1);
    const organizer = await createUser();
    expect(await voidBallots(getDb(), { actorId: organizer.id }, r.roundId, [ids[0]!], "Gedeeld apparaat")).toBe(1);
    expect(await snapshot(r.roundId)).toBeUndefined();
    const after = await roundSignals(getDb(), r.roundId, 2, LIMIT - 1);
    expect(after.signals).toEqual([]);
    expect(after.computedAt).not.toBeNull();
  });

  it("tells the page the first signals are being computed while another process computes them", async () => {
    const r = await createVoteRound({ categories: 1 });
    await fromOneDevice(r, 3, "0".repeat(64));
    await getDb()
      .transaction()
      .execute(async (trx) => {
        await sql`select pg_advisory_xact_lock(hashtext('lauwer.signals:' || ${r.roundId}::text))`.execute(trx);
        expect(await roundSignals(getDb(), r.roundId, 3, LIMIT)).toEqual({ signals: [], computedAt: null, pending: true });
      });
    expect((await roundSignals(getDb(), r.roundId, 3, LIMIT)).signals).toHaveLength(1);
  });
});
