import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "~/db.server";
import { recordConflict, suggestConflicts } from "~/modules/jury/conflicts.server";
import { saveScores } from "~/modules/jury/jury.server";
import { createUser, uniqueEmail } from "../setup/factories";
import { startTestServer, type TestServer } from "../setup/http";
import { addJuror, createJuryRound, type JuryFixture } from "../setup/jury";
import { sessionFor } from "../setup/voting";

// Organizers record a juror's conflict of interest (#13 item 5): the same recusal as the juror's own
// declaration, audited as the organizer's; Lauwer suggests likely conflicts but never records one.

let app: TestServer;
beforeAll(async () => {
  app = await startTestServer();
});
afterAll(() => app.close());

const page = (f: JuryFixture) => `/beheer/prijzen/${f.slug}/2026/jury/belangen`;
const cand = (f: JuryFixture, i = 0) => f.candidates[f.categoryIds[0]!]![i]!;
const fullSheet = (f: JuryFixture) => [
  { criterionId: f.criteria[0]!.id, score: 8, comment: "" },
  { criterionId: f.criteria[1]!.id, score: 4, comment: "" },
];
const conflicts = (f: JuryFixture) =>
  getDb().selectFrom("jury_conflict").select(["juror_id", "nominee_id", "reason"]).where("round_id", "=", f.juryRoundId).execute();
/** Nobody in the fixture shares an organisation unless a test says so (the factories give everyone the same one). */
async function distinctOrganisations(f: JuryFixture) {
  await getDb().updateTable("nominee").set({ organisation: "Provincie Elders" }).where("edition_id", "=", f.editionId).execute();
}
async function setJuror(userId: string, values: { email?: string; organisation?: string }) {
  await getDb().updateTable("app_user").set(values).where("id", "=", userId).execute();
}

