import pg from "pg";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "~/db.server";
import { translator } from "~/i18n/i18n";
import { saveAuthor } from "~/modules/book/author.server";
import { mergeCandidates } from "~/modules/book/editorial.server";
import { loadProject } from "~/modules/book/project.server";
import { createProposal } from "~/modules/book/proposal.server";
import { createBookProject, insertProposal, proposalForm } from "../setup/book-proposals";
import { createUser, uniqueEmail } from "../setup/factories";
import { startTestServer, type TestServer } from "../setup/http";
import { sessionFor } from "../setup/voting";
import { addAuthor, assignDirectly, assignmentOf, createWritingProject, versionsOf, type WritingFixture } from "../setup/book-writing";

// Review findings on the portrait book: races, inputs that used to answer 500, privacy, limits.

let app: TestServer;
beforeAll(async () => {
  app = await startTestServer();
});
afterAll(() => app.close());

const db = () => getDb();

/** A connection of its own, outside the app's pool, to hold locks in an open transaction. */
async function rawClient() {
  const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
  return client;
}

/** Waits until `n` backends of this database wait for a lock; false after `ms`. */
async function lockWaiters(n: number, ms = 60_000): Promise<boolean> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    const row = await sql<{ n: number }>`select count(*)::int as n from pg_stat_activity
      where datname = current_database() and wait_event_type = 'Lock'`.execute(db());
    if (row.rows[0]!.n >= n) return true;
    await new Promise((r) => setTimeout(r, 25));
  }
  return false;
}

const assignPost = (f: WritingFixture, proposalId: string, userId: string) =>
  app.request(`${f.admin}/toewijzing?intent=assign`, { form: { proposalId, userId, dueAt: "" }, headers: { cookie: f.editor.cookie } });

describe("assigning while a portrait is deselected", () => {
  it("an assignment waits for a deselection in progress and is then refused (409, no row)", async () => {
    const f = await createWritingProject();
    const a = await addAuthor(f, 1);
    const client = await rawClient();
    try {
      await client.query("begin");
      await client.query("update book_proposal set status = 'shortlisted' where id = $1", [f.portraits[0]]);
      const pending = assignPost(f, f.portraits[0]!, a.id);
      const waited = await lockWaiters(1);
      await client.query("commit");
      const res = await pending;
      expect(waited).toBe(true);
      expect(res.status).toBe(409);
      expect(await res.text()).toContain("Alleen geselecteerde portretten krijgen een auteur");
      expect(await assignmentOf(f.portraits[0]!)).toBeUndefined();
    } finally {
      await client.query("rollback").catch(() => undefined);
      await client.end();
    }
  });

  it("the database alone makes an insert wait for a deselection in progress and then refuses it", async () => {
    const f = await createWritingProject();
    const a = await addAuthor(f, 1);
    const [deselect, insert] = [await rawClient(), await rawClient()];
    try {
      await deselect.query("begin");
      await deselect.query("update book_proposal set status = 'shortlisted' where id = $1", [f.portraits[0]]);
      const inserting = insert
        .query("insert into book_assignment (proposal_id, project_id, user_id) values ($1, $2, $3)", [f.portraits[0], f.projectId, a.id])
        .then(
          () => undefined,
          (e: { constraint?: string }) => e.constraint,
        );
      const waited = await lockWaiters(1);
      await deselect.query("commit");
      expect(waited).toBe(true);
      expect(await inserting).toBe("book_assignment_selected");
      expect(await assignmentOf(f.portraits[0]!)).toBeUndefined();
    } finally {
      await deselect.query("rollback").catch(() => undefined);
      await Promise.all([deselect.end(), insert.end()]);
    }
  });

  it("a deselection waits for an assignment in progress and is then refused (book_selection_assigned)", async () => {
    const f = await createWritingProject();
    const a = await addAuthor(f, 1);
    const client = await rawClient();
    try {
      // Hold the author's row so the assignment stops halfway (inside its trigger), after reading the proposal.
      await client.query("begin");
      await client.query("select 1 from book_author where project_id = $1 and user_id = $2 for update", [f.projectId, a.id]);
      const assigning = assignPost(f, f.portraits[0]!, a.id);
      expect(await lockWaiters(1)).toBe(true);
      const deselecting = app.request(`${f.admin}/voordrachten/${f.portraits[0]}?intent=status`, {
        form: { proposalId: f.portraits[0]!, status: "shortlisted" },
        headers: { cookie: f.editor.cookie },
      });
      const waited = await lockWaiters(2);
      await client.query("commit");
      const [assigned, deselected] = await Promise.all([assigning, deselecting]);
      expect(waited).toBe(true);
      expect(assigned.status).toBe(303);
      expect(deselected.status).toBe(409);
      expect(await deselected.text()).toContain("heeft al een auteur en blijft geselecteerd");
      const p = await db().selectFrom("book_proposal").select("status").where("id", "=", f.portraits[0]!).executeTakeFirstOrThrow();
      expect(p.status).toBe("selected");
      expect((await assignmentOf(f.portraits[0]!))?.user_id).toBe(a.id);
    } finally {
      await client.query("rollback").catch(() => undefined);
      await client.end();
    }
  });
});

