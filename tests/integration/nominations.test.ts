import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "~/db.server";
import { decideConsent } from "~/modules/awards/consent.server";
import { approveNominee, listQueue, mergeNominees, rejectNominee } from "~/modules/awards/moderation.server";
import { PersonNominationSchema, SupportSchema } from "~/modules/awards/nomination.schema";
import { nominatePerson, supportNominee } from "~/modules/awards/nomination.server";
import { createEdition, createUser, lastMailTo, linkFrom, personInput, uniqueEmail } from "../setup/factories";
import { startTestServer, type TestServer } from "../setup/http";
import { signIn } from "../setup/second-factor";

let app: TestServer;
beforeAll(async () => {
  app = await startTestServer();
});
afterAll(() => app.close());

const asNominator = (u: { id: string; name: string }) => ({ id: u.id, name: u.name, emailVerified: true });
const person = (categoryId: string, overrides: Record<string, string> = {}) =>
  PersonNominationSchema.parse(personInput(categoryId, overrides));

async function count(table: "nominee" | "nomination", editionId: string) {
  const r = await getDb()
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<string>().as("n"))
    .where("edition_id", "=", editionId)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

async function consentToken(email: string) {
  const mail = await lastMailTo(email);
  return linkFrom(mail!.body_text).searchParams.get("token")!;
}

describe("the nomination window, judged by the database clock", () => {
  it.each([
    ["closed a second ago", -7200, -1, false],
    ["opens in a second", 1, 7200, false],
    ["open", -1, 7200, true],
  ])("%s", async (_label, opensIn, closesIn, accepted) => {
    const e = await createEdition({ opensIn, closesIn });
    const member = await createUser();
    const result = await nominatePerson(getDb(), asNominator(member), e.editionId, person(e.categoryIds[0]!), "nl");
    expect(result.ok).toBe(accepted);
    if (!accepted) expect(result).toMatchObject({ error: "nominate.errors.closed" });
    expect(await count("nominee", e.editionId)).toBe(accepted ? 1 : 0);
    expect(await count("nomination", e.editionId)).toBe(accepted ? 1 : 0);
  });

  it("refuses a nomination once the window closed, even with a form opened while it was open", async () => {
    const e = await createEdition();
    const member = await createUser();
    await getDb()
      .updateTable("edition")
      .set({ nomination_closes_at: sql<Date>`now()` })
      .where("id", "=", e.editionId)
      .execute();
    expect(await nominatePerson(getDb(), asNominator(member), e.editionId, person(e.categoryIds[0]!), "nl")).toMatchObject({
      ok: false,
      error: "nominate.errors.closed",
    });
  });
});

