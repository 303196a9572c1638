import { createHash } from "node:crypto";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "~/db.server";
import { listJurorRounds, listOpenVotes, listOrganizerAttention, navAreas, openWork } from "~/modules/home/open-work.server";
import { addAuthor, assignDirectly, createWritingProject } from "../setup/book-writing";
import { createUser, grantAdmin } from "../setup/factories";
import { startTestServer, type TestServer } from "../setup/http";
import { addJuror, createJuryRound } from "../setup/jury";
import { createVoteRound, sessionFor } from "../setup/voting";

// The open-work service behind the header's areas, "Mijn Lauwer" and /jury, on a real database. Other
// tests share the database, so every assertion looks only at what this test created.

let app: TestServer;
beforeAll(async () => {
  app = await startTestServer();
});
afterAll(() => app.close());

const asVoter = (u: { id: string; email: string }) => ({ id: u.id, email: u.email });

describe("the header's areas", () => {
  it("follow the person's grants, jury seats and authorship, and nothing else", async () => {
    const db = getDb();
    const nobody = await createUser();
    expect(await navAreas(db, nobody.id)).toEqual({ admin: false, manage: false, jury: false, edit: false, authorProject: null });

    const admin = await createUser();
    await grantAdmin(admin.id);
    expect(await navAreas(db, admin.id)).toMatchObject({ admin: true, manage: true, edit: true, jury: false });

    const f = await createJuryRound();
    expect(await navAreas(db, f.organizer.user.id)).toMatchObject({ admin: false, manage: true, jury: false, edit: false });
    const juror = await addJuror(f);
    expect(await navAreas(db, juror.user.id)).toMatchObject({ manage: false, jury: true });
    // A seat without the jury role (revoked) opens nothing.
    await db.deleteFrom("role_grant").where("user_id", "=", juror.user.id).where("role", "=", "jury").execute();
    expect((await navAreas(db, juror.user.id)).jury).toBe(false);

    const book = await createWritingProject({ portraits: 1 });
    expect(await navAreas(db, book.editor.id)).toMatchObject({ edit: true, manage: false, authorProject: null });
    const author = await addAuthor(book);
    expect(await navAreas(db, author.id)).toMatchObject({ authorProject: book.slug, edit: false });

    // The header shows them: a juror sees Jury, a visitor none of the areas.
    const header = await (await app.request("/", { headers: { cookie: f.organizer.cookie } })).text();
    expect(header).toContain('href="/beheer/prijzen"');
    expect(header).toContain('href="/mijn-lauwer"');
    expect(header).not.toContain('href="/jury"');
    const anonymous = await (await app.request("/")).text();
    expect(anonymous).not.toContain('href="/mijn-lauwer"');
    expect(anonymous).not.toContain('href="/beheer/prijzen"');
  });
});

describe("a juror's rounds", () => {
  it("say open, waiting or closed with the deadline and how many candidates are scored, recusals not counted; open first", async () => {
    const db = getDb();
    const f = await createJuryRound(); // open, 2 categories × 3 candidates, 2 criteria
    const juror = await addJuror(f);
    const round = (position: number, name: string, opens: string, closes: string) => ({
      edition_id: f.editionId,
      position,
      kind: "jury" as const,
      name_nl: name,
      name_en: name,
      opens_at: sql<Date>`now() + ${sql.raw(`interval '${opens}'`)}`,
      closes_at: sql<Date>`now() + ${sql.raw(`interval '${closes}'`)}`,
      source: "all" as const,
      advancement: "none" as const,
    });
    // A round that has not opened yet, and one that closed (inserted closed: a window is not moved back).
    await db
      .insertInto("round")
      .values([round(3, "Finale", "2 days", "3 days"), round(4, "Voorronde", "-3 days", "-1 day")])
      .execute();

    let rounds = await listJurorRounds(db, juror.user.id, "nl");
    expect(rounds.map((r) => [r.name, r.state, r.done, r.expected])).toEqual([
      ["Jurering", "open", 0, 6],
      ["Finale", "waiting", 0, 0],
      ["Voorronde", "closed", 0, 6],
    ]);
    expect(rounds[0]!.href).toBe(f.juryBase);
    expect(rounds[0]!.closesAt).not.toBeNull();

    // One sheet complete (both criteria), one half done, one recused.
    const [a, b, c] = f.candidates[f.categoryIds[0]!]!;
    const [impact, together] = f.criteria;
    await db
      .insertInto("jury_score")
      .values([
        { round_id: f.juryRoundId, juror_id: juror.user.id, nominee_id: a!, criterion_id: impact!.id, score: 7 },
        { round_id: f.juryRoundId, juror_id: juror.user.id, nominee_id: a!, criterion_id: together!.id, score: 4 },
        { round_id: f.juryRoundId, juror_id: juror.user.id, nominee_id: b!, criterion_id: impact!.id, score: 6 },
      ])
      .execute();
    await db
      .insertInto("jury_conflict")
      .values({ round_id: f.juryRoundId, juror_id: juror.user.id, nominee_id: c!, reason: "Collega" })
      .execute();
    rounds = await listJurorRounds(db, juror.user.id, "nl");
    expect(rounds[0]).toMatchObject({ state: "open", done: 1, expected: 5 });

    // /jury shows the state and the progress; "Mijn Lauwer" only the rounds still to do.
    const page = await (await app.request("/jury", { headers: { cookie: juror.cookie } })).text();
    expect(page).toContain("1 van 5 kandidaten beoordeeld");
    expect(page).toContain("Gesloten");
    const mine = await openWork(db, asVoter({ id: juror.user.id, email: juror.user.email }), "nl");
    expect(mine.jury.map((r) => r.state)).toEqual(["open", "waiting"]);
  });
});

