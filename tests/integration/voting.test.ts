import pg from "pg";
import { sql } from "kysely";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "~/db.server";
import { castBallot, checkReceipt, firstBallotSql, newReceiptCode, type CastInput } from "~/modules/voting/ballot.server";
import { fraudSignals, listBallots, voidBallots } from "~/modules/voting/fraud.server";
import { inviteVoters, parseInviteCsv } from "~/modules/voting/invite.server";
import {
  candidateSource,
  decideTie,
  ensureAdvanced,
  liveControl,
  loadVotingRound,
  publishResults,
  rankedResults,
  totalsVisible,
} from "~/modules/voting/round.server";
import { createUser, grantAdmin, lastMailTo, uniqueEmail } from "../setup/factories";
import { startTestServer, type TestServer } from "../setup/http";
import { createdRounds, createVoteRound, createVoters, rowCounts, sessionFor, talliesInHtml, type VoteRound } from "../setup/voting";

let app: TestServer;
beforeAll(async () => {
  app = await startTestServer();
});
afterAll(() => app.close());
// Rate-limit counters are shared by every request from 127.0.0.1; tests measure their own limits.
// Drift 0 after every test: for every round it touched, the rows counted per candidate equal the
// organizer's tally, and the public results page whenever it shows totals.
afterEach(async () => {
  await getDb().deleteFrom("rate_limit").execute();
  for (const r of createdRounds.splice(0)) {
    const { cookie } = await organizerOf(r);
    const round = await loadVotingRound(getDb(), r.editionId, String(r.position));
    await expectNoDrift(r, cookie, totalsVisible(round));
  }
});