describe("the per-member cap", () => {
  it("holds with 20 parallel submissions", async () => {
    const e = await createEdition({ perMember: 3 });
    const member = await createUser();
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        nominatePerson(getDb(), asNominator(member), e.editionId, person(e.categoryIds[0]!, { name: `Kandidaat ${i}` }), "nl"),
      ),
    );
    expect(results.filter((r) => r.ok)).toHaveLength(3);
    expect(results.filter((r) => !r.ok).every((r) => !r.ok && r.error === "nominate.errors.cap")).toBe(true);
    expect(await count("nomination", e.editionId)).toBe(3);
    expect(await count("nominee", e.editionId)).toBe(3);
  });

  it("counts supporting nominations too, and one member supports a candidate once", async () => {
    const e = await createEdition({ perMember: 2 });
    const first = await createUser();
    const made = await nominatePerson(getDb(), asNominator(first), e.editionId, person(e.categoryIds[0]!), "nl");
    if (!made.ok) throw new Error("setup");
    await approveNominee(getDb(), { actorId: null }, e.editionId, made.value.nomineeId);
    expect(
      await decideConsent(
        getDb(),
        await consentToken(
          (await getDb().selectFrom("nominee").select("contact_email").where("id", "=", made.value.nomineeId).executeTakeFirstOrThrow())
            .contact_email!,
        ),
        "accept",
      ),
    ).toEqual({ ok: true, value: { decision: "accept" } });

    const supporter = await createUser();
    const support = SupportSchema.parse({
      motivation: "Ik werk al jaren met haar samen en zie elke dag hoe zij het verschil maakt voor inwoners.",
      relation: "collega",
    });
    expect(await supportNominee(getDb(), asNominator(supporter), e.editionId, made.value.nomineeId, support)).toMatchObject({ ok: true });
    expect(await supportNominee(getDb(), asNominator(supporter), e.editionId, made.value.nomineeId, support)).toMatchObject({
      ok: false,
      error: "nominate.errors.alreadyNominated",
    });
    await nominatePerson(getDb(), asNominator(supporter), e.editionId, person(e.categoryIds[0]!, { name: "Tweede Kandidaat" }), "nl");
    expect(
      await nominatePerson(getDb(), asNominator(supporter), e.editionId, person(e.categoryIds[0]!, { name: "Derde Kandidaat" }), "nl"),
    ).toMatchObject({ error: "nominate.errors.cap" });
  });

  it("applies the edition's maximum age", async () => {
    const e = await createEdition({ maxAge: 35 });
    const member = await createUser();
    expect(await nominatePerson(getDb(), asNominator(member), e.editionId, person(e.categoryIds[0]!), "nl")).toMatchObject({
      field: "age",
      error: "nominate.errors.ageRequired",
    });
    expect(await nominatePerson(getDb(), asNominator(member), e.editionId, person(e.categoryIds[0]!, { age: "36" }), "nl")).toMatchObject({
      field: "age",
      error: "nominate.errors.tooOld",
    });
    expect(await nominatePerson(getDb(), asNominator(member), e.editionId, person(e.categoryIds[0]!, { age: "35" }), "nl")).toMatchObject({
      ok: true,
    });
  });

  it("refuses a category of another edition", async () => {
    const e = await createEdition();
    const other = await createEdition();
    const member = await createUser();
    expect(await nominatePerson(getDb(), asNominator(member), e.editionId, person(other.categoryIds[0]!), "nl")).toMatchObject({
      field: "categoryId",
    });
    expect(await count("nominee", e.editionId)).toBe(0);
  });
});

