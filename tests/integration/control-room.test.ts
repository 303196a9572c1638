import { sql } from "kysely";
import { describe, expect, it } from "vitest";
import { getDb } from "~/db.server";
import { controlRoom } from "~/modules/awards/control-room.server";
import { loadEdition } from "~/modules/awards/edition.server";
import { saveScores } from "~/modules/jury/jury.server";
import { closeRoundNow, openRoundNow } from "~/modules/rounds/window.server";
import { castBallot } from "~/modules/voting/ballot.server";
import { candidateSource, decideTie, liveControl, loadVotingRound } from "~/modules/voting/round.server";
import { createEdition, createUser } from "../setup/factories";
import { addJuror, createJuryRound, type JuryFixture } from "../setup/jury";
import { createVoteRound, type VoteRound } from "../setup/voting";

// The control room of an edition (#13): its timeline and the organizer's next actions with their
// counts, most urgent first, read from the rows as they are.

const room = async (slug: string) => controlRoom(getDb(), await loadEdition(getDb(), slug, "2026", "nl"), "nl");
const actions = async (slug: string) => (await room(slug)).actions.map((a) => [a.key, a.count, a.round?.position ?? null, a.href]);

/** A jury round that ran an hour ago: opened and closed in the past, with every juror's sheets imported in its window. */
async function closedJuryRound(opts: { advanceK: number; tieBreak: "include_all" | "organizer" }, sheets: (ids: string[]) => number[]) {
  const f = await createJuryRound({ categories: 1, candidatesPerCategory: 4, open: false, ...opts });
  const jurors = [(await addJuror(f)).user.id, (await addJuror(f)).user.id];
  const ids = f.candidates[f.categoryIds[0]!]!;
  const impacts = sheets(ids);
  await getDb()
    .transaction()
    .execute(async (trx) => {
      // Not opened yet, so its window may still move (the lock starts at opening).
      await trx
        .updateTable("round")
        .set({ opens_at: sql<Date>`now() - interval '2 hours'`, closes_at: sql<Date>`now() - interval '1 hour'` })
        .where("id", "=", f.juryRoundId)
        .execute();
      await sql`set local lauwer.archive_import = 'on'`.execute(trx);
      await trx
        .insertInto("jury_score")
        .values(
          jurors.flatMap((juror) =>
            ids.flatMap((nominee, i) =>
              f.criteria.map((c, ci) => ({
                round_id: f.juryRoundId,
                juror_id: juror,
                nominee_id: nominee,
                criterion_id: c.id,
                score: ci === 0 ? impacts[i]! : 3,
                comment: "",
                updated_at: sql<Date>`now() - interval '90 minutes'`,
              })),
            ),
          ),
        )
        .execute();
    });
  return { f, ids };
}

/** One verified member's single-choice ballot in the vote round. */
async function vote(r: VoteRound, nomineeId: string) {
  const u = await createUser();
  const round = await loadVotingRound(getDb(), r.editionId, String(r.position));
  return castBallot(getDb(), {
    round,
    sourceRoundId: await candidateSource(getDb(), round),
    categoryId: r.categoryIds[0]!,
    voter: { id: u.id, email: u.email, name: u.name, locale: "nl", emailVerified: true },
    choices: [nomineeId],
    ip: "192.0.2.10",
    device: null,
    mail: { award: "Prijs", category: "Categorie", link: "http://localhost:3000/mijn-stemmen" },
  });
}

