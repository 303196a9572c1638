import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "~/db.server";
import { aggregate } from "~/modules/jury/aggregate";
import { acceptInvite, declareConflict, saveScores } from "~/modules/jury/jury.server";
import { createUser, lastMailTo, linkFrom, uniqueEmail } from "../setup/factories";
import { startTestServer, type TestServer } from "../setup/http";
import { addJuror, createJuryRound, openJuryRound, type JuryFixture } from "../setup/jury";
import { sessionFor } from "../setup/voting";

let app: TestServer;
beforeAll(async () => {
  app = await startTestServer();
});
afterAll(() => app.close());

/** A full sheet for one candidate through the page's form (as the browser posts it). */
const sheet = (f: JuryFixture, impact: number, together: number, comment = "") => ({
  [`score-${f.criteria[0]!.id}`]: String(impact),
  [`comment-${f.criteria[0]!.id}`]: comment,
  [`score-${f.criteria[1]!.id}`]: String(together),
  [`comment-${f.criteria[1]!.id}`]: "",
});
const cand = (f: JuryFixture, category = 0, i = 0) => f.candidates[f.categoryIds[category]!]![i]!;

describe("jury invitations", () => {
  it("invites by mail; the link makes the signed-in account a juror once, for the chosen categories", async () => {
    const f = await createJuryRound();
    const email = uniqueEmail("jurylid");
    const res = await app.request(`/beheer/prijzen/${f.slug}/2026/jury`, {
      form: { emails: `${email.toUpperCase()}\n${email}`, [`cat-${f.categoryIds[1]}`]: "on" },
      headers: { cookie: f.organizer.cookie },
    });
    expect(res.status).toBe(303);
    const mail = await lastMailTo(email);
    expect(mail?.subject).toContain("Uitnodiging voor de jury");
    const link = linkFrom(mail!.body_text);
    const invitee = await createUser({ email });
    const cookie = await sessionFor(invitee.id);
    // Visitors read the invitation and the way in (sign up or log in); accepting needs an account.
    const visitor = await app.request(link.pathname + link.search);
    expect(visitor.status).toBe(200);
    expect(await visitor.text()).not.toContain("Uitnodiging aannemen");
    expect((await app.request(link.pathname + link.search, { method: "POST" })).status).toBe(302);
    const page = await app.request(link.pathname + link.search, { headers: { cookie } });
    expect(await page.text()).toContain("Uitnodiging aannemen");
    expect((await app.request(link.pathname + link.search, { method: "POST", headers: { cookie } })).status).toBe(303);
    const member = await getDb().selectFrom("jury_member").selectAll().where("user_id", "=", invitee.id).executeTakeFirstOrThrow();
    expect(member.category_ids).toEqual([f.categoryIds[1]]);
    // Single use.
    expect((await app.request(link.pathname + link.search, { method: "POST", headers: { cookie } })).status).toBe(400);
    expect(await acceptInvite(getDb(), invitee, "x".repeat(43))).toEqual({ ok: false, status: 400, error: "jury.invite.invalid" });
    // The juror sees only their category.
    const list = await (await app.request(f.juryBase, { headers: { cookie } })).text();
    expect(list).toContain("Kandidaat A1");
    expect(list).not.toContain("Kandidaat A0");
    // Organizers see who accepted.
    const admin = await (await app.request(`/beheer/prijzen/${f.slug}/2026/jury`, { headers: { cookie: f.organizer.cookie } })).text();
    expect(admin).toContain("aangenomen door");
  });

  it("refuses malformed invitations with a translated error", async () => {
    const f = await createJuryRound();
    for (const emails of ["", "niet-een-adres", Array.from({ length: 51 }, (_, i) => `p${i}@example.nl`).join("\n")]) {
      const res = await app.request(`/beheer/prijzen/${f.slug}/2026/jury`, { form: { emails }, headers: { cookie: f.organizer.cookie } });
      expect(res.status).toBe(400);
    }
    expect(await getDb().selectFrom("jury_invite").select("id").where("edition_id", "=", f.editionId).execute()).toHaveLength(0);
  });
});