describe("organizers record a juror's conflict of interest", () => {
  it("recuses the juror: their scores for the candidate go, they can no longer score it, and it is audited as the organizer's", async () => {
    const f = await createJuryRound({ categories: 1, candidatesPerCategory: 2 });
    const juror = await addJuror(f);
    expect((await saveScores(getDb(), juror.user.id, { id: f.juryRoundId }, cand(f), fullSheet(f))).ok).toBe(true);
    const res = await app.request(page(f), {
      form: { round: "2", jurorId: juror.user.id, nomineeId: cand(f), reason: "Werkte tot vorig jaar in haar team." },
      headers: { cookie: f.organizer.cookie },
    });
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toContain("melding=control.notice.conflictRecorded");
    expect(await conflicts(f)).toEqual([{ juror_id: juror.user.id, nominee_id: cand(f), reason: "Werkte tot vorig jaar in haar team." }]);
    const scores = await getDb()
      .selectFrom("jury_score")
      .select("score")
      .where("round_id", "=", f.juryRoundId)
      .where("juror_id", "=", juror.user.id)
      .execute();
    expect(scores).toHaveLength(0);
    expect(await saveScores(getDb(), juror.user.id, { id: f.juryRoundId }, cand(f), fullSheet(f))).toMatchObject({
      ok: false,
      status: 409,
      error: "jury.errors.recused",
    });
    // The other candidate is still theirs to score.
    expect((await saveScores(getDb(), juror.user.id, { id: f.juryRoundId }, cand(f, 1), fullSheet(f))).ok).toBe(true);
    // The juror's own list shows the candidate as recused.
    const list = await (await app.request(f.juryBase, { headers: { cookie: juror.cookie } })).text();
    expect(list.match(/niet \(belangenverstrengeling\)/g)).toHaveLength(1);
    const audit = await getDb()
      .selectFrom("audit_log")
      .select(["actor_id", "entity_id", "after"])
      .where("action", "=", "jury.conflict.record")
      .where("entity_id", "=", cand(f))
      .execute();
    expect(audit).toEqual([
      {
        actor_id: f.organizer.user.id,
        entity_id: cand(f),
        after: { round: f.juryRoundId, juror: juror.user.id, reason: "Werkte tot vorig jaar in haar team." },
      },
    ]);
    // Recorded once: the same again is refused, nothing changes.
    const again = await app.request(page(f), {
      form: { round: "2", jurorId: juror.user.id, nomineeId: cand(f), reason: "Nog een keer." },
      headers: { cookie: f.organizer.cookie },
    });
    expect(again.status).toBe(409);
    expect(await again.text()).toContain("Dit belang is al vastgelegd");
    expect(await conflicts(f)).toHaveLength(1);
  });

  it("suggests conflicts by e-mail domain and by organisation (case and accents ignored), and applies none of them", async () => {
    const f = await createJuryRound({ categories: 1, candidatesPerCategory: 3 });
    await distinctOrganisations(f);
    const byDomain = await addJuror(f);
    const byOrganisation = await addJuror(f);
    const unrelated = await addJuror(f);
    const webmail = await addJuror(f);
    await setJuror(byDomain.user.id, { email: uniqueEmail("jurylid").replace("@example.nl", "@zwolle.nl"), organisation: "" });
    await setJuror(byOrganisation.user.id, { organisation: "  Gemeente Súdwest-Fryslân " });
    await setJuror(unrelated.user.id, { organisation: "Ministerie van Niets" });
    await setJuror(webmail.user.id, { email: uniqueEmail("jurylid").replace("@example.nl", "@gmail.com"), organisation: "" });
    const db = getDb();
    await db.updateTable("nominee").set({ contact_email: "a.kandidaat@Zwolle.nl" }).where("id", "=", cand(f, 0)).execute();
    await db.updateTable("nominee").set({ organisation: "gemeente sudwest-fryslan" }).where("id", "=", cand(f, 1)).execute();
    await db.updateTable("nominee").set({ contact_email: "c.kandidaat@gmail.com" }).where("id", "=", cand(f, 2)).execute();

    const found = await suggestConflicts(db, f.editionId);
    expect(found.map((s) => [s.jurorId, s.nomineeId, s.why, s.match])).toEqual(
      expect.arrayContaining([
        [byDomain.user.id, cand(f, 0), "domain", "zwolle.nl"],
        [byOrganisation.user.id, cand(f, 1), "organisation", "Gemeente Súdwest-Fryslân"],
      ]),
    );
    expect(found).toHaveLength(2);
    // The page lists them with a confirm button each; neither reading nor listing records anything.
    const html = await (await app.request(page(f), { headers: { cookie: f.organizer.cookie } })).text();
    expect(html).toContain("Zelfde e-maildomein: zwolle.nl");
    expect(html).toContain("Zelfde organisatie: Gemeente Súdwest-Fryslân");
    expect(await conflicts(f)).toEqual([]);
    expect((await saveScores(db, byDomain.user.id, { id: f.juryRoundId }, cand(f, 0), fullSheet(f))).ok).toBe(true);

    // Confirming one records exactly that one; it is no longer suggested.
    const confirmed = await app.request(page(f), {
      form: {
        formId: "suggestion",
        round: "2",
        jurorId: byDomain.user.id,
        nomineeId: cand(f, 0),
        reason: "Zelfde e-maildomein: zwolle.nl",
      },
      headers: { cookie: f.organizer.cookie },
    });
    expect(confirmed.status).toBe(303);
    expect((await conflicts(f)).map((c) => [c.juror_id, c.nominee_id])).toEqual([[byDomain.user.id, cand(f, 0)]]);
    expect((await suggestConflicts(db, f.editionId)).map((s) => s.jurorId)).toEqual([byOrganisation.user.id]);
  });

  it("refuses jurors, members, organizers of another award and visitors", async () => {
    const f = await createJuryRound({ categories: 1, candidatesPerCategory: 2 });
    const juror = await addJuror(f);
    const member = await createUser();
    const other = await createJuryRound({ categories: 1, candidatesPerCategory: 1 });
    const form = { round: "2", jurorId: juror.user.id, nomineeId: cand(f), reason: "Ik wil niet." };
    for (const cookie of [juror.cookie, await sessionFor(member.id), other.organizer.cookie]) {
      expect((await app.request(page(f), { headers: { cookie } })).status).toBe(403);
      expect((await app.request(page(f), { form, headers: { cookie } })).status).toBe(403);
    }
    expect((await app.request(page(f))).status).toBe(302);
    expect((await app.request(page(f), { form })).status).toBe(302);
    expect(await conflicts(f)).toEqual([]);
  });

  it("answers bad input with a clear translated error and records nothing", async () => {
    const f = await createJuryRound({ categories: 2, candidatesPerCategory: 1 });
    // This juror judges the first category only.
    const juror = await addJuror(f, [f.categoryIds[0]!]);
    const outsider = await createUser();
    const otherCategory = f.candidates[f.categoryIds[1]!]![0]!;
    const post = (form: Record<string, string>) =>
      app.request(page(f), { form: { formId: "record", ...form }, headers: { cookie: f.organizer.cookie } });
    const cases: Array<[Record<string, string>, number, string]> = [
      [{ round: "2", jurorId: juror.user.id, nomineeId: cand(f), reason: "x" }, 400, "Geef een reden van minstens drie tekens."],
      [{ round: "1", jurorId: juror.user.id, nomineeId: cand(f), reason: "Collega" }, 400, "Kies een juryronde van deze editie."],
      [{ round: "abc", jurorId: juror.user.id, nomineeId: cand(f), reason: "Collega" }, 400, "Kies een juryronde van deze editie."],
      [{ round: "2", jurorId: "niet-een-id", nomineeId: cand(f), reason: "Collega" }, 400, "Kies een jurylid van deze editie."],
      [{ round: "2", jurorId: outsider.id, nomineeId: cand(f), reason: "Collega" }, 400, "Kies een jurylid van deze editie."],
      [
        { round: "2", jurorId: juror.user.id, nomineeId: otherCategory, reason: "Collega" },
        400,
        "Kies een kandidaat die dit jurylid in deze ronde beoordeelt.",
      ],
      [
        { round: "2", jurorId: juror.user.id, nomineeId: "00000000-0000-4000-8000-000000000000", reason: "Collega" },
        400,
        "Kies een kandidaat die dit jurylid in deze ronde beoordeelt.",
      ],
    ];
    for (const [form, status, message] of cases) {
      const res = await post(form);
      expect([form, res.status]).toEqual([form, status]);
      expect(await res.text()).toContain(message);
    }
    // A closed round takes no more recusals (this one ran and closed before it was ever opened by a test).
    const db = getDb();
    const past = await createJuryRound({ categories: 1, candidatesPerCategory: 1, open: false });
    const pastJuror = await addJuror(past);
    await db
      .updateTable("round")
      .set({ opens_at: new Date(Date.now() - 7_200_000), closes_at: new Date(Date.now() - 3_600_000) })
      .where("id", "=", past.juryRoundId)
      .execute();
    const closed = await recordConflict(db, { actorId: past.organizer.user.id }, past.editionId, {
      round: "2",
      jurorId: pastJuror.user.id,
      nomineeId: cand(past),
      reason: "Collega",
    });
    expect(closed).toMatchObject({ ok: false, status: 409, error: "control.errors.conflictRoundClosed" });
    expect(await conflicts(f)).toEqual([]);
    expect(await conflicts(past)).toEqual([]);
  });
});