describe("author sign-up with links the database would refuse", () => {
  const BIO = "Ik schrijf al twintig jaar over de geschiedenis van de rijksdienst.";
  const form = (writingUrl: string) => ({ bio: BIO, writingUrl, capacity: "1", periodFrom: "", periodTo: "", availability: "" });

  it("answers 400 with the link message and writes nothing", async () => {
    const f = await createWritingProject();
    for (const url of ["HTTPS://example.org", "https:example.org", "https:\\\\example.org", "Https://example.org/a"]) {
      const res = await app.request(`${f.base}/auteur`, { form: form(url), headers: { cookie: f.member.cookie } });
      expect(res.status, url).toBe(400);
      expect(await res.text()).toContain("begint met https://");
    }
    expect(await db().selectFrom("book_author").select("user_id").where("project_id", "=", f.projectId).execute()).toHaveLength(0);
    expect(
      (await app.request(`${f.base}/auteur`, { form: form("https://example.org/a"), headers: { cookie: f.member.cookie } })).status,
    ).toBe(303);
  });

  it("answers any other check the database makes with a translated 400, never a 500", async () => {
    const f = await createWritingProject();
    const project = await loadProject(db(), f.slug, "nl");
    const input = { formId: undefined, bio: BIO, periodFrom: "", periodTo: "", capacity: "1", availability: "" };
    expect(await saveAuthor(db(), project, f.member.id, { ...input, writingUrl: "HTTPS://example.org" }, [])).toMatchObject({
      ok: false,
      status: 400,
      field: "writingUrl",
      error: "bookWriting.errors.url",
    });
    expect(await saveAuthor(db(), project, f.member.id, { ...input, writingUrl: "", bio: "x".repeat(1501) }, [])).toMatchObject({
      ok: false,
      status: 400,
    });
    expect(await db().selectFrom("book_author").select("user_id").where("project_id", "=", f.projectId).execute()).toHaveLength(0);
  });
});

describe("manuscript length after normalising", () => {
  async function setup() {
    const f = await createWritingProject();
    const a = await addAuthor(f, 1);
    await assignDirectly(f, f.portraits[0]!, a.id);
    const write = (body: string) =>
      app.request(`${f.base}/mijn-portretten/${f.portraits[0]}`, { form: { body, intent: "save" }, headers: { cookie: a.cookie } });
    return { f, write };
  }

  it("refuses a text that grows past the limit when composed (NFC) with a translated 400, nothing saved", async () => {
    const { f, write } = await setup();
    // U+FB2C is one character that NFC turns into three.
    const res = await write("\uFB2C".repeat(100_000));
    expect(res.status).toBe(400);
    expect(await res.text()).toContain("De tekst is te lang (hoogstens 100.000 tekens).");
    expect(await versionsOf(f.portraits[0]!)).toHaveLength(0);
  });

  it("counts a browser's CRLF line ends once and characters as PostgreSQL does (code points)", async () => {
    const { f, write } = await setup();
    expect((await write("woord\r\n".repeat(16_000))).status).toBe(303); // 112,000 typed, 96,000 stored
    const [v1] = await versionsOf(f.portraits[0]!);
    expect(v1!.body).toBe("woord\n".repeat(16_000));
    const astral = "😀".repeat(10_000) + "a".repeat(90_000); // 110,000 UTF-16 units, 100,000 characters
    expect((await write(astral)).status).toBe(303);
    expect((await write(`${astral}b`)).status).toBe(400);
    expect(await versionsOf(f.portraits[0]!)).toHaveLength(2);
  });
});

