// Deleting an account always finishes for jurors and authors (issue #16 item 3, ADR 0026), and loses
// nothing an outcome rests on: a juror's scores stay counted on a seat that no longer names anyone, so
// the jury's aggregate, its progress and the published snapshot are exactly what they were; a portrait
// in progress goes back to the editors (told by mail) with its text kept for the book under "een
// verwijderd lid", a finished one stays in the book under that name. Every page and export that named
// the person still answers. PostgreSQL holds the rules whatever the code does.
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "~/db.server";
import { translator } from "~/i18n/i18n";
import { login } from "~/modules/accounts/account.server";
import {
  aggregateRound,
  declareConflict,
  inviteJurors,
  juryProgress,
  loadJuryRound,
  remindJurors,
  saveScores,
} from "~/modules/jury/jury.server";
import { inviteToTeam } from "~/modules/teams/teams.server";
import { computeResults, publishSnapshot, sha256 } from "~/modules/results/results.server";
import { canonicalJson } from "~/modules/results/canonical";
import { nominatePerson } from "~/modules/awards/nomination.server";
import { PersonNominationSchema } from "~/modules/awards/nomination.schema";
import { PASSWORD, createEdition, createUser, lastMailTo, personInput } from "../setup/factories";
import { download, parseCsv } from "../setup/exports";
import { startTestServer, type TestServer } from "../setup/http";
import { addAuthor, assignDirectly, createWritingProject } from "../setup/book-writing";
import { addJuror, createJuryRound, type JuryFixture } from "../setup/jury";
import { sessionFor } from "../setup/voting";

let app: TestServer;
beforeAll(async () => {
  app = await startTestServer();
});
afterAll(() => app.close());