describe("criteria", () => {
  it("are edited before the round opens and locked after, in the service and in the database", async () => {
    const f = await createJuryRound({ open: false });
    const cookie = f.organizer.cookie;
    const add = await app.request(`${f.juryAdmin}?intent=criterion`, {
      form: {
        nameNl: "Vernieuwing",
        nameEn: "Innovation",
        weight: "1,5",
        scaleMin: "0",
        scaleMax: "5",
        commentBelow: "",
        anchors: "0=afwezig; 5=uitmuntend",
      },
      headers: { cookie },
    });
    expect(add.status).toBe(303);
    const added = await getDb()
      .selectFrom("criterion")
      .selectAll()
      .where("round_id", "=", f.juryRoundId)
      .where("name_nl", "=", "Vernieuwing")
      .executeTakeFirstOrThrow();
    expect([Number(added.weight), added.anchors]).toEqual([1.5, { "0": "afwezig", "5": "uitmuntend" }]);
    const bad = await app.request(`${f.juryAdmin}?intent=criterion`, {
      form: { nameNl: "X", nameEn: "X", weight: "0", scaleMin: "5", scaleMax: "5", commentBelow: "9" },
      headers: { cookie },
    });
    expect(bad.status).toBe(400);
    await openJuryRound(f.juryRoundId);
    const locked = await app.request(`${f.juryAdmin}?intent=criterion`, {
      form: { criterionId: added.id, nameNl: "Anders", nameEn: "Other", weight: "1", scaleMin: "0", scaleMax: "5" },
      headers: { cookie },
    });
    expect(locked.status).toBe(409);
    expect(await locked.text()).toContain("jury.errors.criteriaLocked");
    await expect(getDb().deleteFrom("criterion").where("id", "=", added.id).execute()).rejects.toMatchObject({
      constraint: "criterion_locked",
    });
    await expect(getDb().updateTable("round").set({ normalize: true }).where("id", "=", f.juryRoundId).execute()).rejects.toMatchObject({
      code: "23514",
    });
  });
});