describe("comparing two very different versions", () => {
  it("gives up on a word-by-word comparison in time and says so (200)", async () => {
    const f = await createWritingProject();
    const a = await addAuthor(f, 1);
    await assignDirectly(f, f.portraits[0]!, a.id);
    const text = (prefix: string) => Array.from({ length: 8000 }, (_, i) => `${prefix}${i}`).join(" ");
    await db()
      .insertInto("book_manuscript_version")
      .values([
        { proposal_id: f.portraits[0]!, version: 1, author_id: a.id, body: text("alfa"), word_count: 8000 },
        { proposal_id: f.portraits[0]!, version: 2, author_id: a.id, body: text("beta"), word_count: 8000 },
        { proposal_id: f.portraits[0]!, version: 3, author_id: a.id, body: "Een korte derde versie.", word_count: 4 },
        { proposal_id: f.portraits[0]!, version: 4, author_id: a.id, body: "Een korte vierde versie.", word_count: 4 },
      ])
      .execute();
    const res = await app.request(`${f.admin}/portretten/${f.portraits[0]}?van=1&naar=2`, { headers: { cookie: f.editor.cookie } });
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain("verschillen te veel om ze woord voor woord te vergelijken");
    expect(html).not.toContain("<ins>");
    // A small change between two versions is still shown word by word.
    const small = await (
      await app.request(`${f.admin}/portretten/${f.portraits[0]}?van=3&naar=4`, { headers: { cookie: f.editor.cookie } })
    ).text();
    expect(small).not.toContain("verschillen te veel");
    expect(small).toContain("vierde</ins>");
  });
});

describe("who proposed whom", () => {
  it("the public proposal page names the proposer to editors only and sends nobody else their id, name or e-mail", async () => {
    const f = await createBookProject();
    const proposer = await createUser({ name: "Geertruida Voordrachtster", email: uniqueEmail("voordrager") });
    const id = await insertProposal(f, { proposerId: proposer.id });
    const other = await createUser({ name: "Ander Lid" });
    for (const cookie of [undefined, await sessionFor(other.id)]) {
      const res = await app.request(`${f.base}/${id}`, { headers: cookie ? { cookie } : {} });
      expect(res.status).toBe(200);
      const html = await res.text();
      expect(html).not.toContain(proposer.id);
      expect(html).not.toContain("Geertruida");
      expect(html).not.toContain(proposer.email);
      expect(html).not.toContain("proposerId");
      expect(html).toContain("Voorgedragen op");
    }
    const own = await (await app.request(`${f.base}/${id}`, { headers: { cookie: await sessionFor(proposer.id) } })).text();
    expect(own).toContain("Voorgedragen door jou");
    const editor = await (await app.request(`${f.base}/${id}`, { headers: { cookie: f.editor.cookie } })).text();
    expect(editor).toContain("Voorgedragen door Geertruida Voordrachtster");
    expect(editor).not.toContain(proposer.email);
  });

  it("the editors' authors page does not send the authors' e-mail addresses", async () => {
    const f = await createWritingProject();
    const a = await addAuthor(f, 1, "Dirk de Schrijver");
    const html = await (await app.request(`${f.admin}/auteurs`, { headers: { cookie: f.editor.cookie } })).text();
    expect(html).toContain("Dirk de Schrijver");
    expect(html).not.toContain(a.email);
  });
});