describe("open votes", () => {
  it("list open rounds the account may vote in, straight to the ballot when there is one category", async () => {
    const db = getDb();
    const two = await createVoteRound({ categories: 2 });
    const one = await createVoteRound({ categories: 1 });
    const closed = await createVoteRound({ categories: 1, opensIn: -7200, closesIn: -60 });
    const upcoming = await createVoteRound({ categories: 1, opensIn: 3600, closesIn: 7200 });
    const domains = await createVoteRound({ categories: 1, eligibility: "domains", domains: ["gemeente.nl"] });
    const voter = await createUser();

    const mine = (list: Awaited<ReturnType<typeof listOpenVotes>>) =>
      list.filter((v) => [two, one, closed, upcoming, domains].some((r) => v.href.startsWith(r.base)));
    let votes = mine(await listOpenVotes(db, asVoter(voter), "nl"));
    expect(votes.map((v) => v.href).sort()).toEqual([two.base, `${one.base}/${one.categories[0]!.slug}`].sort());
    expect(votes.every((v) => v.voted === 0 && v.closesAt !== null)).toBe(true);

    // An unverified account cannot vote yet: nothing is offered.
    expect(mine(await listOpenVotes(db, asVoter(await createUser({ verified: false })), "nl"))).toEqual([]);
    // The right domain opens the domain-restricted round.
    const civil = await createUser({ email: `ambtenaar-${Date.now()}@gemeente.nl` });
    expect(mine(await listOpenVotes(db, asVoter(civil), "nl")).map((v) => v.href)).toContain(
      `${domains.base}/${domains.categories[0]!.slug}`,
    );

    // A cast ballot is counted per category.
    await db.transaction().execute(async (trx) => {
      const ballot = await trx
        .insertInto("ballot")
        .values({
          round_id: two.roundId,
          edition_id: two.editionId,
          category_id: two.categoryIds[0]!,
          voter_id: voter.id,
          receipt_code: `T${Date.now().toString(36).toUpperCase()}`.slice(0, 14),
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      await trx
        .insertInto("ballot_choice")
        .values({ ballot_id: ballot.id, category_id: two.categoryIds[0]!, nominee_id: two.candidates[two.categoryIds[0]!]![0]!, rank: 1 })
        .execute();
    });
    votes = mine(await listOpenVotes(db, asVoter(voter), "nl"));
    expect(votes.find((v) => v.href === two.base)).toMatchObject({ categories: 2, voted: 1 });

    // "Mijn Lauwer" offers the button with the closing date.
    const cookie = await sessionFor(voter.id);
    const html = await (await app.request("/mijn-lauwer", { headers: { cookie } })).text();
    expect(html).toContain(`href="${one.base}/${one.categories[0]!.slug}"`);
    expect(html).toMatch(/Stem nu — sluit \d{1,2} \w+/);
  });
});

describe("editions that need the organizer", () => {
  it("list running editions with their most urgent action; an edition with published results drops out", async () => {
    const db = getDb();
    const f = await createJuryRound();
    await db
      .insertInto("nominee")
      .values({ edition_id: f.editionId, category_id: f.categoryIds[0]!, kind: "person", name: "Nog te beoordelen" })
      .execute();
    const slug = `/beheer/prijzen/${f.slug}/2026`;
    let list = await listOrganizerAttention(db, f.organizer.user.id, "nl");
    const entry = list.find((e) => e.href === slug);
    expect(entry?.count).toBeGreaterThanOrEqual(1);
    expect(list.flatMap((e) => e.href)).toEqual([slug]);
    expect(entry!.first.key).toBe("moderate");

    const body = JSON.stringify({ editionId: f.editionId });
    await db
      .insertInto("result_snapshot")
      .values({ edition_id: f.editionId, version: 1, body, sha256: createHash("sha256").update(body).digest("hex") })
      .execute();
    list = await listOrganizerAttention(db, f.organizer.user.id, "nl");
    expect(list).toEqual([]);
  });
});

describe("portraits due", () => {
  it("list an author's portraits to write, with the project and due date", async () => {
    const book = await createWritingProject({ portraits: 2 });
    const author = await addAuthor(book, 2);
    await assignDirectly(book, book.portraits[0]!, author.id);
    const work = await openWork(getDb(), { id: author.id, email: author.email }, "nl");
    expect(work.portraits).toEqual([
      expect.objectContaining({ href: `/boek/${book.slug}/mijn-portretten/${book.portraits[0]}`, status: "assigned" }),
    ]);
    expect(work.portraits[0]!.dueAt).not.toBeNull();
    const html = await (await app.request("/mijn-lauwer", { headers: { cookie: author.cookie } })).text();
    expect(html).toContain("Portretten om te schrijven");
    expect(html).not.toContain("Er staat nu niets voor je open.");

    // An account that cannot vote yet (not verified) and has no other work.
    const idle = await createUser({ verified: false });
    const empty = await (await app.request("/mijn-lauwer", { headers: { cookie: await sessionFor(idle.id) } })).text();
    expect(empty).toContain("Er staat nu niets voor je open.");
  });
});
