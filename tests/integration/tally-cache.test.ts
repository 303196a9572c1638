// The incremental tally (ADR 0035): every tally a page shows comes from the cached counts plus the
// ballot changes not folded in yet, and must equal a full recount of the rows — drift 0 — after
// casts, changes, voids, deletions, concurrent writers, transactions still in flight when a reader
// folds, and folds that fail. No timing asserts: the bench measures the speed.
import { randomBytes } from "node:crypto";
import pg from "pg";
import { sql } from "kysely";
import { afterAll, describe, expect, it } from "vitest";
import { getDb, type DbOrTrx } from "~/db.server";
import { castBallot, type CastInput } from "~/modules/voting/ballot.server";
import { voidBallots } from "~/modules/voting/fraud.server";
import { loadVotingRound, rankedResults, recountTally, tally } from "~/modules/voting/round.server";
import { foldTally, FOLD_TALLY_SQL } from "~/modules/voting/tally.server";
import { createUser } from "../setup/factories";
import { createVoteRound, createVoters, type VoteRound } from "../setup/voting";

const pools: pg.Pool[] = [];
afterAll(async () => {
  await Promise.all(pools.map((p) => p.end()));
});
function pool(max: number) {
  const p = new pg.Pool({ connectionString: process.env.DATABASE_URL, max });
  pools.push(p);
  return p;
}

/** A small deterministic generator, so a failing sequence can be replayed from its seed. */
function prng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
type Rand = ReturnType<typeof prng>;
const pickOne = <T>(rand: Rand, xs: T[]) => xs[Math.floor(rand() * xs.length)]!;
/** 1..max distinct candidates of a category in random order (a valid ballot for any mode with that max). */
function randomChoices(rand: Rand, candidates: string[], max: number) {
  const n = 1 + Math.floor(rand() * Math.min(max, candidates.length));
  return [...candidates].sort(() => rand() - 0.5).slice(0, n);
}

const roundOf = (r: VoteRound, db: DbOrTrx = getDb()) => loadVotingRound(db, r.editionId, String(r.position));

/** Drift 0: the tally every page uses equals a full recount of the rows, outside and inside a transaction. */
async function expectExact(r: VoteRound) {
  const db = getDb();
  const round = await roundOf(r);
  expect(await tally(db, round)).toEqual(await recountTally(db, round));
  // Inside one repeatable-read transaction both read the same snapshot (as publishing does).
  await db
    .transaction()
    .setIsolationLevel("repeatable read")
    .execute(async (trx) => {
      expect(await tally(trx, round)).toEqual(await recountTally(trx, round));
    });
}

async function pendingDeltas(roundId: string) {
  const r = await sql<{ n: number }>`select count(*)::int as n from tally_delta where round_id = ${roundId}`.execute(getDb());
  return r.rows[0]!.n;
}
async function cachedRows(roundId: string) {
  const r = await sql<{ n: number }>`select count(*)::int as n from tally_count where round_id = ${roundId}`.execute(getDb());
  return r.rows[0]!.n;
}

/** A ballot written straight in SQL (as an import or another writer would), without a revision, so it may be deleted. */
async function rawBallot(q: pg.ClientBase | pg.Pool, r: VoteRound, categoryId: string, voterId: string | null, choices: string[]) {
  const { rows } = await q.query<{ id: string }>(
    `with b as (
       insert into ballot (round_id, edition_id, category_id, voter_id, receipt_code)
       values ($1, $2, $3, $4, $5) returning id
     ), c as (
       insert into ballot_choice (ballot_id, category_id, nominee_id, rank)
       select b.id, $3, x.nominee, x.rank from b cross join unnest($6::uuid[]) with ordinality as x(nominee, rank)
     )
     select id from b`,
    [r.roundId, r.editionId, categoryId, voterId, `T${randomBytes(8).toString("hex")}`, choices],
  );
  return rows[0]!.id;
}

function castInput(
  round: Awaited<ReturnType<typeof roundOf>>,
  categoryId: string,
  voter: { id: string; email: string },
  choices: string[],
): CastInput {
  return {
    round,
    sourceRoundId: null,
    categoryId,
    voter: { id: voter.id, email: voter.email, name: "Kiezer", locale: "nl", emailVerified: true },
    choices,
    ip: "192.0.2.20",
    device: null,
    mail: { award: "Prijs", category: "Categorie", link: "http://localhost:3000/mijn-stemmen" },
  };
}

