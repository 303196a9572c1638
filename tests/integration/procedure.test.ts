import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "~/db.server";
import { RoundSchema } from "~/modules/awards/procedure.schema";
import { addRound, createEdition as createNextEdition, deleteRound, updateRound } from "~/modules/awards/procedure.server";
import { createEdition, createUser, grantAdmin } from "../setup/factories";
import { startTestServer, type TestServer } from "../setup/http";
import { signIn } from "../setup/second-factor";

let app: TestServer;
beforeAll(async () => {
  app = await startTestServer();
});
afterAll(() => app.close());

const round = (overrides: Record<string, string> = {}) =>
  RoundSchema.parse({
    kind: "public_vote",
    nameNl: "Publieksstemming",
    nameEn: "Public vote",
    opensAt: "2099-01-01T09:00",
    closesAt: "2099-01-15T17:00",
    source: "all",
    advancement: "top_k",
    advanceK: "2",
    ...overrides,
  });

async function rounds(editionId: string) {
  return getDb().selectFrom("round").selectAll().where("edition_id", "=", editionId).orderBy("position").execute();
}

describe("the procedure locks once a round opens", () => {
  it("lets organizers add, change and remove rounds that have not opened, in Amsterdam time", async () => {
    const e = await createEdition();
    await addRound(getDb(), { actorId: null }, e.editionId, round());
    await addRound(
      getDb(),
      { actorId: null },
      e.editionId,
      round({ kind: "jury", nameNl: "Jury", nameEn: "Jury", advancement: "none", advanceK: "" }),
    );
    let rs = await rounds(e.editionId);
    expect(rs.map((r) => r.position)).toEqual([1, 2]);
    expect(rs[0]!.opens_at!.toISOString()).toBe("2099-01-01T08:00:00.000Z"); // 09:00 in Amsterdam (winter)
    expect(await updateRound(getDb(), { actorId: null }, e.editionId, round({ roundId: rs[0]!.id, advanceK: "5" }))).toEqual({ ok: true });
    expect(await deleteRound(getDb(), { actorId: null }, e.editionId, rs[0]!.id)).toEqual({ ok: true });
    rs = await rounds(e.editionId);
    expect(rs.map((r) => [r.position, r.name_nl])).toEqual([[1, "Jury"]]);
  });

  it("refuses to change or remove an opened round, in the service and in the database", async () => {
    const e = await createEdition();
    await addRound(getDb(), { actorId: null }, e.editionId, round());
    const [r] = await rounds(e.editionId);
    await getDb()
      .updateTable("round")
      .set({ opens_at: sql<Date>`now() - interval '1 second'`, closes_at: sql<Date>`now() + interval '1 day'` })
      .where("id", "=", r!.id)
      .execute();
    expect(await updateRound(getDb(), { actorId: null }, e.editionId, round({ roundId: r!.id, advanceK: "9" }))).toEqual({
      ok: false,
      status: 409,
      error: "procedure.errors.locked",
    });
    expect(await deleteRound(getDb(), { actorId: null }, e.editionId, r!.id)).toEqual({
      ok: false,
      status: 409,
      error: "procedure.errors.locked",
    });
    // Even a direct write is refused by the trigger.
    await expect(getDb().updateTable("round").set({ advance_k: 9 }).where("id", "=", r!.id).execute()).rejects.toThrow(/locked/);
    await expect(getDb().deleteFrom("round").where("id", "=", r!.id).execute()).rejects.toThrow(/cannot be removed/);
    expect((await rounds(e.editionId))[0]!.advance_k).toBe(2);
  });

  it("answers a window that collapses in the spring-forward gap with a field error", async () => {
    const e = await createEdition();
    // 02:30 does not exist in Amsterdam on 29 March 2026: it becomes 03:30, after 03:15.
    const result = await addRound(
      getDb(),
      { actorId: null },
      e.editionId,
      round({ opensAt: "2026-03-29T02:30", closesAt: "2026-03-29T03:15" }),
    );
    expect(result).toEqual({ ok: false, status: 400, field: "closesAt", error: "procedure.errors.window" });
    expect(await rounds(e.editionId)).toEqual([]);
  });

  it("still lets an organizer close a live vote that is open", async () => {
    const e = await createEdition();
    await addRound(
      getDb(),
      { actorId: null },
      e.editionId,
      round({ kind: "live_vote", opensAt: "", closesAt: "", advancement: "none", advanceK: "" }),
    );
    const [r] = await rounds(e.editionId);
    await getDb()
      .updateTable("round")
      .set({ opens_at: sql<Date>`now() - interval '1 minute'` })
      .where("id", "=", r!.id)
      .execute();
    await getDb()
      .updateTable("round")
      .set({ closes_at: sql<Date>`now()` })
      .where("id", "=", r!.id)
      .execute();
    expect((await rounds(e.editionId))[0]!.closes_at).not.toBeNull();
  });
});