type Voter = Awaited<ReturnType<typeof createUser>>;
/** Opened rounds are locked (even their closing time): tests that need a closed round give it a short window and wait. */
async function closeRound(r: VoteRound) {
  for (;;) {
    const row = await sql<{ closed: boolean }>`select closes_at <= now() as closed from round where id = ${r.roundId}`.execute(getDb());
    if (row.rows[0]!.closed) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
const unverified = new Set<string>();
const asVoter = (u: Voter) => ({
  id: u.id,
  email: u.email,
  name: u.name,
  locale: "nl" as const,
  emailVerified: !unverified.has(u.id),
});

async function cast(r: VoteRound, u: Voter, choices: string[], categoryIndex = 0) {
  const round = await loadVotingRound(getDb(), r.editionId, String(r.position));
  const input: CastInput = {
    round,
    sourceRoundId: await candidateSource(getDb(), round),
    categoryId: r.categoryIds[categoryIndex]!,
    voter: asVoter(u),
    choices,
    ip: "192.0.2.10",
    device: null,
    mail: { award: "Prijs", category: "Categorie", link: "http://localhost:3000/mijn-stemmen" },
  };
  return castBallot(getDb(), input);
}

async function ballotsOf(roundId: string) {
  return getDb().selectFrom("ballot").selectAll().where("round_id", "=", roundId).execute();
}

/** Drift 0: rows per candidate = the public results page = the organizer's view. */
async function expectNoDrift(r: VoteRound, organizerCookie: string, publicVisible: boolean) {
  const rows = await rowCounts(r.roundId);
  const expected = new Map<string, number>();
  for (const ids of Object.values(r.candidates)) for (const id of ids) expected.set(id, rows.get(id) ?? 0);
  const organizer = await app.request(r.adminBase, { headers: { cookie: organizerCookie } });
  expect(organizer.status).toBe(200);
  expect(talliesInHtml(await organizer.text())).toEqual(expected);
  if (publicVisible) {
    const page = await app.request(r.base);
    expect(talliesInHtml(await page.text())).toEqual(expected);
  }
}

async function organizerOf(r: VoteRound) {
  const u = await createUser();
  await getDb()
    .insertInto("role_grant")
    .values({ user_id: u.id, role: "organizer", award_id: r.awardId, edition_id: null, book_project_id: null })
    .execute();
  return { user: u, cookie: await sessionFor(u.id) };
}

describe("the database enforces one ballot per voter per round per category", () => {
  it("has the unique constraint, and refuses a second ballot written straight in SQL", async () => {
    const c = await sql<{ def: string }>`
      select pg_get_constraintdef(oid) as def from pg_constraint where conname = 'ballot_one_per_voter'`.execute(getDb());
    expect(c.rows[0]?.def).toBe("UNIQUE (round_id, category_id, voter_id)");
    const r = await createVoteRound();
    const u = await createUser();
    expect(await cast(r, u, [r.candidates[r.categoryIds[0]!]![0]!])).toMatchObject({ ok: true, value: { version: 1 } });
    await expect(
      getDb()
        .insertInto("ballot")
        .values({
          round_id: r.roundId,
          edition_id: r.editionId,
          category_id: r.categoryIds[0]!,
          voter_id: u.id,
          receipt_code: newReceiptCode(),
        })
        .execute(),
    ).rejects.toMatchObject({ code: "23505", constraint: "ballot_one_per_voter" });
  });

  it("refuses a ballot without choices or with more than the round allows, at commit", async () => {
    const r = await createVoteRound({ mode: "approval", max: 2 });
    const u = await createUser();
    const [a, b, c] = r.candidates[r.categoryIds[0]!]!;
    const insertWith = (choices: string[]) =>
      getDb()
        .transaction()
        .execute(async (trx) => {
          const ballot = await trx
            .insertInto("ballot")
            .values({
              round_id: r.roundId,
              edition_id: r.editionId,
              category_id: r.categoryIds[0]!,
              voter_id: u.id,
              receipt_code: newReceiptCode(),
            })
            .returning("id")
            .executeTakeFirstOrThrow();
          if (choices.length)
            await trx
              .insertInto("ballot_choice")
              .values(choices.map((nominee_id, i) => ({ ballot_id: ballot.id, category_id: r.categoryIds[0]!, nominee_id, rank: i + 1 })))
              .execute();
        });
    await expect(insertWith([])).rejects.toMatchObject({ constraint: "ballot_choices" });
    await expect(insertWith([a!, b!, c!])).rejects.toMatchObject({ constraint: "ballot_choices" });
    // A nominee of another category cannot be chosen (composite foreign key).
    await expect(insertWith([r.candidates[r.categoryIds[1]!]![0]!])).rejects.toMatchObject({ code: "23503" });
    expect(await ballotsOf(r.roundId)).toHaveLength(0);
  });
});

describe("casting a ballot", () => {
  it("casts once, answers a second attempt clearly (the same choices: the stored ballot), and mails the receipt once", async () => {
    const r = await createVoteRound();
    const u = await createUser();
    const [a, b] = r.candidates[r.categoryIds[0]!]!;
    const first = await cast(r, u, [a!]);
    expect(first).toMatchObject({ ok: true, value: { version: 1 } });
    expect(await cast(r, u, [b!])).toEqual({ ok: false, status: 409, error: "voting.errors.alreadyVoted" });
    // The same choices again are the same ballot (a voter whose first answer was lost sees it stored):
    // its receipt, nothing written, no second mail.
    expect(await cast(r, u, [a!])).toEqual({
      ok: true,
      value: { unchanged: true, version: 1, receiptCode: first.ok && first.value.receiptCode },
    });
    const receipts = await getDb()
      .selectFrom("outbox_email")
      .select("id")
      .where("to_address", "=", u.email)
      .where("template", "=", "ballotReceipt")
      .execute();
    expect(receipts).toHaveLength(1);
    const ballots = await ballotsOf(r.roundId);
    expect(ballots).toHaveLength(1);
    expect(ballots[0]!.receipt_code).toBe(first.ok && first.value.receiptCode);
    const mail = await lastMailTo(u.email);
    expect(mail?.body_text).toContain(first.ok ? first.value.receiptCode : "?");
    // Another category is another ballot.
    expect(await cast(r, u, [r.candidates[r.categoryIds[1]!]![0]!], 1)).toMatchObject({ ok: true });
  });

  it("refuses choices that are not candidates of the round in that category, writing nothing", async () => {
    const r = await createVoteRound();
    const other = await createVoteRound();
    const u = await createUser();
    const pending = await getDb()
      .insertInto("nominee")
      .values({ edition_id: r.editionId, category_id: r.categoryIds[0]!, kind: "person", name: "Nog niet toegelaten", status: "pending" })
      .returning("id")
      .executeTakeFirstOrThrow();
    for (const choice of [
      pending.id,
      r.candidates[r.categoryIds[1]!]![0]!,
      other.candidates[other.categoryIds[0]!]![0]!,
      "00000000-0000-0000-0000-000000000000",
    ]) {
      expect(await cast(r, u, [choice])).toEqual({ ok: false, status: 400, error: "voting.errors.invalidChoice" });
    }
    expect(await ballotsOf(r.roundId)).toHaveLength(0);
    expect(await lastMailTo(u.email)).toBeUndefined();
  });

  it("keeps every change in the history when the round allows changes; the last ballot counts", async () => {
    const r = await createVoteRound({ allowChange: true, closesIn: 3 });
    const u = await createUser();
    const [a, b] = r.candidates[r.categoryIds[0]!]!;
    const first = await cast(r, u, [a!]);
    const same = await cast(r, u, [a!]);
    expect(same).toMatchObject({ ok: true, value: { unchanged: true, version: 1 } });
    const second = await cast(r, u, [b!]);
    expect(second).toMatchObject({ ok: true, value: { version: 2 } });
    const [ballot] = await ballotsOf(r.roundId);
    const revisions = await getDb()
      .selectFrom("ballot_revision")
      .selectAll()
      .where("ballot_id", "=", ballot!.id)
      .orderBy("version")
      .execute();
    expect(revisions.map((v) => [v.version, v.choices])).toEqual([
      [1, [a]],
      [2, [b]],
    ]);
    expect((await rowCounts(r.roundId)).get(b!)).toBe(1);
    expect((await rowCounts(r.roundId)).get(a!)).toBeUndefined();
    // History is append-only.
    await expect(
      getDb()
        .updateTable("ballot_revision")
        .set({ choices: [b!] })
        .where("ballot_id", "=", ballot!.id)
        .execute(),
    ).rejects.toMatchObject({
      code: "42501",
    });
    // Receipts: the old one is superseded, the new one received, then counted once published.
    const oldCode = first.ok ? first.value.receiptCode : "";
    const newCode = second.ok ? second.value.receiptCode : "";
    expect((await checkReceipt(getDb(), oldCode, "nl")).status).toBe("superseded");
    expect((await checkReceipt(getDb(), newCode.toLowerCase().replace(/-/g, " "), "nl")).status).toBe("received");
    expect((await checkReceipt(getDb(), "AAAA-BBBB-CCCC", "nl")).status).toBe("unknown");
    expect((await checkReceipt(getDb(), "not a code", "nl")).status).toBe("unknown");
    await closeRound(r);
    expect(await publishResults(getDb(), { actorId: null }, r.roundId)).toEqual({ ok: true });
    expect((await checkReceipt(getDb(), newCode, "nl")).status).toBe("counted");
    // The public check says whether it counts, never what was chosen.
    const page = await app.request(`/stembewijs?code=${encodeURIComponent(newCode)}`);
    const html = await page.text();
    expect(html).toContain("telt mee in de gepubliceerde uitslag");
    expect(html).not.toContain("Kandidaat");
  });

  it("validates approval and ranked ballots and counts ranked ones as Borda points", async () => {
    const r = await createVoteRound({ mode: "ranked", max: 3 });
    const [a, b, c] = r.candidates[r.categoryIds[0]!]!;
    expect(await cast(r, await createUser(), [a!, b!, c!])).toMatchObject({ ok: true });
    expect(await cast(r, await createUser(), [b!, a!])).toMatchObject({ ok: true });
    const round = await loadVotingRound(getDb(), r.editionId, "1");
    const [cat] = await rankedResults(getDb(), round, [{ id: r.categoryIds[0]!, slug: "cat-0", name: "Categorie 0" }]);
    const byId = new Map(cat!.rows.map((x) => [x.nomineeId, x]));
    expect([byId.get(a!)!.points, byId.get(b!)!.points, byId.get(c!)!.points]).toEqual([3 + 2, 2 + 3, 1]);
    expect(byId.get(a!)!.tied && byId.get(b!)!.tied).toBe(true);
    expect(cat!.rows.map((x) => x.place)).toEqual([1, 1, 3, 4]);
  });

  it("answers bad form input through the HTTP action with a translated error and no ballot", async () => {
    const r = await createVoteRound({ mode: "approval", max: 2 });
    const u = await createUser();
    const cookie = await sessionFor(u.id);
    const page = `${r.base}/${r.categories[0]!.slug}`;
    const [a, b, c] = r.candidates[r.categoryIds[0]!]!;
    const bad: Array<Record<string, string>> = [
      { intent: "cast", choices: "" },
      { intent: "cast", choices: "nonsense" },
      { intent: "cast", choices: `${a},${a}` },
      { intent: "cast", choices: `${a},${b},${c}` },
      { intent: "cast", choices: r.candidates[r.categoryIds[1]!]![0]! },
      { intent: "steal", choices: a! },
      { intent: "review" },
      { intent: "review", [`choice-${a}`]: "on", [`choice-${b}`]: "on", [`choice-${c}`]: "on" },
      { intent: "cast", choices: `${a}\u0000` },
    ];
    for (const form of bad) {
      const res = await app.request(page, { form, headers: { cookie } });
      expect(res.status, JSON.stringify(form)).toBe(400);
    }
    expect(await ballotsOf(r.roundId)).toHaveLength(0);
    const review = await app.request(page, {
      form: { intent: "review", [`choice-${b}`]: "on", [`choice-${a}`]: "on" },
      headers: { cookie },
    });
    expect(review.status).toBe(200);
    const html = await review.text();
    expect(html).toContain("Controleer je stem");
    expect(await ballotsOf(r.roundId)).toHaveLength(0); // reviewing writes nothing
    const ok = await app.request(page, { form: { intent: "cast", choices: `${a},${b}` }, headers: { cookie } });
    expect(ok.status).toBe(303);
    const again = await app.request(page, { form: { intent: "cast", choices: `${a}` }, headers: { cookie } });
    expect(again.status).toBe(409);
    expect(await again.text()).toContain("voting.errors.alreadyVoted");
    // A visitor is sent to log in; nothing is written.
    const anon = await app.request(page, { form: { intent: "cast", choices: `${a}` } });
    expect(anon.status).toBe(302);
    expect(anon.headers.get("location")).toContain("/inloggen");
    expect(await ballotsOf(r.roundId)).toHaveLength(1);
  });

  it("rate-limits ballot submissions per account with 429 and Retry-After", async () => {
    const r = await createVoteRound({ allowChange: true });
    const u = await createUser();
    const cookie = await sessionFor(u.id);
    const page = `${r.base}/${r.categories[0]!.slug}`;
    const ids = r.candidates[r.categoryIds[0]!]!;
    const statuses: number[] = [];
    for (let i = 0; i < 21; i++) {
      const res = await app.request(page, { form: { intent: "cast", choices: ids[i % ids.length]! }, headers: { cookie } });
      statuses.push(res.status);
      if (res.status === 429) {
        expect(Number(res.headers.get("retry-after"))).toBeGreaterThan(0);
        expect(await res.text()).toContain("voting.errors.rateLimited");
      }
    }
    expect(statuses.slice(0, 20).every((s) => s === 303)).toBe(true);
    expect(statuses[20]).toBe(429);
    const [ballot] = await ballotsOf(r.roundId);
    expect(ballot!.version).toBe(20);
  });
});

describe("the window is judged by the database clock", () => {
  it("refuses ballots before opening and after closing", async () => {
    const early = await createVoteRound({ opensIn: 3600, closesIn: 7200 });
    const late = await createVoteRound({ opensIn: -7200, closesIn: -1 });
    const u = await createUser();
    expect(await cast(early, u, [early.candidates[early.categoryIds[0]!]![0]!])).toEqual({
      ok: false,
      status: 409,
      error: "voting.errors.closed",
    });
    expect(await cast(late, u, [late.candidates[late.categoryIds[0]!]![0]!])).toEqual({
      ok: false,
      status: 409,
      error: "voting.errors.closed",
    });
  });

  it("counts the commit instant: a ballot sent before close whose transaction commits after close is refused", async () => {
    const r = await createVoteRound({ closesIn: 2 });
    const [inTime, tooLate] = [await createUser(), await createUser()];
    const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await client.connect();
    const statement = (voter: Voter) =>
      firstBallotSql({
        roundId: r.roundId,
        categoryId: r.categoryIds[0]!,
        voterId: voter.id,
        sourceRoundId: null,
        choices: [r.candidates[r.categoryIds[0]!]![0]!],
        receipt: newReceiptCode(),
        ip: null,
        device: null,
        mail: { to: voter.email, locale: "nl", subject: "s", body: "b" },
      }).compile(getDb());
    try {
      // Committed before close: counts.
      const q1 = statement(inTime);
      await client.query("begin");
      expect((await client.query(q1.sql, q1.parameters as unknown[])).rows[0].ballot_id).toBeTruthy();
      await client.query("commit");
      // Accepted by the statement before close, committed after: refused by the deferred trigger.
      const q2 = statement(tooLate);
      await client.query("begin");
      expect((await client.query(q2.sql, q2.parameters as unknown[])).rows[0].ballot_id).toBeTruthy();
      await client.query("select pg_sleep(2.5)");
      await expect(client.query("commit")).rejects.toMatchObject({ code: "23514", constraint: "ballot_window" });
    } finally {
      await client.end();
    }
    const ballots = await ballotsOf(r.roundId);
    expect(ballots.map((b) => b.voter_id)).toEqual([inTime.id]);
  });
});

describe("eligibility", () => {
  it("needs a verified account", async () => {
    const r = await createVoteRound();
    const u = await createUser({ verified: false });
    unverified.add(u.id);
    expect(await cast(r, u, [r.candidates[r.categoryIds[0]!]![0]!])).toEqual({
      ok: false,
      status: 403,
      error: "voting.errors.notEligible",
    });
    const page = await app.request(`${r.base}/${r.categories[0]!.slug}`, { headers: { cookie: await sessionFor(u.id) } });
    expect(await page.text()).toContain("Bevestig eerst je e-mailadres");
  });

  it("admits e-mail domains and their subdomains only", async () => {
    const r = await createVoteRound({ eligibility: "domains", domains: ["rijksoverheid.nl"] });
    const choice = [r.candidates[r.categoryIds[0]!]![0]!];
    expect(await cast(r, await createUser({ email: uniqueEmail("a").replace("example.nl", "rijksoverheid.nl") }), choice)).toMatchObject({
      ok: true,
    });
    expect(
      await cast(r, await createUser({ email: uniqueEmail("b").replace("example.nl", "minbzk.rijksoverheid.nl") }), choice),
    ).toMatchObject({
      ok: true,
    });
    const outsider = await createUser({ email: uniqueEmail("c").replace("example.nl", "nietrijksoverheid.nl") });
    expect(await cast(r, outsider, choice)).toEqual({ ok: false, status: 403, error: "voting.errors.notEligible" });
    const page = await app.request(`${r.base}/${r.categories[0]!.slug}`, { headers: { cookie: await sessionFor(outsider.id) } });
    expect(await page.text()).toContain("toegelaten organisatie");
  });

  it("admits invitees from an uploaded CSV, mails them, and no one else", async () => {
    const r = await createVoteRound({ eligibility: "invite" });
    const invited = await createUser();
    const other = await createUser();
    expect(parseInviteCsv("naam;e-mail\nA;niet-een-adres\n")).toMatchObject({
      ok: false,
      status: 400,
      error: "voting.errors.csvLine",
      params: { line: 2 },
    });
    expect(parseInviteCsv("")).toMatchObject({ ok: false, error: "voting.errors.csvEmpty" });
    expect(parseInviteCsv("a,b\nc,d\n")).toMatchObject({ ok: false, error: "voting.errors.csvColumn" });
    const { cookie } = await organizerOf(r);
    const form = new FormData();
    form.set(
      "file",
      new Blob([`Naam,E-mail\nIn Vitee,${invited.email.toUpperCase()}\nZelfde,${invited.email}\n`], { type: "text/csv" }),
      "lijst.csv",
    );
    const res = await app.request(`${r.adminBase}?intent=invite`, { method: "POST", body: form, headers: { cookie } });
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toContain("toegevoegd=1");
    expect((await lastMailTo(invited.email))?.subject).toContain("Uitnodiging om te stemmen");
    expect(
      await inviteVoters(getDb(), { actorId: null }, { id: r.roundId }, [invited.email], {
        award: "x",
        round: "y",
        link: "z",
        locale: "nl",
      }),
    ).toEqual({
      added: 0,
      existing: 1,
    });
    const choice = [r.candidates[r.categoryIds[0]!]![0]!];
    expect(await cast(r, invited, choice)).toMatchObject({ ok: true });
    expect(await cast(r, other, choice)).toEqual({ ok: false, status: 403, error: "voting.errors.notEligible" });
    // A malformed file changes nothing and says which line is wrong.
    const bad = new FormData();
    bad.set("file", new Blob(["email\ngoed@example.nl\nfout\n"], { type: "text/csv" }), "fout.csv");
    const refused = await app.request(`${r.adminBase}?intent=invite`, { method: "POST", body: bad, headers: { cookie } });
    expect(refused.status).toBe(400);
    expect(await getDb().selectFrom("round_invite").select("email").where("round_id", "=", r.roundId).execute()).toHaveLength(1);
  });
});

describe("visibility of totals", () => {
  it("keeps running totals out of every public loader until results are published", async () => {
    const r = await createVoteRound({ closesIn: 4 });
    const [a, b] = r.candidates[r.categoryIds[0]!]!;
    // B gets more votes than A, yet lists stay alphabetical and no page carries a count.
    for (let i = 0; i < 3; i++) await cast(r, await createUser(), [b!]);
    await cast(r, await createUser(), [a!]);
    const voter = await createUser();
    const cookie = await sessionFor(voter.id);
    const paths = [
      `${r.base}.data`,
      `${r.base}/${r.categories[0]!.slug}.data`,
      `/prijzen/${r.slug}/2026/kandidaten.data`,
      `/prijzen/${r.slug}/2026/kandidaten/${b}.data`,
      `/prijzen/${r.slug}/2026.data`,
    ];
    for (const p of paths) {
      const res = await app.request(p, { headers: { cookie } });
      expect(res.status, p).toBe(200);
      const body = await res.text();
      expect(body.match(/"(votes|points|ballots|first|results|tally)"/)?.[0], p).toBeUndefined();
    }
    const html = await (await app.request(`${r.base}/${r.categories[0]!.slug}`, { headers: { cookie } })).text();
    expect(html.indexOf("Kandidaat A0")).toBeLessThan(html.indexOf("Kandidaat B0"));
    expect(talliesInHtml(await (await app.request(r.base)).text()).size).toBe(0);
    // Not yet closed: publishing is refused.
    expect(await publishResults(getDb(), { actorId: null }, r.roundId)).toEqual({
      ok: false,
      status: 409,
      error: "voting.errors.notClosed",
    });
    const { cookie: organizer } = await organizerOf(r);
    await expectNoDrift(r, organizer, false);
    await closeRound(r);
    const published = await app.request(`${r.adminBase}?intent=publish`, { method: "POST", headers: { cookie: organizer } });
    expect(published.status).toBe(303);
    expect(await getDb().selectFrom("audit_log").select("action").where("entity_id", "=", r.roundId).execute()).toContainEqual({
      action: "round.publish",
    });
    await expectNoDrift(r, organizer, true);
    expect(talliesInHtml(await (await app.request(r.base)).text()).get(b!)).toBe(3);
  });

  it("shows totals live when the round says so", async () => {
    const r = await createVoteRound({ showLiveTotals: true });
    await cast(r, await createUser(), [r.candidates[r.categoryIds[0]!]![1]!]);
    const { cookie } = await organizerOf(r);
    await expectNoDrift(r, cookie, true);
  });
});

describe("fraud signals and voiding", () => {
  it("flags many accounts from one IP and a shared device, and voids ballots with a reason, excluded from tallies", async () => {
    const r = await createVoteRound();
    const { user: organizer, cookie } = await organizerOf(r);
    const [a, b] = r.candidates[r.categoryIds[0]!]!;
    const round = await loadVotingRound(getDb(), r.editionId, "1");
    for (let i = 0; i < 12; i++) {
      const u = await createUser();
      const res = await castBallot(getDb(), {
        round,
        sourceRoundId: null,
        categoryId: r.categoryIds[0]!,
        voter: asVoter(u),
        choices: [i < 10 ? a! : b!],
        ip: "203.0.113.7",
        device: i < 4 ? "d".repeat(32) : null,
        mail: { award: "x", category: "y", link: "z" },
      });
      expect(res.ok).toBe(true);
    }
    const signals = await fraudSignals(getDb(), r.roundId);
    expect(signals.find((s) => s.kind === "ip")).toMatchObject({ key: "203.0.113.7", accounts: 12 });
    expect(signals.find((s) => s.kind === "device")).toMatchObject({ accounts: 4 });
    // Every voter of this round registered minutes before voting (ten of them for A): with nobody
    // established to compare with, that is how this round's voters are, not a burst. (A burst
    // against a baseline of established voters is flagged: organizer-screens.test.ts.)
    expect(signals.find((s) => s.kind === "newAccounts")).toBeUndefined();
    const page = await app.request(r.adminBase, { headers: { cookie } });
    expect(await page.text()).toContain("203.0.113.7");

    const listed = await listBallots(getDb(), r.roundId, { kind: "device", key: "d".repeat(32), page: 1 });
    expect(listed.total).toBe(4);
    const form: Record<string, string> = { reason: "Vier accounts op één apparaat" };
    for (const row of listed.rows) form[`ballot-${row.id}`] = "on";
    const res = await app.request(`${r.adminBase}/stembiljetten?signaal=device&sleutel=${"d".repeat(32)}`, { form, headers: { cookie } });
    expect(res.status).toBe(303);
    const ballots = await ballotsOf(r.roundId);
    expect(ballots).toHaveLength(12); // voided ballots stay
    expect(ballots.filter((x) => x.voided_at !== null)).toHaveLength(4);
    expect((await rowCounts(r.roundId)).get(a!)).toBe(6);
    const audit = await getDb()
      .selectFrom("audit_log")
      .selectAll()
      .where("action", "=", "ballot.void")
      .where("entity_id", "=", r.roundId)
      .execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]!.actor_id).toBe(organizer.id);
    await expectNoDrift(r, cookie, false);
    // A reason is required; ballots of another round are never touched.
    const other = await createVoteRound();
    const otherVoter = await createUser();
    await cast(other, otherVoter, [other.candidates[other.categoryIds[0]!]![0]!]);
    const [otherBallot] = await ballotsOf(other.roundId);
    expect(
      (await app.request(`${r.adminBase}/stembiljetten`, { form: { reason: "", [`ballot-${ballots[5]!.id}`]: "on" }, headers: { cookie } }))
        .status,
    ).toBe(400);
    expect(await voidBallots(getDb(), { actorId: organizer.id }, r.roundId, [otherBallot!.id], "niet van deze ronde")).toBe(0);
    // A voided voter cannot change their way back in.
    const voidedVoter = ballots.find((x) => x.voided_at !== null)!.voter_id!;
    const changeRound = { ...round, allow_change: true };
    const again = await castBallot(getDb(), {
      round: changeRound,
      sourceRoundId: null,
      categoryId: r.categoryIds[0]!,
      voter: { id: voidedVoter, email: "x@example.nl", name: "x", locale: "nl", emailVerified: true },
      choices: [b!],
      ip: null,
      device: null,
      mail: { award: "x", category: "y", link: "z" },
    });
    expect(again).toEqual({ ok: false, status: 409, error: "voting.errors.voided" });
  });

  it("denies organizer pages and actions to anyone but the award's organizers", async () => {
    const r = await createVoteRound();
    const member = await sessionFor((await createUser()).id);
    const otherOrganizer = await organizerOf(await createVoteRound());
    for (const cookie of [member, otherOrganizer.cookie]) {
      expect((await app.request(r.adminBase, { headers: { cookie } })).status).toBe(403);
      expect((await app.request(`${r.adminBase}/stembiljetten`, { headers: { cookie } })).status).toBe(403);
      expect((await app.request(`${r.adminBase}?intent=publish`, { method: "POST", headers: { cookie } })).status).toBe(403);
      expect((await app.request(`${r.adminBase}/stembiljetten`, { form: { reason: "zomaar" }, headers: { cookie } })).status).toBe(403);
    }
    expect((await app.request(r.adminBase)).status).toBe(302);
  });
});