describe("the cached tally", () => {
  it("equals a full recount after casts, changes and voids, and folds the change log into the cache on read", async () => {
    const r = await createVoteRound({ mode: "ranked", max: 3, allowChange: true, candidatesPerCategory: 5 });
    const round = await roundOf(r);
    const voters = await createVoters(12);
    const rand = prng(1);
    for (const [i, v] of voters.entries()) {
      const categoryId = r.categoryIds[i % 2]!;
      const res = await castBallot(getDb(), castInput(round, categoryId, v, randomChoices(rand, r.candidates[categoryId]!, 3)));
      expect(res.ok).toBe(true);
    }
    expect(await pendingDeltas(r.roundId)).toBeGreaterThan(0);
    await expectExact(r);
    // A read outside a transaction moved the log into the cache.
    expect(await pendingDeltas(r.roundId)).toBe(0);
    expect(await cachedRows(r.roundId)).toBeGreaterThan(0);

    // Changed ballots: the last choice counts.
    for (const v of voters.slice(0, 5)) {
      const categoryId = r.categoryIds[voters.indexOf(v) % 2]!;
      const res = await castBallot(getDb(), castInput(round, categoryId, v, randomChoices(rand, r.candidates[categoryId]!, 3)));
      expect(res.ok).toBe(true);
      await expectExact(r);
    }
    // Voided ballots leave the tally, also those already folded into the cache.
    const ballots = await getDb().selectFrom("ballot").select("id").where("round_id", "=", r.roundId).orderBy("id").execute();
    const organizer = await createUser();
    expect(
      await voidBallots(getDb(), { actorId: organizer.id }, r.roundId, [ballots[0]!.id, ballots[3]!.id, ballots[7]!.id], "fraude"),
    ).toBe(3);
    await expectExact(r);
    const results = await rankedResults(
      getDb(),
      round,
      r.categoryIds.map((id) => ({ id, slug: id, name: id })),
    );
    expect(results.reduce((s, c) => s + c.ballots, 0)).toBe(9);
  });

  it("counts a ballot that commits after a later one was folded, and stays exact while a fold is in flight or fails", async () => {
    const r = await createVoteRound({ mode: "approval", max: 2 });
    const [cat] = r.categoryIds;
    const [a, b, c] = r.candidates[cat!]!;
    const [v1, v2, v3] = await createVoters(3);
    const p = pool(3);
    const early = await p.connect();
    const folder = await p.connect();
    try {
      // v1's ballot is written first but its transaction stays open ...
      await early.query("begin");
      await rawBallot(early, r, cat!, v1!.id, [a!, b!]);
      // ... while v2's, written later, commits and is folded by a reader.
      await rawBallot(p, r, cat!, v2!.id, [b!]);
      await expectExact(r);
      expect(await pendingDeltas(r.roundId)).toBe(0);
      await early.query("commit");
      await expectExact(r);
      const round = await roundOf(r);
      const byId = new Map((await tally(getDb(), round)).perCategory.get(cat!)!.map((row) => [row.nomineeId, row.votes]));
      expect([byId.get(a!), byId.get(b!), byId.get(c!)]).toEqual([1, 2, 0]);

      // A fold that has not committed yet: other readers skip folding and still count its rows once.
      await rawBallot(p, r, cat!, v3!.id, [c!, a!]);
      await folder.query("begin");
      await folder.query(FOLD_TALLY_SQL, [r.roundId]);
      await expectExact(r);
      // A fold that fails rolls back as a whole: nothing is lost or counted twice.
      await folder.query("rollback");
      await expectExact(r);
      expect(await pendingDeltas(r.roundId)).toBe(0);
      // And one that commits after others read.
      await rawBallot(p, r, cat!, null, [a!]);
      await folder.query("begin");
      await folder.query(FOLD_TALLY_SQL, [r.roundId]);
      await expectExact(r);
      await folder.query("commit");
      await expectExact(r);
    } finally {
      early.release();
      folder.release();
    }
  });

  it("stays exact under ballots from several connections at once while readers fold", async () => {
    const r = await createVoteRound({ mode: "ranked", max: 3, candidatesPerCategory: 6 });
    const voters = await createVoters(240);
    const writers = pool(6);
    const rand = prng(7);
    const plans = voters.map((v, i) => ({
      v,
      categoryId: r.categoryIds[i % 2]!,
      choices: randomChoices(rand, r.candidates[r.categoryIds[i % 2]!]!, 3),
    }));
    let writing = true;
    const write = async (slice: typeof plans) => {
      for (const [i, plan] of slice.entries()) {
        const client = await writers.connect();
        try {
          await client.query("begin");
          await rawBallot(client, r, plan.categoryId, plan.v.id, plan.choices);
          // Some transactions stay open a little, so others overtake them.
          if (i % 5 === 0) await new Promise((resolve) => setTimeout(resolve, 3));
          await client.query(i % 17 === 0 ? "rollback" : "commit");
        } finally {
          client.release();
        }
      }
    };
    const readers = async () => {
      let checks = 0;
      while (writing || checks === 0) {
        const round = await roundOf(r);
        // Folds (outside a transaction), then compares both in one snapshot.
        await tally(getDb(), round);
        await getDb()
          .transaction()
          .setIsolationLevel("repeatable read")
          .execute(async (trx) => {
            expect(await tally(trx, round)).toEqual(await recountTally(trx, round));
          });
        checks++;
      }
      return checks;
    };
    const slices = Array.from({ length: 6 }, (_, w) => plans.filter((_, i) => i % 6 === w));
    const reading = Promise.all([readers(), readers()]);
    await Promise.all(slices.map(write));
    writing = false;
    const checks = await reading;
    expect(checks.every((n) => n > 0)).toBe(true);
    await expectExact(r);
    const counted = await sql<{ n: number }>`select count(*)::int as n from ballot where round_id = ${r.roundId}`.execute(getDb());
    expect(counted.rows[0]!.n).toBe(plans.length - rolledBack(plans.length));
  });

  it("stays exact through a random mix of casts, changes, voids, deletions and rewritten choices (property test)", async () => {
    for (const [seed, mode] of [
      [11, "single"],
      [12, "approval"],
      [13, "ranked"],
    ] as const) {
      const r = await createVoteRound({ mode, max: 3, allowChange: true, candidatesPerCategory: 5 });
      const round = await roundOf(r);
      const max = round.max_choices;
      const rand = prng(seed);
      const writer = pool(1);
      const voters = await createVoters(40);
      const organizer = await createUser();
      const cast = new Map<string, string>(); // voter id + category → ballot id (service-cast ballots)
      const raw: string[] = []; // ballots written straight in SQL (deletable)
      for (let step = 0; step < 60; step++) {
        const op = rand();
        const categoryId = pickOne(rand, r.categoryIds);
        const candidates = r.candidates[categoryId]!;
        if (op < 0.35) {
          const v = pickOne(rand, voters);
          const res = await castBallot(getDb(), castInput(round, categoryId, v, randomChoices(rand, candidates, max)));
          if (res.ok) cast.set(`${v.id}/${categoryId}`, "");
        } else if (op < 0.5) {
          raw.push(await rawBallot(writer, r, categoryId, null, randomChoices(rand, candidates, max)));
        } else if (op < 0.62) {
          const live = await getDb()
            .selectFrom("ballot")
            .select("id")
            .where("round_id", "=", r.roundId)
            .where("voided_at", "is", null)
            .execute();
          if (live.length) {
            const ids = live.filter(() => rand() < 0.2).map((x) => x.id);
            await voidBallots(getDb(), { actorId: organizer.id }, r.roundId, ids.length ? ids : [pickOne(rand, live).id], `stap ${step}`);
          }
        } else if (op < 0.72 && raw.length) {
          // Deleting a ballot that has no history (an import undone): its choices go with it.
          const id = raw.splice(Math.floor(rand() * raw.length), 1)[0]!;
          await getDb().deleteFrom("ballot").where("id", "=", id).execute();
        } else if (op < 0.82 && raw.length) {
          // Another writer rewrites a ballot's choices in one transaction (deletes, inserts, updates a rank).
          const id = pickOne(rand, raw);
          const ballot = await getDb()
            .selectFrom("ballot")
            .select(["category_id", "voided_at"])
            .where("id", "=", id)
            .executeTakeFirstOrThrow();
          if (ballot.voided_at) continue;
          const next = randomChoices(rand, r.candidates[ballot.category_id]!, max);
          await getDb()
            .transaction()
            .execute(async (trx) => {
              await trx.deleteFrom("ballot_choice").where("ballot_id", "=", id).execute();
              await trx
                .insertInto("ballot_choice")
                .values(next.map((nominee_id, i) => ({ ballot_id: id, category_id: ballot.category_id, nominee_id, rank: i + 1 })))
                .execute();
              if (next.length >= 2) {
                // Swap the first two ranks through a free rank, as an UPDATE.
                await trx.updateTable("ballot_choice").set({ rank: 20 }).where("ballot_id", "=", id).where("rank", "=", 1).execute();
                await trx.updateTable("ballot_choice").set({ rank: 1 }).where("ballot_id", "=", id).where("rank", "=", 2).execute();
                await trx.updateTable("ballot_choice").set({ rank: 2 }).where("ballot_id", "=", id).where("rank", "=", 20).execute();
              }
            });
        } else if (op < 0.9) {
          // A transaction that writes a ballot and is rolled back leaves no trace in the tally.
          await getDb()
            .transaction()
            .execute(async (trx) => {
              await sql`insert into ballot (round_id, edition_id, category_id, voter_id, receipt_code)
                values (${r.roundId}, ${r.editionId}, ${categoryId}, null, ${`R${randomBytes(8).toString("hex")}`})`.execute(trx);
              throw new Error("rolled back");
            })
            .catch(() => undefined);
        } else {
          // A reader folds (or not) between writes.
          await tally(getDb(), round);
        }
        if (rand() < 0.5) await expectExact(r);
      }
      await expectExact(r);
      expect(cast.size).toBeGreaterThan(0);
    }
  });

  it("leaves nothing behind when a round is deleted", async () => {
    const r = await createVoteRound({ mode: "approval", max: 2 });
    const [cat] = r.categoryIds;
    const [a, b] = r.candidates[cat!]!;
    const writer = pool(1);
    await rawBallot(writer, r, cat!, null, [a!, b!]);
    await expectExact(r);
    await rawBallot(writer, r, cat!, null, [b!]);
    expect(await cachedRows(r.roundId)).toBeGreaterThan(0);
    expect(await pendingDeltas(r.roundId)).toBeGreaterThan(0);
    // An opened round cannot be removed (round_locked); were that lock lifted, its counts and log go with it.
    await expect(getDb().deleteFrom("round").where("id", "=", r.roundId).execute()).rejects.toThrow(/cannot be removed/);
    await getDb()
      .transaction()
      .execute(async (trx) => {
        await sql`alter table round disable trigger round_locked`.execute(trx);
        await trx.deleteFrom("round").where("id", "=", r.roundId).execute();
        const left = await sql<{ n: number }>`select (select count(*) from tally_count where round_id = ${r.roundId})
          + (select count(*) from tally_delta where round_id = ${r.roundId}) as n`.execute(trx);
        expect(Number(left.rows[0]!.n)).toBe(0);
        throw new Error("undo");
      })
      .catch((e: Error) => expect(e.message).toBe("undo"));
    await expectExact(r);
  });

  it("folds idempotently: a fold with nothing new changes nothing", async () => {
    const r = await createVoteRound();
    const [cat] = r.categoryIds;
    await rawBallot(pool(1), r, cat!, null, [r.candidates[cat!]![0]!]);
    await foldTally(getDb(), r.roundId);
    const before = await sql`select * from tally_count where round_id = ${r.roundId} order by nominee_id`.execute(getDb());
    await foldTally(getDb(), r.roundId);
    await foldTally(getDb(), r.roundId);
    const after = await sql`select * from tally_count where round_id = ${r.roundId} order by nominee_id`.execute(getDb());
    expect(after.rows).toEqual(before.rows);
    await expectExact(r);
  });
});

/** Writers roll back every 17th transaction of their slice (index 0, 17, 34, … within each slice). */
function rolledBack(total: number) {
  let n = 0;
  for (let w = 0; w < 6; w++) {
    const size = Math.floor(total / 6) + (w < total % 6 ? 1 : 0);
    for (let i = 0; i < size; i++) if (i % 17 === 0) n++;
  }
  return n;
}
