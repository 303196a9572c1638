import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "~/db.server";
import { countWords } from "~/modules/book/words";
import { createUser, grantAdmin } from "../setup/factories";
import { startTestServer, type TestServer } from "../setup/http";
import { sessionFor } from "../setup/voting";

let app: TestServer;
beforeAll(async () => {
  app = await startTestServer();
});
afterAll(() => app.close());

/** A project with two themes, an editor and a member (cookies ready). */
async function createProject(target = 3) {
  const db = getDb();
  const slug = `boek-${randomUUID().slice(0, 8)}`;
  const project = await db
    .insertInto("book_project")
    .values({ slug, title_nl: `Boek ${slug}`, title_en: `Book ${slug}`, target_count: target })
    .returning("id")
    .executeTakeFirstOrThrow();
  const themes = await db
    .insertInto("book_theme")
    .values([
      { project_id: project.id, slug: "water", name_nl: "Waterstaat", name_en: "Water management", position: 1 },
      { project_id: project.id, slug: "onderwijs", name_nl: "Onderwijs", name_en: "Education", position: 2 },
    ])
    .returning("id")
    .execute();
  const editor = await createUser({ name: "Eddy Redacteur" });
  await db
    .insertInto("role_grant")
    .values({ user_id: editor.id, role: "editor", award_id: null, edition_id: null, book_project_id: project.id })
    .execute();
  const member = await createUser({ name: "Mia Lid" });
  return {
    id: project.id,
    slug,
    themeIds: themes.map((t) => t.id),
    editor: { ...editor, cookie: await sessionFor(editor.id) },
    member: { ...member, cookie: await sessionFor(member.id) },
  };
}
type Fixture = Awaited<ReturnType<typeof createProject>>;

