import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "~/db.server";
import { inPool as pool, startAppProcess, type AppProcess } from "../setup/app-process";
import { ORIGIN } from "../setup/http";
import { createVoteRound, createVoters, rowCounts } from "../setup/voting";

// 250 voters (LOAD_VOTERS) each fire 40 submissions at once (20 identical, 20 with other choices) through two
// separate app processes on one database: exactly one ballot per voter per category must remain,
// every attempt with other choices answered clearly (409), the same choices again as the stored ballot, and no 5xx. Most submissions are posted the way the
// hydrated page posts them (Remix single fetch: `<path>.data`, answered 202 with the redirect);
// every eighth as a plain HTML form post (303), as without JavaScript.

// Sized by LOAD_VOTERS (10,000 submissions by default; LOAD_VOTERS=1000 was the old default, and the
// bench runs the full closing-hour load); no wall-clock budget: the test
// timeout is only a guard against a hang.
const VOTERS = Number(process.env.LOAD_VOTERS ?? 250);
const PER_VOTER = 40;
const IN_FLIGHT = 96;

let apps: AppProcess[] = [];
beforeAll(async () => {
  // The limiter is still consulted on every request; these limits let the database decide.
  // And a checkout waits for a connection as long as it takes: this test is about exactly-once under
  // concurrency, not about latency — on a starved CI machine a wait past the 5 s default answers 503
  // (that refusal and its truthfulness are what the resilience tests check).
  const env = {
    DATABASE_URL: process.env.DATABASE_URL,
    LOG_LEVEL: "warn",
    VOTE_LIMIT_PER_ACCOUNT: "1000",
    VOTE_LIMIT_PER_IP: "100000000",
    DB_CONNECT_TIMEOUT_MS: "600000",
  };
  apps = await Promise.all([startAppProcess({ env }), startAppProcess({ env })]);
}, 900_000);
afterAll(async () => {
  for (const a of apps) a.child.kill();
  await Promise.all(apps.map((a) => a.exited));
  await getDb().deleteFrom("rate_limit").execute();
});