describe("live vote", () => {
  it("opens and closes with one click, leads the room in by short URL and QR code, and streams revealed results", async () => {
    const r = await createVoteRound({ kind: "live_vote", opensIn: null, closesIn: null, categories: 1 });
    const { cookie } = await organizerOf(r);
    const u = await createUser();
    const choice = [r.candidates[r.categoryIds[0]!]![2]!];
    expect(await cast(r, u, choice)).toEqual({ ok: false, status: 409, error: "voting.errors.closed" });
    expect((await app.request(`${r.adminBase}?intent=open`, { method: "POST", headers: { cookie } })).status).toBe(303);
    const { short_code } = await getDb().selectFrom("round").select("short_code").where("id", "=", r.roundId).executeTakeFirstOrThrow();
    expect(short_code).toMatch(/^[A-Z0-9]{6}$/);
    const go = await app.request(`/l/${short_code!.toLowerCase()}`);
    expect(go.status).toBe(302);
    expect(go.headers.get("location")).toBe(`${r.base}/${r.categories[0]!.slug}`);
    const qr = await app.request(`/l/${short_code}/qr`);
    expect(qr.headers.get("content-type")).toContain("image/svg+xml");
    expect(await qr.text()).toContain("<svg");
    expect((await app.request("/l/NOPE99")).status).toBe(404);
    expect(await cast(r, u, choice)).toMatchObject({ ok: true });

    // Before the reveal the stream carries no totals; after it, it does.
    type StreamState = { revealed: boolean; results: null | Array<{ rows: Array<{ id: string; votes: number }> }> };
    /** Reads the stream's state events until one satisfies `done` (streams share a state for up to 1.5 s). */
    const readStateUntil = async (done: (s: StreamState) => boolean) => {
      const controller = new AbortController();
      const res = await app.request(`${r.base}/stroom`, { signal: controller.signal });
      expect(res.headers.get("content-type")).toContain("text/event-stream");
      const reader = res.body!.getReader();
      const decoder = new TextDecoder();
      let text = "";
      const deadline = Date.now() + 120_000;
      try {
        for (;;) {
          const events = [...text.matchAll(/event: state\ndata: (.*)\n\n/g)].map((m) => JSON.parse(m[1]!) as StreamState);
          const hit = events.find(done);
          if (hit) return { first: events[0]!, hit };
          if (Date.now() > deadline) throw new Error(`no matching state in: ${text.slice(0, 500)}`);
          text += decoder.decode((await reader.read()).value);
        }
      } finally {
        controller.abort();
      }
    };
    const initial = await readStateUntil(() => true);
    expect(initial.first).toMatchObject({ revealed: false, results: null });
    expect((await app.request(`${r.adminBase}?intent=reveal`, { method: "POST", headers: { cookie } })).status).toBe(303);
    const revealed = (await readStateUntil((x) => x.revealed)).hit;
    expect(revealed.revealed).toBe(true);
    expect(revealed.results![0]!.rows.find((x) => x.id === choice[0])!.votes).toBe(1);

    expect((await app.request(`${r.adminBase}?intent=close`, { method: "POST", headers: { cookie } })).status).toBe(303);
    expect(await cast(r, await createUser(), choice)).toEqual({ ok: false, status: 409, error: "voting.errors.closed" });
    // Closed once, it stays closed: reopening is refused by the service and by the round trigger.
    expect(await liveControl(getDb(), { actorId: null }, r.roundId, "open")).toEqual({
      ok: false,
      status: 409,
      error: "voting.errors.alreadyOpened",
    });
    await expect(getDb().updateTable("round").set({ closes_at: null }).where("id", "=", r.roundId).execute()).rejects.toMatchObject({
      code: "23514",
    });
    const actions = await getDb().selectFrom("audit_log").select("action").where("entity_id", "=", r.roundId).orderBy("id").execute();
    expect(actions.map((x) => x.action)).toEqual(["round.live.open", "round.live.reveal", "round.live.close"]);
    await expectNoDrift(r, cookie, true);
  });
});