describe("consent", () => {
  it("mails the nominee a single-use link naming the nominator; accepting makes an approved nominee a candidate", async () => {
    const e = await createEdition();
    const member = await createUser({ name: "Karim Visser" });
    const input = person(e.categoryIds[0]!);
    const made = await nominatePerson(getDb(), asNominator(member), e.editionId, input, "nl");
    if (!made.ok) throw new Error("setup");
    const mail = await lastMailTo(input.email);
    expect(mail?.template).toBe("consent");
    expect(mail?.body_text).toContain("Karim Visser heeft je genomineerd");
    const token = linkFrom(mail!.body_text).searchParams.get("token")!;

    const page = await app.request(`/instemming?token=${token}`);
    expect(await page.text()).toContain("Karim Visser");
    await approveNominee(getDb(), { actorId: null }, e.editionId, made.value.nomineeId);
    const before = await getDb()
      .selectFrom("nominee")
      .select("is_candidate")
      .where("id", "=", made.value.nomineeId)
      .executeTakeFirstOrThrow();
    expect(before.is_candidate).toBe(false);

    const accept = await app.request("/instemming", { form: { token, decision: "accept" } });
    expect(accept.status).toBe(302);
    const after = await getDb()
      .selectFrom("nominee")
      .select("is_candidate")
      .where("id", "=", made.value.nomineeId)
      .executeTakeFirstOrThrow();
    expect(after.is_candidate).toBe(true);
    // Single use: a second decision (even a different one) is refused and changes nothing.
    expect((await app.request("/instemming", { form: { token, decision: "decline" } })).status).toBe(400);
    const still = await getDb()
      .selectFrom("nominee")
      .select(["consent_status", "name"])
      .where("id", "=", made.value.nomineeId)
      .executeTakeFirstOrThrow();
    expect(still).toMatchObject({ consent_status: "accepted", name: input.name });
  });

  it("hides the nominator who asked for anonymity, from the nominee and from the references", async () => {
    const e = await createEdition();
    const member = await createUser({ name: "Geheime Nominator" });
    const refEmail = uniqueEmail("ref");
    const input = person(e.categoryIds[0]!, { anonymous: "true", ref1Name: "Collega", ref1Email: refEmail });
    await nominatePerson(getDb(), asNominator(member), e.editionId, input, "nl");
    const mail = await lastMailTo(input.email);
    expect(mail!.body_text).not.toContain("Geheime Nominator");
    const page = await app.request(`/instemming?token=${linkFrom(mail!.body_text).searchParams.get("token")}`);
    expect(await page.text()).not.toContain("Geheime Nominator");
    expect((await lastMailTo(refEmail))!.body_text).not.toContain("Geheime Nominator");
  });

  it("refuses an expired link", async () => {
    const e = await createEdition();
    const member = await createUser();
    const input = person(e.categoryIds[0]!);
    const made = await nominatePerson(getDb(), asNominator(member), e.editionId, input, "nl");
    if (!made.ok) throw new Error("setup");
    const token = await consentToken(input.email);
    await getDb()
      .updateTable("nominee_consent_token")
      .set({ expires_at: sql<Date>`now() - interval '1 second'` })
      .where("nominee_id", "=", made.value.nomineeId)
      .execute();
    expect(await decideConsent(getDb(), token, "accept")).toMatchObject({ ok: false, status: 400, error: "consent.invalid" });
    expect(
      (await getDb().selectFrom("nominee").select("consent_status").where("id", "=", made.value.nomineeId).executeTakeFirstOrThrow())
        .consent_status,
    ).toBe("pending");
  });

  it("declining removes the person's data everywhere and kindly tells the nominator", async () => {
    const e = await createEdition();
    const member = await createUser();
    const input = person(e.categoryIds[0]!, {
      name: "Vertrouwelijk Persoon",
      ref1Name: "Ria Referent",
      ref1Email: uniqueEmail("ref"),
      ref1Relation: "manager",
    });
    const made = await nominatePerson(getDb(), asNominator(member), e.editionId, input, "nl");
    if (!made.ok) throw new Error("setup");
    expect(await decideConsent(getDb(), await consentToken(input.email), "decline")).toEqual({ ok: true, value: { decision: "decline" } });
    const nominee = await getDb().selectFrom("nominee").selectAll().where("id", "=", made.value.nomineeId).executeTakeFirstOrThrow();
    expect(nominee).toMatchObject({ name: "", organisation: "", contact_email: null, consent_status: "declined", is_candidate: false });
    const nomination = await getDb()
      .selectFrom("nomination")
      .selectAll()
      .where("nominee_id", "=", made.value.nomineeId)
      .executeTakeFirstOrThrow();
    expect(nomination.motivation).toBe("");
    expect(await getDb().selectFrom("nomination_reference").select("id").where("nomination_id", "=", nomination.id).execute()).toEqual([]);
    expect((await lastMailTo(member.email))?.template).toBe("nomineeDeclined");
    // The nomination still counts as the member's: nothing is silently lost.
    expect(await count("nomination", e.editionId)).toBe(1);
  });
});

describe("nothing of a non-candidate leaks", () => {
  it("through the candidate list, search, candidate page, suggestions or sitemap", async () => {
    const e = await createEdition();
    const member = await createUser();
    const secret = "Zeldzaamheid Onbevestigd";
    const made = await nominatePerson(getDb(), asNominator(member), e.editionId, person(e.categoryIds[0]!, { name: secret }), "nl");
    if (!made.ok) throw new Error("setup");
    await approveNominee(getDb(), { actorId: null }, e.editionId, made.value.nomineeId); // approved, but no consent yet
    const base = `/prijzen/${e.slug}/2026`;
    const pages = [
      `${base}/kandidaten`,
      `${base}/kandidaten?q=zeldzaam`,
      `${base}/kandidaten?q=onbevestigd`,
      `${base}/suggesties?naam=zeldzaamheid`,
      `${base}/suggesties.data?naam=zeldzaamheid`,
      "/sitemap.xml",
    ];
    // The search term itself is echoed in the search box; the full name and the id must appear nowhere.
    for (const p of pages) {
      const res = await app.request(p);
      const body = await res.text();
      expect(body, p).not.toContain(secret);
      expect(body, p).not.toContain(made.value.nomineeId);
    }
    expect((await app.request(`${base}/kandidaten/${made.value.nomineeId}`)).status).toBe(404);

    // Once consented it is public everywhere.
    await decideConsent(
      getDb(),
      await consentToken(
        (await getDb().selectFrom("nominee").select("contact_email").where("id", "=", made.value.nomineeId).executeTakeFirstOrThrow())
          .contact_email!,
      ),
      "accept",
    );
    expect(await (await app.request(`${base}/kandidaten?q=zeldzaamheid`)).text()).toContain(secret);
    expect((await app.request(`${base}/kandidaten/${made.value.nomineeId}`)).status).toBe(200);
    expect(await (await app.request("/sitemap.xml")).text()).toContain(made.value.nomineeId);
  });
});