describe("reminders only while the text is with the author", () => {
  it("shows a late text that is with the editors as such, offers no reminder and refuses one (409), sending nothing", async () => {
    const f = await createWritingProject();
    const withEditors = await addAuthor(f, 1, "Bij Redactie");
    const returned = await addAuthor(f, 1, "Teruggekregen");
    await assignDirectly(f, f.portraits[0]!, withEditors.id, "5 days");
    await assignDirectly(f, f.portraits[1]!, returned.id, "5 days");
    await db()
      .updateTable("book_assignment")
      .set({ status: "submitted" })
      .where("proposal_id", "in", [f.portraits[0]!, f.portraits[1]!])
      .execute();
    await db().updateTable("book_assignment").set({ status: "returned" }).where("proposal_id", "=", f.portraits[1]!).execute();
    await db()
      .updateTable("book_project")
      .set({ final_due_at: sql<Date>`now() - interval '1 day'` })
      .where("id", "=", f.projectId)
      .execute();
    const html = await (await app.request(`${f.admin}/portretten?te-laat=ja`, { headers: { cookie: f.editor.cookie } })).text();
    expect(html).toContain("Ambtenaar 01");
    expect(html).toContain("Bij de redactie, te laat");
    expect(html).not.toContain(`name="proposalId" value="${f.portraits[0]}"`);
    expect(html).toContain(`name="proposalId" value="${f.portraits[1]}"`);

    const remind = (p: string) =>
      app.request(`${f.admin}/portretten?intent=remind`, { form: { proposalId: p }, headers: { cookie: f.editor.cookie } });
    const refused = await remind(f.portraits[0]!);
    expect(refused.status).toBe(409);
    expect(await refused.text()).toContain("ligt bij de redactie");
    expect(await db().selectFrom("outbox_email").select("id").where("to_address", "=", withEditors.email).execute()).toHaveLength(0);
    expect((await assignmentOf(f.portraits[0]!))!.reminded_at).toBeNull();
    // The returned one is with its author, late against the final date: reminded.
    expect((await remind(f.portraits[1]!)).status).toBe(303);
    expect(await db().selectFrom("outbox_email").select("id").where("to_address", "=", returned.email).execute()).toHaveLength(1);
  });
});

describe("a page past the end of the proposals", () => {
  it("shows the last page with the real total instead of '0 voordrachten'", async () => {
    const f = await createBookProject();
    for (let i = 0; i < 27; i++) await insertProposal(f, { name: `Persoon ${String(i).padStart(2, "0")}` });
    for (const [path, cookie] of [
      [`${f.base}?pagina=7`, undefined],
      [`${f.admin}/voordrachten?pagina=7`, f.editor.cookie],
    ] as const) {
      const res = await app.request(path, { headers: cookie ? { cookie } : {} });
      expect(res.status).toBe(200);
      const html = await res.text();
      expect(html, path).toContain("27 voordrachten");
      expect(html, path).toContain("Pagina 2 van 2");
      expect(html, path).toContain("Persoon");
    }
  });
});