describe("ballots under load through two app processes", () => {
  it("keeps exactly one ballot per voter per category; other choices get a clear 409, the same choices the stored ballot, none a 5xx", async () => {
    const r = await createVoteRound({ mode: "approval", max: 2, categories: 1, candidatesPerCategory: 6 });
    const voters = await createVoters(VOTERS);
    const ids = r.candidates[r.categoryIds[0]!]!;
    const path = `${r.base}/${r.categories[0]!.slug}`;
    // 20 identical submissions and 20 with different choice sets per voter, shuffled together.
    const tasks: Array<() => Promise<{ voter: number; status: number; said: string; choices: string }>> = [];
    for (const [v, voter] of voters.entries()) {
      for (let k = 0; k < PER_VOTER; k++) {
        const choices = k < 20 ? `${ids[v % 6]},${ids[(v + 1) % 6]}` : `${ids[k % 6]},${ids[(k + 3) % 6]}`;
        const app = apps[(v + k) % 2]!;
        const document = k % 8 === 0;
        tasks.push(async () => {
          const res = await fetch(app.url + path + (document ? "" : ".data"), {
            method: "POST",
            headers: { origin: ORIGIN, cookie: voter.cookie, "content-type": "application/x-www-form-urlencoded" },
            body: new URLSearchParams({ intent: "cast", choices }).toString(),
            redirect: "manual",
          });
          return { voter: v, status: res.status, said: (res.headers.get("location") ?? "") + (await res.text()), choices };
        });
      }
    }
    for (let i = tasks.length - 1; i > 0; i--) {
      const j = Math.floor(Math.random() * (i + 1));
      [tasks[i], tasks[j]] = [tasks[j]!, tasks[i]!];
    }
    const results = await pool(tasks, IN_FLIGHT);

    const statuses = new Map<number, number>();
    for (const x of results) statuses.set(x.status, (statuses.get(x.status) ?? 0) + 1);
    expect(
      [...statuses.keys()].filter((x) => x !== 202 && x !== 303 && x !== 409),
      JSON.stringify([...statuses]),
    ).toEqual([]);
    const succeeded = (x: (typeof results)[number]) => x.status === 202 || x.status === 303;
    expect(results.filter((x) => x.status === 409).every((x) => x.said.includes("voting.errors.alreadyVoted"))).toBe(true);

    // The database: one ballot per voter, holding exactly the choices of that voter's accepted submission.
    const ballots = await getDb()
      .selectFrom("ballot as b")
      .select(["b.voter_id", (eb) => eb.fn.countAll<string>().as("n")])
      .where("b.round_id", "=", r.roundId)
      .groupBy("b.voter_id")
      .execute();
    expect(ballots).toHaveLength(VOTERS);
    expect(ballots.every((b) => Number(b.n) === 1)).toBe(true);
    const stored = await getDb()
      .selectFrom("ballot as b")
      .innerJoin("ballot_choice as c", "c.ballot_id", "b.id")
      .select(["b.voter_id", "c.nominee_id", "c.rank"])
      .where("b.round_id", "=", r.roundId)
      .orderBy("c.rank")
      .execute();
    const byVoter = new Map<string, string[]>();
    for (const s of stored) byVoter.set(s.voter_id!, [...(byVoter.get(s.voter_id!) ?? []), s.nominee_id]);
    // Every submission with the stored choices was answered as stored (the first "cast", the others
    // "already stored": the same ballot, so a voter whose answer got lost sees it); every other one 409.
    for (const x of results) {
      const same = byVoter.get(voters[x.voter]!.id)!.join(",") === x.choices;
      expect(succeeded(x), `${x.status} ${x.choices}`).toBe(same);
      if (same) expect(x.said).toMatch(/voting\.notice\.(cast|alreadyStored)/);
    }
    // Exactly one submission per voter cast the ballot.
    const casts = new Map<number, number>();
    for (const x of results) if (x.said.includes("voting.notice.cast")) casts.set(x.voter, (casts.get(x.voter) ?? 0) + 1);
    expect(casts.size).toBe(VOTERS);
    expect([...casts.values()].every((n) => n === 1)).toBe(true);
    const revisions = await getDb()
      .selectFrom("ballot_revision as v")
      .innerJoin("ballot as b", "b.id", "v.ballot_id")
      .select((eb) => eb.fn.countAll<string>().as("n"))
      .where("b.round_id", "=", r.roundId)
      .executeTakeFirstOrThrow();
    expect(Number(revisions.n)).toBe(VOTERS);
    const mails = await getDb()
      .selectFrom("outbox_email")
      .select((eb) => eb.fn.countAll<string>().as("n"))
      .where("template", "=", "ballotReceipt")
      .where(
        "to_address",
        "in",
        voters.map((v) => v.email),
      )
      .executeTakeFirstOrThrow();
    expect(Number(mails.n)).toBe(VOTERS);

    // Drift 0: the organizer-facing tally equals the rows (each voter named two candidates).
    const counts = await rowCounts(r.roundId);
    expect([...counts.values()].reduce((a, b) => a + b, 0)).toBe(VOTERS * 2);
  }, 1_800_000);

  it("serialises changes: with changes allowed the last committed ballot counts and every version is in the history", async () => {
    const r = await createVoteRound({ mode: "single", categories: 1, candidatesPerCategory: 4, allowChange: true });
    const voters = await createVoters(100);
    const ids = r.candidates[r.categoryIds[0]!]!;
    const path = `${r.base}/${r.categories[0]!.slug}`;
    const tasks = voters.flatMap((voter, v) =>
      Array.from({ length: 10 }, (_, k) => async () => {
        const res = await fetch(apps[k % 2]!.url + path, {
          method: "POST",
          headers: { origin: ORIGIN, cookie: voter.cookie, "content-type": "application/x-www-form-urlencoded" },
          body: new URLSearchParams({ intent: "cast", choices: ids[(v + k) % 4]! }).toString(),
          redirect: "manual",
        });
        return res.status;
      }),
    );
    const statuses = await pool(tasks, IN_FLIGHT);
    expect(statuses.every((s) => s === 303)).toBe(true);
    const ballots = await getDb()
      .selectFrom("ballot")
      .select(["id", "version", "receipt_code"])
      .where("round_id", "=", r.roundId)
      .execute();
    expect(ballots).toHaveLength(100);
    for (const b of ballots) {
      const history = await getDb()
        .selectFrom("ballot_revision")
        .select(["version", "receipt_code", "choices"])
        .where("ballot_id", "=", b.id)
        .orderBy("version")
        .execute();
      // Versions 1..n without gaps; the newest revision is the ballot's current receipt and choice.
      expect(history.map((h) => h.version)).toEqual(Array.from({ length: b.version }, (_, i) => i + 1));
      expect(history.at(-1)!.receipt_code).toBe(b.receipt_code);
      const current = await getDb().selectFrom("ballot_choice").select("nominee_id").where("ballot_id", "=", b.id).execute();
      expect(current.map((c) => c.nominee_id)).toEqual(history.at(-1)!.choices);
    }
  }, 900_000);
});