describe("scoring", () => {
  it("saves a sheet, enforces the scale and required comments, and moves on to the next unscored candidate", async () => {
    const f = await createJuryRound({ categories: 1 });
    const j = await addJuror(f);
    const [a, b] = f.candidates[f.categoryIds[0]!]!;
    const url = `${f.juryBase}/${a}`;
    const low = await app.request(`${url}?intent=next`, { form: sheet(f, 2, 4), headers: { cookie: j.cookie } });
    expect(low.status).toBe(400); // a score below 3 needs a comment
    for (const form of [sheet(f, 11, 4), sheet(f, 7, 6), { [`score-${f.criteria[0]!.id}`]: "7" }, sheet(f, Number.NaN, 1)]) {
      expect((await app.request(`${url}?intent=next`, { form, headers: { cookie: j.cookie } })).status).toBe(400);
    }
    // Autosave keeps what is valid so far.
    const partial = await app.request(`${url}?intent=save`, {
      form: { [`score-${f.criteria[0]!.id}`]: "7" },
      headers: { cookie: j.cookie },
    });
    expect(partial.status).toBe(200);
    const next = await app.request(`${url}?intent=next`, {
      form: sheet(f, 2, 4, "Weinig zichtbaar resultaat"),
      headers: { cookie: j.cookie },
    });
    expect(next.status).toBe(303);
    expect(next.headers.get("location")).toContain(`${f.juryBase}/${b}`);
    const rows = await getDb().selectFrom("jury_score").selectAll().where("juror_id", "=", j.user.id).execute();
    expect(rows.map((r) => r.score).sort()).toEqual([2, 4]);
    const list = await (await app.request(f.juryBase, { headers: { cookie: j.cookie } })).text();
    expect(list).toContain("1 van 3 beoordeeld");
    // The database refuses an out-of-scale score written directly.
    await expect(
      getDb()
        .insertInto("jury_score")
        .values({ round_id: f.juryRoundId, juror_id: j.user.id, nominee_id: b!, criterion_id: f.criteria[1]!.id, score: 9 })
        .execute(),
    ).rejects.toMatchObject({ constraint: "jury_score_scale" });
  });

  it("recuses a juror who declares a conflict: scores removed, no scoring, no one else's scores, excluded from the aggregate", async () => {
    const f = await createJuryRound({ categories: 1, visibility: "after_own" });
    const [j1, j2] = [await addJuror(f), await addJuror(f)];
    const a = cand(f);
    await app.request(`${f.juryBase}/${a}?intent=next`, { form: sheet(f, 8, 4), headers: { cookie: j1.cookie } });
    await app.request(`${f.juryBase}/${a}?intent=next`, { form: sheet(f, 6, 2), headers: { cookie: j2.cookie } });
    // after_own: j1 completed the sheet, so sees j2's scores (as "juror n", never by name).
    const seen = await (await app.request(`${f.juryBase}/${a}`, { headers: { cookie: j1.cookie } })).text();
    expect(seen).toContain("Scores van andere juryleden");
    expect(seen).not.toContain(j2.user.name + ",");
    const noReason = await app.request(`${f.juryBase}/${a}?intent=conflict`, { form: { reason: "" }, headers: { cookie: j1.cookie } });
    expect(noReason.status).toBe(400);
    const declared = await app.request(`${f.juryBase}/${a}?intent=conflict`, {
      form: { reason: "Oud-collega van mij" },
      headers: { cookie: j1.cookie },
    });
    expect(declared.status).toBe(303);
    expect(await getDb().selectFrom("jury_score").select("score").where("juror_id", "=", j1.user.id).execute()).toHaveLength(0);
    const page = await (await app.request(`${f.juryBase}/${a}`, { headers: { cookie: j1.cookie } })).text();
    expect(page).toContain("belangenverstrengeling gemeld");
    expect(page).not.toContain("Scores van andere juryleden");
    expect((await app.request(`${f.juryBase}/${a}?intent=next`, { form: sheet(f, 9, 5), headers: { cookie: j1.cookie } })).status).toBe(
      409,
    );
    expect(
      await saveScores(getDb(), j1.user.id, { id: f.juryRoundId }, a, [{ criterionId: f.criteria[1]!.id, score: 5, comment: "" }]),
    ).toEqual({
      ok: false,
      status: 409,
      error: "jury.errors.recused",
    });
    expect(await declareConflict(getDb(), { actorId: j1.user.id }, { id: f.juryRoundId }, a, "nogmaals")).toEqual({
      ok: false,
      status: 409,
      error: "jury.errors.alreadyRecused",
    });
    // The organizer's ranking counts only j2 for this candidate.
    const admin = await (await app.request(f.juryAdmin, { headers: { cookie: f.organizer.cookie } })).text();
    expect(admin).toContain("1 van 1 beoordeeld");
  });

  it("keeps other jurors' scores hidden until the round closes (default) and never shows them with 'never'", async () => {
    const f = await createJuryRound({ categories: 1, closesIn: 3 });
    const g = await createJuryRound({ categories: 1, visibility: "never" });
    for (const fx of [f, g]) {
      const [j1, j2] = [await addJuror(fx), await addJuror(fx)];
      await app.request(`${fx.juryBase}/${cand(fx)}?intent=next`, { form: sheet(fx, 8, 4), headers: { cookie: j1.cookie } });
      await app.request(`${fx.juryBase}/${cand(fx)}?intent=next`, { form: sheet(fx, 5, 3), headers: { cookie: j2.cookie } });
      const before = await (await app.request(`${fx.juryBase}/${cand(fx)}.data`, { headers: { cookie: j1.cookie } })).text();
      // No other juror's score in the page data at all (not merely hidden in the HTML).
      expect(before).not.toContain('"juror"');
      expect(before).toContain('"own"');
      (fx as JuryFixture & { j1?: typeof j1 }).j1 = j1;
    }
    await new Promise((r) => setTimeout(r, 3100));
    const fj = (f as JuryFixture & { j1: { cookie: string } }).j1;
    const after = await (await app.request(`${f.juryBase}/${cand(f)}`, { headers: { cookie: fj.cookie } })).text();
    expect(after).toContain("Scores van andere juryleden");
    const gj = (g as JuryFixture & { j1: { cookie: string } }).j1;
    expect(await (await app.request(`${g.juryBase}/${cand(g)}`, { headers: { cookie: gj.cookie } })).text()).not.toContain(
      "Scores van andere juryleden",
    );
  });

  it("hides the nominator's identity in a blind round", async () => {
    const f = await createJuryRound({ categories: 1, blind: true });
    const nominator = await createUser({ name: "Nora Nominator" });
    await getDb()
      .insertInto("nomination")
      .values({
        edition_id: f.editionId,
        nominee_id: cand(f),
        submitted_for_nominee_id: cand(f),
        nominator_id: nominator.id,
        motivation: "Zij verbindt teams.",
        relation: "collega",
      })
      .execute();
    const j = await addJuror(f);
    const page = await (await app.request(`${f.juryBase}/${cand(f)}`, { headers: { cookie: j.cookie } })).text();
    expect(page).toContain("Zij verbindt teams.");
    expect(page).not.toContain("Nora Nominator");
  });
});

