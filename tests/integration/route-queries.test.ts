import { createHash } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "~/db.server";
import { getAwardBySlug, listOrganizedEditions } from "~/modules/awards/edition.server";
import { getNomineeName } from "~/modules/awards/moderation.server";
import { listMyJuryRounds } from "~/modules/jury/jury.server";
import { hasPublishedResults, listEarlierResultYears } from "~/modules/results/public.server";
import { listAdvanced } from "~/modules/voting/round.server";
import { createBookProject } from "../setup/book-proposals";
import { createEdition, createUser } from "../setup/factories";
import { startTestServer, type TestServer } from "../setup/http";
import { addJuror, createJuryRound } from "../setup/jury";
import { createVoteRound, sessionFor } from "../setup/voting";

let app: TestServer;
beforeAll(async () => {
  app = await startTestServer();
});
afterAll(() => app.close());

/** An extra edition of an award (no categories or rounds). */
async function addEdition(awardId: string, year: number) {
  const row = await getDb().insertInto("edition").values({ award_id: awardId, year }).returning("id").executeTakeFirstOrThrow();
  return row.id;
}

/** A published results snapshot of an edition. */
async function publishSnapshot(editionId: string) {
  const body = JSON.stringify({ editionId });
  await getDb()
    .insertInto("result_snapshot")
    .values({ edition_id: editionId, version: 1, body, sha256: createHash("sha256").update(body).digest("hex") })
    .execute();
}

async function organizerOf(awardId: string) {
  const user = await createUser();
  await getDb()
    .insertInto("role_grant")
    .values({ user_id: user.id, role: "organizer", award_id: awardId, edition_id: null, book_project_id: null })
    .execute();
  return { user, cookie: await sessionFor(user.id) };
}

describe("who advanced from a round", () => {
  it("is listed by place for organizers; the public list leaves out a nominee who is no longer a candidate", async () => {
    const r = await createVoteRound({ categories: 1, candidatesPerCategory: 3, opensIn: -7200, closesIn: -60, advanceK: 3 });
    const other = await createVoteRound({ categories: 1, candidatesPerCategory: 1 });
    const categoryId = r.categoryIds[0]!;
    const [a, b, c] = r.candidates[categoryId]!;
    const db = getDb();
    await db
      .insertInto("round_advancement")
      .values([
        { round_id: r.roundId, nominee_id: a!, category_id: categoryId, place: 2, score: 5, decided_by: "rule" },
        { round_id: r.roundId, nominee_id: b!, category_id: categoryId, place: 1, score: 9, decided_by: "organizer", reason: "Gelijk" },
        { round_id: r.roundId, nominee_id: c!, category_id: categoryId, place: 3, score: 1, decided_by: "rule" },
        {
          round_id: other.roundId,
          nominee_id: other.candidates[other.categoryIds[0]!]![0]!,
          category_id: other.categoryIds[0]!,
          place: 1,
          score: 1,
          decided_by: "rule",
        },
      ])
      .execute();
    await db.updateTable("nominee").set({ consent_status: "declined" }).where("id", "=", c!).execute();

    const all = await listAdvanced(db, r.roundId, { candidatesOnly: false });
    expect(all.map((x) => [x.nominee_id, x.place, x.decided_by, x.reason])).toEqual([
      [b, 1, "organizer", "Gelijk"],
      [a, 2, "rule", null],
      [c, 3, "rule", null],
    ]);
    expect(all.every((x) => x.category_id === categoryId)).toBe(true);
    const pub = await listAdvanced(db, r.roundId, { candidatesOnly: true });
    expect(pub.map((x) => x.nominee_id)).toEqual([b, a]);
  });
});

