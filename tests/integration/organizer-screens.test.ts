import { sql } from "kysely";
import { describe, expect, it } from "vitest";
import { getDb } from "~/db.server";
import { listAuditPage } from "~/modules/audit/audit-log.server";
import { EMPTY_FILTERS } from "~/modules/audit/audit-filters";
import { approveNominee, mergeTargets } from "~/modules/awards/moderation.server";
import { listMyNominations, withdrawNomination } from "~/modules/awards/mine.server";
import { PersonNominationSchema } from "~/modules/awards/nomination.schema";
import { nominatePerson } from "~/modules/awards/nomination.server";
import { newReceiptCode } from "~/modules/voting/ballot.server";
import { fraudSignals, voidBallots } from "~/modules/voting/fraud.server";
import { createEdition, createUser, personInput } from "../setup/factories";
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
async function ballotAt(
  r: VoteRound,
  voterId: string,
  nomineeId: string,
  minutesAgo: number,
  at = sql<Date>`now() - make_interval(mins => ${minutesAgo})`,
) {
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
    await trx
      .insertInto("ballot_choice")
      .values({ ballot_id: b.id, category_id: r.categoryIds[0]!, nominee_id: nomineeId, rank: 1 })
      .execute();
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

describe("voiding ballots in bulk", () => {
  it("voids every selected ballot with one reason in one audited step; voided ballots stop counting and stay voided", async () => {
    const r = await createVoteRound({ categories: 1, candidatesPerCategory: 3 });
    const [a, b] = r.candidates[r.categoryIds[0]!]!;
    const voters = await votersAged(6, 60 * 24 * 30);
    for (const [i, v] of voters.entries()) await ballotAt(r, v.id, i < 4 ? a! : b!, 30 - i);
    const organizer = await createUser({ name: "Olga Organisator" });
    const ballots = await getDb().selectFrom("ballot").select(["id", "voter_id"]).where("round_id", "=", r.roundId).execute();
    const forA = ballots.filter((x) => voters.findIndex((v) => v.id === x.voter_id) < 4).map((x) => x.id);
    expect(await voidBallots(getDb(), { actorId: organizer.id }, r.roundId, forA.slice(0, 3), "Drie stemmen vanaf één apparaat")).toBe(3);
    expect((await rowCounts(r.roundId)).get(a!)).toBe(1);
    const voided = await getDb()
      .selectFrom("ballot")
      .select(["void_reason"])
      .where("voided_at", "is not", null)
      .where("round_id", "=", r.roundId)
      .execute();
    expect(voided.map((v) => v.void_reason)).toEqual(Array(3).fill("Drie stemmen vanaf één apparaat"));
    const audit = await getDb()
      .selectFrom("audit_log")
      .selectAll()
      .where("action", "=", "ballot.void")
      .where("entity_id", "=", r.roundId)
      .execute();
    expect(audit).toHaveLength(1);
    expect((audit[0]!.after as { ballots: string[] }).ballots.sort()).toEqual(forA.slice(0, 3).sort());
    // Voiding again changes nothing and writes nothing.
    expect(await voidBallots(getDb(), { actorId: organizer.id }, r.roundId, forA.slice(0, 3), "Nog een keer")).toBe(0);
    // The database keeps a voided ballot voided: no clearing, no new reason.
    await expect(sql`update ballot set voided_at = null, void_reason = null where id = ${forA[0]!}`.execute(getDb())).rejects.toMatchObject(
      {
        constraint: "ballot_void_final",
      },
    );
    await expect(sql`update ballot set void_reason = 'anders' where id = ${forA[0]!}`.execute(getDb())).rejects.toMatchObject({
      constraint: "ballot_void_final",
    });
    expect((await rowCounts(r.roundId)).get(a!)).toBe(1);

    // The audit log names the round and the ballots by time, never by id.
    const page = await listAuditPage(getDb(), { kind: "award", awardId: r.awardId }, { ...EMPTY_FILTERS, action: "ballot.void" }, 1, "nl");
    expect(page.rows).toHaveLength(1);
    expect(page.rows[0]!.entity).toEqual({ kind: "round", name: "Ronde 1 – Publieksstemming" });
    const ballotsChange = page.rows[0]!.words.find((w) => w.key === "ballots")!;
    expect(ballotsChange.after).toMatchObject({ t: "list", more: 0 });
    for (const item of (ballotsChange.after as { items: unknown[] }).items) expect(item).toMatchObject({ t: "ref", kind: "ballot" });
  });
});

const asNominator = (u: { id: string; name: string }) => ({ id: u.id, name: u.name, emailVerified: true });

describe("withdrawing a nomination", () => {
  it("removes an undecided nomination and its nominee, audited; refuses another member's and a decided one", async () => {
    const e = await createEdition();
    const member = await createUser({ name: "Nina Nomineerder" });
    const other = await createUser();
    const created = await nominatePerson(
      getDb(),
      asNominator(member),
      e.editionId,
      PersonNominationSchema.parse(personInput(e.categoryIds[0]!, { name: "Wendy Weg" })),
      "nl",
    );
    expect(created.ok).toBe(true);
    const [mine] = (await listMyNominations(getDb(), member.id)).nominations;
    expect(mine).toMatchObject({
      name: "Wendy Weg",
      status: "pending",
      consent_status: "pending",
      withdrawable: true,
      category_nl: "Categorie 0",
    });
    expect(mine!.motivation).toContain("wachttijd");

    // Someone else's nomination is as good as not there.
    expect(await withdrawNomination(getDb(), { actorId: other.id }, other.id, mine!.id)).toMatchObject({ ok: false, status: 404 });
    const withdrawn = await withdrawNomination(getDb(), { actorId: member.id }, member.id, mine!.id);
    expect(withdrawn).toMatchObject({ ok: true, value: { name: "Wendy Weg" } });
    expect(await getDb().selectFrom("nomination").select("id").where("id", "=", mine!.id).execute()).toEqual([]);
    expect(await getDb().selectFrom("nominee").select("id").where("id", "=", mine!.nominee_id).execute()).toEqual([]);
    const audit = await getDb()
      .selectFrom("audit_log")
      .selectAll()
      .where("action", "=", "nomination.withdraw")
      .where("entity_id", "=", mine!.id)
      .execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actor_id: member.id, award_id: e.awardId });
    expect(await withdrawNomination(getDb(), { actorId: member.id }, member.id, mine!.id)).toMatchObject({ ok: false, status: 404 });
  });

  it("keeps a nominee someone else also nominated, and refuses once moderation decided (the database too)", async () => {
    const e = await createEdition();
    const [first, second, organizer] = [await createUser(), await createUser(), await createUser({ name: "Olga Organisator" })];
    const input = PersonNominationSchema.parse(personInput(e.categoryIds[0]!, { name: "Bram Blijft" }));
    expect((await nominatePerson(getDb(), asNominator(first), e.editionId, input, "nl")).ok).toBe(true);
    const [firstNomination] = (await listMyNominations(getDb(), first.id)).nominations;
    const nomineeId = firstNomination!.nominee_id;
    // A second nomination of the same undecided nominee (as a merge into it leaves behind).
    await getDb()
      .insertInto("nomination")
      .values({
        edition_id: e.editionId,
        nominee_id: nomineeId,
        submitted_for_nominee_id: nomineeId,
        nominator_id: second.id,
        motivation: "Bram heeft het hele team geholpen met de nieuwe werkwijze.",
      })
      .execute();
    const [secondNomination] = (await listMyNominations(getDb(), second.id)).nominations;
    expect((await withdrawNomination(getDb(), { actorId: second.id }, second.id, secondNomination!.id)).ok).toBe(true);
    expect(await getDb().selectFrom("nominee").select("id").where("id", "=", nomineeId).execute()).toHaveLength(1);

    expect((await approveNominee(getDb(), { actorId: organizer.id }, e.editionId, nomineeId)).ok).toBe(true);
    const [decided] = (await listMyNominations(getDb(), first.id)).nominations;
    expect(decided!.withdrawable).toBe(false);
    expect(await withdrawNomination(getDb(), { actorId: first.id }, first.id, decided!.id)).toMatchObject({
      ok: false,
      status: 409,
      error: "organizer.mine.errors.decided",
    });
    await expect(sql`delete from nomination where id = ${decided!.id}`.execute(getDb())).rejects.toMatchObject({
      constraint: "nomination_decided",
    });
    expect(await getDb().selectFrom("nomination").select("id").where("id", "=", decided!.id).execute()).toHaveLength(1);
  });
});

