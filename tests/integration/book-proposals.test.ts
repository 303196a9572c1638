import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "~/db.server";
import { translator } from "~/i18n/i18n";
import { createUser, lastMailTo } from "../setup/factories";
import { createBookProject, createMembers, insertProposal, MOTIVATION, proposalForm, type BookFixture } from "../setup/book-proposals";
import { startTestServer, type TestServer } from "../setup/http";
import { sessionFor } from "../setup/voting";

let app: TestServer;
beforeAll(async () => {
  app = await startTestServer();
});
afterAll(() => app.close());

const db = () => getDb();
const proposalsOf = (f: BookFixture) => db().selectFrom("book_proposal").selectAll().where("project_id", "=", f.projectId).execute();
const endorsementsOf = async (proposalId: string) =>
  Number(
    (
      await db()
        .selectFrom("book_endorsement")
        .select((eb) => eb.fn.countAll<string>().as("n"))
        .where("proposal_id", "=", proposalId)
        .executeTakeFirstOrThrow()
    ).n,
  );
const t = translator("nl");
/** The message shown under a field of a rendered form. */
const fieldError = (html: string, field: string) =>
  new RegExp(`id="field-${field}-error"[^>]*>([^<]*)<`)
    .exec(html)?.[1]
    ?.replace(/&#x27;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, "&");
/** A field's message as the form shows it: a generic one names the field by its label (see fieldMessage). */
const LABELS: Record<string, string> = {
  name: "name",
  organisation: "organisation",
  themeId: "theme",
  source1Title: "sourceTitle",
  source2Url: "sourceUrl",
};
const shown = (key: string, field: string) =>
  ["errors.required", "errors.invalid", "errors.invalidChoice"].includes(key) && LABELS[field]
    ? t(`forms.named.${key.slice("errors.".length)}`, { label: t(`bookProposals.fields.${LABELS[field]}`) })
    : t(key);
const countOnPage = (html: string) => Number(/data-testid="endorsement-count">(\d+) steunbetuiging/.exec(html)?.[1] ?? "NaN");

describe("proposing", () => {
  it("saves a valid proposal with its sources and redirects to its page with a notice", async () => {
    const f = await createBookProject();
    const res = await app.request(`${f.base}/nieuw`, {
      form: proposalForm(f, { source2Title: "Archief", source2Url: "https://www.archieven.nl/thorbecke" }),
      headers: { cookie: f.member.cookie },
    });
    expect(res.status).toBe(303);
    const [p] = await proposalsOf(f);
    expect(res.headers.get("location")).toBe(`${f.base}/${p!.id}?melding=bookProposals.notice.proposed`);
    expect(p).toMatchObject({
      name: "Johan Rudolph Thorbecke",
      birth_year: 1798,
      death_year: 1872,
      status: "proposed",
      proposer_id: f.member.id,
    });
    const sources = await db()
      .selectFrom("book_source")
      .select(["title", "url"])
      .where("proposal_id", "=", p!.id)
      .orderBy("position")
      .execute();
    expect(sources.map((s) => s.url)).toEqual(["https://www.parlement.com/thorbecke", "https://www.archieven.nl/thorbecke"]);
    const page = await (await app.request(`${f.base}/${p!.id}`)).text();
    expect(page).toContain("Johan Rudolph Thorbecke");
    expect(page).toContain("https://www.parlement.com/thorbecke");
  });

  it("refuses every invalid field with a translated error key (400) and writes nothing", async () => {
    const f = await createBookProject();
    const cases: Array<[Record<string, string>, string, string]> = [
      [{ name: "X" }, "name", "bookProposals.errors.tooShort"],
      [{ name: "x".repeat(121) }, "name", "bookProposals.errors.tooLong"],
      [{ birthYear: "17a0" }, "birthYear", "bookProposals.errors.year"],
      [{ birthYear: "1650", serviceFrom: "1670", serviceTo: "1720", deathYear: "" }, "birthYear", "bookProposals.errors.birthYear"],
      [{ deathYear: "1790" }, "deathYear", "bookProposals.errors.deathYear"],
      [{ deathYear: "1920" }, "deathYear", "bookProposals.errors.deathYear"],
      [{ birthYear: "1990", deathYear: "2090", serviceFrom: "2010", serviceTo: "2012" }, "deathYear", "bookProposals.errors.deathFuture"],
      [{ serviceFrom: "1805" }, "serviceFrom", "bookProposals.errors.serviceTooYoung"],
      [{ serviceTo: "1820" }, "serviceTo", "bookProposals.errors.serviceOrder"],
      [{ serviceTo: "1880" }, "serviceTo", "bookProposals.errors.serviceAfterDeath"],
      [
        { birthYear: "1700", deathYear: "1790", serviceFrom: "1720", serviceTo: "1780" },
        "serviceFrom",
        "bookProposals.errors.outsidePeriod",
      ],
      [{ organisation: "" }, "organisation", "errors.required"],
      [{ role: "y".repeat(201) }, "role", "bookProposals.errors.tooLong"],
      [{ motivation: "Te kort." }, "motivation", "bookProposals.errors.tooShort"],
      [{ motivation: "m".repeat(3001) }, "motivation", "bookProposals.errors.tooLong"],
      [{ themeId: "geen-uuid" }, "themeId", "errors.invalidChoice"],
      [{ themeId: "00000000-0000-4000-8000-000000000000" }, "themeId", "errors.invalidChoice"],
      [{ source1Title: "", source1Url: "" }, "source1Title", "errors.required"],
      [{ source1Url: "http://example.nl/a" }, "source1Url", "bookProposals.errors.sourceUrl"],
      [{ source2Title: "Alleen een titel" }, "source2Url", "errors.required"],
      [{ source3Url: "https://example.nl/x y" }, "source3Url", "bookProposals.errors.sourceUrl"],
      [{ name: "Bad\u0000name" }, "name", "errors.invalid"],
    ];
    for (const [overrides, field, key] of cases) {
      const res = await app.request(`${f.base}/nieuw`, { form: proposalForm(f, overrides), headers: { cookie: f.member.cookie } });
      expect(res.status, JSON.stringify(overrides)).toBe(400);
      expect(fieldError(await res.text(), field), JSON.stringify(overrides)).toBe(shown(key, field));
    }
    // A theme of another project is refused too.
    const other = await createBookProject();
    const res = await app.request(`${f.base}/nieuw`, {
      form: proposalForm(f, { themeId: other.themes[0]!.id }),
      headers: { cookie: f.member.cookie },
    });
    expect(res.status).toBe(400);
    expect(await proposalsOf(f)).toHaveLength(0);
    expect(await db().selectFrom("book_source").select("id").where("title", "=", "Alleen een titel").execute()).toHaveLength(0);
  });

  it("answers the database's year check as a 400, never a 500", async () => {
    const f = await createBookProject();
    const { createProposal } = await import("~/modules/book/proposal.server");
    // The schema is bypassed: the database's check is the last line.
    const input = { ...proposalForm(f, { serviceFrom: "1800" }), confirmDifferent: true } as never;
    expect(await createProposal(db(), { id: f.member.id }, f.projectId, input)).toMatchObject({
      ok: false,
      status: 400,
      error: "bookProposals.errors.years",
    });
    expect(await proposalsOf(f)).toHaveLength(0);
  });

  it("is refused (409) once proposals are closed, with a message on the page", async () => {
    const f = await createBookProject({ closed: true });
    const page = await app.request(`${f.base}/nieuw`, { headers: { cookie: f.member.cookie } });
    expect(await page.text()).toContain("Voordragen is gesloten");
    const res = await app.request(`${f.base}/nieuw`, { form: proposalForm(f), headers: { cookie: f.member.cookie } });
    expect(res.status).toBe(409);
    expect(await proposalsOf(f)).toHaveLength(0);
  });

  it("suggests existing proposals accent- and case-insensitively, and stops a close duplicate until confirmed", async () => {
    const f = await createBookProject();
    // Born 1798 like the form's Thorbecke: a birth year far apart makes another person (insertProposal: birth = service start − 25).
    const id = await insertProposal(f, { name: "Johan Rudolph Thorbécke", serviceFrom: 1823 });
    await insertProposal(f, { name: "Anna Thorbecke-Afgewezen", status: "proposed" }).then((rid) =>
      db().updateTable("book_proposal").set({ status: "rejected", rejection_reason: "dubbel" }).where("id", "=", rid).execute(),
    );
    const json = (await (await app.request(`${f.base}/suggesties?naam=thorbecke`)).json()) as { suggestions: Array<{ id: string }> };
    expect(json.suggestions.map((s) => s.id)).toEqual([id]);
    const upper = (await (await app.request(`${f.base}/suggesties?naam=THORBECKE`)).json()) as { suggestions: Array<{ id: string }> };
    expect(upper.suggestions.map((s) => s.id)).toEqual([id]);
    // Too short a term: nothing.
    expect(((await (await app.request(`${f.base}/suggesties?naam=th`)).json()) as { suggestions: unknown[] }).suggestions).toEqual([]);

    // Without JavaScript: the submit is stopped with the matches shown…
    const stopped = await app.request(`${f.base}/nieuw`, {
      form: proposalForm(f, { name: "Johan Rudolf Thorbecke" }),
      headers: { cookie: f.member.cookie },
    });
    expect(stopped.status).toBe(409);
    expect(await proposalsOf(f)).toHaveLength(2);
    const html = await stopped.text();
    expect(html).toContain(`href="${f.base}/${id}"`);
    expect(html).toContain("Johan Rudolph Thorbécke");
    expect(html).toContain("het gaat om een andere persoon");
    // …until the member confirms it is a different person.
    const ok = await app.request(`${f.base}/nieuw`, {
      form: proposalForm(f, { name: "Johan Rudolf Thorbecke", confirmDifferent: "true" }),
      headers: { cookie: f.member.cookie },
    });
    expect(ok.status).toBe(303);
    expect(await proposalsOf(f)).toHaveLength(3);
  });
});

describe("endorsements", () => {
  it("one member posting 50 times in parallel endorses once; no 5xx; the notice is friendly", async () => {
    const f = await createBookProject();
    const id = await insertProposal(f);
    const responses = await Promise.all(
      Array.from({ length: 50 }, () =>
        app.request(`${f.base}/${id}?intent=endorse`, { method: "POST", headers: { cookie: f.member.cookie } }),
      ),
    );
    expect(responses.every((r) => r.status === 303)).toBe(true);
    const locations = responses.map((r) => r.headers.get("location"));
    expect(locations.filter((l) => l?.endsWith("bookProposals.notice.endorsed"))).toHaveLength(1);
    expect(locations.filter((l) => l?.endsWith("bookProposals.notice.alreadyEndorsed"))).toHaveLength(49);
    expect(await endorsementsOf(id)).toBe(1);
    // Withdrawing removes it; withdrawing again says so.
    const w = await app.request(`${f.base}/${id}?intent=withdraw`, { method: "POST", headers: { cookie: f.member.cookie } });
    expect(w.headers.get("location")).toContain("bookProposals.notice.withdrawn");
    expect(await endorsementsOf(id)).toBe(0);
    const again = await app.request(`${f.base}/${id}?intent=withdraw`, { method: "POST", headers: { cookie: f.member.cookie } });
    expect(again.headers.get("location")).toContain("bookProposals.notice.notEndorsed");
  });

  it("50 members in parallel give 50 rows, and the page shows the count of rows", async () => {
    const f = await createBookProject();
    const id = await insertProposal(f);
    const members = await createMembers(50);
    const responses = await Promise.all(
      members.map((m) => app.request(`${f.base}/${id}?intent=endorse`, { method: "POST", headers: { cookie: m.cookie } })),
    );
    expect(responses.map((r) => r.status).filter((s) => s !== 303)).toEqual([]);
    expect(await endorsementsOf(id)).toBe(50);
    expect(countOnPage(await (await app.request(`${f.base}/${id}`)).text())).toBe(50);
    const list = await (await app.request(f.base)).text();
    expect(list).toContain("50 steunbetuigingen");
  });

  it("comments are posted by verified members (1–2000 characters) and shown with name and date", async () => {
    const f = await createBookProject();
    const id = await insertProposal(f);
    const ok = await app.request(`${f.base}/${id}?intent=comment`, {
      form: { body: "Zie ook het Nationaal Archief." },
      headers: { cookie: f.member.cookie },
    });
    expect(ok.status).toBe(303);
    for (const body of ["", "   ", "x".repeat(2001)]) {
      const bad = await app.request(`${f.base}/${id}?intent=comment`, { form: { body }, headers: { cookie: f.member.cookie } });
      expect(bad.status).toBe(400);
    }
    const comments = await db().selectFrom("book_comment").selectAll().where("proposal_id", "=", id).execute();
    expect(comments).toHaveLength(1);
    const page = await (await app.request(`${f.base}/${id}`)).text();
    expect(page).toContain("Zie ook het Nationaal Archief.");
    expect(page).toContain("Lid Test op");
  });

  it("are refused on rejected proposals; unknown and malformed ids give 404", async () => {
    const f = await createBookProject();
    const id = await insertProposal(f);
    await db().updateTable("book_proposal").set({ status: "rejected", rejection_reason: "Geen ambtenaar" }).where("id", "=", id).execute();
    const res = await app.request(`${f.base}/${id}?intent=endorse`, { method: "POST", headers: { cookie: f.member.cookie } });
    expect(res.status).toBe(409);
    expect(await endorsementsOf(id)).toBe(0);
    for (const bad of ["niet-een-id", "00000000-0000-4000-8000-000000000000"]) {
      expect((await app.request(`${f.base}/${bad}`)).status).toBe(404);
      expect((await app.request(`${f.base}/${bad}?intent=endorse`, { method: "POST", headers: { cookie: f.member.cookie } })).status).toBe(
        404,
      );
      expect((await app.request(`${f.admin}/voordrachten/${bad}`, { headers: { cookie: f.editor.cookie } })).status).toBe(404);
    }
    // A proposal of another project is not found through this project.
    const other = await createBookProject();
    const foreign = await insertProposal(other);
    expect((await app.request(`${f.base}/${foreign}`)).status).toBe(404);
    expect(
      (await app.request(`${f.base}/${foreign}?intent=endorse`, { method: "POST", headers: { cookie: f.member.cookie } })).status,
    ).toBe(404);
  });
});

describe("rejected proposals", () => {
  it("are visible only to the proposer (with the reason) and the editors; the proposer is mailed", async () => {
    const f = await createBookProject();
    const id = await insertProposal(f, { name: "Pieter Afwijzing" });
    const res = await app.request(`${f.admin}/voordrachten/${id}?intent=reject`, {
      form: { proposalId: id, reason: "Deze persoon werkte niet bij de overheid." },
      headers: { cookie: f.editor.cookie },
    });
    expect(res.status).toBe(303);
    const mail = await lastMailTo(f.member.email);
    expect(mail?.body_text).toContain("Deze persoon werkte niet bij de overheid.");
    expect(mail?.body_text).toContain(`/boek/${f.slug}/voordrachten/${id}`);
    expect((await app.request(`${f.base}/${id}`)).status).toBe(404);
    const stranger = await createUser();
    expect((await app.request(`${f.base}/${id}`, { headers: { cookie: await sessionFor(stranger.id) } })).status).toBe(404);
    const own = await app.request(`${f.base}/${id}`, { headers: { cookie: f.member.cookie } });
    expect(own.status).toBe(200);
    expect(await own.text()).toContain("Deze persoon werkte niet bij de overheid.");
    expect((await app.request(`${f.base}/${id}`, { headers: { cookie: f.editor.cookie } })).status).toBe(200);
    expect(await (await app.request(f.base)).text()).not.toContain("Pieter Afwijzing");
    // A reason is required.
    const id2 = await insertProposal(f);
    const bad = await app.request(`${f.admin}/voordrachten/${id2}?intent=reject`, {
      form: { proposalId: id2, reason: "kort" },
      headers: { cookie: f.editor.cookie },
    });
    expect(bad.status).toBe(400);
    expect(fieldError(await bad.text(), "reason")).toBe(t("bookProposals.errors.reasonShort"));
    const audit = await db()
      .selectFrom("audit_log")
      .selectAll()
      .where("entity_id", "=", id)
      .where("action", "=", "book.proposal.reject")
      .execute();
    expect(audit).toHaveLength(1);
  });
});

describe("selection", () => {
  it("never selects beyond the target under concurrency: 20 parallel selects, target 5", async () => {
    const f = await createBookProject({ target: 5 });
    const ids = [];
    for (let i = 0; i < 20; i++) ids.push(await insertProposal(f));
    const responses = await Promise.all(
      ids.map((id) =>
        app.request(`${f.admin}/voordrachten`, { form: { proposalId: id, status: "selected" }, headers: { cookie: f.editor.cookie } }),
      ),
    );
    const statuses = responses.map((r) => r.status);
    expect(statuses.filter((s) => s === 303)).toHaveLength(5);
    expect(statuses.filter((s) => s === 409)).toHaveLength(15);
    const refused = await responses.find((r) => r.status === 409)!.text();
    expect(refused).toContain("Er zijn al 5 portretten geselecteerd");
    expect((await proposalsOf(f)).filter((p) => p.status === "selected")).toHaveLength(5);
    const page = await (await app.request(`${f.admin}/voordrachten`, { headers: { cookie: f.editor.cookie } })).text();
    expect(page).toContain("5 van 5 geselecteerd");
    const audits = await db()
      .selectFrom("audit_log")
      .select("entity_id")
      .where("action", "=", "book.proposal.selected")
      .where("entity_id", "in", ids)
      .execute();
    expect(audits).toHaveLength(5);
  });

  it("shortlists, moves back, and refuses to deselect a portrait that has an author (409)", async () => {
    const f = await createBookProject();
    const id = await insertProposal(f);
    const post = (status: string) =>
      app.request(`${f.admin}/voordrachten/${id}?intent=status`, {
        form: { proposalId: id, status },
        headers: { cookie: f.editor.cookie },
      });
    expect((await post("shortlisted")).status).toBe(303);
    expect((await post("selected")).status).toBe(303);
    const author = await createUser();
    await db().insertInto("book_author").values({ project_id: f.projectId, user_id: author.id, bio: "Historicus", capacity: 1 }).execute();
    await db().insertInto("book_assignment").values({ proposal_id: id, project_id: f.projectId, user_id: author.id }).execute();
    const back = await post("proposed");
    expect(back.status).toBe(409);
    expect(await back.text()).toContain(t("bookProposals.errors.hasAuthor"));
    const reject = await app.request(`${f.admin}/voordrachten/${id}?intent=reject`, {
      form: { proposalId: id, reason: "Toch niet in het boek." },
      headers: { cookie: f.editor.cookie },
    });
    expect(reject.status).toBe(409);
    expect((await db().selectFrom("book_proposal").select("status").where("id", "=", id).executeTakeFirstOrThrow()).status).toBe(
      "selected",
    );
    expect((await post("nonsense")).status).toBe(400);
  });
});

describe("merging", () => {
  it("moves endorsements (double ones counted once) and comments, copies sources, audits, and redirects the merged page", async () => {
    const f = await createBookProject();
    const survivor = await insertProposal(f, { name: "Johan Rudolph Thorbecke" });
    const duplicate = await insertProposal(f, { name: "J.R. Thorbecke" });
    const members = await createMembers(5);
    // Survivor: members 0,1; duplicate: members 1,2,3,4 (member 1 endorsed both).
    await db()
      .insertInto("book_endorsement")
      .values([
        { proposal_id: survivor, user_id: members[0]!.id },
        { proposal_id: survivor, user_id: members[1]!.id },
        ...members.slice(1).map((m) => ({ proposal_id: duplicate, user_id: m.id })),
      ])
      .execute();
    await db()
      .insertInto("book_comment")
      .values([
        { proposal_id: survivor, author_id: members[0]!.id, body: "Op de survivor" },
        { proposal_id: duplicate, author_id: members[2]!.id, body: "Op het duplicaat 1" },
        { proposal_id: duplicate, author_id: members[3]!.id, body: "Op het duplicaat 2" },
      ])
      .execute();
    // The duplicate has its own source, plus one the survivor already has (by URL).
    await db()
      .insertInto("book_source")
      .values([
        { proposal_id: duplicate, title: "Extra bron", url: "https://example.nl/extra", position: 2 },
        { proposal_id: duplicate, title: "Zelfde bron", url: `https://example.nl/${survivor}`, position: 3 },
      ])
      .execute();
    const sourcesBefore = await db().selectFrom("book_source").select("url").where("proposal_id", "in", [survivor, duplicate]).execute();
    const distinctUrls = new Set(sourcesBefore.map((s) => s.url));

    // The editor's page offers the survivor as a candidate with a similar name.
    const page = await (await app.request(`${f.admin}/voordrachten/${duplicate}`, { headers: { cookie: f.editor.cookie } })).text();
    expect(page).toContain(`value="${survivor}"`);
    const searched = await (
      await app.request(`${f.admin}/voordrachten/${duplicate}?zoek=rudolph`, { headers: { cookie: f.editor.cookie } })
    ).text();
    expect(searched).toContain(`value="${survivor}"`);

    const res = await app.request(`${f.admin}/voordrachten/${duplicate}?intent=merge`, {
      form: { proposalId: duplicate, survivorId: survivor },
      headers: { cookie: f.editor.cookie },
    });
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toContain(`/voordrachten/${survivor}`);

    // Every endorser counts once on the survivor: members 0..4.
    const endorsers = await db().selectFrom("book_endorsement").select("user_id").where("proposal_id", "=", survivor).execute();
    expect(new Set(endorsers.map((e) => e.user_id))).toEqual(new Set(members.map((m) => m.id)));
    expect(await endorsementsOf(duplicate)).toBe(0);
    const comments = await db().selectFrom("book_comment").select("body").where("proposal_id", "=", survivor).execute();
    expect(comments.map((c) => c.body).sort()).toEqual(["Op de survivor", "Op het duplicaat 1", "Op het duplicaat 2"]);
    const survivorSources = await db().selectFrom("book_source").select("url").where("proposal_id", "=", survivor).execute();
    expect(new Set(survivorSources.map((s) => s.url))).toEqual(distinctUrls);
    expect(survivorSources).toHaveLength(distinctUrls.size);
    // The duplicate keeps its own row and sources.
    const dup = await db().selectFrom("book_proposal").selectAll().where("id", "=", duplicate).executeTakeFirstOrThrow();
    expect(dup).toMatchObject({ status: "merged", merged_into_id: survivor });
    expect(await db().selectFrom("book_source").select("id").where("proposal_id", "=", duplicate).execute()).toHaveLength(3);

    const audit = await db()
      .selectFrom("audit_log")
      .selectAll()
      .where("action", "=", "book.proposal.merge")
      .where("entity_id", "=", duplicate)
      .executeTakeFirstOrThrow();
    expect(audit.after).toMatchObject({ movedEndorsements: 3, droppedDoubleEndorsements: 1, movedComments: 2, copiedSources: 2 });

    const redirected = await app.request(`${f.base}/${duplicate}`);
    expect(redirected.status).toBe(301);
    expect(redirected.headers.get("location")).toBe(`${f.base}/${survivor}`);
    expect(countOnPage(await (await app.request(`${f.base}/${survivor}`)).text())).toBe(5);

    // A merged proposal cannot be merged again, a selected one not at all, nor into a rejected one.
    const again = await app.request(`${f.admin}/voordrachten/${duplicate}?intent=merge`, {
      form: { proposalId: duplicate, survivorId: survivor },
      headers: { cookie: f.editor.cookie },
    });
    expect(again.status).toBe(409);
    const selected = await insertProposal(f, { status: "selected" });
    const rejected = await insertProposal(f);
    await db().updateTable("book_proposal").set({ status: "rejected", rejection_reason: "nee" }).where("id", "=", rejected).execute();
    const third = await insertProposal(f);
    for (const [dupId, survId] of [
      [selected, survivor],
      [third, rejected],
      [third, third],
    ] as const) {
      const r = await app.request(`${f.admin}/voordrachten/${dupId}?intent=merge`, {
        form: { proposalId: dupId, survivorId: survId },
        headers: { cookie: f.editor.cookie },
      });
      expect(r.status).toBe(409);
    }
    // Into a proposal of another project: not found.
    const other = await createBookProject();
    const foreign = await insertProposal(other);
    const cross = await app.request(`${f.admin}/voordrachten/${third}?intent=merge`, {
      form: { proposalId: third, survivorId: foreign },
      headers: { cookie: f.editor.cookie },
    });
    expect(cross.status).toBe(404);
    expect((await db().selectFrom("book_proposal").select("status").where("id", "=", third).executeTakeFirstOrThrow()).status).toBe(
      "proposed",
    );
  });
});

describe("authorization", () => {
  it("members cannot use the editor pages and actions; editors of project A cannot touch project B", async () => {
    const a = await createBookProject();
    const b = await createBookProject();
    const idA = await insertProposal(a);
    const idB = await insertProposal(b);
    const forMember = { headers: { cookie: a.member.cookie } };
    for (const path of [`${a.admin}/voordrachten`, `${a.admin}/voordrachten/${idA}`, `${a.admin}/balans`]) {
      expect((await app.request(path, forMember)).status).toBe(403);
      expect((await app.request(path, { headers: { cookie: a.editor.cookie } })).status).toBe(200);
      expect((await app.request(path.replace(a.slug, b.slug).replace(idA, idB), { headers: { cookie: a.editor.cookie } })).status).toBe(
        403,
      );
    }
    const actions: Array<[string, Record<string, string>]> = [
      [`${a.admin}/voordrachten`, { proposalId: idA, status: "selected" }],
      [`${a.admin}/voordrachten/${idA}?intent=status`, { proposalId: idA, status: "selected" }],
      [`${a.admin}/voordrachten/${idA}?intent=reject`, { proposalId: idA, reason: "Geen ambtenaar geweest." }],
      [`${a.admin}/voordrachten/${idA}?intent=merge`, { proposalId: idA, survivorId: await insertProposal(a) }],
    ];
    for (const [path, form] of actions) {
      expect((await app.request(path, { form, headers: { cookie: a.member.cookie } })).status).toBe(403);
      const cross = path.replace(a.slug, b.slug);
      expect((await app.request(cross, { form, headers: { cookie: a.editor.cookie } })).status).toBe(403);
      expect((await app.request(path, { form })).status).toBe(302);
    }
    expect((await db().selectFrom("book_proposal").select("status").where("id", "=", idA).executeTakeFirstOrThrow()).status).toBe(
      "proposed",
    );
  });

  it("visitors are sent to log in for proposing, endorsing and commenting; unverified accounts get 403", async () => {
    const f = await createBookProject();
    const id = await insertProposal(f);
    const visitor = await app.request(`${f.base}/${id}?intent=endorse`, { method: "POST" });
    expect(visitor.status).toBe(302);
    expect(visitor.headers.get("location")).toContain("/inloggen?redirectTo=");
    expect((await app.request(`${f.base}/nieuw`, { form: proposalForm(f) })).status).toBe(302);
    expect((await app.request(`${f.base}/${id}?intent=comment`, { form: { body: "Hallo" } })).status).toBe(302);
    const unverified = await createUser({ verified: false });
    const cookie = await sessionFor(unverified.id);
    expect((await app.request(`${f.base}/${id}?intent=endorse`, { method: "POST", headers: { cookie } })).status).toBe(403);
    expect((await app.request(`${f.base}/nieuw`, { form: proposalForm(f), headers: { cookie } })).status).toBe(403);
    expect((await app.request(`${f.base}/${id}?intent=comment`, { form: { body: "Hallo" }, headers: { cookie } })).status).toBe(403);
    expect(await endorsementsOf(id)).toBe(0);
    expect(await proposalsOf(f)).toHaveLength(1);
  });
});

describe("browsing", () => {
  it("returns correct totals for every filter with 2,000 proposals", async () => {
    const f = await createBookProject({ target: 1000 });
    // 2,000 proposals in one statement: theme by i % 3, status by i % 4 (3 = rejected), service from 1814 + (i % 200).
    await sql`
      insert into book_proposal (project_id, proposer_id, name, birth_year, death_year, service_from, service_to, organisation, role, motivation, theme_id, status, rejection_reason)
      select ${f.projectId}::uuid, ${f.member.id}::uuid,
        case when g % 100 = 0 then 'Willem Drées ' || g else 'Persoon ' || g end,
        1814 + (g % 200) - 25, 1814 + (g % 200) + 40, 1814 + (g % 200), 1814 + (g % 200) + 5,
        'Ministerie', 'Ambtenaar', ${MOTIVATION},
        (array[${f.themes[0]!.id}::uuid, ${f.themes[1]!.id}::uuid, ${f.themes[2]!.id}::uuid])[g % 3 + 1],
        (array['proposed', 'shortlisted', 'selected', 'rejected'])[g % 4 + 1],
        case when g % 4 = 3 then 'nee' end
      from generate_series(0, 1999) g`.execute(db());
    const all = await proposalsOf(f);
    expect(all).toHaveLength(2000);
    const total = async (query: string) => {
      const html = await (await app.request(`${f.base}${query}`)).text();
      return Number(/(\d+) voordrachten?</.exec(html)?.[1] ?? "NaN");
    };
    const expected = (pred: (p: (typeof all)[number]) => boolean) => all.filter((p) => p.status !== "rejected" && pred(p)).length;
    expect(await total("")).toBe(1500);
    expect(await total(`?thema=${f.themes[1]!.slug}`)).toBe(expected((p) => p.theme_id === f.themes[1]!.id));
    expect(await total("?status=selected")).toBe(500);
    expect(await total("?status=rejected")).toBe(1500); // not a public status: ignored
    expect(await total("?van=1900&tot=1909")).toBe(expected((p) => p.service_to >= 1900 && p.service_from <= 1909));
    expect(await total("?q=drees")).toBe(expected((p) => p.name.startsWith("Willem")));
    expect(await total(`?q=DRÉES&status=proposed&thema=${f.themes[0]!.slug}&sorteer=nieuw`)).toBe(
      expected((p) => p.name.startsWith("Willem") && p.status === "proposed" && p.theme_id === f.themes[0]!.id),
    );
    expect(await total("?q=%25")).toBe(0);
    // Pages of 25; the last page has the rest.
    const cards = (html: string) => (html.match(new RegExp(`href="${f.base}/[0-9a-f-]{36}"`, "g")) ?? []).length;
    const last = await (await app.request(`${f.base}?pagina=60`)).text();
    expect(last).toContain("Pagina 60 van 60");
    expect(cards(last)).toBe(25);
    expect(cards(await (await app.request(`${f.base}?q=drees`)).text())).toBe(expected((p) => p.name.startsWith("Willem")));
    // The editors see rejected ones too.
    const editorTotal = async (query: string) => {
      const html = await (await app.request(`${f.admin}/voordrachten${query}`, { headers: { cookie: f.editor.cookie } })).text();
      return Number(/(\d+) voordrachten?</.exec(html)?.[1] ?? "NaN");
    };
    expect(await editorTotal("")).toBe(2000);
    expect(await editorTotal("?status=rejected")).toBe(500);
  });
});

describe("balance", () => {
  it("counts selected and shortlisted portraits per decade (every decade shown) and per theme", async () => {
    const f = await createBookProject();
    await insertProposal(f, { status: "selected", serviceFrom: 1815, themeIndex: 0 });
    await insertProposal(f, { status: "selected", serviceFrom: 1819, themeIndex: 1 });
    await insertProposal(f, { status: "shortlisted", serviceFrom: 1901, themeIndex: 1 });
    await insertProposal(f, { status: "proposed", serviceFrom: 1950 });
    const { balance } = await import("~/modules/book/editorial.server");
    const { loadProject } = await import("~/modules/book/project.server");
    const project = await loadProject(db(), f.slug, "nl");
    const b = await balance(db(), project);
    expect(b.decades).toHaveLength(21); // 1810 … 2010
    expect(b.decades[0]).toMatchObject({ key: "1810", selected: 2, shortlisted: 0 });
    expect(b.decades.find((d) => d.key === "1900")).toMatchObject({ selected: 0, shortlisted: 1 });
    expect(b.decades.find((d) => d.key === "1950")).toMatchObject({ selected: 0, shortlisted: 0 });
    expect(b.themes.map((t) => [t.selected, t.shortlisted])).toEqual([
      [1, 0],
      [1, 1],
      [0, 0],
    ]);
    const html = await (await app.request(`${f.admin}/balans`, { headers: { cookie: f.editor.cookie } })).text();
    // Each chart is an image named by its title and described in words.
    expect(html).toMatch(/role="img" aria-labelledby="balance-decades-title" aria-describedby="balance-decades-desc"/);
    expect(html).toMatch(/id="balance-decades-desc"[^>]*>2 geselecteerd, 1 op de shortlist\./);
    expect(html).not.toContain("style=");
    expect(html).toContain("2 van 100 geselecteerd");
  });
});