describe("proposal checks the database makes", () => {
  const proposalT = translator("nl");
  const fieldError = (html: string, field: string) =>
    new RegExp(`id="field-${field}-error"[^>]*>([^<]*)<`)
      .exec(html)?.[1]
      ?.replace(/&#x27;/g, "'")
      .replace(/&quot;/g, '"');
  const proposalsOf = (f: { projectId: string }) =>
    db().selectFrom("book_proposal").select("id").where("project_id", "=", f.projectId).execute();

  it("counts characters as PostgreSQL does: one astral character is too short a name (400 on the name)", async () => {
    const f = await createBookProject();
    const res = await app.request(`${f.base}/nieuw`, { form: proposalForm(f, { name: "𝒜" }), headers: { cookie: f.member.cookie } });
    expect(res.status).toBe(400);
    expect(fieldError(await res.text(), "name")).toBe(proposalT("bookProposals.errors.tooShort"));
    const title = await app.request(`${f.base}/nieuw`, {
      form: proposalForm(f, { source1Title: "𝒜" }),
      headers: { cookie: f.member.cookie },
    });
    expect(title.status).toBe(400);
    expect(fieldError(await title.text(), "source1Title")).toBe(proposalT("bookProposals.errors.tooShort"));
    // 120 astral characters are 240 UTF-16 units but 120 characters: accepted.
    const long = await app.request(`${f.base}/nieuw`, {
      form: proposalForm(f, { name: "𝒜".repeat(120), confirmDifferent: "on" }),
      headers: { cookie: f.member.cookie },
    });
    expect(long.status).toBe(303);
    expect(await proposalsOf(f)).toHaveLength(1);
  });

  it("refuses a birth year after 2010 in the form, even when the book's period runs later", async () => {
    const f = await createBookProject();
    await db().updateTable("book_project").set({ period_to: 2100 }).where("id", "=", f.projectId).execute();
    const res = await app.request(`${f.base}/nieuw`, {
      form: proposalForm(f, { birthYear: "2011", deathYear: "", serviceFrom: "2023", serviceTo: "2025" }),
      headers: { cookie: f.member.cookie },
    });
    expect(res.status).toBe(400);
    expect(fieldError(await res.text(), "birthYear")).toBe(proposalT("bookProposals.errors.birthYear"));
    expect(await proposalsOf(f)).toHaveLength(0);
  });

  it("answers each database check with the message of its field, not the years message", async () => {
    const f = await createBookProject();
    // The schema is bypassed: the database's checks are the last line.
    const input = (overrides: Record<string, string>) => ({ ...proposalForm(f, overrides), confirmDifferent: true }) as never;
    const user = { id: f.member.id };
    expect(await createProposal(db(), user, f.projectId, input({ name: "𝒜" }))).toMatchObject({
      status: 400,
      field: "name",
      error: "bookProposals.errors.tooShort",
    });
    expect(await createProposal(db(), user, f.projectId, input({ organisation: "o".repeat(201) }))).toMatchObject({
      status: 400,
      field: "organisation",
      error: "bookProposals.errors.tooLong",
    });
    expect(
      await createProposal(db(), user, f.projectId, input({ birthYear: "1650", serviceFrom: "1670", deathYear: "1700" })),
    ).toMatchObject({
      status: 400,
      field: "birthYear",
      error: "bookProposals.errors.birthYear",
    });
    expect(await createProposal(db(), user, f.projectId, input({ source1Url: "HTTPS://example.nl" }))).toMatchObject({
      status: 400,
      field: "source1Url",
      error: "bookProposals.errors.sourceUrl",
    });
    expect(await createProposal(db(), user, f.projectId, input({ serviceFrom: "1800" }))).toMatchObject({
      status: 400,
      error: "bookProposals.errors.years",
    });
    expect(await proposalsOf(f)).toHaveLength(0);
  });
});

describe("deleting a member who wrote history", () => {
  it("keeps their versions and comments with the writer left empty; every other change stays refused", async () => {
    const f = await createWritingProject();
    const writer = await addAuthor(f, 1, "Vertrekkende Schrijver");
    const successor = await addAuthor(f, 1, "Opvolger");
    await assignDirectly(f, f.portraits[0]!, writer.id);
    const [v1] = await db()
      .insertInto("book_manuscript_version")
      .values({ proposal_id: f.portraits[0]!, version: 1, author_id: writer.id, body: "Eerste versie.", word_count: 2 })
      .returning("id")
      .execute();
    const editor = await createUser({ name: "Vertrekkende Redacteur" });
    await db().insertInto("book_manuscript_comment").values({ version_id: v1!.id, author_id: editor.id, body: "Mooi." }).execute();
    // The portrait moved to another author, so the writer holds no assignment any more.
    await db().updateTable("book_assignment").set({ user_id: successor.id }).where("proposal_id", "=", f.portraits[0]!).execute();

    await db().deleteFrom("app_user").where("id", "in", [writer.id, editor.id]).execute();
    const version = await db().selectFrom("book_manuscript_version").selectAll().where("id", "=", v1!.id).executeTakeFirstOrThrow();
    expect(version).toMatchObject({ author_id: null, body: "Eerste versie.", version: 1 });
    const comment = await db().selectFrom("book_manuscript_comment").selectAll().where("version_id", "=", v1!.id).executeTakeFirstOrThrow();
    expect(comment).toMatchObject({ author_id: null, body: "Mooi." });

    // Anything else is still refused: other changes, a writer put back, clearing the writer together with a change.
    const [other] = await db()
      .insertInto("book_manuscript_version")
      .values({ proposal_id: f.portraits[0]!, version: 2, author_id: successor.id, body: "Tweede versie.", word_count: 2 })
      .returning("id")
      .execute();
    const refused = [
      db().updateTable("book_manuscript_version").set({ body: "Anders." }).where("id", "=", v1!.id),
      db().updateTable("book_manuscript_version").set({ author_id: successor.id }).where("id", "=", v1!.id),
      db().updateTable("book_manuscript_version").set({ author_id: null, body: "Anders." }).where("id", "=", other!.id),
      db().updateTable("book_manuscript_version").set({ author_id: null, word_count: 9 }).where("id", "=", other!.id),
      db().updateTable("book_manuscript_comment").set({ body: "Anders." }).where("version_id", "=", v1!.id),
      db().updateTable("book_manuscript_comment").set({ author_id: successor.id }).where("version_id", "=", v1!.id),
    ];
    for (const q of refused) await expect(q.execute()).rejects.toThrow(/append-only/);
    await expect(db().deleteFrom("book_manuscript_comment").where("version_id", "=", v1!.id).execute()).rejects.toThrow(/append-only/);
    expect((await versionsOf(f.portraits[0]!)).map((v) => [v.body, v.author_id])).toEqual([
      ["Eerste versie.", null],
      ["Tweede versie.", successor.id],
    ]);
  });
});

describe("searching for LIKE wildcards typed in another form", () => {
  it("treats a fullwidth ％ or ＿ as the literal character it folds to, in the lists and among merge candidates", async () => {
    const f = await createBookProject();
    const percent = await insertProposal(f, { name: "Honderd % Zeker" });
    await insertProposal(f, { name: "Anna Ambtenaar" });
    const b = await insertProposal(f, { name: "Bert Bestuurder" });
    for (const q of ["％", "%"]) {
      const html = await (await app.request(`${f.base}?q=${encodeURIComponent(q)}`)).text();
      expect(html, q).toContain("1 voordracht");
      expect(html, q).toContain("Honderd % Zeker");
      const editors = await (
        await app.request(`${f.admin}/voordrachten?q=${encodeURIComponent(q)}`, { headers: { cookie: f.editor.cookie } })
      ).text();
      expect(editors, q).toContain("1 voordracht");
    }
    const none = await (await app.request(`${f.base}?q=${encodeURIComponent("＿")}`)).text();
    expect(none).toContain("0 voordrachten");
    const candidates = (search: string) =>
      mergeCandidates(db(), f.projectId, { id: b, name: "Bert Bestuurder" }, search).then((rows) => rows.map((c) => c.id));
    expect(await candidates("d ％")).toEqual([percent]);
    // "r" then a literal %: no name has that (as a wildcard it would match every name with an r).
    expect(await candidates("r％")).toEqual([]);
  });
});

describe("accessible names that match what is seen (WCAG 2.5.3)", () => {
  const decode = (s: string) =>
    s
      .replace(/&#x27;/g, "'")
      .replace(/&quot;/g, '"')
      .replace(/&amp;/g, "&");
  /** Every button or link with an aria-label: the label and the visible text. */
  const labelled = (html: string) =>
    [...html.matchAll(/<(?:button|a)\b[^>]*\baria-label="([^"]*)"[^>]*>(.*?)<\/(?:button|a)>/g)].map((m) => ({
      label: decode(m[1]!),
      visible: decode(m[2]!.replace(/<[^>]*>/g, "")).trim(),
    }));

  async function publishedPortrait() {
    const f = await createWritingProject();
    const a = await addAuthor(f, 1, "Pien Portrettist");
    await assignDirectly(f, f.portraits[0]!, a.id);
    for (const status of ["submitted", "final"] as const)
      await db().updateTable("book_assignment").set({ status }).where("proposal_id", "=", f.portraits[0]!).execute();
    await db()
      .updateTable("book_assignment")
      .set({ published_at: sql<Date>`now()` })
      .where("proposal_id", "=", f.portraits[0]!)
      .execute();
    return f;
  }

  it("the public portraits list links with the portrait's name and shows the author as text", async () => {
    const f = await publishedPortrait();
    const html = await (await app.request(`${f.base}/portretten`)).text();
    expect(html).toMatch(/<a [^>]*>Lees het portret van Ambtenaar 01<\/a>/);
    expect(html).toContain("Door Pien Portrettist");
    expect(labelled(html).filter(({ label }) => label.includes("portret"))).toEqual([]);
  });

  it("on the assignment board the visible text is part of each button's name, and starts the unassign button's name", async () => {
    const f = await createWritingProject();
    const a = await addAuthor(f, 2);
    await assignDirectly(f, f.portraits[0]!, a.id);
    for (const lang of ["nl", "en"]) {
      const html = await (
        await app.request(`${f.admin}/toewijzing`, { headers: { cookie: `${f.editor.cookie}; lauwer_lang=${lang}` } })
      ).text();
      const buttons = labelled(html);
      expect(buttons.length, lang).toBeGreaterThan(0);
      for (const { label, visible } of buttons) expect(label.toLowerCase(), lang).toContain(visible.toLowerCase());
      const unassign = buttons.find(({ label }) => label.includes("Ambtenaar 01"));
      expect(unassign, lang).toBeDefined();
      expect(unassign!.label.toLowerCase().startsWith(unassign!.visible.toLowerCase()), `${lang}: ${JSON.stringify(unassign)}`).toBe(true);
      // Every due date field is labelled with its portrait.
      const dueLabels = [...html.matchAll(/<label[^>]*for="due-[^"]*"[^>]*>(.*?)<\/label>/g)].map((m) =>
        decode(m[1]!.replace(/<[^>]*>/g, "")),
      );
      expect(dueLabels, lang).toHaveLength(f.portraits.length - 1);
      for (const [i, label] of dueLabels.entries()) expect(label, lang).toContain(`Ambtenaar 0${i + 2}`);
    }
  });

  it("the theme delete button is named with the theme's name in the page's language", async () => {
    const f = await createWritingProject();
    const html = await (await app.request(f.admin, { headers: { cookie: `${f.editor.cookie}; lauwer_lang=en` } })).text();
    const names = labelled(html).map(({ label }) => label);
    expect(names).toContain("Delete theme Finance");
    expect(names).not.toContain("Delete theme Financiën");
  });

  it("similar proposals are announced by their count only, not by re-reading the list", async () => {
    const f = await createBookProject();
    // The same man, born in 1798 as the form says (a duplicate must share more than a name when a birth year is given).
    await insertProposal(f, { name: "Johan Rudolph Thorbecke", serviceFrom: 1798 + 25 });
    const res = await app.request(`${f.base}/nieuw`, { form: proposalForm(f), headers: { cookie: f.member.cookie } });
    expect(res.status).toBe(409);
    const html = await res.text();
    expect(html).toMatch(/role="status"[^>]*>1 bestaande voordracht lijkt op deze naam\.</);
    expect(html).not.toMatch(/aria-live="[a-z]+"><section/);
  });
});