describe("the procedure page", () => {
  async function organizerCookie(awardId: string) {
    const u = await createUser();
    await getDb()
      .insertInto("role_grant")
      .values({ user_id: u.id, role: "organizer", award_id: awardId, edition_id: null, book_project_id: null, granted_by: null })
      .execute();
    return { user: u, cookie: await signIn(app, u.email) };
  }

  it("saves settings (audited) and answers bad input with translated errors, changing nothing", async () => {
    const e = await createEdition();
    const { user, cookie } = await organizerCookie(e.awardId);
    const page = `/beheer/prijzen/${e.slug}/2026/procedure`;
    expect((await app.request(page, { headers: { cookie } })).status).toBe(200);
    const form = {
      formId: "settings",
      descriptionNl: "Nieuw",
      nomineeKind: "person",
      maxAge: "35",
      opensAt: "2099-03-01T09:00",
      closesAt: "2099-04-01T17:00",
      perMember: "4",
    };
    const bad = await app.request(`${page}?intent=settings`, {
      form: { ...form, closesAt: "2099-02-01T09:00", perMember: "0" },
      headers: { cookie },
    });
    expect(bad.status).toBe(400);
    const html = await bad.text();
    expect(html).toContain("De sluitingstijd moet na de openingstijd liggen");
    expect(
      (await getDb().selectFrom("edition").select("nominations_per_member").where("id", "=", e.editionId).executeTakeFirstOrThrow())
        .nominations_per_member,
    ).toBe(3);

    const ok = await app.request(`${page}?intent=settings`, { form, headers: { cookie } });
    expect(ok.status).toBe(302);
    const edition = await getDb().selectFrom("edition").selectAll().where("id", "=", e.editionId).executeTakeFirstOrThrow();
    expect(edition).toMatchObject({ description_nl: "Nieuw", max_nominee_age: 35, nominations_per_member: 4 });
    // What they did to the edition (signing in set up their second factor, audited apart as mfa.enrol).
    const audit = await getDb()
      .selectFrom("audit_log")
      .select("action")
      .where("actor_id", "=", user.id)
      .where("entity_type", "<>", "user")
      .execute();
    expect(audit.map((a) => a.action)).toEqual(["edition.update"]);
  });

  it("is closed to organizers of another award", async () => {
    const e = await createEdition();
    const other = await createEdition();
    const { cookie } = await organizerCookie(other.awardId);
    expect((await app.request(`/beheer/prijzen/${e.slug}/2026/procedure`, { headers: { cookie } })).status).toBe(403);
    const post = await app.request(`/beheer/prijzen/${e.slug}/2026/procedure?intent=category`, {
      form: { slug: "x", nameNl: "X", nameEn: "X" },
      headers: { cookie },
    });
    expect(post.status).toBe(403);
  });
});

