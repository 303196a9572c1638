import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "~/db.server";
import { createUser, lastMailTo } from "../setup/factories";
import { startTestServer, type TestServer } from "../setup/http";
import { sessionFor } from "../setup/voting";
import {
  addAuthor,
  assignDirectly,
  assignmentOf,
  createWritingProject,
  versionsOf,
  wordsText,
  type Author,
  type WritingFixture,
} from "../setup/book-writing";

let app: TestServer;
beforeAll(async () => {
  app = await startTestServer();
});
afterAll(() => app.close());

const db = () => getDb();
const BIO = "Ik schrijf al twintig jaar over de geschiedenis van de rijksdienst.";

const authorForm = (f: WritingFixture, overrides: Record<string, string> = {}) => ({
  bio: BIO,
  [`theme-${f.themes[1]}`]: "on",
  periodFrom: "1850",
  periodTo: "1950",
  writingUrl: "https://example.nl/artikel",
  capacity: "2",
  availability: "Niet in augustus.",
  ...overrides,
});

const assignmentsOfProject = (projectId: string) =>
  db().selectFrom("book_assignment").selectAll().where("project_id", "=", projectId).execute();

async function auditCount(action: string, entityId: string) {
  const row = await db()
    .selectFrom("audit_log")
    .select(sql<number>`count(*)::int`.as("n"))
    .where("action", "=", action)
    .where("entity_id", "=", entityId)
    .executeTakeFirstOrThrow();
  return row.n;
}

describe("author sign-up", () => {
  it("signs a member up with themes, periods and capacity; the same page edits the profile", async () => {
    const f = await createWritingProject();
    const page = await app.request(`${f.base}/auteur`, { headers: { cookie: f.member.cookie } });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain("Aanmelden als auteur");
    const res = await app.request(`${f.base}/auteur`, { form: authorForm(f), headers: { cookie: f.member.cookie } });
    expect(res.status).toBe(303);
    const row = await db().selectFrom("book_author").selectAll().where("user_id", "=", f.member.id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ bio: BIO, theme_ids: [f.themes[1]], period_from: 1850, period_to: 1950, capacity: 2 });
    const edit = await app.request(`${f.base}/auteur`, {
      form: authorForm(f, { capacity: "3", periodFrom: "" }),
      headers: { cookie: f.member.cookie },
    });
    expect(edit.status).toBe(303);
    const again = await db().selectFrom("book_author").selectAll().where("user_id", "=", f.member.id).executeTakeFirstOrThrow();
    expect(again).toMatchObject({ capacity: 3, period_from: null });
    expect((await app.request(`${f.base}/auteur`, { headers: { cookie: f.member.cookie } })).status).toBe(200);
  });

  it("refuses bad input with a translated 400 and writes nothing", async () => {
    const f = await createWritingProject();
    const cases: Array<[Record<string, string>, string]> = [
      [{ bio: "te kort" }, "Schrijf minstens 20 tekens"],
      [{ writingUrl: "http://example.nl" }, "begint met https://"],
      [{ capacity: "4" }, "Kies 1, 2 of 3"],
      [{ periodFrom: "1700" }, "binnen de periode van het boek"],
      [{ periodFrom: "1950", periodTo: "1900" }, "vóór het beginjaar"],
      [{ [`theme-${crypto.randomUUID()}`]: "on" }, "alleen thema"],
      [{ availability: "x".repeat(501) }, "hoogstens 500 tekens"],
    ];
    for (const [overrides, message] of cases) {
      const res = await app.request(`${f.base}/auteur`, { form: authorForm(f, overrides), headers: { cookie: f.member.cookie } });
      expect(res.status).toBe(400);
      expect(await res.text()).toContain(message);
    }
    expect(await db().selectFrom("book_author").select("user_id").where("project_id", "=", f.projectId).execute()).toHaveLength(0);
  });

  it("refuses a capacity below the portraits already assigned (409) and keeps the old one", async () => {
    const f = await createWritingProject();
    const a = await addAuthor(f, 2);
    await assignDirectly(f, f.portraits[0]!, a.id);
    await assignDirectly(f, f.portraits[1]!, a.id);
    const res = await app.request(`${f.base}/auteur`, { form: authorForm(f, { capacity: "1" }), headers: { cookie: a.cookie } });
    expect(res.status).toBe(409);
    expect(await res.text()).toContain("al meer portretten toegewezen");
    const row = await db().selectFrom("book_author").select("capacity").where("user_id", "=", a.id).executeTakeFirstOrThrow();
    expect(row.capacity).toBe(2);
  });

  it("sends visitors to log in and refuses unverified accounts", async () => {
    const f = await createWritingProject();
    const visitor = await app.request(`${f.base}/auteur`);
    expect(visitor.status).toBe(302);
    expect(visitor.headers.get("location")).toContain("/inloggen");
    const unverified = await createUser({ verified: false });
    const res = await app.request(`${f.base}/auteur`, { form: authorForm(f), headers: { cookie: await sessionFor(unverified.id) } });
    expect(res.status).toBe(403);
  });
});

