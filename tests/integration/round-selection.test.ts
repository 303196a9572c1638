import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "~/db.server";
import { RoundSchema } from "~/modules/awards/procedure.schema";
import { updateRound } from "~/modules/awards/procedure.server";
import { jurorCandidates, loadJuryRound, saveScores } from "~/modules/jury/jury.server";
import { confirmShortlist } from "~/modules/rounds/confirm.server";
import { saveSelection } from "~/modules/rounds/selection.server";
import { castBallot } from "~/modules/voting/ballot.server";
import { loadVotingRound, roundCandidates } from "~/modules/voting/round.server";
import { createUser } from "../setup/factories";
import { startTestServer, type TestServer } from "../setup/http";
import { addJuror, createJuryRound } from "../setup/jury";
import { createVoteRound, sessionFor } from "../setup/voting";

// Organizer-selection rounds, confirmed shortlists and rounds that wait for their source (#13):
// the organizers pick exactly K per category with motivations; the database keeps the count and
// locks the selection once a later round opened; until the organizer confirms, the next round shows
// nobody and takes no ballot or score.

let app: TestServer;
beforeAll(async () => {
  app = await startTestServer();
});
afterAll(async () => {
  await app.close();
});

const db = () => getDb();

/**
 * An edition: 1 organizer selection (open, K per category, from every candidate) → 2 public vote
 * (not open yet, from the selection) → 3 jury prize (not open yet, same finalists), with an
 * organizer, a juror and a member.
 */