describe("search input", () => {
  it("answers control characters and odd parameters without a 500", async () => {
    const e = await createEdition();
    const base = `/prijzen/${e.slug}/2026`;
    for (const p of [
      `${base}/kandidaten?q=%00`,
      `${base}/kandidaten?q=%25_%5C`,
      `${base}/kandidaten?pagina=-1`,
      `${base}/kandidaten?pagina=1e9`,
      `${base}/suggesties?naam=%00%01abc`,
      `${base}/kandidaten/%00`,
    ]) {
      const res = await app.request(p);
      expect(res.status, p).toBeLessThan(500);
    }
  });
});

describe("merging duplicates", () => {
  it("moves every nomination and reference to the survivor, loses nothing, and is audited", async () => {
    const e = await createEdition({ perMember: 5 });
    const a = await createUser();
    const b = await createUser();
    const one = await nominatePerson(
      getDb(),
      asNominator(a),
      e.editionId,
      person(e.categoryIds[0]!, { name: "Jan Jansen", ref1Name: "R", ref1Email: uniqueEmail("r") }),
      "nl",
    );
    const two = await nominatePerson(getDb(), asNominator(b), e.editionId, person(e.categoryIds[0]!, { name: "J. Jansen" }), "nl");
    const three = await nominatePerson(getDb(), asNominator(a), e.editionId, person(e.categoryIds[0]!, { name: "Jan Janssen" }), "nl");
    if (!one.ok || !two.ok || !three.ok) throw new Error("setup");
    const admin = await createUser();
    expect(await mergeNominees(getDb(), { actorId: admin.id }, e.editionId, one.value.nomineeId, two.value.nomineeId)).toEqual({
      ok: true,
    });
    // The same member nominated both: both nominations survive.
    expect(await mergeNominees(getDb(), { actorId: admin.id }, e.editionId, one.value.nomineeId, three.value.nomineeId)).toEqual({
      ok: true,
    });
    const nominations = await getDb()
      .selectFrom("nomination")
      .select(["nominee_id", "nominator_id"])
      .where("edition_id", "=", e.editionId)
      .execute();
    expect(nominations).toHaveLength(3);
    expect(nominations.every((n) => n.nominee_id === one.value.nomineeId)).toBe(true);
    const refs = await getDb()
      .selectFrom("nomination_reference as r")
      .innerJoin("nomination as m", "m.id", "r.nomination_id")
      .select("m.nominee_id")
      .where("m.edition_id", "=", e.editionId)
      .execute();
    expect(refs).toEqual([{ nominee_id: one.value.nomineeId }]);
    const merged = await getDb()
      .selectFrom("nominee")
      .select(["status", "merged_into"])
      .where("id", "in", [two.value.nomineeId, three.value.nomineeId])
      .execute();
    expect(merged.every((m) => m.status === "merged" && m.merged_into === one.value.nomineeId)).toBe(true);
    expect(await mergeNominees(getDb(), { actorId: admin.id }, e.editionId, one.value.nomineeId, two.value.nomineeId)).toEqual({
      ok: false,
      status: 409,
      error: "moderation.errors.notFound",
    });
    expect(await mergeNominees(getDb(), { actorId: admin.id }, e.editionId, one.value.nomineeId, one.value.nomineeId)).toEqual({
      ok: false,
      status: 409,
      error: "moderation.errors.sameNominee",
    });
    const audit = await getDb().selectFrom("audit_log").select("action").where("actor_id", "=", admin.id).execute();
    expect(audit.map((x) => x.action)).toEqual(["nominee.merge", "nominee.merge"]);
  });

  it("after a merge the duplicate's consent link stops working, and a decline redacts the merged duplicate too", async () => {
    const e = await createEdition({ perMember: 5 });
    const m = await createUser();
    const first = person(e.categoryIds[0]!, { name: "Petra Dubbel" });
    const second = person(e.categoryIds[0]!, { name: "P. Dubbel" });
    const one = await nominatePerson(getDb(), asNominator(m), e.editionId, first, "nl");
    const two = await nominatePerson(getDb(), asNominator(m), e.editionId, second, "nl");
    if (!one.ok || !two.ok) throw new Error("setup");
    const duplicateToken = await consentToken(second.email);
    await mergeNominees(getDb(), { actorId: null }, e.editionId, one.value.nomineeId, two.value.nomineeId);
    expect(await decideConsent(getDb(), duplicateToken, "accept")).toMatchObject({ ok: false, status: 400, error: "consent.invalid" });
    expect(await decideConsent(getDb(), await consentToken(first.email), "decline")).toEqual({ ok: true, value: { decision: "decline" } });
    const rows = await getDb()
      .selectFrom("nominee")
      .select(["name", "contact_email", "redacted_at"])
      .where("edition_id", "=", e.editionId)
      .execute();
    expect(rows).toHaveLength(2);
    for (const r of rows) expect(r).toMatchObject({ name: "", contact_email: null, redacted_at: expect.any(Date) });
  });

  it("flags likely duplicates for organizers", async () => {
    const e = await createEdition({ perMember: 5 });
    const m = await createUser();
    for (const name of ["Jan-Willem van der Berg", "Jan Willem van den Berg", "Fatima Yılmaz"]) {
      await nominatePerson(getDb(), asNominator(m), e.editionId, person(e.categoryIds[0]!, { name }), "nl");
    }
    const flagged = await listQueue(getDb(), e.editionId, { possibleDuplicate: true });
    expect(flagged.map((n) => n.name).sort()).toEqual(["Jan Willem van den Berg", "Jan-Willem van der Berg"]);
    const all = await listQueue(getDb(), e.editionId, {});
    expect(all.find((n) => n.name === "Fatima Yılmaz")?.possible_duplicate).toBe(false);
  });

  it("pages the queue with an exact total", async () => {
    const e = await createEdition({ perMember: 10 });
    const m = await createUser();
    for (let i = 0; i < 5; i++)
      await nominatePerson(getDb(), asNominator(m), e.editionId, person(e.categoryIds[0]!, { name: `Kandidaat ${i}` }), "nl");
    const first = await listQueue(getDb(), e.editionId, { page: 1, pageSize: 2 });
    const third = await listQueue(getDb(), e.editionId, { page: 3, pageSize: 2 });
    expect(first.map((r) => r.name)).toEqual(["Kandidaat 0", "Kandidaat 1"]);
    expect(third.map((r) => r.name)).toEqual(["Kandidaat 4"]);
    expect(first[0]!.total).toBe(5);
  });

  it("refuses to merge nominees of another edition", async () => {
    const e = await createEdition();
    const other = await createEdition();
    const m = await createUser();
    const one = await nominatePerson(getDb(), asNominator(m), e.editionId, person(e.categoryIds[0]!), "nl");
    const two = await nominatePerson(getDb(), asNominator(m), other.editionId, person(other.categoryIds[0]!), "nl");
    if (!one.ok || !two.ok) throw new Error("setup");
    expect(await mergeNominees(getDb(), { actorId: null }, e.editionId, one.value.nomineeId, two.value.nomineeId)).toEqual({
      ok: false,
      status: 409,
      error: "moderation.errors.notFound",
    });
    expect(await count("nomination", other.editionId)).toBe(1);
  });
});