describe("races and bad input", () => {
  it("a score racing a conflict declaration never survives it (shared lock in the trigger)", async () => {
    const f = await createJuryRound({ categories: 1 });
    const j = await addJuror(f);
    const a = cand(f);
    const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await client.connect();
    try {
      // The declaration is in flight (its trigger holds the lock and has deleted the scores) …
      await client.query("begin");
      await client.query("insert into jury_conflict (round_id, juror_id, nominee_id, reason) values ($1, $2, $3, 'Buurman')", [
        f.juryRoundId,
        j.user.id,
        a,
      ]);
      // … when an autosave arrives: it waits, then sees the committed conflict.
      const save = saveScores(getDb(), j.user.id, { id: f.juryRoundId }, a, [{ criterionId: f.criteria[1]!.id, score: 4, comment: "" }]);
      await new Promise((r) => setTimeout(r, 300));
      await client.query("commit");
      expect(await save).toEqual({ ok: false, status: 409, error: "jury.errors.recused" });
    } finally {
      await client.end();
    }
    expect(await getDb().selectFrom("jury_score").select("score").where("juror_id", "=", j.user.id).execute()).toHaveLength(0);
    // A conflict written by anyone removes the juror's scores for that candidate.
    const b = cand(f, 0, 1);
    expect(
      await saveScores(getDb(), j.user.id, { id: f.juryRoundId }, b, [{ criterionId: f.criteria[1]!.id, score: 4, comment: "" }]),
    ).toEqual({ ok: true });
    await getDb()
      .insertInto("jury_conflict")
      .values({ round_id: f.juryRoundId, juror_id: j.user.id, nominee_id: b, reason: "Zus" })
      .execute();
    expect(await getDb().selectFrom("jury_score").select("score").where("juror_id", "=", j.user.id).execute()).toHaveLength(0);
  });

  it("answers control characters and malformed ids with 400, not 500", async () => {
    const f = await createJuryRound({ categories: 1, open: false });
    const j = await addJuror(f);
    const { openJuryRound: open } = await import("../setup/jury");
    const bad = await app.request(`${f.juryAdmin}?intent=criterion`, {
      form: { criterionId: "x", nameNl: "A", nameEn: "A", weight: "1", scaleMin: "1", scaleMax: "5" },
      headers: { cookie: f.organizer.cookie },
    });
    expect(bad.status).toBe(400);
    const multipart = new FormData();
    multipart.set("criterionId", "x");
    expect(
      (
        await app.request(`${f.juryAdmin}?intent=delete-criterion`, {
          method: "POST",
          body: "%%%",
          headers: { cookie: f.organizer.cookie, "content-type": "multipart/form-data; boundary=zz" },
        })
      ).status,
    ).toBe(400);
    await open(f.juryRoundId);
    const nul = await app.request(`${f.juryBase}/${cand(f)}?intent=save`, {
      form: { [`score-${f.criteria[0]!.id}`]: "5", [`comment-${f.criteria[0]!.id}`]: "a\u0000b" },
      headers: { cookie: j.cookie },
    });
    expect(nul.status).toBe(400);
  });
});