async function addProposal(f: Fixture, name: string, status: "proposed" | "selected" = "selected") {
  return getDb()
    .insertInto("book_proposal")
    .values({
      project_id: f.id,
      proposer_id: f.member.id,
      name,
      birth_year: 1850,
      death_year: 1920,
      service_from: 1880,
      service_to: 1915,
      organisation: "Rijkswaterstaat",
      role: "hoofdingenieur",
      motivation: "Bouwde de dijken die het land droog hielden.",
      theme_id: f.themeIds[0]!,
      status,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
}

/** A selected proposal written, made final and (optionally) published, straight along the allowed status flow. */
async function writePortrait(f: Fixture, name: string, body: string, publish: boolean) {
  const db = getDb();
  const p = await addProposal(f, name);
  await db
    .insertInto("book_author")
    .values({ project_id: f.id, user_id: f.member.id, bio: "Historicus.", capacity: 3 })
    .onConflict((oc) => oc.doNothing())
    .execute();
  await db.insertInto("book_assignment").values({ proposal_id: p.id, project_id: f.id, user_id: f.member.id }).execute();
  await db
    .insertInto("book_manuscript_version")
    .values({ proposal_id: p.id, version: 1, author_id: f.member.id, body, word_count: countWords(body), submitted: true })
    .execute();
  await db.updateTable("book_assignment").set({ status: "submitted" }).where("proposal_id", "=", p.id).execute();
  await db
    .updateTable("book_assignment")
    .set({ status: "final", published_at: publish ? new Date() : null })
    .where("proposal_id", "=", p.id)
    .execute();
  return p.id;
}

describe("the public project pages", () => {
  it("show the project's progress counted from the rows", async () => {
    const f = await createProject(5);
    await addProposal(f, "Anna Akker", "proposed");
    await addProposal(f, "Bram Beek");
    await writePortrait(f, "Cor Dijk", "Een korte tekst.", true);
    const res = await app.request(`/boek/${f.slug}`);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain(`Boek ${f.slug}`);
    // 3 proposals, 2 selected of 5, 1 final.
    expect(html).toMatch(/Voordrachten<\/dt><dd[^>]*>3</);
    expect(html).toContain("2 van 5");
    expect(html).toContain("1 van 5 portretten definitief");
  });

  it("list the selected subjects and show a published portrait, rendered safely", async () => {
    const f = await createProject();
    const published = await writePortrait(
      f,
      "Dirk Dijkgraaf",
      "## Jeugd\n\nHij werd geboren aan het water. <script>alert(1)</script> [klik](javascript:alert(1))",
      true,
    );
    const unpublished = await writePortrait(f, "Els Eiland", "Nog niet openbaar.", false);
    const list = await (await app.request(`/boek/${f.slug}/portretten`)).text();
    expect(list).toContain("Dirk Dijkgraaf");
    expect(list).toContain("Els Eiland");
    expect(list).toContain("Nog niet gepubliceerd");
    const res = await app.request(`/boek/${f.slug}/portretten/${published}`);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain("<h3>Jeugd</h3>"); // the page's h1 is the subject; Markdown headings move one level down
    expect(html).toContain("Door Mia Lid");
    expect(html).not.toContain("<script>alert(1)</script>");
    expect(html).toContain("&lt;script&gt;");
    expect(html).not.toContain('href="javascript:');
    expect((await app.request(`/boek/${f.slug}/portretten/${unpublished}`)).status).toBe(404);
    const sitemap = await (await app.request("/sitemap.xml")).text();
    expect(sitemap).toContain(`/boek/${f.slug}/portretten/${published}`);
    expect(sitemap).not.toContain(unpublished);
    expect((await app.request(`/boek/${f.slug}/portretten/niet-een-id`)).status).toBe(404);
    const other = await createProject();
    expect((await app.request(`/boek/${other.slug}/portretten/${published}`)).status).toBe(404);
    expect((await app.request(`/boek/bestaat-niet/portretten`)).status).toBe(404);
  });

  it("answer in English when chosen", async () => {
    const f = await createProject();
    const html = await (await app.request(`/boek/${f.slug}`, { headers: { cookie: "lauwer_lang=en" } })).text();
    expect(html).toContain(`Book ${f.slug}`);
    expect(html).toContain("Browse and endorse the proposals");
  });
});

describe("the editors' dashboard", () => {
  const settings = (over: Record<string, string> = {}) => ({
    formId: "settings",
    titleNl: "Ambtenaren!",
    titleEn: "Civil servants!",
    descriptionNl: "Honderd portretten.",
    descriptionEn: "A hundred portraits.",
    targetCount: "100",
    periodFrom: "1814",
    periodTo: "2014",
    wordsMin: "600",
    wordsMax: "900",
    proposalsCloseAt: "2030-06-01T12:00",
    claimsCloseAt: "2030-07-01T12:00",
    draftsDueAt: "2030-09-01T12:00",
    finalDueAt: "2030-10-01T12:00",
    ...over,
  });

  it("is for the project's editors only", async () => {
    const f = await createProject();
    const other = await createProject();
    expect((await app.request(`/beheer/boeken/${f.slug}`, { headers: { cookie: f.editor.cookie } })).status).toBe(200);
    expect((await app.request(`/beheer/boeken/${f.slug}`, { headers: { cookie: f.member.cookie } })).status).toBe(403);
    expect((await app.request(`/beheer/boeken/${f.slug}`, { headers: { cookie: other.editor.cookie } })).status).toBe(403);
    const visitor = await app.request(`/beheer/boeken/${f.slug}`);
    expect(visitor.status).toBe(302);
    expect(visitor.headers.get("location")).toContain("/inloggen");
    const post = await app.request(`/beheer/boeken/${f.slug}?intent=settings`, {
      form: settings(),
      headers: { cookie: other.editor.cookie },
    });
    expect(post.status).toBe(403);
    const row = await getDb().selectFrom("book_project").select("title_nl").where("id", "=", f.id).executeTakeFirstOrThrow();
    expect(row.title_nl).toBe(`Boek ${f.slug}`);
  });

  it("saves settings in Amsterdam time, audited", async () => {
    const f = await createProject();
    const res = await app.request(`/beheer/boeken/${f.slug}?intent=settings`, { form: settings(), headers: { cookie: f.editor.cookie } });
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toContain("melding=book.notice.settingsSaved");
    const row = await getDb().selectFrom("book_project").selectAll().where("id", "=", f.id).executeTakeFirstOrThrow();
    expect(row.title_nl).toBe("Ambtenaren!");
    expect(row.target_count).toBe(100);
    expect(row.proposals_close_at?.toISOString()).toBe("2030-06-01T10:00:00.000Z"); // CEST is UTC+2
    const audit = await getDb()
      .selectFrom("audit_log")
      .selectAll()
      .where("entity_id", "=", f.id)
      .where("action", "=", "book.settings")
      .execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]!.actor_id).toBe(f.editor.id);
  });

  it("refuses bad settings with a translated error and changes nothing", async () => {
    const f = await createProject();
    const cases: [Record<string, string>, string, string][] = [
      [{ targetCount: "0" }, "targetCount", "Vul een aantal tussen 1 en 1000 in."],
      [{ periodTo: "1800" }, "periodTo", "Het eindjaar moet na het beginjaar liggen."],
      [{ wordsMax: "100", wordsMin: "600" }, "wordsMax", "Het maximum moet minstens het minimum zijn."],
      [{ claimsCloseAt: "2030-05-01T12:00" }, "claimsCloseAt", "Deze termijn moet na de vorige liggen."],
      [{ finalDueAt: "2030-02-31T12:00" }, "finalDueAt", "Vul een bestaande datum en tijd in."],
      [{ titleNl: "" }, "titleNl", "Vul dit veld in."],
      [{ titleNl: "a\u0000b" }, "titleNl", ""],
    ];
    for (const [over, field, message] of cases) {
      const res = await app.request(`/beheer/boeken/${f.slug}?intent=settings`, {
        form: settings(over),
        headers: { cookie: f.editor.cookie },
      });
      expect(res.status, field).toBe(400);
      if (message) expect(await res.text(), field).toContain(message);
    }
    const row = await getDb()
      .selectFrom("book_project")
      .select(["title_nl", "target_count"])
      .where("id", "=", f.id)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ title_nl: `Boek ${f.slug}`, target_count: 3 });
  });

  it("cannot set the target below the portraits already selected (the database refuses it too)", async () => {
    const f = await createProject(3);
    await addProposal(f, "Een");
    await addProposal(f, "Twee");
    const res = await app.request(`/beheer/boeken/${f.slug}?intent=settings`, {
      form: settings({ targetCount: "1" }),
      headers: { cookie: f.editor.cookie },
    });
    expect(res.status).toBe(409);
    expect(await res.text()).toContain("Er zijn al 2 portretten geselecteerd");
    await expect(getDb().updateTable("book_project").set({ target_count: 1 }).where("id", "=", f.id).execute()).rejects.toMatchObject({
      code: "23514",
    });
    // And selecting beyond the target is refused by the database.
    await addProposal(f, "Drie");
    await expect(addProposal(f, "Vier")).rejects.toMatchObject({ code: "23514", constraint: "book_selection_target" });
  });

  it("adds themes and deletes only unused ones", async () => {
    const f = await createProject();
    const add = await app.request(`/beheer/boeken/${f.slug}?intent=theme`, {
      form: { formId: "theme", slug: "financien", nameNl: "Financiën", nameEn: "Finance" },
      headers: { cookie: f.editor.cookie },
    });
    expect(add.status).toBe(302);
    const dup = await app.request(`/beheer/boeken/${f.slug}?intent=theme`, {
      form: { formId: "theme", slug: "financien", nameNl: "Geld", nameEn: "Money" },
      headers: { cookie: f.editor.cookie },
    });
    expect(dup.status).toBe(400);
    expect(await dup.text()).toContain("Er is al een thema met deze korte naam.");
    await addProposal(f, "Gebruikt thema");
    const inUse = await app.request(`/beheer/boeken/${f.slug}?intent=delete-theme`, {
      form: { themeId: f.themeIds[0]! },
      headers: { cookie: f.editor.cookie },
    });
    expect(inUse.status).toBe(409);
    expect(await inUse.text()).toContain("Dit thema heeft voordrachten");
    const unused = await app.request(`/beheer/boeken/${f.slug}?intent=delete-theme`, {
      form: { themeId: f.themeIds[1]! },
      headers: { cookie: f.editor.cookie },
    });
    expect(unused.status).toBe(302);
    const other = await createProject();
    const foreign = await app.request(`/beheer/boeken/${f.slug}?intent=delete-theme`, {
      form: { themeId: other.themeIds[1]! },
      headers: { cookie: f.editor.cookie },
    });
    expect(foreign.status).toBe(409);
    const bad = await app.request(`/beheer/boeken/${f.slug}?intent=delete-theme`, {
      form: { themeId: "x" },
      headers: { cookie: f.editor.cookie },
    });
    expect(bad.status).toBe(400);
    const themes = await getDb().selectFrom("book_theme").select("slug").where("project_id", "=", f.id).orderBy("slug").execute();
    expect(themes.map((t) => t.slug)).toEqual(["financien", "water"]);
    expect(await getDb().selectFrom("book_theme").select("id").where("id", "=", other.themeIds[1]!).executeTakeFirst()).toBeDefined();
  });

  it("lets only admins create a project", async () => {
    const f = await createProject();
    const slug = `nieuw-${randomUUID().slice(0, 8)}`;
    const form = { slug, titleNl: "Nieuw boek", titleEn: "New book" };
    expect((await app.request("/beheer/boeken/nieuw", { form, headers: { cookie: f.editor.cookie } })).status).toBe(403);
    const admin = await createUser();
    await grantAdmin(admin.id);
    const cookie = await sessionFor(admin.id);
    expect((await app.request("/beheer/boeken/nieuw", { form, headers: { cookie } })).status).toBe(302);
    const again = await app.request("/beheer/boeken/nieuw", { form, headers: { cookie } });
    expect(again.status).toBe(400);
    expect(await again.text()).toContain("Er is al een boekproject met deze korte naam.");
    const rows = await getDb().selectFrom("book_project").select("id").where("slug", "=", slug).execute();
    expect(rows).toHaveLength(1);
    const audit = await getDb()
      .selectFrom("audit_log")
      .select("id")
      .where("entity_id", "=", rows[0]!.id)
      .where("action", "=", "book.project.create")
      .execute();
    expect(audit).toHaveLength(1);
  });
});