async function untilClosed(roundId: string) {
  for (;;) {
    const { rows } = await sql<{ closed: boolean }>`select closes_at <= now() as closed from round where id = ${roundId}`.execute(getDb());
    if (rows[0]!.closed) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

const roundRow = (f: JuryFixture) =>
  getDb().selectFrom("round").select(["advanced_at", "results_published_at"]).where("id", "=", f.juryRoundId).executeTakeFirstOrThrow();

describe("the control room of an edition", () => {
  it("asks a new edition to set up its procedure, with the nomination window on the timeline", async () => {
    const e = await createEdition();
    const r = await room(e.slug);
    expect(r.actions.map((a) => [a.key, a.href])).toEqual([["setUp", "procedure"]]);
    expect(r.timeline).toHaveLength(1);
    expect(r.timeline[0]).toMatchObject({ kind: "nominations", status: "open", href: "moderatie" });
  });

  it("counts the nominations waiting for moderation from the rows (not the rejected or the approved)", async () => {
    const v = await createVoteRound({ categories: 1, candidatesPerCategory: 2 });
    const pending = (name: string, status: "pending" | "rejected" = "pending") =>
      getDb()
        .insertInto("nominee")
        .values({ edition_id: v.editionId, category_id: v.categoryIds[0]!, kind: "person", name, status })
        .execute();
    await pending("Wacht Een");
    await pending("Wacht Twee");
    await pending("Wacht Drie");
    await pending("Afgewezen", "rejected");
    expect(await actions(v.slug)).toEqual([["moderate", 3, null, "moderatie?status=pending"]]);
    await getDb()
      .updateTable("nominee")
      .set({ status: "approved" })
      .where("name", "=", "Wacht Een")
      .where("edition_id", "=", v.editionId)
      .execute();
    expect(await actions(v.slug)).toEqual([["moderate", 2, null, "moderatie?status=pending"]]);
  });

  it("does not count a juror who deleted their account among those to remind (their seat keeps its sheets)", async () => {
    const f = await createJuryRound({ categories: 1, candidatesPerCategory: 2 });
    await addJuror(f);
    const leaves = await addJuror(f);
    expect(await actions(f.slug)).toEqual([["remindJurors", 2, 2, "jury/2"]]);
    const nominee = f.candidates[f.categoryIds[0]!]![0]!;
    await saveScores(getDb(), leaves.user.id, { id: f.juryRoundId }, nominee, [{ criterionId: f.criteria[0]!.id, score: 8, comment: "" }]);
    await getDb().deleteFrom("app_user").where("id", "=", leaves.user.id).execute();
    expect(await actions(f.slug)).toEqual([["remindJurors", 1, 2, "jury/2"]]);
  });

  it("names the jurors of an open jury round who have not finished, and drops them as they finish", async () => {
    const f = await createJuryRound({ categories: 1, candidatesPerCategory: 2 });
    const jurors = [await addJuror(f), await addJuror(f), await addJuror(f)];
    expect(await actions(f.slug)).toEqual([["remindJurors", 3, 2, "jury/2"]]);
    const [impact, together] = f.criteria;
    for (const nominee of f.candidates[f.categoryIds[0]!]!) {
      const sheet = [
        { criterionId: impact!.id, score: 8, comment: "" },
        { criterionId: together!.id, score: 4, comment: "" },
      ];
      expect((await saveScores(getDb(), jurors[0]!.user.id, { id: f.juryRoundId }, nominee, sheet)).ok).toBe(true);
    }
    expect(await actions(f.slug)).toEqual([["remindJurors", 2, 2, "jury/2"]]);
    const r = await room(f.slug);
    expect(r.timeline.map((s) => [s.kind, s.position, s.status])).toEqual([
      ["nominations", null, "closed"],
      ["public_vote", 1, "upcoming"],
      ["jury", 2, "open"],
    ]);
  });

  it("asks to decide a tie at the cut first, then to confirm the shortlist, and neither once it is published", async () => {
    // Two candidates share first place and one seat: the round leaves it to the organizer.
    const tied = await closedJuryRound({ advanceK: 1, tieBreak: "organizer" }, () => [9, 9, 5, 3]);
    expect(await actions(tied.f.slug)).toEqual([["decideTie", 1, 2, "jury/2"]]);
    expect((await room(tied.f.slug)).timeline[2]).toMatchObject({ kind: "jury", status: "advanced" });

    const clear = await closedJuryRound({ advanceK: 1, tieBreak: "organizer" }, () => [9, 7, 5, 3]);
    expect(await actions(clear.f.slug)).toEqual([["confirmShortlist", 1, 2, "jury/2"]]);
    expect((await roundRow(clear.f)).advanced_at).not.toBeNull();
    await getDb()
      .updateTable("round")
      .set({ results_published_at: sql<Date>`now()` })
      .where("id", "=", clear.f.juryRoundId)
      .execute();
    expect(await actions(clear.f.slug)).toEqual([]);
    expect((await room(clear.f.slug)).timeline[2]).toMatchObject({ kind: "jury", status: "published" });
  });

  it("asks to decide a tie at the cut of a closed vote round, then to publish once it is decided", async () => {
    const r = await createVoteRound({ advanceK: 1, categories: 1, candidatesPerCategory: 3, tieBreak: "organizer", closesIn: 3 });
    const [a, b] = r.candidates[r.categoryIds[0]!]!;
    for (const choice of [a!, b!]) expect((await vote(r, choice)).ok).toBe(true);
    await untilClosed(r.roundId);
    // Every round has closed, but publishing waits for the tie.
    expect(await actions(r.slug)).toEqual([["decideTie", 1, 1, "stemmen/1"]]);
    const organizer = await createUser();
    const round = await loadVotingRound(getDb(), r.editionId, "1");
    expect((await decideTie(getDb(), { actorId: organizer.id }, round, r.categoryIds[0]!, [b!], "Loting")).ok).toBe(true);
    expect(await actions(r.slug)).toEqual([["publishResults", 1, null, "uitslag"]]);
    expect((await room(r.slug)).timeline[1]).toMatchObject({ kind: "public_vote", status: "advanced" });
  });

  it("asks to publish the results once every round has closed", async () => {
    const { f } = await closedJuryRound({ advanceK: 1, tieBreak: "include_all" }, () => [9, 7, 5, 3]);
    await getDb()
      .updateTable("round")
      .set({ results_published_at: sql<Date>`now()` })
      .where("id", "=", f.juryRoundId)
      .execute();
    // The vote round before it has not opened yet: not everything is closed.
    expect(await actions(f.slug)).toEqual([]);
    await getDb()
      .updateTable("round")
      .set({ opens_at: sql<Date>`now() - interval '3 hours'`, closes_at: sql<Date>`now() - interval '150 minutes'` })
      .where("id", "=", f.roundId)
      .execute();
    expect(await actions(f.slug)).toEqual([["publishResults", 1, null, "uitslag"]]);
  });

  it("asks to open a live vote, then points to it while it runs", async () => {
    const v = await createVoteRound({ kind: "live_vote", opensIn: null, closesIn: null, categories: 1, candidatesPerCategory: 2 });
    expect(await actions(v.slug)).toEqual([["openLive", 1, 1, "stemmen/1"]]);
    expect((await room(v.slug)).timeline[1]).toMatchObject({ kind: "live_vote", status: "unscheduled" });
    const organizer = await createUser();
    expect((await liveControl(getDb(), { actorId: organizer.id }, v.roundId, "open")).ok).toBe(true);
    expect(await actions(v.slug)).toEqual([["liveRunning", 1, 1, "stemmen/1"]]);
    expect((await room(v.slug)).timeline[1]).toMatchObject({ kind: "live_vote", status: "open" });
  });

  it("asks to open a live vote only once the rounds before it have closed", async () => {
    const f = await createJuryRound({ categories: 1, candidatesPerCategory: 2 });
    await getDb()
      .insertInto("round")
      .values({
        edition_id: f.editionId,
        position: 3,
        kind: "live_vote",
        name_nl: "In de zaal",
        name_en: "In the room",
        source: "all",
        advancement: "none",
      })
      .execute();
    // The jury round (2) is open and the vote round (1) has not begun: not yet.
    expect((await actions(f.slug)).map((a) => a[0])).toEqual([]);
    await getDb()
      .updateTable("round")
      .set({ opens_at: sql<Date>`now() - interval '3 hours'`, closes_at: sql<Date>`now() - interval '150 minutes'` })
      .where("id", "=", f.roundId)
      .execute();
    // The vote has closed, the jury round is still open: not yet either.
    expect((await actions(f.slug)).map((a) => a[0])).toEqual([]);
    const jury = await closedJuryRound({ advanceK: 1, tieBreak: "include_all" }, () => [9, 7, 5, 3]);
    await getDb()
      .insertInto("round")
      .values({
        edition_id: jury.f.editionId,
        position: 3,
        kind: "live_vote",
        name_nl: "In de zaal",
        name_en: "In the room",
        source: "all",
        advancement: "none",
      })
      .execute();
    await getDb()
      .updateTable("round")
      .set({ opens_at: sql<Date>`now() - interval '3 hours'`, closes_at: sql<Date>`now() - interval '150 minutes'` })
      .where("id", "=", jury.f.roundId)
      .execute();
    await getDb()
      .updateTable("round")
      .set({ results_published_at: sql<Date>`now()` })
      .where("id", "=", jury.f.juryRoundId)
      .execute();
    expect(await actions(jury.f.slug)).toEqual([["openLive", 1, 3, "stemmen/3"]]);
  });

  it("puts the most urgent action first when several wait", async () => {
    const f = await createJuryRound({ categories: 1, candidatesPerCategory: 2 });
    await addJuror(f);
    await getDb()
      .insertInto("nominee")
      .values({ edition_id: f.editionId, category_id: f.categoryIds[0]!, kind: "person", name: "Nog te modereren" })
      .execute();
    expect((await actions(f.slug)).map((a) => a[0])).toEqual(["moderate", "remindJurors"]);
  });

  it("asks to open a round left without a window once its candidates are known, to close it while it runs, and to publish a vote that selects", async () => {
    const v = await createVoteRound({ opensIn: null, closesIn: null, categories: 1, candidatesPerCategory: 3, advanceK: 1 });
    const jury = await getDb()
      .insertInto("round")
      .values({
        edition_id: v.editionId,
        position: 2,
        kind: "jury",
        name_nl: "Jurering",
        name_en: "Jury",
        source: "previous",
        advancement: "none",
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    const organizer = { actorId: (await createUser()).id };
    // Only the vote can open: the jury waits for it.
    expect(await actions(v.slug)).toEqual([["openRound", 1, 1, "stemmen/1"]]);
    expect((await openRoundNow(getDb(), organizer, v.roundId)).ok).toBe(true);
    expect(await actions(v.slug)).toEqual([["closeRound", 1, 1, "stemmen/1"]]);
    expect((await closeRoundNow(getDb(), organizer, v.roundId)).ok).toBe(true);
    // Closed and advanced (nobody voted, so the tie at the cut goes through whole): publish it first.
    expect(await actions(v.slug)).toEqual([["publishRound", 1, 1, "stemmen/1"]]);
    await getDb()
      .updateTable("round")
      .set({ results_published_at: sql<Date>`now()` })
      .where("id", "=", v.roundId)
      .execute();
    expect(await actions(v.slug)).toEqual([["openRound", 1, 2, "jury/2"]]);
    expect((await openRoundNow(getDb(), organizer, jury.id)).ok).toBe(true);
    expect(await actions(v.slug)).toEqual([["closeRound", 1, 2, "jury/2"]]);
  });
});