describe("claims", () => {
  const claimForm = (f: WritingFixture, picks: number[], overrides: Record<string, string> = {}) => {
    const form: Record<string, string> = {};
    picks.forEach((p, i) => {
      form[`choice${i + 1}`] = f.portraits[p]!;
      form[`motivation${i + 1}`] = `Motivatie ${i + 1}`;
    });
    return { ...form, ...overrides };
  };

  it("shows non-authors the way to sign up; authors save ranked wishes that replace earlier ones", async () => {
    const f = await createWritingProject();
    const page = await (await app.request(`${f.base}/wensen`, { headers: { cookie: f.member.cookie } })).text();
    expect(page).toContain("aangemeld als auteur");
    const refused = await app.request(`${f.base}/wensen`, { form: claimForm(f, [0]), headers: { cookie: f.member.cookie } });
    expect(refused.status).toBe(409);

    const a = await addAuthor(f, 2);
    expect((await app.request(`${f.base}/wensen`, { form: claimForm(f, [0, 1, 2]), headers: { cookie: a.cookie } })).status).toBe(303);
    let claims = await db().selectFrom("book_claim").selectAll().where("user_id", "=", a.id).orderBy("rank").execute();
    expect(claims.map((c) => [c.rank, c.proposal_id])).toEqual([
      [1, f.portraits[0]],
      [2, f.portraits[1]],
      [3, f.portraits[2]],
    ]);
    expect((await app.request(`${f.base}/wensen`, { form: claimForm(f, [3]), headers: { cookie: a.cookie } })).status).toBe(303);
    claims = await db().selectFrom("book_claim").selectAll().where("user_id", "=", a.id).execute();
    expect(claims.map((c) => [c.rank, c.proposal_id])).toEqual([[1, f.portraits[3]]]);
    const html = await (await app.request(`${f.base}/wensen`, { headers: { cookie: a.cookie } })).text();
    expect(html).toContain("Ambtenaar 04");
  });

  it("refuses the same portrait twice, a portrait with an author, an unselected one, and closed claims — nothing changes", async () => {
    const f = await createWritingProject();
    const a = await addAuthor(f, 2);
    const other = await addAuthor(f, 1);
    expect((await app.request(`${f.base}/wensen`, { form: claimForm(f, [0]), headers: { cookie: a.cookie } })).status).toBe(303);
    const twice = await app.request(`${f.base}/wensen`, { form: claimForm(f, [1, 1]), headers: { cookie: a.cookie } });
    expect(twice.status).toBe(400);
    expect(await twice.text()).toContain("twee keer gekozen");
    await assignDirectly(f, f.portraits[2]!, other.id);
    const taken = await app.request(`${f.base}/wensen`, { form: claimForm(f, [1, 2]), headers: { cookie: a.cookie } });
    expect(taken.status).toBe(409);
    expect(await taken.text()).toContain("niet (meer) vrij");
    await db().updateTable("book_proposal").set({ status: "shortlisted" }).where("id", "=", f.portraits[3]!).execute();
    expect((await app.request(`${f.base}/wensen`, { form: claimForm(f, [3]), headers: { cookie: a.cookie } })).status).toBe(409);
    const noMotivation = await app.request(`${f.base}/wensen`, {
      form: claimForm(f, [1], { motivation1: "  " }),
      headers: { cookie: a.cookie },
    });
    expect(noMotivation.status).toBe(400);
    const claims = await db().selectFrom("book_claim").selectAll().where("user_id", "=", a.id).execute();
    expect(claims.map((c) => c.proposal_id)).toEqual([f.portraits[0]]);

    const closed = await createWritingProject({ claimsClosed: true });
    const b = await addAuthor(closed, 1);
    const res = await app.request(`${closed.base}/wensen`, { form: claimForm(closed, [0]), headers: { cookie: b.cookie } });
    expect(res.status).toBe(409);
    expect(await db().selectFrom("book_claim").select("user_id").where("user_id", "=", b.id).execute()).toHaveLength(0);
  });
});