const nl = translator("nl");
const db = () => getDb();
const unescape = (html: string) =>
  html
    .replace(/&#x27;|&#39;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, "&");
const page = async (path: string, cookie?: string) => {
  const res = await app.request(path, cookie ? { headers: { cookie } } : {});
  return { status: res.status, html: unescape(await res.text()) };
};
const deleteAccountOf = (cookie: string) =>
  app.request("/account/verwijderen?intent=delete", { headers: { cookie }, form: { password: PASSWORD } });

// ── The jury ─────────────────────────────────────────────────────────────────────────────────────

/**
 * A closed jury round (normalised, so every juror's scores depend on their other scores) with three
 * jurors: all score every candidate, the third declared a conflict for one. A jury prize on it is
 * published. Closing takes a few seconds of real time, as in results.test.ts.
 */
async function scoredJury() {
  const f = await createJuryRound({ categories: 2, candidatesPerCategory: 3, normalize: true, closesIn: 6 });
  const jurors = [await addJuror(f), await addJuror(f), await addJuror(f)];
  const candidates = f.categoryIds.flatMap((c) => f.candidates[c]!);
  const round = { id: f.juryRoundId };
  await declareConflict(db(), { actorId: jurors[2]!.user.id }, round, candidates[1]!, "Mijn zwager");
  for (const [j, juror] of jurors.entries()) {
    for (const [i, nominee] of candidates.entries()) {
      if (j === 2 && i === 1) continue;
      const impact = 3 + ((i * 3 + j * 5) % 8);
      const together = (i + 2 * j) % 6;
      expect(
        await saveScores(db(), juror.user.id, round, nominee, [
          { criterionId: f.criteria[0]!.id, score: impact, comment: "" },
          { criterionId: f.criteria[1]!.id, score: together, comment: "" },
        ]),
      ).toEqual({ ok: true, value: undefined });
    }
  }
  const prize = await app.request(`/beheer/prijzen/${f.slug}/2026/uitslag?intent=prize`, {
    form: { kind: "jury", nameNl: "Juryprijs", nameEn: "Jury prize", juryRound: String(f.juryPosition), places: "2" },
    headers: { cookie: f.organizer.cookie },
  });
  expect(prize.status).toBe(303);
  for (;;) {
    const r = await sql<{ closed: boolean }>`select closes_at <= now() as closed from round where id = ${f.juryRoundId}`.execute(db());
    if (r.rows[0]!.closed) break;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  const published = await publishSnapshot(db(), { actorId: f.organizer.user.id }, f.editionId, null);
  if (!published.ok) throw new Error(published.error);
  return { f, jurors, published: published.value };
}

/** Everything the jury's outcome is made of and shown as, minus who the jurors are. */
async function juryState(f: JuryFixture) {
  const round = await loadJuryRound(db(), f.editionId, String(f.juryPosition));
  const { rows, progress } = await aggregateRound(db(), round);
  const results = canonicalJson(await computeResults(db(), f.editionId));
  const scores = await db()
    .selectFrom("jury_score")
    .select(["juror_id", "nominee_id", "criterion_id", "score", "comment", "updated_at"])
    .where("round_id", "=", f.juryRoundId)
    .orderBy(["juror_id", "nominee_id", "criterion_id"])
    .execute();
  return {
    rows,
    // Per seat (the page lists jurors by name; a departed juror, without one, comes last).
    perJuror: progress.perJuror
      .map((j) => ({ userId: j.userId, done: j.done, expected: j.expected }))
      .sort((a, b) => (a.userId < b.userId ? -1 : 1)),
    perCandidate: [...progress.perCandidate.entries()].sort(),
    results,
    hash: sha256(results),
    scores,
  };
}

describe("a juror with scores deletes their account", () => {
  it("finishes; the scores stay counted on an unlinked seat: aggregate, progress, results and the published hash are exactly the same", async () => {
    const { f, jurors, published } = await scoredJury();
    // The juror who declared a conflict leaves: their scores and their conflict stay.
    const leaving = jurors[2]!;
    const before = await juryState(f);
    expect(before.scores.filter((s) => s.juror_id === leaving.user.id)).toHaveLength(10);

    // The page explains what happens to the scores, and offers the confirmation (no refusal).
    const explained = await page("/account/verwijderen", leaving.cookie);
    expect(explained.html).toContain(nl("accounts.delete.juryScores", { count: 10 }));
    expect(explained.html).toContain(nl("accounts.delete.submit"));

    const res = await deleteAccountOf(leaving.cookie);
    expect(res.status).toBe(303);
    expect(await db().selectFrom("app_user").select("id").where("id", "=", leaving.user.id).executeTakeFirst()).toBeUndefined();

    const after = await juryState(f);
    expect(after).toEqual(before);
    // The seat stays, unlinked from any account; the role and the person's data went.
    expect(await db().selectFrom("jury_seat").selectAll().where("id", "=", leaving.user.id).executeTakeFirst()).toMatchObject({
      user_id: null,
    });
    expect(await db().selectFrom("role_grant").select("id").where("user_id", "=", leaving.user.id).execute()).toEqual([]);
    // Publishing again finds the same results: no new version, the same hash.
    const again = await publishSnapshot(db(), { actorId: f.organizer.user.id }, f.editionId, null);
    expect(again).toEqual({ ok: true, value: { version: published.version, sha256: published.sha256, unchanged: true } });
    const stored = await db().selectFrom("result_snapshot").select(["sha256", "body"]).where("edition_id", "=", f.editionId).execute();
    expect(stored).toHaveLength(1);
    expect(stored[0]!.sha256).toBe(published.sha256);
    expect(sha256(stored[0]!.body)).toBe(published.sha256);

    // The organizer's pages name a deleted juror where the person was, and keep the counts.
    const cookie = f.organizer.cookie;
    const progressPage = await page(f.juryAdmin, cookie);
    expect(progressPage.status).toBe(200);
    expect(progressPage.html).toContain(nl("departed.juror"));
    for (const path of [
      `/beheer/prijzen/${f.slug}/2026/jury`,
      `/beheer/prijzen/${f.slug}/team`,
      `/beheer/prijzen/${f.slug}/2026/jury/belangen`,
    ]) {
      const p = await page(path, cookie);
      expect(p.status, path).toBe(200);
      expect(p.html, path).toContain(nl("departed.juror"));
    }
    expect((await page(`/beheer/prijzen/${f.slug}/2026`, cookie)).status).toBe(200);
    expect((await page(`/prijzen/${f.slug}/2026/uitslag`)).status).toBe(200);

    // The exports still hold every score and conflict, the departed seat named as such.
    const scoresCsv = await download(app, `/beheer/prijzen/${f.slug}/2026/export/jurycijfers.csv`, cookie);
    expect(scoresCsv.status).toBe(200);
    const { header, rows } = parseCsv(scoresCsv.bytes);
    const jurorColumn = header.indexOf(nl("exports.columns.juror"));
    expect(jurorColumn).toBeGreaterThanOrEqual(0);
    // 3 jurors × 6 candidates × 2 criteria, minus the recused sheet, plus the conflict's own row.
    expect(rows).toHaveLength(3 * 6 * 2 - 2 + 1);
    expect(rows.filter((r) => r[jurorColumn] === nl("departed.juror"))).toHaveLength(10 + 1);
    for (const file of ["juryuitslag.csv", "uitslag.csv"]) {
      expect((await download(app, `/beheer/prijzen/${f.slug}/2026/export/${file}`, cookie)).status, file).toBe(200);
    }
    // A reminder goes to nobody who is gone.
    const round = await loadJuryRound(db(), f.editionId, String(f.juryPosition));
    const reminded = await remindJurors(db(), { actorId: f.organizer.user.id }, round, { award: "x", round: "y", link: "z" });
    expect(reminded).toEqual({ ok: true, value: 0 });
  });

  it("PostgreSQL keeps the seat: its scores cannot be removed with it, a departed seat scores no more, and a seat never relinks", async () => {
    const f = await createJuryRound({ categories: 1, candidatesPerCategory: 2 });
    const juror = await addJuror(f);
    const nominee = f.candidates[f.categoryIds[0]!]![0]!;
    const other = f.candidates[f.categoryIds[0]!]![1]!;
    await saveScores(db(), juror.user.id, { id: f.juryRoundId }, nominee, [{ criterionId: f.criteria[0]!.id, score: 7, comment: "" }]);
    // A raw deletion of the account (not through the page) still keeps the scores.
    await db().deleteFrom("app_user").where("id", "=", juror.user.id).execute();
    expect(await db().selectFrom("jury_score").select("score").where("juror_id", "=", juror.user.id).execute()).toEqual([{ score: 7 }]);
    await expect(db().deleteFrom("jury_seat").where("id", "=", juror.user.id).execute()).rejects.toThrow(/jury_score/);
    await expect(
      db()
        .insertInto("jury_score")
        .values({ round_id: f.juryRoundId, juror_id: juror.user.id, nominee_id: other, criterion_id: f.criteria[0]!.id, score: 5 })
        .execute(),
    ).rejects.toThrow(/has left/);
    const stranger = await createUser();
    await expect(db().updateTable("jury_seat").set({ user_id: stranger.id }).where("id", "=", juror.user.id).execute()).rejects.toThrow(
      /never relinks/,
    );
  });

  it("a juror without scores or conflicts leaves no seat behind", async () => {
    const f = await createJuryRound({ categories: 1, candidatesPerCategory: 2 });
    const juror = await addJuror(f);
    expect((await deleteAccountOf(juror.cookie)).status).toBe(303);
    expect(await db().selectFrom("jury_seat").select("id").where("id", "=", juror.user.id).execute()).toEqual([]);
    expect(await db().selectFrom("jury_member").select("user_id").where("user_id", "=", juror.user.id).execute()).toEqual([]);
    const round = await loadJuryRound(db(), f.editionId, String(f.juryPosition));
    expect((await juryProgress(db(), round)).perJuror).toEqual([]);
  });
});

// ── The book ─────────────────────────────────────────────────────────────────────────────────────

describe("an author with written portraits deletes their account", () => {
  it("finishes: a portrait in progress goes back to the editors with its text kept, a finished one stays in the book, both under 'een verwijderd lid'", async () => {
    const f = await createWritingProject({ portraits: 3 });
    const author = await addAuthor(f, 3, "Anna Auteur");
    const [inProgress, finished, untouched] = f.portraits as [string, string, string];
    for (const p of f.portraits) await assignDirectly(f, p, author.id);
    const write = (proposalId: string, version: number, body: string) =>
      db()
        .insertInto("book_manuscript_version")
        .values({ proposal_id: proposalId, version, author_id: author.id, body, word_count: 3, submitted: true })
        .execute();
    await write(inProgress, 1, "Eerste versie hier.");
    await db().updateTable("book_assignment").set({ status: "submitted" }).where("proposal_id", "=", inProgress).execute();
    const v1 = await db()
      .selectFrom("book_manuscript_version")
      .select("id")
      .where("proposal_id", "=", inProgress)
      .executeTakeFirstOrThrow();
    await db().insertInto("book_manuscript_comment").values({ version_id: v1.id, author_id: f.editor.id, body: "Mooi begin." }).execute();
    await write(finished, 1, "Af en gepubliceerd.");
    await db().updateTable("book_assignment").set({ status: "submitted" }).where("proposal_id", "=", finished).execute();
    await db().updateTable("book_assignment").set({ status: "final" }).where("proposal_id", "=", finished).execute();
    await db()
      .updateTable("book_assignment")
      .set({ published_at: sql<Date>`now()` })
      .where("proposal_id", "=", finished)
      .execute();
    const names = await db().selectFrom("book_proposal").select(["id", "name"]).where("project_id", "=", f.projectId).execute();
    const nameOf = (id: string) => names.find((n) => n.id === id)!.name;
    const versionsBefore = await db()
      .selectFrom("book_manuscript_version")
      .selectAll()
      .where("proposal_id", "in", f.portraits)
      .orderBy("id")
      .execute();
    expect((await page(`${f.base}/portretten/${finished}`)).html).toContain("Anna Auteur");

    const explained = await page("/account/verwijderen", author.cookie);
    expect(explained.html).toContain(nl("accounts.delete.writtenPortraits", { names: nameOf(inProgress) }));
    expect(explained.html).toContain(nl("accounts.delete.finishedPortraits", { names: nameOf(finished) }));
    expect(explained.html).toContain(nl("accounts.delete.portraits", { names: nameOf(untouched) }));
    expect(explained.html).toContain(nl("accounts.delete.submit"));
    expect((await deleteAccountOf(author.cookie)).status).toBe(303);

    // The texts are intact, credited to nobody; the comment too.
    const versionsAfter = await db()
      .selectFrom("book_manuscript_version")
      .selectAll()
      .where("proposal_id", "in", f.portraits)
      .orderBy("id")
      .execute();
    expect(versionsAfter).toEqual(versionsBefore.map((v) => ({ ...v, author_id: null })));
    expect(await db().selectFrom("book_manuscript_comment").select("body").where("version_id", "=", v1.id).execute()).toEqual([
      { body: "Mooi begin." },
    ]);
    // In progress and untouched: released. Finished: kept, without an author.
    const assignments = await db()
      .selectFrom("book_assignment")
      .select(["proposal_id", "user_id", "status", "published_at"])
      .where("project_id", "=", f.projectId)
      .execute();
    expect(assignments).toHaveLength(1);
    expect(assignments[0]).toMatchObject({ proposal_id: finished, user_id: null, status: "final" });
    expect(assignments[0]!.published_at).not.toBeNull();
    const audit = await db()
      .selectFrom("audit_log")
      .select(["entity_id", "after"])
      .where("action", "=", "book.unassign")
      .where("entity_id", "in", [inProgress, untouched])
      .execute();
    expect(audit).toHaveLength(2);
    // The editors are told, by mail, which portraits came back and that the text stays.
    const told = await lastMailTo(
      (await db().selectFrom("app_user").select("email").where("id", "=", f.editor.id).executeTakeFirstOrThrow()).email,
    );
    expect(told?.template).toBe("accounts.portraitsReleased");
    expect(told?.body_text).toContain(nameOf(inProgress));
    expect(told?.body_text).toContain(nameOf(untouched));
    expect(told?.body_text).not.toContain(nameOf(finished));

    // Every page that showed the author answers, naming a deleted member.
    const cookie = f.editor.cookie;
    for (const path of [
      `${f.admin}/portretten`,
      `${f.admin}/portretten/${finished}`,
      `${f.admin}/toewijzing`,
      `${f.admin}/auteurs`,
      f.admin,
    ]) {
      const p = await page(path, cookie);
      expect(p.status, path).toBe(200);
    }
    expect((await page(`${f.admin}/portretten/${finished}`, cookie)).html).toContain(nl("departed.member"));
    expect((await page(`${f.admin}/portretten`, cookie)).html).toContain(nl("departed.member"));
    const published = await page(`${f.base}/portretten/${finished}`);
    expect(published.status).toBe(200);
    expect(published.html).toContain("Af en gepubliceerd.");
    expect(published.html).toContain(nl("departed.member"));
    expect(published.html).not.toContain("Anna Auteur");
    expect((await page(`${f.base}/portretten`)).status).toBe(200);
    for (const file of ["manuscripten.csv", "auteurs.csv", "voordrachten.csv"]) {
      const d = await download(app, `${f.admin}/export/${file}`, cookie);
      expect(d.status, file).toBe(200);
      expect(d.bytes.toString("utf8"), file).not.toContain("Anna Auteur");
    }
    expect((await download(app, `${f.admin}/export/manuscripten.csv`, cookie)).bytes.toString("utf8")).toContain(nl("departed.member"));

    // A new author takes the portrait over and starts from the text that was kept.
    const next = await addAuthor(f, 1, "Nieuwe Auteur");
    const assigned = await app.request(`${f.admin}/toewijzing?intent=assign`, {
      form: { proposalId: inProgress, userId: next.id, dueAt: "" },
      headers: { cookie },
    });
    expect(assigned.status).toBe(303);
    const mine = await page(`${f.base}/mijn-portretten/${inProgress}`, next.cookie);
    expect(mine.status).toBe(200);
    expect(mine.html).toContain("Eerste versie hier.");
  });

  it("PostgreSQL never leaves a portrait in progress without an author; a finished one may lose it", async () => {
    const f = await createWritingProject({ portraits: 2 });
    const author = await addAuthor(f, 2);
    await assignDirectly(f, f.portraits[0]!, author.id);
    await expect(db().deleteFrom("app_user").where("id", "=", author.id).execute()).rejects.toThrow(/book_assignment_author_or_final/);
    expect(await db().selectFrom("app_user").select("id").where("id", "=", author.id).executeTakeFirst()).toBeDefined();
  });
});

describe("the invitations the person accepted", () => {
  it("go with the account: the jury page no longer shows their address beside a deleted juror", async () => {
    const f = await createJuryRound({ categories: 1, candidatesPerCategory: 2 });
    const juror = await createUser();
    await inviteJurors(getDb(), { actorId: f.organizer.user.id }, { id: f.editionId, name: "Prijs" }, [juror.email], [], {
      origin: "http://localhost:3000",
      locale: "nl",
    });
    await db()
      .insertInto("role_grant")
      .values({ user_id: f.organizer.user.id, role: "organizer", award_id: f.awardId, edition_id: null, book_project_id: null })
      .onConflict((oc) => oc.doNothing())
      .execute();
    await inviteToTeam(getDb(), { actorId: f.organizer.user.id }, { kind: "award", awardId: f.awardId, name: "Prijs" }, juror.email, {
      origin: "http://localhost:3000",
      locale: "nl",
      inviter: "Olga",
    });
    expect(await login(getDb(), { email: juror.email, password: PASSWORD }, "10.9.2.1")).toEqual({ ok: true, value: juror.id });
    const nominee = f.candidates[f.categoryIds[0]!]![0]!;
    await saveScores(db(), juror.id, { id: f.juryRoundId }, nominee, [{ criterionId: f.criteria[0]!.id, score: 7, comment: "" }]);
    // The organizer role needs a second factor on its pages; the session for the deletion page does not matter here.
    expect((await deleteAccountOf(await sessionFor(juror.id))).status).toBe(303);
    expect(await db().selectFrom("jury_invite").select("id").where("email", "=", juror.email).execute()).toEqual([]);
    expect(await db().selectFrom("role_invitation").select("id").where("email", "=", juror.email).execute()).toEqual([]);
    const jury = await page(`/beheer/prijzen/${f.slug}/2026/jury`, f.organizer.cookie);
    expect(jury.status).toBe(200);
    expect(jury.html).toContain(nl("departed.juror"));
    expect(jury.html).not.toContain(juror.email);
  });
});

// ── Erased everywhere, when asked (issue #19 item 2) ────────────────────────────────────────────

describe("deleting an account with 'erase everything about me'", () => {
  it("also erases the person as a nominee and in others' texts, by their address; without the box those stay", async () => {
    const e = await createEdition({ opensIn: -3600, closesIn: 3600 });
    const cat = e.categoryIds[0]!;
    const nominator = await createUser();
    const plant = async () => {
      const member = await createUser({ name: "Ilse Accountwis" });
      const own = await nominatePerson(
        db(),
        { id: nominator.id, name: nominator.name, emailVerified: true },
        e.editionId,
        PersonNominationSchema.parse(personInput(cat, { name: `Ilse Wis${member.id.slice(0, 6)}`, email: member.email })),
        "nl",
      );
      const other = await nominatePerson(
        db(),
        { id: (await createUser()).id, name: "Ander", emailVerified: true },
        e.editionId,
        PersonNominationSchema.parse(
          personInput(cat, { name: "Kees Kandidaat", motivation: `Samen met ${member.email} bouwde Kees het nieuwe loket voor de stad.` }),
        ),
        "nl",
      );
      if (!own.ok || !other.ok) throw new Error("nomination failed");
      return { member, nominee: own.value.nomineeId, other: other.value.nomineeId };
    };
    const state = async (p: Awaited<ReturnType<typeof plant>>) => ({
      nominee: await db().selectFrom("nominee").select(["name", "contact_email"]).where("id", "=", p.nominee).executeTakeFirstOrThrow(),
      motivation: (await db().selectFrom("nomination").select("motivation").where("nominee_id", "=", p.other).executeTakeFirstOrThrow())
        .motivation,
      goodbye: (await lastMailTo(p.member.email))?.template,
    });

    const kept = await plant();
    expect((await deleteAccountOf(await sessionFor(kept.member.id))).status).toBe(303);
    const keptState = await state(kept);
    expect(keptState.nominee.contact_email).toBe(kept.member.email);
    expect(keptState.motivation).toContain(kept.member.email);

    const erased = await plant();
    const res = await app.request("/account/verwijderen?intent=delete", {
      headers: { cookie: await sessionFor(erased.member.id) },
      form: { password: PASSWORD, eraseEverywhere: "true" },
    });
    expect(res.status).toBe(303);
    expect(await state(erased)).toEqual({
      nominee: { name: "Verwijderde kandidaat", contact_email: null },
      motivation: "Samen met [verwijderd] bouwde Kees het nieuwe loket voor de stad.",
      // The goodbye mail still goes (queued after the erasure, in the same transaction).
      goodbye: "accounts.deleted",
    });
    expect(await db().selectFrom("app_user").select("id").where("id", "=", erased.member.id).execute()).toEqual([]);
    const entry = await db()
      .selectFrom("audit_log")
      .select(["after"])
      .where("action", "=", "person.erase")
      .where(sql<boolean>`after->'nominees' ? ${erased.nominee}`)
      .executeTakeFirstOrThrow();
    expect(JSON.stringify(entry.after)).not.toContain(erased.member.email);
  });
});