describe("the organizer's ballot list names a candidate signal", () => {
  it("by the nominee's name within the edition, and never by a name from another edition", async () => {
    const r = await createVoteRound({ categories: 1, candidatesPerCategory: 1 });
    const own = r.candidates[r.categoryIds[0]!]![0]!;
    const foreign = await createEdition({ categories: 1 });
    const stranger = await getDb()
      .insertInto("nominee")
      .values({
        edition_id: foreign.editionId,
        category_id: foreign.categoryIds[0]!,
        kind: "person",
        name: "Vreemde Kandidaat",
        organisation: "Elders",
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    expect(await getNomineeName(getDb(), r.editionId, own)).toBe("Kandidaat A0");
    expect(await getNomineeName(getDb(), r.editionId, stranger.id)).toBeUndefined();

    const org = await organizerOf(r.awardId);
    const page = (key: string) =>
      app.request(`${r.adminBase}/stembiljetten?signaal=newAccounts&sleutel=${key}`, { headers: { cookie: org.cookie } });
    const named = await page(own);
    expect(named.status).toBe(200);
    expect(await named.text()).toContain("Kandidaat A0");
    const unnamed = await page(stranger.id);
    expect(unnamed.status).toBe(200);
    const html = await unnamed.text();
    expect(html).not.toContain("Vreemde Kandidaat");
    expect(html).toContain(stranger.id);
  });
});

describe("an organizer's awards", () => {
  it("lists only the awards they organize, editions newest first, and an award without editions once", async () => {
    const first = await createEdition();
    await addEdition(first.awardId, 2024);
    const empty = await getDb()
      .insertInto("award")
      .values({ slug: `leeg-${first.slug}`, name_nl: `Zonder edities ${first.slug}`, name_en: `No editions ${first.slug}` })
      .returning("id")
      .executeTakeFirstOrThrow();
    const notMine = await createEdition();
    const org = await organizerOf(first.awardId);
    await getDb()
      .insertInto("role_grant")
      .values({ user_id: org.user.id, role: "organizer", award_id: empty.id, edition_id: null, book_project_id: null })
      .execute();

    const rows = await listOrganizedEditions(getDb(), org.user.id);
    expect(rows.map((r) => [r.slug, r.year])).toEqual([
      [first.slug, 2026],
      [first.slug, 2024],
      [`leeg-${first.slug}`, null],
    ]);
    const html = await (await app.request("/beheer/prijzen", { headers: { cookie: org.cookie } })).text();
    // Each edition links to its control room.
    expect(html).toContain(`href="/beheer/prijzen/${first.slug}/2026"`);
    expect(html).toContain(`href="/beheer/prijzen/${first.slug}/2024"`);
    expect(html).toContain(`/beheer/prijzen/leeg-${first.slug}/nieuwe-editie`);
    expect(html).not.toContain(notMine.slug);

    expect(await getAwardBySlug(getDb(), first.slug)).toMatchObject({ id: first.awardId, slug: first.slug });
    expect(await getAwardBySlug(getDb(), "bestaat-niet")).toBeUndefined();
  });
});

describe("a juror's rounds", () => {
  it("lists the jury rounds of their editions while the jury role is granted", async () => {
    const f = await createJuryRound();
    const juror = await addJuror(f);
    expect(await listMyJuryRounds(getDb(), juror.user.id)).toEqual([
      expect.objectContaining({ slug: f.slug, year: 2026, position: f.juryPosition, round_nl: "Jurering", round_en: "Judging" }),
    ]);
    expect(await (await app.request("/jury", { headers: { cookie: juror.cookie } })).text()).toContain(`href="${f.juryBase}"`);

    await getDb().deleteFrom("role_grant").where("user_id", "=", juror.user.id).where("role", "=", "jury").execute();
    expect(await listMyJuryRounds(getDb(), juror.user.id)).toEqual([]);
    expect(await (await app.request("/jury", { headers: { cookie: juror.cookie } })).text()).not.toContain(f.juryBase);
  });
});

describe("an edition's pages", () => {
  it("link to the results and to earlier editions of the same award with published results, newest first", async () => {
    const e = await createEdition();
    const y2024 = await addEdition(e.awardId, 2024);
    const y2023 = await addEdition(e.awardId, 2023);
    await addEdition(e.awardId, 2025); // no results
    const elsewhere = await createEdition();
    for (const id of [y2023, y2024, elsewhere.editionId]) await publishSnapshot(id);

    expect(await hasPublishedResults(getDb(), e.editionId)).toBe(false);
    expect(await hasPublishedResults(getDb(), y2024)).toBe(true);
    expect(await listEarlierResultYears(getDb(), e.awardId, e.editionId)).toEqual([2024, 2023]);
    expect(await listEarlierResultYears(getDb(), e.awardId, y2024)).toEqual([2023]);

    const html = await (await app.request(`/prijzen/${e.slug}/2026`)).text();
    expect(html).toContain(`/prijzen/${e.slug}/2024/uitslag`);
    expect(html).toContain(`/prijzen/${e.slug}/2023/uitslag`);
    expect(html).not.toContain(`/prijzen/${e.slug}/2025/uitslag`);
    expect(html).not.toContain(`/prijzen/${e.slug}/2026/uitslag`);
    expect(html.indexOf(`/${e.slug}/2024/uitslag`)).toBeLessThan(html.indexOf(`/${e.slug}/2023/uitslag`));
    expect(await (await app.request(`/prijzen/${e.slug}/2024`)).text()).toContain(`/prijzen/${e.slug}/2024/uitslag`);
  });
});

describe("the sitemap", () => {
  it("lists editions and book projects with their pages", async () => {
    const e = await createEdition();
    const book = await createBookProject();
    const xml = await (await app.request("/sitemap.xml")).text();
    expect(xml).toContain(`/prijzen/${e.slug}/2026</loc>`);
    expect(xml).toContain(`/prijzen/${e.slug}/2026/kandidaten</loc>`);
    for (const path of ["", "/voordrachten", "/portretten"]) expect(xml).toContain(`/boek/${book.slug}${path}</loc>`);
  });
});