describe("new awards and editions", () => {
  async function login(email: string) {
    return signIn(app, email);
  }

  it("only platform admins create awards; a taken slug is a field error", async () => {
    const member = await createUser();
    const slug = `nieuwe-prijs-${Date.now()}`;
    const form = { slug, nameNl: "Nieuwe Prijs", nameEn: "New Award" };
    expect((await app.request("/beheer/prijzen/nieuw", { form, headers: { cookie: await login(member.email) } })).status).toBe(403);
    const admin = await createUser();
    await grantAdmin(admin.id);
    const cookie = await login(admin.email);
    expect((await app.request("/beheer/prijzen/nieuw", { form, headers: { cookie } })).status).toBe(302);
    const again = await app.request("/beheer/prijzen/nieuw", { form, headers: { cookie } });
    expect(again.status).toBe(400);
    expect(await again.text()).toContain("Er bestaat al een prijs met deze korte naam");
    const bad = await app.request("/beheer/prijzen/nieuw", { form: { ...form, slug: "Geen Slug!" }, headers: { cookie } });
    expect(bad.status).toBe(400);
    expect(await getDb().selectFrom("award").select("id").where("slug", "=", slug).execute()).toHaveLength(1);
  });

  it("a new edition copies categories and the procedure without windows; one edition per year", async () => {
    const e = await createEdition();
    await addRound(getDb(), { actorId: null }, e.editionId, round());
    const organizer = await createUser();
    await getDb()
      .insertInto("role_grant")
      .values({ user_id: organizer.id, role: "organizer", award_id: e.awardId, edition_id: null, book_project_id: null, granted_by: null })
      .execute();
    const cookie = await login(organizer.email);
    const res = await app.request(`/beheer/prijzen/${e.slug}/nieuwe-editie`, { form: { year: "2027" }, headers: { cookie } });
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toBe(`/beheer/prijzen/${e.slug}/2027/procedure?melding=procedure.created`);
    const next = await getDb()
      .selectFrom("edition")
      .select("id")
      .where("award_id", "=", e.awardId)
      .where("year", "=", 2027)
      .executeTakeFirstOrThrow();
    const categories = await getDb().selectFrom("category").select("slug").where("edition_id", "=", next.id).orderBy("position").execute();
    expect(categories.map((c) => c.slug)).toEqual(["cat-0", "cat-1"]);
    const copied = await rounds(next.id);
    expect(copied).toMatchObject([{ position: 1, kind: "public_vote", advance_k: 2, opens_at: null, closes_at: null }]);
    const dup = await app.request(`/beheer/prijzen/${e.slug}/nieuwe-editie`, { form: { year: "2027" }, headers: { cookie } });
    expect(dup.status).toBe(400);
    expect(await dup.text()).toContain("al een editie in dat jaar");
  });

  it("the award's address leads to the edition that runs until the next one begins", async () => {
    const e = await createEdition();
    const db = getDb();
    const organizer = await createUser();
    await db
      .insertInto("role_grant")
      .values({ user_id: organizer.id, role: "organizer", award_id: e.awardId, edition_id: null, book_project_id: null, granted_by: null })
      .execute();
    const cookie = await login(organizer.email);
    expect((await app.request(`/beheer/prijzen/${e.slug}/nieuwe-editie`, { form: { year: "2027" }, headers: { cookie } })).status).toBe(
      302,
    );
    const address = async () => (await app.request(`/prijzen/${e.slug}`)).headers.get("location");
    // Prepared, not begun: the running edition keeps the address.
    expect(await address()).toBe(`/prijzen/${e.slug}/2026`);
    // Nominations for next year open later: still this year's.
    const next = db.updateTable("edition").where("award_id", "=", e.awardId).where("year", "=", 2027);
    await next
      .set({ nomination_opens_at: sql<Date>`now() + interval '1 day'`, nomination_closes_at: sql<Date>`now() + interval '9 days'` })
      .execute();
    expect(await address()).toBe(`/prijzen/${e.slug}/2026`);
    // Once they have opened, the address leads to the new edition.
    await next.set({ nomination_opens_at: sql<Date>`now() - interval '1 minute'` }).execute();
    expect(await address()).toBe(`/prijzen/${e.slug}/2027`);
  });

  it("a new edition keeps every rule of last year's rounds, their criteria and the prizes, but none of their state", async () => {
    const e = await createEdition();
    const db = getDb();
    await addRound(db, { actorId: null }, e.editionId, round({ ballotMode: "approval", maxChoices: "5", tieBreak: "organizer" }));
    await addRound(
      db,
      { actorId: null },
      e.editionId,
      round({
        kind: "jury",
        source: "previous",
        advanceK: "3",
        aggregation: "median",
        normalize: "on",
        minScores: "4",
        opensAt: "",
        closesAt: "",
      }),
    );
    const [vote, jury] = await rounds(e.editionId);
    await db
      .insertInto("criterion")
      .values({
        round_id: jury!.id,
        position: 1,
        name_nl: "Impact",
        name_en: "Impact",
        weight: 2,
        scale_min: 1,
        scale_max: 10,
        anchors: JSON.stringify({ "1": "geen" }) as never,
      })
      .execute();
    await db
      .insertInto("prize")
      .values([
        {
          edition_id: e.editionId,
          position: 1,
          kind: "public",
          name_nl: "Publieksprijs",
          name_en: "Public prize",
          vote_round_id: vote!.id,
        },
        {
          edition_id: e.editionId,
          position: 2,
          kind: "jury",
          name_nl: "Juryprijs",
          name_en: "Jury prize",
          jury_round_id: jury!.id,
          places: 3,
        },
      ])
      .execute();
    // Last year's jury round ran and advanced: none of that comes along.
    await db
      .updateTable("round")
      .set({ opens_at: sql`now() - interval '2 days'`, closes_at: sql`now() - interval '1 day'` })
      .where("id", "=", jury!.id)
      .execute();
    await db
      .updateTable("round")
      .set({ advanced_at: sql`now()`, results_published_at: sql`now()` })
      .where("id", "=", jury!.id)
      .execute();

    const created = await createNextEdition(db, { actorId: null }, e.awardId, 2031);
    expect(created).toEqual({ ok: true, value: { year: 2031 } });
    const next = await db
      .selectFrom("edition")
      .select("id")
      .where("award_id", "=", e.awardId)
      .where("year", "=", 2031)
      .executeTakeFirstOrThrow();
    const copied = await rounds(next.id);
    expect(copied).toMatchObject([
      {
        position: 1,
        kind: "public_vote",
        ballot_mode: "approval",
        max_choices: 5,
        tie_break: "organizer",
        advance_k: 2,
        opens_at: null,
        closes_at: null,
      },
      {
        position: 2,
        kind: "jury",
        source: "previous",
        advance_k: 3,
        aggregation: "median",
        normalize: true,
        min_scores: 4,
        opens_at: null,
        closes_at: null,
        advanced_at: null,
        results_published_at: null,
        revealed_at: null,
        short_code: null,
      },
    ]);
    const criteria = await db.selectFrom("criterion").selectAll().where("round_id", "=", copied[1]!.id).execute();
    expect(criteria).toMatchObject([{ name_nl: "Impact", weight: "2.000", scale_min: 1, scale_max: 10, anchors: { "1": "geen" } }]);
    const prizes = await db.selectFrom("prize").selectAll().where("edition_id", "=", next.id).orderBy("position").execute();
    expect(prizes).toMatchObject([
      { kind: "public", vote_round_id: copied[0]!.id, jury_round_id: null },
      { kind: "jury", jury_round_id: copied[1]!.id, vote_round_id: null, places: 3 },
    ]);
  });
});