describe("moderation authorization", () => {
  async function cookieFor(email: string) {
    return signIn(app, email);
  }

  it("a member cannot moderate; an organizer of award A cannot touch award B", async () => {
    const a = await createEdition();
    const b = await createEdition();
    const nominator = await createUser();
    const made = await nominatePerson(getDb(), asNominator(nominator), b.editionId, person(b.categoryIds[0]!), "nl");
    if (!made.ok) throw new Error("setup");
    const organizerA = await createUser();
    await getDb()
      .insertInto("role_grant")
      .values({ user_id: organizerA.id, role: "organizer", award_id: a.awardId, edition_id: null, book_project_id: null, granted_by: null })
      .execute();
    const member = await createUser();
    const queueB = `/prijzen/${b.slug}/2026/moderatie`;

    expect((await app.request(`/beheer${queueB}`)).status).toBe(302); // visitor → login
    for (const who of [member, organizerA]) {
      const cookie = await cookieFor(who.email);
      expect((await app.request(`/beheer${queueB}`, { headers: { cookie } })).status).toBe(403);
      expect((await app.request(`/beheer${queueB}/${made.value.nomineeId}`, { headers: { cookie } })).status).toBe(403);
      const post = await app.request(`/beheer${queueB}`, { form: { nomineeId: made.value.nomineeId }, headers: { cookie } });
      expect(post.status).toBe(403);
    }
    expect(
      (await getDb().selectFrom("nominee").select("status").where("id", "=", made.value.nomineeId).executeTakeFirstOrThrow()).status,
    ).toBe("pending");
    // Organizer A does see their own queue.
    expect(
      (await app.request(`/beheer/prijzen/${a.slug}/2026/moderatie`, { headers: { cookie: await cookieFor(organizerA.email) } })).status,
    ).toBe(200);
  });

  it("a rejection with a reason is mailed to every nominator in their language, and audited", async () => {
    const e = await createEdition({ perMember: 5 });
    const m = await createUser();
    const made = await nominatePerson(getDb(), asNominator(m), e.editionId, person(e.categoryIds[0]!, { name: "Niet Toegelaten" }), "nl");
    if (!made.ok) throw new Error("setup");
    const organizer = await createUser();
    expect(
      await rejectNominee(
        getDb(),
        { actorId: organizer.id },
        e.editionId,
        made.value.nomineeId,
        "Deze persoon werkt niet bij de overheid.",
      ),
    ).toEqual({ ok: true });
    const mail = await lastMailTo(m.email);
    expect(mail?.template).toBe("nominationRejected");
    expect(mail?.subject).toBe(`Je nominatie voor Prijs ${e.slug} 2026 is niet toegelaten`);
    expect(mail?.body_text).toContain("Deze persoon werkt niet bij de overheid.");
    expect(mail?.body_text).toContain("Niet Toegelaten");
    const audit = await getDb().selectFrom("audit_log").select("action").where("actor_id", "=", organizer.id).execute();
    expect(audit.map((a) => a.action)).toEqual(["nominee.reject"]);
  });

  it("an organizer approves through the queue and the action is audited", async () => {
    const e = await createEdition();
    const nominator = await createUser();
    const made = await nominatePerson(getDb(), asNominator(nominator), e.editionId, person(e.categoryIds[0]!), "nl");
    if (!made.ok) throw new Error("setup");
    const organizer = await createUser();
    await getDb()
      .insertInto("role_grant")
      .values({ user_id: organizer.id, role: "organizer", award_id: e.awardId, edition_id: null, book_project_id: null, granted_by: null })
      .execute();
    const cookie = await cookieFor(organizer.email);
    const res = await app.request(`/beheer/prijzen/${e.slug}/2026/moderatie`, {
      form: { nomineeId: made.value.nomineeId },
      headers: { cookie },
    });
    expect(res.status).toBe(302);
    expect(
      (await getDb().selectFrom("nominee").select("status").where("id", "=", made.value.nomineeId).executeTakeFirstOrThrow()).status,
    ).toBe("approved");
    const audit = await getDb()
      .selectFrom("audit_log")
      .select(["action", "before", "after"])
      .where("entity_id", "=", made.value.nomineeId)
      .execute();
    expect(audit).toEqual([{ action: "nominee.approve", before: { status: "pending" }, after: { status: "approved" } }]);
    const bogus = await app.request(`/beheer/prijzen/${e.slug}/2026/moderatie`, { form: { nomineeId: "not-a-uuid" }, headers: { cookie } });
    expect(bogus.status).toBe(400);
  });
});
