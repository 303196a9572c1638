import { expect } from "vitest";
import { getDb } from "~/db.server";
import { confirmed, inPool, postBallot, refusedClearly, type AppProcess } from "./app-process";
import { createVoteRound, createVoters } from "./voting";

/** Load of the fault tests; `npm run chaos` runs the full size (300 voters, 40 in flight). */
export const CHAOS_VOTERS = Number(process.env.CHAOS_VOTERS ?? 100);
export const CHAOS_IN_FLIGHT = Number(process.env.CHAOS_IN_FLIGHT ?? 20);

/**
 * Voters vote through a real app process while `fault` breaks the database underneath (it starts
 * once the first answers came back, and runs alongside the rest). Then checks what the issue asks:
 * the process is still up; every voter got an answer that tells the truth — stored, or plainly "not
 * stored, try again" (never a dropped connection or a 500); nothing is stored twice; and when the
 * refused voters try again (right away, no waiting), each finds exactly one stored ballot.
 */
export async function voteThroughFault(app: AppProcess, fault: () => Promise<void>) {
  const r = await createVoteRound({ mode: "single", allowChange: true, categories: 1, candidatesPerCategory: 4 });
  const voters = await createVoters(CHAOS_VOTERS);
  const ids = r.candidates[r.categoryIds[0]!]!;
  const path = `${r.base}/${r.categories[0]!.slug}`;
  const choiceOf = (v: number) => ids[v % ids.length]!;
  // Every other voter already voted and now changes their choice: a change is a transaction of
  // several statements, so the fault also hits connections that are checked out between statements.
  const changes = (v: number) => v % 2 === 0;
  const earlier = await inPool(
    voters.filter((_, v) => changes(v)).map((voter, i) => () => postBallot(app.url, path, voter.cookie, ids[(2 * i + 1) % ids.length]!)),
    CHAOS_IN_FLIGHT,
  );
  expect(earlier.every(confirmed)).toBe(true);

  let answered = 0;
  let faulting: Promise<void> | undefined;
  const first = await inPool(
    voters.map((voter, v) => async () => {
      // Every fourth posts as the hydrated page does (single fetch), the rest as a plain form.
      const answer = await postBallot(app.url, path, voter.cookie, choiceOf(v), v % 4 === 3);
      if (++answered === Math.min(10, voters.length)) faulting = fault();
      return answer;
    }),
    CHAOS_IN_FLIGHT,
  );
  await faulting;

  expect(app.child.exitCode, app.output().slice(-3000)).toBeNull();
  const unclear = first.filter((a) => !confirmed(a) && !refusedClearly(a));
  expect(unclear.map((a) => `${a.status} ${a.body.slice(0, 200)}`)).toEqual([]);

  const stored = await storedChoices(r.roundId);
  for (const [v, answer] of first.entries()) {
    const mine = stored.get(voters[v]!.id) ?? [];
    expect(mine.length).toBeLessThanOrEqual(1);
    // Told "stored": it is, with the voter's choice. Nothing stored: the voter was told so.
    if (confirmed(answer)) expect(mine).toEqual([choiceOf(v)]);
    if (mine.length === 0) expect(refusedClearly(answer)).toBe(true);
  }

  // The refused try again at once: the first request after the fault already works, and a ballot
  // whose first answer was lost (stored anyway) comes back as stored, not as a second one or an error.
  const refused = [...first.keys()].filter((v) => refusedClearly(first[v]!));
  const again = await inPool(
    refused.map((v) => () => postBallot(app.url, path, voters[v]!.cookie, choiceOf(v), v % 4 === 3)),
    CHAOS_IN_FLIGHT,
  );
  expect(again.filter((a) => !confirmed(a)).map((a) => `${a.status} ${a.body.slice(0, 200)}`)).toEqual([]);

  const after = await storedChoices(r.roundId);
  expect(after.size).toBe(voters.length);
  for (const [v, voter] of voters.entries()) expect(after.get(voter.id)).toEqual([choiceOf(v)]);
  // One revision and one receipt mail per ballot and change: nothing written twice.
  const changers = voters.filter((_, v) => changes(v)).length;
  const revisions = await getDb()
    .selectFrom("ballot_revision as v")
    .innerJoin("ballot as b", "b.id", "v.ballot_id")
    .select((eb) => eb.fn.countAll<string>().as("n"))
    .where("b.round_id", "=", r.roundId)
    .executeTakeFirstOrThrow();
  expect(Number(revisions.n)).toBe(voters.length + changers);
  const mails = await getDb()
    .selectFrom("outbox_email")
    .select(["to_address", "template", (eb) => eb.fn.countAll<string>().as("n")])
    .where("template", "in", ["ballotReceipt", "ballotChanged"])
    .where(
      "to_address",
      "in",
      voters.map((v) => v.email),
    )
    .groupBy(["to_address", "template"])
    .execute();
  expect(mails.length).toBe(voters.length + changers);
  expect(mails.every((m) => Number(m.n) === 1)).toBe(true);
  return { first, refused: refused.length, confirmedFirst: first.filter(confirmed).length };
}

async function storedChoices(roundId: string): Promise<Map<string, string[]>> {
  const rows = await getDb()
    .selectFrom("ballot as b")
    .innerJoin("ballot_choice as c", "c.ballot_id", "b.id")
    .select(["b.voter_id", "c.nominee_id"])
    .where("b.round_id", "=", roundId)
    .execute();
  const byVoter = new Map<string, string[]>();
  for (const row of rows) byVoter.set(row.voter_id!, [...(byVoter.get(row.voter_id!) ?? []), row.nominee_id]);
  return byVoter;
}
