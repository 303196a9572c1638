import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "~/db.server";
import { castBallot } from "~/modules/voting/ballot.server";
import { voidBallots } from "~/modules/voting/fraud.server";
import { candidateSource, liveControl, loadVotingRound } from "~/modules/voting/round.server";
import { RECOUNT_SCRIPT } from "~/modules/results/recount-commands";
import { listFile, readList } from "~/modules/results/recount.server";
import type { Snapshot } from "~/modules/results/snapshot";
import { createUser } from "../setup/factories";
import { startTestServer, type TestServer } from "../setup/http";
import { addJuror, createJuryRound } from "../setup/jury";
import { createVoteRound, sessionFor, type VoteRound, type VoteRoundOptions } from "../setup/voting";

let app: TestServer;
beforeAll(async () => {
  app = await startTestServer();
});
afterAll(() => app.close());

const sha = (text: string) => createHash("sha256").update(text, "utf8").digest("hex");
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g;

async function organizerOf(f: { awardId: string }) {
  const org = await createUser();
  await getDb()
    .insertInto("role_grant")
    .values({ user_id: org.id, role: "organizer", award_id: f.awardId, edition_id: null, book_project_id: null })
    .execute();
  return { user: org, cookie: await sessionFor(org.id) };
}

/** Casts a ballot through the service (choices in rank order); returns its id and receipt. */
async function cast(f: VoteRound, category: number, choices: string[]) {
  const u = await createUser();
  const round = await loadVotingRound(getDb(), f.editionId, String(f.position));
  const r = await castBallot(getDb(), {
    round,
    sourceRoundId: await candidateSource(getDb(), round),
    categoryId: f.categoryIds[category]!,
    voter: { id: u.id, email: u.email, name: u.name, locale: "nl", emailVerified: true },
    choices,
    ip: null,
    device: null,
    mail: { award: "x", category: "y", link: "z" },
  });
  if (!r.ok) throw new Error(`ballot refused: ${r.error}`);
  const b = await getDb()
    .selectFrom("ballot")
    .select(["id", "cast_at"])
    .where("receipt_code", "=", r.value.receiptCode)
    .executeTakeFirstOrThrow();
  return { id: b.id, castAt: b.cast_at, receipt: r.value.receiptCode, voter: u };
}