describe("advancement", () => {
  it("advances the top K per category when the round closes, with ties at the cut included by default", async () => {
    const r = await createVoteRound({ advanceK: 2, categories: 1, candidatesPerCategory: 5, closesIn: 4 });
    const [a, b, c, d] = r.candidates[r.categoryIds[0]!]!;
    for (const [id, n] of [
      [a, 3],
      [b, 2],
      [c, 2],
      [d, 1],
    ] as const)
      for (let i = 0; i < n; i++) await cast(r, await createUser(), [id!]);
    await closeRound(r);
    await ensureAdvanced(getDb(), r.roundId);
    await ensureAdvanced(getDb(), r.roundId); // once only
    const rows = await getDb().selectFrom("round_advancement").selectAll().where("round_id", "=", r.roundId).orderBy("place").execute();
    expect(rows.map((x) => [x.nominee_id, x.place, x.decided_by])).toEqual(
      expect.arrayContaining([
        [a, 1, "rule"],
        [b, 2, "tie_rule"],
        [c, 2, "tie_rule"],
      ]),
    );
    expect(rows).toHaveLength(3);
    // Public once published, not before.
    expect(await (await app.request(r.base)).text()).not.toContain("Door naar de volgende ronde");
    await publishResults(getDb(), { actorId: null }, r.roundId);
    const publicPage = await (await app.request(r.base)).text();
    expect(publicPage).toContain("Door naar de volgende ronde");
    expect(publicPage).toMatch(/Kandidaat A0, Kandidaat [BC]0, Kandidaat [BC]0/);
    // The next round's ballot holds exactly those candidates.
    await getDb()
      .insertInto("round")
      .values({
        edition_id: r.editionId,
        position: 2,
        kind: "public_vote",
        name_nl: "Finale",
        name_en: "Final",
        source: "previous",
        advancement: "none",
      })
      .execute();
    const next = await loadVotingRound(getDb(), r.editionId, "2");
    expect(await candidateSource(getDb(), next)).toBe(r.roundId);
  });

  it("leaves a tie at the cut to organizers when the round says so, and records their reasoned choice", async () => {
    const r = await createVoteRound({ advanceK: 1, categories: 1, tieBreak: "organizer", closesIn: 3 });
    const [a, b] = r.candidates[r.categoryIds[0]!]!;
    await cast(r, await createUser(), [a!]);
    await cast(r, await createUser(), [b!]);
    await closeRound(r);
    const { cookie } = await organizerOf(r);
    const page = await (await app.request(r.adminBase, { headers: { cookie } })).text();
    expect(page).toContain("Gelijke stand");
    expect(await getDb().selectFrom("round_advancement").selectAll().where("round_id", "=", r.roundId).execute()).toHaveLength(0);
    const tooMany = await app.request(`${r.adminBase}?intent=tie`, {
      form: { categoryId: r.categoryIds[0]!, reason: "Beide", [`advance-${a}`]: "on", [`advance-${b}`]: "on" },
      headers: { cookie },
    });
    expect(tooMany.status).toBe(400);
    const ok = await app.request(`${r.adminBase}?intent=tie`, {
      form: { categoryId: r.categoryIds[0]!, reason: "Loting in bijzijn van de notaris", [`advance-${b}`]: "on" },
      headers: { cookie },
    });
    expect(ok.status).toBe(303);
    const rows = await getDb().selectFrom("round_advancement").selectAll().where("round_id", "=", r.roundId).execute();
    expect(rows.map((x) => [x.nominee_id, x.decided_by, x.reason])).toEqual([[b, "organizer", "Loting in bijzijn van de notaris"]]);
  });
});