describe("page titles (WCAG 2.4.2)", () => {
  const text = (html: string) =>
    html
      .replace(/<[^>]*>/g, "")
      .replace(/&#x27;/g, "'")
      .replace(/&quot;/g, '"')
      .replace(/&amp;/g, "&")
      .trim();

  it("give each book page its own title: the page's heading, the project, Lauwer", async () => {
    const f = await createBookProject();
    const project = `/boek/${f.slug}`;
    const pages: Array<[string, string | undefined]> = [
      [project, undefined],
      [f.base, undefined],
      [`${f.base}/nieuw`, f.member.cookie],
      [`${project}/portretten`, undefined],
      [f.admin, f.editor.cookie],
      [`${f.admin}/voordrachten`, f.editor.cookie],
      [`${f.admin}/balans`, f.editor.cookie],
    ];
    for (const lang of ["nl", "en"]) {
      const titleOf = lang === "en" ? `Civil servants ${f.slug}` : `Ambtenaren ${f.slug}`;
      const titles: string[] = [];
      for (const [path, cookie] of pages) {
        const res = await app.request(path, { headers: { cookie: [cookie, `lauwer_lang=${lang}`].filter(Boolean).join("; ") } });
        expect(res.status, path).toBe(200);
        const html = await res.text();
        const title = text(/<title>(.*?)<\/title>/s.exec(html)![1]!);
        const h1 = text(/<h1\b[^>]*>(.*?)<\/h1>/s.exec(html)![1]!);
        expect(title.startsWith(h1), `${lang} ${path}: "${title}" / "${h1}"`).toBe(true);
        expect(title, path).toContain(titleOf);
        expect(title, path).toMatch(/ — Lauwer$/);
        titles.push(title);
      }
      expect(new Set(titles).size, titles.join(" | ")).toBe(pages.length);
    }
  });
});