describe("the merge picker", () => {
  it("finds nominees by part of the name or organisation, without the nominee itself or merged ones; without a search, the most alike first", async () => {
    const e = await createEdition({ perMember: 100 });
    const member = await createUser();
    const names = [
      "Anna de Vries",
      "Anna de Vries-Jansen",
      "Bert Bakker",
      "Carla Claes",
      ...Array.from({ length: 45 }, (_, i) => `Lid ${i} Vermeulen`),
    ];
    const ids: Record<string, string> = {};
    for (const name of names) {
      const org = name === "Carla Claes" ? "Waterschap Rivierenland" : "Gemeente Teststad";
      const r = await nominatePerson(
        getDb(),
        asNominator(member),
        e.editionId,
        PersonNominationSchema.parse(personInput(e.categoryIds[0]!, { name, organisation: org })),
        "nl",
      );
      expect(r.ok, name).toBe(true);
    }
    for (const n of await getDb().selectFrom("nominee").select(["id", "name"]).where("edition_id", "=", e.editionId).execute())
      ids[n.name] = n.id;
    const anna = ids["Anna de Vries"]!;

    const alike = await mergeTargets(getDb(), e.editionId, anna, "");
    expect(alike.targets[0]!.name).toBe("Anna de Vries-Jansen");
    expect(alike.targets.map((t) => t.id)).not.toContain(anna);
    expect(alike.targets.length).toBeLessThanOrEqual(15);
    expect(alike.total).toBe(names.length - 1);

    expect((await mergeTargets(getDb(), e.editionId, anna, "bakk")).targets.map((t) => t.name)).toEqual(["Bert Bakker"]);
    expect((await mergeTargets(getDb(), e.editionId, anna, "rivierenland")).targets.map((t) => t.name)).toEqual(["Carla Claes"]);
    expect((await mergeTargets(getDb(), e.editionId, anna, "50%_")).targets).toEqual([]);
    const vermeulen = await mergeTargets(getDb(), e.editionId, anna, "vermeulen");
    expect(vermeulen).toMatchObject({ total: 45 });
    expect(vermeulen.targets).toHaveLength(15);
  });
});