describe("confidentiality: every jury page and action with swapped ids", () => {
  it("answers 403 for other editions and 404 for candidates outside the juror's categories or round", async () => {
    const f = await createJuryRound();
    const other = await createJuryRound();
    const limited = await addJuror(f, [f.categoryIds[0]!]);
    const outsider = await addJuror(other);
    const member = await sessionFor((await createUser()).id);
    const mine = cand(f, 0);
    const notMine = cand(f, 1);
    const foreign = cand(other, 0);
    const checks: Array<[string, string, number, Record<string, string>?]> = [
      [limited.cookie, `${f.juryBase}/${notMine}`, 404],
      [limited.cookie, `${f.juryBase}/${foreign}`, 404],
      [limited.cookie, `${f.juryBase}/00000000-0000-0000-0000-000000000000`, 404],
      [limited.cookie, `${f.juryBase}/niet-een-id`, 404],
      [limited.cookie, `/jury/${f.slug}/2026/1`, 404], // position 1 is a vote round, not a jury round
      [limited.cookie, `${other.juryBase}/${foreign}`, 403],
      [outsider.cookie, `${f.juryBase}/${mine}`, 403],
      [outsider.cookie, f.juryBase, 403],
      [member, f.juryBase, 403],
      [limited.cookie, f.juryAdmin, 403],
      [limited.cookie, `/beheer/prijzen/${f.slug}/2026/jury`, 403],
    ];
    for (const [cookie, path, status] of checks) {
      expect((await app.request(path, { headers: { cookie } })).status, `GET ${path}`).toBe(status);
      for (const intent of ["save", "next", "conflict"]) {
        if (path.includes("/beheer/")) continue;
        const res = await app.request(`${path}?intent=${intent}`, {
          form: { ...sheet(f, 7, 3), reason: "zomaar een reden" },
          headers: { cookie },
        });
        expect(res.status, `POST ${path}?intent=${intent}`).toBe(path === f.juryBase || path === `/jury/${f.slug}/2026/1` ? 405 : status);
      }
    }
    expect(
      await getDb().selectFrom("jury_score").select("score").where("round_id", "in", [f.juryRoundId, other.juryRoundId]).execute(),
    ).toHaveLength(0);
    expect(
      await getDb().selectFrom("jury_conflict").select("reason").where("round_id", "in", [f.juryRoundId, other.juryRoundId]).execute(),
    ).toHaveLength(0);
    // And the database refuses a score from a juror outside the candidate's category.
    expect(
      await saveScores(getDb(), limited.user.id, { id: f.juryRoundId }, notMine, [
        { criterionId: f.criteria[1]!.id, score: 3, comment: "" },
      ]),
    ).toEqual({
      ok: false,
      status: 409,
      error: "jury.errors.notYours",
    });
  });
});

describe("organizer dashboard", () => {
  it("shows progress and the ranking as aggregated, and rate-limits reminders to jurors with open sheets", async () => {
    const f = await createJuryRound({ categories: 1 });
    const [j1, j2] = [await addJuror(f), await addJuror(f)];
    const [a, b] = f.candidates[f.categoryIds[0]!]!;
    await app.request(`${f.juryBase}/${a}?intent=next`, { form: sheet(f, 10, 5), headers: { cookie: j1.cookie } });
    await app.request(`${f.juryBase}/${b}?intent=next`, { form: sheet(f, 4, 1), headers: { cookie: j1.cookie } });
    await app.request(`${f.juryBase}/${a}?intent=next`, { form: sheet(f, 7, 3), headers: { cookie: j2.cookie } });
    const html = await (await app.request(f.juryAdmin, { headers: { cookie: f.organizer.cookie } })).text();
    expect(html).toContain("2 van 3 beoordeeld");
    expect(html).toContain("1 van 3 beoordeeld");
    const scores = await getDb().selectFrom("jury_score").selectAll().where("round_id", "=", f.juryRoundId).execute();
    const [rowA] = aggregate(
      f.criteria.map((c, i) => ({ id: c.id, weight: i === 0 ? 2 : 1, min: c.scale_min, max: c.scale_max })),
      scores.map((s) => ({ jurorId: s.juror_id, nomineeId: s.nominee_id, criterionId: s.criterion_id, score: s.score })),
      [a!],
      { method: "mean", normalize: false, minScores: 2 },
    );
    // Juror 1: (2·100 + 1·100)/3 = 100; juror 2: (2·(6/9·100) + 1·60)/3 = 64.444…; mean 82.2.
    expect(rowA!.score).toBeCloseTo(82.2222, 3);
    // The organizer's page is Dutch: one decimal with a comma (the English page writes 82.2).
    expect(html).toContain(">82,2<");
    const remind = await app.request(`${f.juryAdmin}?intent=remind`, { method: "POST", headers: { cookie: f.organizer.cookie } });
    expect(remind.status).toBe(303);
    expect(remind.headers.get("location")).toContain("herinnerd=2");
    expect((await lastMailTo(j2.user.email))?.subject).toContain("Herinnering");
    const again = await app.request(`${f.juryAdmin}?intent=remind`, { method: "POST", headers: { cookie: f.organizer.cookie } });
    expect(again.status).toBe(429);
    // Jurors never reach the ranking.
    expect((await app.request(f.juryAdmin, { headers: { cookie: j1.cookie } })).status).toBe(403);
  });
});