async function waitClosed(editionId: string) {
  for (;;) {
    const r = await sql<{
      closed: boolean;
    }>`select bool_and(closes_at <= now()) as closed from round where edition_id = ${editionId}`.execute(getDb());
    if (r.rows[0]!.closed) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

interface Published {
  bytes: string;
  snapshot: Snapshot;
  files: Record<"ballotsJson" | "ballotsCsv" | "receiptsJson" | "receiptsCsv", string>;
}

/** Downloads a published version's results file and every recount list of round 1, as anyone would. */
async function download(f: { slug: string }, version?: number): Promise<Published> {
  const q = version ? `?versie=${version}` : "";
  const res = await app.request(`/prijzen/${f.slug}/2026/uitslag.json${q}`);
  expect(res.status).toBe(200);
  const bytes = await res.text();
  const snapshot = JSON.parse(bytes) as Snapshot;
  const v = version ?? Number(/-v(\d+)\.json/.exec(res.headers.get("content-disposition") ?? "")![1]);
  const files = {} as Published["files"];
  for (const [key, name] of [
    ["ballotsJson", "stemmen.json"],
    ["ballotsCsv", "stemmen.csv"],
    ["receiptsJson", "stembewijzen.json"],
    ["receiptsCsv", "stembewijzen.csv"],
  ] as const) {
    const file = await app.request(`/prijzen/${f.slug}/2026/uitslag/ronde/1/${name}?versie=${v}`);
    expect(file.status).toBe(200);
    files[key] = await file.text();
    // Covered by the snapshot: the hash the results file holds is the hash of the downloaded bytes.
    expect(sha(files[key])).toBe(snapshot.recount![0]!.files[key].sha256);
    expect(Buffer.byteLength(files[key])).toBe(snapshot.recount![0]!.files[key].bytes);
    expect(file.headers.get("x-content-sha256")).toBe(sha(files[key]));
  }
  return { bytes, snapshot, files };
}

/** Recounts from the published ballot list (JSON): votes, Borda points and first preferences per candidate. */
function recount(ballotsJson: string) {
  const b = JSON.parse(ballotsJson) as { ballot: string; maxChoices: number; ballots: Array<[string, string[]]> };
  const n = new Map<string, { votes: number; points: number; first: number }>();
  for (const [, choices] of b.ballots) {
    choices.forEach((id, i) => {
      const t = n.get(id) ?? { votes: 0, points: 0, first: 0 };
      t.votes++;
      t.points += b.maxChoices - i;
      if (i === 0) t.first++;
      n.set(id, t);
    });
  }
  return n;
}

/** Every published total of the vote prizes compared with the recount: the number of differences (drift). */
function drift(p: Published) {
  const counted = recount(p.files.ballotsJson);
  let differences = 0;
  let checked = 0;
  for (const prize of p.snapshot.prizes.filter((x) => x.rules.public)) {
    for (const r of prize.rankings) {
      for (const e of r.ranking) {
        const t = counted.get(e.nominee) ?? { votes: 0, points: 0, first: 0 };
        checked++;
        if (e.votes !== t.votes) differences++;
        if (prize.rules.public!.ballot === "ranked" && (e.points !== t.points || (e as { first?: number }).first !== t.first))
          differences++;
      }
    }
  }
  return { differences, checked };
}

/** The documented one-liner (docs/recount.md, the check page), run with node on the downloaded files. */
function runDocumentedRecount(p: Published) {
  const dir = mkdtempSync(path.join(tmpdir(), "recount-"));
  writeFileSync(path.join(dir, "uitslag.json"), p.bytes);
  writeFileSync(path.join(dir, "stemmen.json"), p.files.ballotsJson);
  return execFileSync(process.execPath, ["-e", RECOUNT_SCRIPT, path.join(dir, "uitslag.json"), path.join(dir, "stemmen.json")], {
    encoding: "utf8",
  });
}

async function addPrizes(f: { slug: string }, cookie: string, prizes: Array<Record<string, string>>) {
  for (const form of prizes) {
    const res = await app.request(`/beheer/prijzen/${f.slug}/2026/uitslag?intent=prize`, { form, headers: { cookie } });
    expect(res.status).toBe(303);
  }
}

async function publish(f: { slug: string }, cookie: string, reason = "") {
  return app.request(`/beheer/prijzen/${f.slug}/2026/uitslag?intent=publish`, { form: { reason }, headers: { cookie } });
}

describe("a result anyone can recount", () => {
  it("publishes an approval vote's ballots unlinked and its receipts as hashes; the recount equals the totals (drift 0)", async () => {
    const opts: VoteRoundOptions = { mode: "approval", max: 3, categories: 2, candidatesPerCategory: 4, opensIn: -60, closesIn: 6 };
    const f = await createVoteRound(opts);
    const org = await organizerOf(f);
    const [a, b, c, d] = f.candidates[f.categoryIds[0]!]!;
    const [e, g, h, k] = f.candidates[f.categoryIds[1]!]!;
    const plan: Array<[number, string[]]> = [
      [0, [a!, b!]],
      [0, [a!]],
      [0, [b!, c!, a!]],
      [0, [a!, b!]],
      [0, [d!]],
      [1, [e!, g!]],
      [1, [e!]],
      [1, [g!, e!]],
    ];
    const ballots = [];
    for (const [cat, choices] of plan) ballots.push(await cast(f, cat, choices));
    // A fraudulent ballot with a combination nobody else chose, voided by the organizer.
    const fraud = await cast(f, 1, [h!, k!, g!]);
    const round = await loadVotingRound(getDb(), f.editionId, "1");
    expect(await voidBallots(getDb(), { actorId: org.user.id }, round.id, [fraud.id], "Dubbel account")).toBe(1);
    await addPrizes(f, org.cookie, [
      { kind: "public", nameNl: "Publieksprijs", nameEn: "Public prize", voteRound: "1", places: "1" },
      { kind: "top100", nameNl: "Top 100", nameEn: "Top 100", voteRound: "1" },
    ]);
    await waitClosed(f.editionId);
    expect((await publish(f, org.cookie)).status).toBe(303);

    const p = await download(f);
    const page = await (await app.request(`/prijzen/${f.slug}/2026/uitslag`)).text();
    expect(sha(p.bytes)).toBe(/data-testid="snapshot-hash">([0-9a-f]{64})</.exec(page)![1]);

    // The recount from the ballot list equals every published total: drift 0.
    // Checked: the public prize lists all 8 candidates; the Top 100 the 6 with votes (H and K had only the voided ballot).
    expect(drift(p)).toEqual({ differences: 0, checked: 8 + 6 });
    expect(p.snapshot.recount![0]).toMatchObject({
      round: 1,
      ballot: "approval",
      maxChoices: 3,
      ballots: 8,
      receipts: { counted: 8, voided: 1 },
    });
    expect(runDocumentedRecount(p)).toContain("drift 0");
    const counted = recount(p.files.ballotsJson);
    expect(counted.get(a!)?.votes).toBe(4);
    expect(counted.get(h!)).toBeUndefined();

    // The ballot list: each ballot as its category and sorted choices, the list sorted; no ballot id,
    // voter, receipt or time. The voided ballot is not in it.
    const list = JSON.parse(p.files.ballotsJson) as { format: string; ballots: Array<[string, string[]]> };
    expect(list.format).toBe("lauwer-ballots/1");
    expect(list.ballots).toHaveLength(8);
    const lines = p.files.ballotsJson
      .split("\n")
      .filter((l) => l.startsWith('["'))
      .map((l) => l.replace(/,$/, ""));
    expect(lines).toEqual([...lines].sort((x, y) => Buffer.compare(Buffer.from(x), Buffer.from(y)) as number));
    for (const [, choices] of list.ballots) expect(choices).toEqual([...choices].sort());
    const candidateIds = new Set(Object.values(f.candidates).flat());
    for (const id of p.files.ballotsJson.match(UUID) ?? []) expect(candidateIds.has(id)).toBe(true);
    for (const x of [...ballots, fraud]) {
      for (const text of Object.values(p.files)) {
        expect(text).not.toContain(x.id);
        expect(text).not.toContain(x.receipt);
        expect(text).not.toContain(x.voter.id);
        expect(text).not.toContain(x.voter.email);
        expect(text).not.toContain(x.castAt.toISOString().slice(0, 16));
      }
    }
    expect(list.ballots.some(([, ch]) => ch.includes(h!) || ch.includes(k!))).toBe(false);
    expect(p.files.ballotsCsv.split("\n")[0]).toBe("category,choice_1,choice_2,choice_3");
    // The CSV holds the same ballots in the same order.
    expect(
      p.files.ballotsCsv
        .trim()
        .split("\n")
        .slice(1)
        .map((l) => l.split(",").filter(Boolean)),
    ).toEqual(list.ballots.map(([cat, ch]) => [cat, ...ch]));

    // The receipt list: one hash per counted ballot (one-to-one), the voided one marked voided, sorted.
    const receipts = (JSON.parse(p.files.receiptsJson) as { receipts: Array<[string, string]> }).receipts;
    expect(receipts.filter(([, s]) => s === "counted").map(([hash]) => hash)).toEqual(ballots.map((x) => sha(x.receipt)).sort());
    expect(receipts.filter(([, s]) => s === "voided")).toEqual([[sha(fraud.receipt), "voided"]]);
    expect(receipts.map(([hash]) => hash)).toEqual(receipts.map(([hash]) => hash).sort());
    expect(p.files.receiptsCsv).toContain(`${sha(fraud.receipt)},voided\n`);

    // The receipt check says whether it was counted, and shows the hash to find in the list.
    const own = await (await app.request(`/stembewijs?code=${encodeURIComponent(ballots[0]!.receipt.toLowerCase())}`)).text();
    expect(own).toContain("staat deze stem als meegeteld");
    expect(own).toContain(sha(ballots[0]!.receipt));
    const voided = await (await app.request(`/stembewijs?code=${fraud.receipt}`)).text();
    expect(voided).toContain("ongeldig verklaard");
    expect(voided).toContain("staat deze stem als ongeldig verklaard");

    // The public page offers the downloads and the way to check; the check page renders.
    expect(page).toContain(`/prijzen/${f.slug}/2026/uitslag/ronde/1/stemmen.csv?versie=1`);
    expect(page).toContain(`/prijzen/${f.slug}/2026/uitslag/controleren?versie=1`);
    const check = await app.request(`/prijzen/${f.slug}/2026/uitslag/controleren`);
    expect(check.status).toBe(200);
    expect(await check.text()).toContain("sha256sum uitslag-");
    expect((await app.request(`/prijzen/${f.slug}/2026/uitslag/ronde/1/geheim.json`)).status).toBe(404);
    expect((await app.request(`/prijzen/${f.slug}/2026/uitslag/ronde/7/stemmen.json`)).status).toBe(404);
  });

  it("covers the lists by the snapshot hash: a changed list is a new version, and frozen lists cannot be edited", async () => {
    const f = await createVoteRound({ mode: "approval", max: 2, categories: 1, candidatesPerCategory: 3, opensIn: -60, closesIn: 4 });
    const org = await organizerOf(f);
    const [a, b, c] = f.candidates[f.categoryIds[0]!]!;
    const x = await cast(f, 0, [a!, b!]);
    const y = await cast(f, 0, [c!]);
    await addPrizes(f, org.cookie, [{ kind: "public", nameNl: "Publieksprijs", nameEn: "Public prize", voteRound: "1", places: "1" }]);
    await waitClosed(f.editionId);
    // Two organizers publishing at once: one version (the second finds the same hash), no error.
    const both = await Promise.all([publish(f, org.cookie), publish(f, org.cookie)]);
    expect(both.map((r) => r.status)).toEqual([303, 303]);
    expect(both.map((r) => r.headers.get("location")).every((l) => l?.includes("versie=1"))).toBe(true);
    expect(await getDb().selectFrom("result_snapshot").select("version").where("edition_id", "=", f.editionId).execute()).toHaveLength(1);
    const v1 = await download(f, 1);

    // The same totals from different ballots ({A,B},{C} → {A,C},{B}): only the list differs, and the
    // snapshot hash changes with it (a new version, with a reason).
    await getDb()
      .transaction()
      .execute(async (trx) => {
        await sql`set local lauwer.archive_import = 'on'`.execute(trx);
        await trx.updateTable("ballot_choice").set({ nominee_id: c! }).where("ballot_id", "=", x.id).where("nominee_id", "=", b!).execute();
        await trx.updateTable("ballot_choice").set({ nominee_id: b! }).where("ballot_id", "=", y.id).execute();
      });
    expect((await publish(f, org.cookie)).status).toBe(400);
    const again = await publish(f, org.cookie, "Herstelde invoer van twee stemmen");
    expect(again.headers.get("location")).toContain("versie=2");
    const v2 = await download(f, 2);
    expect(v2.snapshot.prizes).toEqual(v1.snapshot.prizes);
    expect(v2.files.ballotsJson).not.toBe(v1.files.ballotsJson);
    expect(sha(v2.bytes)).not.toBe(sha(v1.bytes));
    expect(drift(v2)).toEqual({ differences: 0, checked: 3 });
    // Version 1 keeps its own lists, byte for byte.
    expect((await download(f, 1)).files).toEqual(v1.files);
    // Large lists are read in slices: small slices give the same bytes.
    const sliced = await readList(getDb(), f.editionId, 1, 1, listFile("stemmen.json")!, 7);
    let joined = "";
    for await (const part of sliced!.chunks()) joined += part;
    expect(joined).toBe(v1.files.ballotsJson);

    // Frozen: the database refuses edits, and a body must match its hash.
    const db = getDb();
    await expect(db.updateTable("result_list").set({ body: "[]" }).where("edition_id", "=", f.editionId).execute()).rejects.toMatchObject({
      code: "42501",
    });
    await expect(db.deleteFrom("result_list").where("edition_id", "=", f.editionId).execute()).rejects.toMatchObject({ code: "42501" });
    const roundId = (await loadVotingRound(db, f.editionId, "1")).id;
    await expect(
      db
        .insertInto("result_list")
        .values({ edition_id: f.editionId, version: 2, round_id: roundId, list: "ballots", format: "json", body: "x", sha256: sha("y") })
        .execute(),
    ).rejects.toMatchObject({ constraint: "result_list_hash" });
  });

  it("recounts a ranked live vote from its list: votes, points and first preferences (drift 0)", async () => {
    const f = await createVoteRound({
      kind: "live_vote",
      mode: "ranked",
      max: 2,
      categories: 1,
      candidatesPerCategory: 3,
      opensIn: -60,
      closesIn: null,
    });
    const org = await organizerOf(f);
    const [a, b, c] = f.candidates[f.categoryIds[0]!]!;
    for (const choices of [[a!, b!], [b!, a!], [a!], [c!, a!], [a!, c!], [b!]]) await cast(f, 0, choices);
    const round = await loadVotingRound(getDb(), f.editionId, "1");
    expect((await liveControl(getDb(), { actorId: org.user.id }, round.id, "close")).ok).toBe(true);
    await addPrizes(f, org.cookie, [{ kind: "public", nameNl: "Zaalprijs", nameEn: "Room prize", voteRound: "1", places: "1" }]);
    expect((await publish(f, org.cookie)).status).toBe(303);
    const p = await download(f);
    expect(drift(p)).toEqual({ differences: 0, checked: 3 });
    expect(runDocumentedRecount(p)).toContain("drift 0");
    // Rank order is kept for a ranked vote (it carries the points): A is on 5 ballots, 3 times first (2 points) and twice second (1).
    const entry = p.snapshot.prizes[0]!.rankings[0]!.ranking.find((e) => e.nominee === a)!;
    expect([entry.votes, entry.points]).toEqual([5, 3 * 2 + 2 * 1]);
    expect((JSON.parse(p.files.ballotsJson) as { ballots: Array<[string, string[]]> }).ballots).toContainEqual([
      f.categories[0]!.slug,
      [b!, a!],
    ]);
  });
});

describe("the jury report", () => {
  async function juryEdition() {
    const f = await createJuryRound({ categories: 1, candidatesPerCategory: 2, closesIn: 4, vote: { opensIn: -60, closesIn: 3 } });
    await addPrizes(f, f.organizer.cookie, [{ kind: "jury", nameNl: "Juryprijs", nameEn: "Jury prize", juryRound: "2", places: "1" }]);
    const prize = await getDb().selectFrom("prize").selectAll().where("edition_id", "=", f.editionId).executeTakeFirstOrThrow();
    const admin = `/beheer/prijzen/${f.slug}/2026/uitslag`;
    const save = (cookie: string, form: Record<string, string>) =>
      app.request(`${admin}?intent=motivation`, {
        form: { formId: `motivation-${prize.id}`, prizeId: prize.id, ...form },
        headers: { cookie },
      });
    return { f, prize, admin, save };
  }
  const motivation = (prizeId: string) =>
    getDb().selectFrom("prize").select(["motivation_nl", "motivation_en"]).where("id", "=", prizeId).executeTakeFirstOrThrow();

  it("is recorded by organizers (audited), published in the snapshot and on the page, and changes only in a new version", async () => {
    const { f, prize, save } = await juryEdition();
    const nl = "De jury roemt de moed en het vakmanschap.\n\nEen voorbeeld voor velen.";
    const en = "The jury praises the courage and craftsmanship.\n\nAn example to many.";
    expect((await save(f.organizer.cookie, { motivationNl: `  ${nl} `, motivationEn: en })).status).toBe(303);
    expect(await motivation(prize.id)).toEqual({ motivation_nl: nl, motivation_en: en });
    const audit = await getDb()
      .selectFrom("audit_log")
      .select(["action", "before", "after", "actor_id"])
      .where("entity_id", "=", prize.id)
      .where("action", "=", "prize.motivation")
      .executeTakeFirstOrThrow();
    expect(audit).toMatchObject({
      actor_id: f.organizer.user.id,
      before: { motivation_nl: "" },
      after: { motivation_nl: nl, motivation_en: en },
    });

    await waitClosed(f.editionId);
    expect((await publish(f, f.organizer.cookie)).status).toBe(303);
    const v1 = await (await app.request(`/prijzen/${f.slug}/2026/uitslag.json`)).text();
    expect((JSON.parse(v1) as Snapshot).prizes[0]!.motivation).toEqual({ nl, en });
    const page = await (await app.request(`/prijzen/${f.slug}/2026/uitslag`)).text();
    expect(page).toContain("Motivatie van de jury: Juryprijs");
    expect(page).toContain("De jury roemt de moed en het vakmanschap.");
    const english = await (await app.request(`/prijzen/${f.slug}/2026/uitslag`, { headers: { cookie: "lauwer_lang=en" } })).text();
    expect(english).toContain("The jury praises the courage and craftsmanship.");

    // A changed motivation is not public until a new version is published (with a reason).
    expect((await save(f.organizer.cookie, { motivationNl: "Nieuwe motivatie.", motivationEn: "New motivation." })).status).toBe(303);
    const still = await (await app.request(`/prijzen/${f.slug}/2026/uitslag`)).text();
    expect(still).toContain("De jury roemt de moed");
    expect(still).not.toContain("Nieuwe motivatie.");
    expect((await publish(f, f.organizer.cookie)).status).toBe(400);
    expect((await publish(f, f.organizer.cookie, "Motivatie van de jury aangevuld")).headers.get("location")).toContain("versie=2");
    expect(await (await app.request(`/prijzen/${f.slug}/2026/uitslag`)).text()).toContain("Nieuwe motivatie.");
    expect(await (await app.request(`/prijzen/${f.slug}/2026/uitslag.json?versie=1`)).text()).toBe(v1);
  });

  it("refuses members and jurors, and bad input with a clear translated error; nothing changes", async () => {
    const { f, prize, admin, save } = await juryEdition();
    const member = await sessionFor((await createUser()).id);
    const juror = await addJuror(f);
    for (const cookie of [member, juror.cookie]) {
      expect((await save(cookie, { motivationNl: "Overgenomen", motivationEn: "Taken over" })).status).toBe(403);
    }
    const cases: Array<[Record<string, string>, number, string]> = [
      [{ motivationNl: "Alleen Nederlands", motivationEn: "" }, 400, "Vul de motivatie ook in het Engels in"],
      [{ motivationNl: "", motivationEn: "Only English" }, 400, "Vul de motivatie ook in het Nederlands in"],
      [{ motivationNl: "x".repeat(2001), motivationEn: "ok" }, 400, "De motivatie is te lang"],
      [{ prizeId: "geen-id", motivationNl: "a", motivationEn: "b" }, 400, "Dit verzoek kunnen we niet verwerken."],
    ];
    for (const [form, status, text] of cases) {
      const res = await save(f.organizer.cookie, form);
      expect(res.status).toBe(status);
      expect(await res.text()).toContain(text);
    }
    // A prize of another edition is not found here.
    const other = await juryEdition();
    const foreign = await app.request(`${admin}?intent=motivation`, {
      form: { formId: `motivation-${prize.id}`, prizeId: other.prize.id, motivationNl: "a", motivationEn: "b" },
      headers: { cookie: f.organizer.cookie },
    });
    expect(foreign.status).toBe(404);
    expect(await foreign.text()).toContain("Deze prijs bestaat niet (meer) in deze editie.");
    expect(await motivation(prize.id)).toEqual({ motivation_nl: "", motivation_en: "" });
    expect(await motivation(other.prize.id)).toEqual({ motivation_nl: "", motivation_en: "" });
    // The database holds the same rules.
    await expect(getDb().updateTable("prize").set({ motivation_nl: "x" }).where("id", "=", prize.id).execute()).rejects.toMatchObject({
      constraint: "prize_motivation_both",
    });
    expect(
      await getDb()
        .selectFrom("audit_log")
        .select("id")
        .where("entity_id", "=", prize.id)
        .where("action", "=", "prize.motivation")
        .execute(),
    ).toHaveLength(0);
  });
});