async function selectionEdition(k = 2, showMotivations = false) {
  const base = await createVoteRound({ categories: 2, candidatesPerCategory: 4, opensIn: 86_400, closesIn: 90_000 });
  await db()
    .updateTable("round")
    .set({ position: 2, source: "previous", name_nl: "Publieksprijs" })
    .where("id", "=", base.roundId)
    .execute();
  const selection = await db()
    .insertInto("round")
    .values({
      edition_id: base.editionId,
      position: 1,
      kind: "organizer_selection",
      name_nl: "Selectie finalisten",
      name_en: "Selection of finalists",
      opens_at: sql<Date>`now() - interval '1 minute'`,
      closes_at: sql<Date>`now() + interval '1 hour'`,
      source: "all",
      advancement: "organizer",
      advance_k: k,
      show_motivations: showMotivations,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  const jury = await db()
    .insertInto("round")
    .values({
      edition_id: base.editionId,
      position: 3,
      kind: "jury",
      name_nl: "Juryprijs",
      name_en: "Jury prize",
      source: "previous",
      advancement: "none",
      closes_at: sql<Date>`now() + interval '3 days'`,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  const criterion = await db()
    .insertInto("criterion")
    .values({ round_id: jury.id, position: 1, name_nl: "Impact", name_en: "Impact", weight: 1, scale_min: 1, scale_max: 10 })
    .returning("id")
    .executeTakeFirstOrThrow();
  const organizer = await createUser();
  await db()
    .insertInto("role_grant")
    .values({ user_id: organizer.id, role: "organizer", award_id: base.awardId, edition_id: null, book_project_id: null })
    .execute();
  const member = await createUser();
  return {
    ...base,
    selectionId: selection.id,
    voteId: base.roundId,
    juryId: jury.id,
    criterionId: criterion.id,
    page: `/beheer/prijzen/${base.slug}/2026/selectie/1`,
    categories: [
      { id: base.categoryIds[0]!, name: "Categorie 0" },
      { id: base.categoryIds[1]!, name: "Categorie 1" },
    ],
    organizer: { user: organizer, cookie: await sessionFor(organizer.id) },
    juror: await addJuror(base),
    member: { user: member, cookie: await sessionFor(member.id) },
  };
}
type Edition = Awaited<ReturnType<typeof selectionEdition>>;

const motivation = (id: string) => `Motivatie voor ${id.slice(0, 8)}: sterk werk.`;
/** The first `n` candidates of every category, each with a motivation. */
const firstPicks = (e: Edition, n: number) =>
  e.categoryIds.flatMap((c) => e.candidates[c]!.slice(0, n).map((nomineeId) => ({ nomineeId, motivation: motivation(nomineeId) })));
const form = (picks: Array<{ nomineeId: string; motivation: string }>) =>
  Object.fromEntries(
    picks.flatMap((p) => [
      [`pick-${p.nomineeId}`, "on"],
      [`motivation-${p.nomineeId}`, p.motivation],
    ]),
  );

const advancement = (roundId: string) =>
  db().selectFrom("round_advancement").selectAll().where("round_id", "=", roundId).orderBy("nominee_id").execute();
const roundRow = (id: string) => db().selectFrom("round").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
const actor = (e: Edition) => ({ actorId: e.organizer.user.id });

async function openRound(id: string) {
  await db()
    .updateTable("round")
    .set({ opens_at: sql<Date>`now() - interval '1 second'` })
    .where("id", "=", id)
    .execute();
}

describe("organizer selection", () => {
  it("writes exactly K per category with the motivations, in one audited transaction, through the organizer's page", async () => {
    const e = await selectionEdition();
    const picks = firstPicks(e, 2);
    const res = await app.request(`${e.page}?intent=select`, { form: form(picks), headers: { cookie: e.organizer.cookie } });
    expect(res.status).toBe(303);
    const rows = await advancement(e.selectionId);
    expect(rows).toHaveLength(4);
    for (const r of rows) {
      expect(r.decided_by).toBe("organizer");
      expect(r.reason).toBe(motivation(r.nominee_id));
    }
    expect((await roundRow(e.selectionId)).advanced_at).not.toBeNull();
    const audit = await db().selectFrom("audit_log").select(["action", "actor_id"]).where("entity_id", "=", e.selectionId).execute();
    expect(audit).toContainEqual({ action: "round.select", actor_id: e.organizer.user.id });
    // The page shows the saved selection with its motivations.
    const page = await (await app.request(e.page, { headers: { cookie: e.organizer.cookie } })).text();
    expect(page).toContain(motivation(picks[0]!.nomineeId));
  });

  it("refuses fewer or more than K in a category, a missing or too long motivation, and a non-candidate, writing nothing", async () => {
    const e = await selectionEdition();
    const [c0, c1] = e.categoryIds as [string, string];
    const two = (c: string) => e.candidates[c]!.slice(0, 2).map((nomineeId) => ({ nomineeId, motivation: motivation(nomineeId) }));
    const fewer = [...two(c0), ...two(c1).slice(0, 1)];
    const more = [...two(c0), ...e.candidates[c1]!.slice(0, 3).map((nomineeId) => ({ nomineeId, motivation: motivation(nomineeId) }))];
    const r1 = await saveSelection(db(), actor(e), { id: e.selectionId }, e.categories, fewer);
    expect(r1).toMatchObject({ ok: false, status: 400, error: "rounds.errors.count", params: { category: "Categorie 1", k: 2, n: 1 } });
    expect(await saveSelection(db(), actor(e), { id: e.selectionId }, e.categories, more)).toMatchObject({
      ok: false,
      error: "rounds.errors.count",
    });
    const noMotivation = [...two(c0), { nomineeId: e.candidates[c1]![0]!, motivation: " " }, two(c1)[1]!];
    expect(await saveSelection(db(), actor(e), { id: e.selectionId }, e.categories, noMotivation)).toMatchObject({
      ok: false,
      status: 400,
      error: "rounds.errors.motivationRequired",
      field: `motivation-${e.candidates[c1]![0]}`,
    });
    const long = [...two(c0), { nomineeId: e.candidates[c1]![0]!, motivation: "x".repeat(401) }, two(c1)[1]!];
    expect(await saveSelection(db(), actor(e), { id: e.selectionId }, e.categories, long)).toMatchObject({
      error: "rounds.errors.motivationTooLong",
    });
    const stranger = [...two(c0), two(c1)[0]!, { nomineeId: "00000000-0000-4000-8000-000000000000", motivation: "Een goede reden hier." }];
    expect(await saveSelection(db(), actor(e), { id: e.selectionId }, e.categories, stranger)).toMatchObject({
      error: "rounds.errors.notACandidate",
    });
    // Through the page: the error is answered 400 with the motivation field named.
    const res = await app.request(`${e.page}?intent=select`, { form: form(noMotivation), headers: { cookie: e.organizer.cookie } });
    expect(res.status).toBe(400);
    expect(await advancement(e.selectionId)).toHaveLength(0);
    expect((await roundRow(e.selectionId)).advanced_at).toBeNull();
  });

  it("refuses jurors, members and visitors; only the edition's organizers choose", async () => {
    const e = await selectionEdition();
    const body = form(firstPicks(e, 2));
    for (const cookie of [e.juror.cookie, e.member.cookie]) {
      expect((await app.request(e.page, { headers: { cookie } })).status).toBe(403);
      expect((await app.request(`${e.page}?intent=select`, { form: body, headers: { cookie } })).status).toBe(403);
      expect((await app.request(`${e.page}?intent=confirm`, { form: {}, headers: { cookie } })).status).toBe(403);
    }
    expect((await app.request(e.page)).status).toBe(302);
    // Another award's organizer is refused too.
    const other = await selectionEdition();
    expect((await app.request(e.page, { headers: { cookie: other.organizer.cookie } })).status).toBe(403);
    expect(await advancement(e.selectionId)).toHaveLength(0);
  });

  it("keeps the count within K in the database, whoever writes the rows", async () => {
    const e = await selectionEdition();
    expect((await saveSelection(db(), actor(e), { id: e.selectionId }, e.categories, firstPicks(e, 2))).ok).toBe(true);
    const third = e.candidates[e.categoryIds[0]!]![2]!;
    await expect(
      db()
        .insertInto("round_advancement")
        .values({ round_id: e.selectionId, nominee_id: third, category_id: e.categoryIds[0]!, decided_by: "organizer", reason: "extra" })
        .execute(),
    ).rejects.toMatchObject({ constraint: "round_selection_count" });
    expect(await advancement(e.selectionId)).toHaveLength(4);
  });

  it("locks the selection once the next round has opened: the service and direct SQL are both refused", async () => {
    const e = await selectionEdition();
    expect((await saveSelection(db(), actor(e), { id: e.selectionId }, e.categories, firstPicks(e, 2))).ok).toBe(true);
    const before = await advancement(e.selectionId);
    await openRound(e.voteId);
    const other = e.categoryIds.flatMap((c) =>
      e.candidates[c]!.slice(2, 4).map((nomineeId) => ({ nomineeId, motivation: motivation(nomineeId) })),
    );
    expect(await saveSelection(db(), actor(e), { id: e.selectionId }, e.categories, other)).toMatchObject({
      ok: false,
      status: 409,
      error: "rounds.errors.selectionLocked",
    });
    await expect(
      db().updateTable("round_advancement").set({ reason: "Achteraf veranderd" }).where("round_id", "=", e.selectionId).execute(),
    ).rejects.toMatchObject({ constraint: "round_selection_locked" });
    await expect(db().deleteFrom("round_advancement").where("round_id", "=", e.selectionId).execute()).rejects.toMatchObject({
      constraint: "round_selection_locked",
    });
    expect(await advancement(e.selectionId)).toEqual(before);
  });
});

describe("confirming a shortlist before it is published", () => {
  it("hides the finalists from the next round's voters and jury until the organizer confirms, and refuses ballots and scores meanwhile", async () => {
    const e = await selectionEdition();
    // Nothing chosen yet: nothing to confirm.
    const early = await app.request(`${e.page}?intent=confirm`, { form: {}, headers: { cookie: e.organizer.cookie } });
    expect(early.status).toBe(409);
    expect((await roundRow(e.selectionId)).results_published_at).toBeNull();

    const picks = firstPicks(e, 2);
    expect((await saveSelection(db(), actor(e), { id: e.selectionId }, e.categories, picks)).ok).toBe(true);
    await openRound(e.voteId);
    await openRound(e.juryId);

    // Saved, not confirmed: the vote's ballot page waits, naming the round it waits for, and lists nobody.
    const ballotPage = await (await app.request(`/prijzen/${e.slug}/2026/ronde/2/cat-0`)).text();
    expect(ballotPage).toContain("Deze ronde wacht op de uitslag van Selectie finalisten.");
    const picked = picks[0]!.nomineeId;
    expect(ballotPage).not.toContain(picked);
    const round = await loadVotingRound(db(), e.editionId, "2");
    const voter = await createUser();
    const ballot = () =>
      castBallot(db(), {
        round,
        sourceRoundId: e.selectionId,
        categoryId: e.categoryIds[0]!,
        voter: { id: voter.id, email: voter.email, name: voter.name, locale: "nl", emailVerified: true },
        choices: [picked],
        ip: null,
        device: null,
        mail: { award: "Prijs", category: "Categorie", link: "http://localhost:3000/mijn-stemmen" },
      });
    // The ballot statement itself is refused by the database (the page would not offer it).
    expect(await ballot()).toMatchObject({ ok: false, status: 409, error: "voting.errors.waiting" });
    // The jury of round 3 sees nobody and cannot score.
    const jury = await loadJuryRound(db(), e.editionId, "3");
    const member = { user_id: e.juror.user.id, category_ids: [] as string[] };
    expect(await jurorCandidates(db(), jury, member)).toHaveLength(0);
    const juryPage = await (await app.request(`/jury/${e.slug}/2026/3`, { headers: { cookie: e.juror.cookie } })).text();
    expect(juryPage).toContain("Deze ronde wacht op de uitslag van Selectie finalisten.");
    expect(
      await saveScores(db(), e.juror.user.id, { id: e.juryId }, picked, [{ criterionId: e.criterionId, score: 7, comment: "" }]),
    ).toMatchObject({
      ok: false,
      error: "rounds.errors.waiting",
    });
    expect(await db().selectFrom("ballot").select("id").where("round_id", "=", e.voteId).execute()).toHaveLength(0);

    // Confirmed through the page: audited, and the next rounds see the finalists.
    const confirmed = await app.request(`${e.page}?intent=confirm`, { form: {}, headers: { cookie: e.organizer.cookie } });
    expect(confirmed.status).toBe(303);
    expect((await roundRow(e.selectionId)).results_published_at).not.toBeNull();
    const audit = await db().selectFrom("audit_log").select("action").where("entity_id", "=", e.selectionId).execute();
    expect(audit.map((a) => a.action)).toContain("round.confirm");
    const after = await (await app.request(`/prijzen/${e.slug}/2026/ronde/2/cat-0`)).text();
    expect(after).not.toContain("wacht op de uitslag");
    // The motivations are the jury's, not public: this round does not show them.
    expect(after).not.toContain(motivation(picked));
    expect((await roundCandidates(db(), round, e.categoryIds[0]!)).map((c) => c.id).sort()).toEqual(
      e.candidates[e.categoryIds[0]!]!.slice(0, 2).sort(),
    );
    expect(await ballot()).toMatchObject({ ok: true });
    expect((await jurorCandidates(db(), jury, member)).map((c) => c.id).sort()).toEqual(picks.map((p) => p.nomineeId).sort());
    expect(
      (await saveScores(db(), e.juror.user.id, { id: e.juryId }, picked, [{ criterionId: e.criterionId, score: 7, comment: "" }])).ok,
    ).toBe(true);
    // The juror's dossier carries the organizers' motivation.
    const dossier = await (await app.request(`/jury/${e.slug}/2026/3/${picked}`, { headers: { cookie: e.juror.cookie } })).text();
    expect(dossier).toContain(motivation(picked));
  });

  it("shows the motivations publicly with the finalists once confirmed, when the selection round says so", async () => {
    const e = await selectionEdition(2, true);
    const picks = firstPicks(e, 2);
    expect((await saveSelection(db(), actor(e), { id: e.selectionId }, e.categories, picks)).ok).toBe(true);
    const ballotPage = `/prijzen/${e.slug}/2026/ronde/2/cat-0`;
    expect(await (await app.request(ballotPage)).text()).not.toContain(motivation(picks[0]!.nomineeId));
    expect((await confirmShortlist(db(), actor(e), { id: e.selectionId }, e.categories)).ok).toBe(true);
    const page = await (await app.request(ballotPage)).text();
    expect(page).toContain("Waarom de organisatie deze finalisten koos");
    expect(page).toContain(motivation(picks[0]!.nomineeId));
  });

  it("refuses a ballot inserted straight into the database while the round waits", async () => {
    const e = await selectionEdition();
    expect((await saveSelection(db(), actor(e), { id: e.selectionId }, e.categories, firstPicks(e, 2))).ok).toBe(true);
    await openRound(e.voteId);
    const voter = await createUser();
    const nominee = e.candidates[e.categoryIds[0]!]![0]!;
    await expect(
      db()
        .transaction()
        .execute(async (trx) => {
          const b = await trx
            .insertInto("ballot")
            .values({
              round_id: e.voteId,
              edition_id: e.editionId,
              category_id: e.categoryIds[0]!,
              voter_id: voter.id,
              receipt_code: "TEST-WAIT-0001",
            })
            .returning("id")
            .executeTakeFirstOrThrow();
          await trx
            .insertInto("ballot_choice")
            .values({ ballot_id: b.id, category_id: e.categoryIds[0]!, nominee_id: nominee, rank: 1 })
            .execute();
        }),
    ).rejects.toMatchObject({ constraint: "ballot_round_waiting" });
    expect(await db().selectFrom("ballot").select("id").where("round_id", "=", e.voteId).execute()).toHaveLength(0);
  });

  it("confirms a closed jury round's shortlist only without open ties, and only then shows it to the next jury", async () => {
    const f = await createJuryRound({ categories: 1, candidatesPerCategory: 3, open: false, advanceK: 1, tieBreak: "organizer" });
    const next = await db()
      .insertInto("round")
      .values({
        edition_id: f.editionId,
        position: 3,
        kind: "jury",
        name_nl: "Finale",
        name_en: "Final",
        source: "previous",
        advancement: "none",
        opens_at: sql<Date>`now() - interval '1 second'`,
        closes_at: sql<Date>`now() + interval '1 day'`,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    const jurors = [await addJuror(f), await addJuror(f)];
    const [a, b, c] = f.candidates[f.categoryIds[0]!]! as [string, string, string];
    await db()
      .updateTable("round")
      .set({ opens_at: sql<Date>`now() - interval '1 second'`, closes_at: sql<Date>`now() + interval '3 seconds'` })
      .where("id", "=", f.juryRoundId)
      .execute();
    const impact = f.criteria[0]!;
    const together = f.criteria[1]!;
    // a and b tie at the cut of one seat; the round leaves it to the organizer.
    await db()
      .insertInto("jury_score")
      .values(
        jurors.flatMap((j) =>
          [a, b, c].flatMap((n) => [
            { round_id: f.juryRoundId, juror_id: j.user.id, nominee_id: n, criterion_id: impact.id, score: n === c ? 5 : 8, comment: "" },
            { round_id: f.juryRoundId, juror_id: j.user.id, nominee_id: n, criterion_id: together.id, score: 3, comment: "" },
          ]),
        ),
      )
      .execute();
    await new Promise((resolve) => setTimeout(resolve, 3500));
    const categories = [{ id: f.categoryIds[0]!, name: "Categorie 0" }];
    const who = { actorId: f.organizer.user.id };
    expect(await confirmShortlist(db(), who, { id: f.juryRoundId }, categories)).toMatchObject({
      ok: false,
      status: 409,
      error: "rounds.errors.tiesOpen",
    });
    expect((await roundRow(f.juryRoundId)).results_published_at).toBeNull();
    const finale = await loadJuryRound(db(), f.editionId, "3");
    const member = { user_id: jurors[0]!.user.id, category_ids: [] as string[] };
    const tie = await app.request(`${f.juryAdmin}?intent=tie`, {
      form: { categoryId: f.categoryIds[0]!, [`advance-${b}`]: "on", reason: "Sterkere motivatie" },
      headers: { cookie: f.organizer.cookie },
    });
    expect(tie.status).toBe(303);
    // Decided, not confirmed: the next jury still sees nobody.
    expect(await jurorCandidates(db(), finale, member)).toHaveLength(0);
    const confirmed = await app.request(`${f.juryAdmin}?intent=confirm`, { form: {}, headers: { cookie: f.organizer.cookie } });
    expect(confirmed.status).toBe(303);
    expect((await roundRow(f.juryRoundId)).results_published_at).not.toBeNull();
    expect((await jurorCandidates(db(), finale, member)).map((x) => x.id)).toEqual([b]);
    expect(next.id).toBe(finale.id);
  });

  it("confirms a closed jury round's shortlist only once it advanced, as the published marker", async () => {
    const e = await selectionEdition();
    // A jury round is confirmable only with a top K; this one passes its candidates on.
    expect(await confirmShortlist(db(), actor(e), { id: e.juryId }, e.categories)).toMatchObject({
      ok: false,
      error: "rounds.errors.notConfirmable",
    });
  });
});

describe("a round cannot open before its source round has advanced", () => {
  it("refuses an opening time before the source round closes, on the field, naming the round", async () => {
    const e = await selectionEdition();
    const current = await db()
      .selectFrom("round")
      .select([
        sql<string>`to_char(closes_at at time zone 'Europe/Amsterdam' - interval '10 minutes', 'YYYY-MM-DD"T"HH24:MI')`.as("early"),
        sql<string>`to_char(closes_at at time zone 'Europe/Amsterdam' + interval '1 day', 'YYYY-MM-DD"T"HH24:MI')`.as("late"),
        sql<string>`to_char(closes_at at time zone 'Europe/Amsterdam' + interval '2 days', 'YYYY-MM-DD"T"HH24:MI')`.as("end"),
      ])
      .where("id", "=", e.selectionId)
      .executeTakeFirstOrThrow();
    const input = (opensAt: string) =>
      RoundSchema.parse({
        roundId: e.voteId,
        kind: "public_vote",
        nameNl: "Publieksprijs",
        nameEn: "Public prize",
        opensAt,
        closesAt: current.end,
        source: "previous",
        advancement: "none",
      });
    const org = actor(e);
    expect(await updateRound(db(), org, e.editionId, input(current.early))).toMatchObject({
      ok: false,
      status: 400,
      error: "rounds.errors.opensBeforeSource",
      field: "opensAt",
      params: { round: "Selectie finalisten" },
    });
    expect((await roundRow(e.voteId)).name_nl).toBe("Publieksprijs");
    expect((await updateRound(db(), org, e.editionId, input(current.late))).ok).toBe(true);
  });

  it("requires the number per category for an organizer selection in the procedure form", () => {
    const parsed = RoundSchema.safeParse({
      kind: "organizer_selection",
      nameNl: "Selectie",
      nameEn: "Selection",
      opensAt: "2030-01-01T10:00",
      closesAt: "2030-01-02T10:00",
      source: "all",
      advancement: "organizer",
      advanceK: "",
    });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]?.path).toEqual(["advanceK"]);
  });
});