describe("assignment", () => {
  const assign = (f: WritingFixture, proposalId: string, userId: string, dueAt = "") =>
    app.request(`${f.admin}/toewijzing?intent=assign`, { form: { proposalId, userId, dueAt }, headers: { cookie: f.editor.cookie } });

  it("gives a portrait one author under 20 parallel assignments; the others get 409, never a 5xx", async () => {
    const f = await createWritingProject();
    const authors: Author[] = [];
    for (let i = 0; i < 20; i++) authors.push(await addAuthor(f, 1, `Auteur ${i}`));
    const responses = await Promise.all(authors.map((a) => assign(f, f.portraits[0]!, a.id)));
    const statuses = responses.map((r) => r.status);
    expect(statuses.filter((s) => s === 303)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(19);
    const rows = await assignmentsOfProject(f.projectId);
    expect(rows).toHaveLength(1);
    const winner = authors.find((a) => a.id === rows[0]!.user_id)!;
    const mail = await lastMailTo(winner.email);
    expect(mail?.subject).toContain("Ambtenaar 01");
    expect(mail?.body_text).toContain(`/boek/${f.slug}/mijn-portretten/${f.portraits[0]}`);
    expect(await auditCount("book.assign", f.portraits[0]!)).toBe(1);
    const loser = responses.find((r) => r.status === 409)!;
    expect(await loser.text()).toContain("heeft al een auteur");
  });

  it("never gives an author more than their cap under 10 parallel assignments", async () => {
    const f = await createWritingProject({ portraits: 10 });
    const a = await addAuthor(f, 2);
    const responses = await Promise.all(f.portraits.map((p) => assign(f, p, a.id)));
    const statuses = responses.map((r) => r.status);
    expect(statuses.filter((s) => s === 303)).toHaveLength(2);
    expect(statuses.filter((s) => s === 409)).toHaveLength(8);
    expect(await assignmentsOfProject(f.projectId)).toHaveLength(2);
  });

  it("uses the due date typed or the project's drafts date, and refuses bad input with 400", async () => {
    const f = await createWritingProject();
    const a = await addAuthor(f, 3);
    expect((await assign(f, f.portraits[0]!, a.id, "2030-06-01T12:00")).status).toBe(303);
    expect((await assignmentOf(f.portraits[0]!))!.due_at!.toISOString()).toBe("2030-06-01T10:00:00.000Z");
    expect((await assign(f, f.portraits[1]!, a.id)).status).toBe(303);
    const project = await db().selectFrom("book_project").select("drafts_due_at").where("id", "=", f.projectId).executeTakeFirstOrThrow();
    expect((await assignmentOf(f.portraits[1]!))!.due_at).toEqual(project.drafts_due_at);
    const bad: Array<Record<string, string>> = [
      { proposalId: "niet-een-id", userId: a.id },
      { proposalId: f.portraits[2]!, userId: "" },
      { proposalId: f.portraits[2]!, userId: a.id, dueAt: "2030-02-31T10:00" },
    ];
    for (const form of bad) {
      const res = await app.request(`${f.admin}/toewijzing?intent=assign`, { form, headers: { cookie: f.editor.cookie } });
      expect(res.status).toBe(400);
    }
    // A member who is no author, and a portrait that is not selected.
    expect((await assign(f, f.portraits[2]!, f.member.id)).status).toBe(400);
    await db().updateTable("book_proposal").set({ status: "shortlisted" }).where("id", "=", f.portraits[3]!).execute();
    expect((await assign(f, f.portraits[3]!, a.id)).status).toBe(409);
    expect(await assignmentsOfProject(f.projectId)).toHaveLength(2);
  });

  it("unassigns only before any text is saved", async () => {
    const f = await createWritingProject();
    const a = await addAuthor(f, 2);
    await assignDirectly(f, f.portraits[0]!, a.id);
    await assignDirectly(f, f.portraits[1]!, a.id);
    await db()
      .insertInto("book_manuscript_version")
      .values({ proposal_id: f.portraits[1]!, version: 1, author_id: a.id, body: "Begin.", word_count: 1 })
      .execute();
    const unassign = (p: string) =>
      app.request(`${f.admin}/toewijzing?intent=unassign`, { form: { proposalId: p }, headers: { cookie: f.editor.cookie } });
    expect((await unassign(f.portraits[0]!)).status).toBe(303);
    expect(await assignmentOf(f.portraits[0]!)).toBeUndefined();
    expect(await auditCount("book.unassign", f.portraits[0]!)).toBe(1);
    expect((await unassign(f.portraits[1]!)).status).toBe(409);
    expect(await assignmentOf(f.portraits[1]!)).toBeDefined();
  });

  it("applies the assistant's suggestion in one go, within every cap, and refuses a stale one", async () => {
    const f = await createWritingProject({ portraits: 5 });
    const a = await addAuthor(f, 1, "Anna");
    const b = await addAuthor(f, 2, "Bert");
    const c = await addAuthor(f, 1, "Cor");
    const claim = (u: Author, p: number, rank: number) =>
      db()
        .insertInto("book_claim")
        .values({ project_id: f.projectId, proposal_id: f.portraits[p]!, user_id: u.id, rank, motivation: "Graag." })
        .execute();
    // Everyone wants portrait 0 first; Bert also wants 1 and 2, Cor also 1.
    await claim(a, 0, 1);
    await claim(b, 0, 1);
    await claim(b, 1, 2);
    await claim(b, 2, 3);
    await claim(c, 0, 1);
    await claim(c, 1, 2);
    const page = await (await app.request(`${f.admin}/toewijzing`, { headers: { cookie: f.editor.cookie } })).text();
    expect(page).toContain("Voorstel: 3 portretten krijgen een auteur.");
    expect(page).toContain("Eerste keus: 1, tweede keus: 1, derde keus: 1.");
    const fingerprint = /name="fingerprint" value="([0-9a-f]{32})"/.exec(page)![1]!;

    const stale = await app.request(`${f.admin}/toewijzing?intent=apply`, {
      form: { fingerprint: "0".repeat(32) },
      headers: { cookie: f.editor.cookie },
    });
    expect(stale.status).toBe(409);
    expect(await assignmentsOfProject(f.projectId)).toHaveLength(0);

    const res = await app.request(`${f.admin}/toewijzing?intent=apply`, { form: { fingerprint }, headers: { cookie: f.editor.cookie } });
    expect(res.status).toBe(303);
    const rows = await assignmentsOfProject(f.projectId);
    expect(rows).toHaveLength(3);
    const per = new Map<string | null, number>();
    for (const r of rows) per.set(r.user_id, (per.get(r.user_id) ?? 0) + 1);
    expect(per.get(a.id) ?? 0).toBeLessThanOrEqual(1);
    expect(per.get(b.id) ?? 0).toBeLessThanOrEqual(2);
    expect(per.get(c.id) ?? 0).toBeLessThanOrEqual(1);
    for (const u of [a, b, c]) {
      const mail = await lastMailTo(u.email);
      if (per.has(u.id)) expect(mail?.subject).toContain("Je schrijft het portret van");
      else expect(mail).toBeUndefined();
    }
    // Applying the same (now used) suggestion again changes nothing.
    expect(
      (await app.request(`${f.admin}/toewijzing?intent=apply`, { form: { fingerprint }, headers: { cookie: f.editor.cookie } })).status,
    ).toBe(409);
    expect(await assignmentsOfProject(f.projectId)).toHaveLength(3);
  });

  it("shows the editors every author with profile, load and wishes", async () => {
    const f = await createWritingProject();
    const a = await addAuthor(f, 2, "Dirk de Schrijver");
    await db()
      .insertInto("book_claim")
      .values({
        project_id: f.projectId,
        proposal_id: f.portraits[0]!,
        user_id: a.id,
        rank: 1,
        motivation: "Mijn proefschrift ging over hem.",
      })
      .execute();
    const html = await (await app.request(`${f.admin}/auteurs`, { headers: { cookie: f.editor.cookie } })).text();
    expect(html).toContain("Dirk de Schrijver");
    expect(html).toContain("Mijn proefschrift ging over hem.");
    expect(html).toContain("0 toegewezen van de 2");
  });
});

describe("authorization", () => {
  it("keeps each manuscript to its author, assignment to editors, and editors to their own project", async () => {
    const f = await createWritingProject();
    const a = await addAuthor(f, 1);
    const b = await addAuthor(f, 1);
    await assignDirectly(f, f.portraits[0]!, a.id);
    const path = `${f.base}/mijn-portretten/${f.portraits[0]}`;
    expect((await app.request(path, { headers: { cookie: a.cookie } })).status).toBe(200);
    const mine = await (await app.request(`${f.base}/mijn-portretten`, { headers: { cookie: a.cookie } })).text();
    expect(mine).toContain("Ambtenaar 01");
    expect(await (await app.request(`${f.base}/mijn-portretten`, { headers: { cookie: b.cookie } })).text()).not.toContain("Ambtenaar 01");
    // The same pages in English.
    const english = await app.request(`${f.base}/mijn-portretten`, { headers: { cookie: `${a.cookie}; lauwer_lang=en` } });
    expect(await english.text()).toContain("My portraits");
    expect((await app.request(path, { headers: { cookie: b.cookie } })).status).toBe(404);
    expect((await app.request(path, { form: { body: "Niet van mij.", intent: "save" }, headers: { cookie: b.cookie } })).status).toBe(404);
    expect(
      (await app.request(path, { form: { body: "Niet van mij.", intent: "save" }, headers: { cookie: f.editor.cookie } })).status,
    ).toBe(404);
    expect(await versionsOf(f.portraits[0]!)).toHaveLength(0);
    const visitor = await app.request(path);
    expect(visitor.status).toBe(302);
    expect(visitor.headers.get("location")).toContain("/inloggen");

    // A member (or an author) cannot assign or see the editors' pages.
    const assignForm = { proposalId: f.portraits[1]!, userId: b.id, dueAt: "" };
    for (const cookie of [f.member.cookie, b.cookie]) {
      expect((await app.request(`${f.admin}/toewijzing?intent=assign`, { form: assignForm, headers: { cookie } })).status).toBe(403);
      for (const page of ["toewijzing", "auteurs", "portretten", `portretten/${f.portraits[0]}`]) {
        expect((await app.request(`${f.admin}/${page}`, { headers: { cookie } })).status).toBe(403);
      }
    }
    expect(await assignmentOf(f.portraits[1]!)).toBeUndefined();

    // An editor of project A is a stranger to project B.
    const other = await createWritingProject();
    const c = await addAuthor(other, 1);
    await assignDirectly(other, other.portraits[0]!, c.id);
    for (const page of ["toewijzing", "auteurs", "portretten", `portretten/${other.portraits[0]}`]) {
      expect((await app.request(`${other.admin}/${page}`, { headers: { cookie: f.editor.cookie } })).status).toBe(403);
    }
    const cross = await app.request(`${other.admin}/toewijzing?intent=assign`, {
      form: { proposalId: other.portraits[1]!, userId: c.id },
      headers: { cookie: f.editor.cookie },
    });
    expect(cross.status).toBe(403);
    // Project A's editor naming project B's portrait on project A's page finds nothing.
    const scoped = await app.request(`${f.admin}/portretten/${other.portraits[0]}?intent=status`, {
      form: { action: "startEdit" },
      headers: { cookie: f.editor.cookie },
    });
    expect(scoped.status).toBe(404);
    expect((await app.request(`${f.admin}/toewijzing`)).status).toBe(302);
    expect((await app.request(`${f.admin}/portretten/niet-een-id`, { headers: { cookie: f.editor.cookie } })).status).toBe(404);
    expect((await app.request(`${f.base}/mijn-portretten/niet-een-id`, { headers: { cookie: a.cookie } })).status).toBe(404);
  });
});

describe("manuscripts", () => {
  async function setup() {
    const f = await createWritingProject({ wordsMin: 50, wordsMax: 80 });
    const a = await addAuthor(f, 1);
    await assignDirectly(f, f.portraits[0]!, a.id);
    const path = `${f.base}/mijn-portretten/${f.portraits[0]}`;
    const admin = `${f.admin}/portretten/${f.portraits[0]}`;
    const write = (body: string, intent: "save" | "submit" = "save") =>
      app.request(path, { form: { body, intent }, headers: { cookie: a.cookie } });
    const editor = (intent: string, form: Record<string, string>) =>
      app.request(`${admin}?intent=${intent}`, { form, headers: { cookie: f.editor.cookie } });
    const status = async () => (await assignmentOf(f.portraits[0]!))!.status;
    return { f, a, path, admin, write, editor, status };
  }

  it("runs the whole flow: versions, submit within the range, return with a comment, resubmit, final, publish", async () => {
    const { f, a, admin, write, editor, status } = await setup();
    expect((await write("Een eerste aanzet.")).status).toBe(303);
    expect((await write("Een eerste aanzet.")).status).toBe(303); // unchanged: no new version
    expect(await versionsOf(f.portraits[0]!)).toHaveLength(1);

    // Outside the word range or empty: 400 with a translated message, nothing saved.
    const short = await write(wordsText(30), "submit");
    expect(short.status).toBe(400);
    expect(await short.text()).toContain("te kort om in te dienen");
    expect((await write(wordsText(81), "submit")).status).toBe(400);
    expect((await write("   ", "submit")).status).toBe(400);
    expect(await versionsOf(f.portraits[0]!)).toHaveLength(1);
    expect(await status()).toBe("assigned");

    expect((await write(wordsText(60), "submit")).status).toBe(303);
    expect(await status()).toBe("submitted");
    let versions = await versionsOf(f.portraits[0]!);
    expect(versions.map((v) => [v.version, v.word_count, v.submitted])).toEqual([
      [1, 3, false],
      [2, 60, true],
    ]);
    // The author cannot change a submitted text.
    const locked = await write(wordsText(61));
    expect(locked.status).toBe(409);
    expect(await versionsOf(f.portraits[0]!)).toHaveLength(2);

    // The editor sees the preview and the diff.
    const page = await (await app.request(`${admin}?van=1&naar=2`, { headers: { cookie: f.editor.cookie } })).text();
    expect(page).toContain("<ins>");
    expect(page).toContain("toegevoegd:");
    expect(page).toContain("verwijderd:");

    expect((await editor("status", { action: "startEdit" })).status).toBe(303);
    expect(await status()).toBe("in_edit");
    // Returning needs a comment.
    expect((await editor("return", { formId: "return", body: " " })).status).toBe(400);
    expect(await status()).toBe("in_edit");
    expect((await editor("return", { formId: "return", body: "Meer over zijn jeugd, graag." })).status).toBe(303);
    expect(await status()).toBe("returned");
    const mail = await lastMailTo(a.email);
    expect(mail?.subject).toContain("opmerkingen van de redactie");
    expect(mail?.body_text).toContain("Meer over zijn jeugd, graag.");
    expect(await auditCount("book.manuscript.return", f.portraits[0]!)).toBe(1);
    // The author sees the comment and resubmits.
    expect(await (await app.request(`${f.base}/mijn-portretten/${f.portraits[0]}`, { headers: { cookie: a.cookie } })).text()).toContain(
      "Meer over zijn jeugd, graag.",
    );
    expect((await write(wordsText(70), "submit")).status).toBe(303);
    expect(await status()).toBe("submitted");

    expect((await editor("status", { action: "makeFinal" })).status).toBe(303);
    expect(await status()).toBe("final");
    expect((await lastMailTo(a.email))?.subject).toContain("is definitief");
    expect((await editor("status", { action: "publish" })).status).toBe(303);
    expect((await assignmentOf(f.portraits[0]!))!.published_at).not.toBeNull();
    // Published portraits cannot be reopened (409, nothing changes) until unpublished.
    const reopen = await editor("status", { action: "reopen" });
    expect(reopen.status).toBe(409);
    expect(await reopen.text()).toContain("Dat kan niet in de huidige status");
    expect(await status()).toBe("final");
    expect((await editor("status", { action: "unpublish" })).status).toBe(303);
    expect((await editor("status", { action: "reopen" })).status).toBe(303);
    expect(await status()).toBe("in_edit");
    versions = await versionsOf(f.portraits[0]!);
    expect(versions).toHaveLength(3);
    for (const action of [
      "book.manuscript.startEdit",
      "book.manuscript.makeFinal",
      "book.manuscript.publish",
      "book.manuscript.unpublish",
      "book.manuscript.reopen",
    ]) {
      expect(await auditCount(action, f.portraits[0]!)).toBeGreaterThanOrEqual(1);
    }
  });

  it("refuses steps outside the status flow with 409 and no change", async () => {
    const { f, editor, status, write } = await setup();
    for (const action of ["startEdit", "makeFinal", "reopen", "publish", "unpublish"]) {
      const res = await editor("status", { action });
      expect(res.status).toBe(409);
    }
    expect((await editor("return", { formId: "return", body: "Te vroeg." })).status).toBe(409);
    expect(await status()).toBe("assigned");
    expect((await write(wordsText(60), "submit")).status).toBe(303);
    expect((await editor("status", { action: "reopen" })).status).toBe(409);
    expect((await editor("status", { action: "publish" })).status).toBe(409);
    expect((await editor("status", { action: "nonsense" })).status).toBe(400);
    expect(await status()).toBe("submitted");
    const comments = await db()
      .selectFrom("book_manuscript_comment as c")
      .innerJoin("book_manuscript_version as v", "v.id", "c.version_id")
      .select("c.id")
      .where("v.proposal_id", "=", f.portraits[0]!)
      .execute();
    expect(comments).toHaveLength(0);
  });

  it("keeps comments per version; bad comments are refused with 400 and nothing is written", async () => {
    const { f, editor, write } = await setup();
    await write("Eerste versie.");
    await write("Tweede versie.");
    const [v1] = await versionsOf(f.portraits[0]!);
    expect((await editor("comment", { formId: "comment", versionId: v1!.id, body: "Mooi begin." })).status).toBe(303);
    expect((await editor("comment", { formId: "comment", versionId: v1!.id, body: "" })).status).toBe(400);
    expect((await editor("comment", { formId: "comment", versionId: "x", body: "Iets." })).status).toBe(400);
    const foreign = await createWritingProject();
    const b = await addAuthor(foreign, 1);
    await assignDirectly(foreign, foreign.portraits[0]!, b.id);
    const [fv] = await db()
      .insertInto("book_manuscript_version")
      .values({ proposal_id: foreign.portraits[0]!, version: 1, author_id: b.id, body: "Ander boek.", word_count: 2 })
      .returning("id")
      .execute();
    expect((await editor("comment", { formId: "comment", versionId: fv!.id, body: "Hier niet." })).status).toBe(400);
    const comments = await db().selectFrom("book_manuscript_comment").selectAll().where("version_id", "in", [v1!.id, fv!.id]).execute();
    expect(comments.map((c) => c.body)).toEqual(["Mooi begin."]);
  });

  it("keeps versions and comments append-only in the database", async () => {
    const { f, editor, write } = await setup();
    await write("Eerste versie.");
    const [v1] = await versionsOf(f.portraits[0]!);
    await editor("comment", { formId: "comment", versionId: v1!.id, body: "Opmerking." });
    await expect(db().updateTable("book_manuscript_version").set({ body: "Anders." }).where("id", "=", v1!.id).execute()).rejects.toThrow(
      /append-only/,
    );
    await expect(db().deleteFrom("book_manuscript_version").where("id", "=", v1!.id).execute()).rejects.toThrow(/append-only/);
    await expect(
      db().updateTable("book_manuscript_comment").set({ body: "Anders." }).where("version_id", "=", v1!.id).execute(),
    ).rejects.toThrow(/append-only/);
    await expect(db().deleteFrom("book_manuscript_comment").where("version_id", "=", v1!.id).execute()).rejects.toThrow(/append-only/);
    expect((await versionsOf(f.portraits[0]!))[0]!.body).toBe("Eerste versie.");
    // The one allowed change is marking a version submitted; not back, and not together with anything else.
    await expect(
      db().updateTable("book_manuscript_version").set({ submitted: true, body: "Anders." }).where("id", "=", v1!.id).execute(),
    ).rejects.toThrow(/append-only/);
    await db().updateTable("book_manuscript_version").set({ submitted: true }).where("id", "=", v1!.id).execute();
    await expect(db().updateTable("book_manuscript_version").set({ submitted: false }).where("id", "=", v1!.id).execute()).rejects.toThrow(
      /append-only/,
    );
  });

  it("submitting the text just saved marks that version instead of writing it twice", async () => {
    const { f, write, status } = await setup();
    const text = wordsText(60);
    expect((await write(text)).status).toBe(303);
    expect((await write(text, "submit")).status).toBe(303);
    expect(await status()).toBe("submitted");
    const versions = await versionsOf(f.portraits[0]!);
    expect(versions.map((v) => [v.version, v.submitted])).toEqual([[1, true]]);
  });
});

describe("overview and reminders", () => {
  it("marks overdue portraits in words, filters them, and reminds at most once a day", async () => {
    const f = await createWritingProject();
    const late = await addAuthor(f, 1, "Laat");
    const onTime = await addAuthor(f, 1, "Op tijd");
    await assignDirectly(f, f.portraits[0]!, late.id, "-2 days");
    await assignDirectly(f, f.portraits[1]!, onTime.id, "5 days");
    const html = await (await app.request(`${f.admin}/portretten`, { headers: { cookie: f.editor.cookie } })).text();
    expect(html).toContain("Te laat");
    expect(html).toContain("nog geen auteur");
    const filtered = await (await app.request(`${f.admin}/portretten?te-laat=ja`, { headers: { cookie: f.editor.cookie } })).text();
    expect(filtered).toContain("Ambtenaar 01");
    expect(filtered).not.toContain("Ambtenaar 02");
    const byStatus = await (await app.request(`${f.admin}/portretten?status=none`, { headers: { cookie: f.editor.cookie } })).text();
    expect(byStatus).toContain("Ambtenaar 03");
    expect(byStatus).not.toContain("Ambtenaar 01");

    const remind = (p: string) =>
      app.request(`${f.admin}/portretten?intent=remind`, { form: { proposalId: p }, headers: { cookie: f.editor.cookie } });
    // Not overdue: refused, and the limit is not used up.
    expect((await remind(f.portraits[1]!)).status).toBe(409);
    expect(await lastMailTo(onTime.email)).toBeUndefined();
    expect((await remind(f.portraits[0]!)).status).toBe(303);
    const mail = await lastMailTo(late.email);
    expect(mail?.subject).toContain("Herinnering");
    expect((await assignmentOf(f.portraits[0]!))!.reminded_at).not.toBeNull();
    expect(await auditCount("book.manuscript.remind", f.portraits[0]!)).toBe(1);
    const again = await remind(f.portraits[0]!);
    expect(again.status).toBe(429);
    expect(await again.text()).toContain("kort geleden al een herinnering");
    const mails = await db().selectFrom("outbox_email").select("id").where("to_address", "=", late.email).execute();
    expect(mails).toHaveLength(1);
    expect((await remind("niet-een-id")).status).toBe(400);
  });

  it("counts a portrait that is not final after the project's final date as overdue", async () => {
    const f = await createWritingProject();
    const a = await addAuthor(f, 1);
    await assignDirectly(f, f.portraits[0]!, a.id, "5 days");
    await db().updateTable("book_assignment").set({ status: "submitted" }).where("proposal_id", "=", f.portraits[0]!).execute();
    let filtered = await (await app.request(`${f.admin}/portretten?te-laat=ja`, { headers: { cookie: f.editor.cookie } })).text();
    expect(filtered).not.toContain("Ambtenaar 01");
    await db()
      .updateTable("book_project")
      .set({ final_due_at: sql<Date>`now() - interval '1 day'` })
      .where("id", "=", f.projectId)
      .execute();
    filtered = await (await app.request(`${f.admin}/portretten?te-laat=ja`, { headers: { cookie: f.editor.cookie } })).text();
    expect(filtered).toContain("Ambtenaar 01");
  });
});