describe("what the database refuses on its own, and what stays secret", () => {
  it("re-checks choices written without their ballot, and keeps the history undeletable", async () => {
    const r = await createVoteRound({ closesIn: 2 });
    const u = await createUser();
    const [a, b] = r.candidates[r.categoryIds[0]!]!;
    expect(await cast(r, u, [a!])).toMatchObject({ ok: true });
    const [ballot] = await ballotsOf(r.roundId);
    // A second choice on a single-choice ballot, written straight into ballot_choice.
    await expect(
      getDb()
        .insertInto("ballot_choice")
        .values({ ballot_id: ballot!.id, category_id: r.categoryIds[0]!, nominee_id: b!, rank: 2 })
        .execute(),
    ).rejects.toMatchObject({ constraint: "ballot_choices" });
    await closeRound(r);
    // After the close, even replacing the choice is refused at commit.
    await expect(
      getDb()
        .transaction()
        .execute(async (trx) => {
          await trx.deleteFrom("ballot_choice").where("ballot_id", "=", ballot!.id).execute();
          await trx
            .insertInto("ballot_choice")
            .values({ ballot_id: ballot!.id, category_id: r.categoryIds[0]!, nominee_id: b!, rank: 1 })
            .execute();
        }),
    ).rejects.toMatchObject({ constraint: "ballot_window" });
    await expect(getDb().deleteFrom("ballot_revision").where("ballot_id", "=", ballot!.id).execute()).rejects.toMatchObject({
      code: "42501",
    });
    await expect(getDb().deleteFrom("ballot").where("id", "=", ballot!.id).execute()).rejects.toMatchObject({ code: "23503" });
    expect((await rowCounts(r.roundId)).get(a!)).toBe(1);
  });

  it("does not reveal who advanced from a vote before its results are published", async () => {
    const r = await createVoteRound({ advanceK: 1, categories: 1, closesIn: 2 });
    const [a, b] = r.candidates[r.categoryIds[0]!]!;
    await cast(r, await createUser(), [b!]);
    await cast(r, await createUser(), [b!]);
    await cast(r, await createUser(), [a!]);
    await getDb()
      .insertInto("round")
      .values({
        edition_id: r.editionId,
        position: 2,
        kind: "public_vote",
        name_nl: "Finale",
        name_en: "Final",
        source: "previous",
        advancement: "none",
        opens_at: sql`now()`,
        closes_at: sql`now() + interval '1 hour'`,
      })
      .execute();
    await closeRound(r);
    const voter = await sessionFor((await createUser()).id);
    const before = await (
      await app.request(`/prijzen/${r.slug}/2026/ronde/2/${r.categories[0]!.slug}`, { headers: { cookie: voter } })
    ).text();
    expect(before).not.toContain("Kandidaat B0");
    expect(before).toContain("Deze ronde wacht op de uitslag van Publieksstemming.");
    const refused = await app.request(`/prijzen/${r.slug}/2026/ronde/2/${r.categories[0]!.slug}`, {
      form: { intent: "cast", choices: b! },
      headers: { cookie: voter },
    });
    expect(refused.status).toBe(409);
    await publishResults(getDb(), { actorId: null }, r.roundId);
    const after = await (
      await app.request(`/prijzen/${r.slug}/2026/ronde/2/${r.categories[0]!.slug}`, { headers: { cookie: voter } })
    ).text();
    expect(after).toContain("Kandidaat B0");
    expect(after).not.toContain("Kandidaat A0");
    // Ties are decided only on a closed round; a malformed category is a 400, not a 500.
    const { cookie } = await organizerOf(r);
    const bad = await app.request(`${r.adminBase}?intent=tie`, { form: { categoryId: "x", reason: "Omdat het kan" }, headers: { cookie } });
    expect(bad.status).toBe(400);
  });

  it("refuses a tie decision while the round is open", async () => {
    const r = await createVoteRound({ advanceK: 1, categories: 1, tieBreak: "organizer" });
    const [a, b] = r.candidates[r.categoryIds[0]!]!;
    await cast(r, await createUser(), [a!]);
    await cast(r, await createUser(), [b!]);
    const round = await loadVotingRound(getDb(), r.editionId, "1");
    expect(await decideTie(getDb(), { actorId: null }, round, r.categoryIds[0]!, [a!], "te vroeg")).toEqual({
      ok: false,
      status: 400,
      error: "voting.errors.notClosed",
    });
    expect(await getDb().selectFrom("round_advancement").select("nominee_id").where("round_id", "=", r.roundId).execute()).toHaveLength(0);
  });
});

describe("admin flag", () => {
  it("grants nothing on voting pages by itself (deny unless granted)", async () => {
    const r = await createVoteRound();
    const admin = await createUser();
    await grantAdmin(admin.id);
    expect((await app.request(r.adminBase, { headers: { cookie: await sessionFor(admin.id) } })).status).toBe(403);
  });
});

describe("voters in bulk", () => {
  it("creates voters with working sessions", async () => {
    const r = await createVoteRound();
    const [v] = await createVoters(1);
    const res = await app.request(`${r.base}/${r.categories[0]!.slug}`, {
      form: { intent: "cast", choices: r.candidates[r.categoryIds[0]!]![0]! },
      headers: { cookie: v!.cookie },
    });
    expect(res.status).toBe(303);
  });
});
