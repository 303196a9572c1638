import { createHash } from "node:crypto";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "~/db.server";
import { candidateSource, loadVotingRound } from "~/modules/voting/round.server";
import { castBallot } from "~/modules/voting/ballot.server";
import { voidBallots } from "~/modules/voting/fraud.server";
import { createUser } from "../setup/factories";
import { startTestServer, type TestServer } from "../setup/http";
import { addJuror, createJuryRound, type JuryFixture } from "../setup/jury";
import { sessionFor } from "../setup/voting";

let app: TestServer;
beforeAll(async () => {
  app = await startTestServer();
});
afterAll(() => app.close());

const sha = (text: string) => createHash("sha256").update(text, "utf8").digest("hex");

async function vote(f: JuryFixture, nominee: string, category = 0) {
  const u = await createUser();
  const round = await loadVotingRound(getDb(), f.editionId, "1");
  const r = await castBallot(getDb(), {
    round,
    sourceRoundId: await candidateSource(getDb(), round),
    categoryId: f.categoryIds[category]!,
    voter: { id: u.id, email: u.email, name: u.name, locale: "nl", emailVerified: true },
    choices: [nominee],
    ip: null,
    device: null,
    mail: { award: "x", category: "y", link: "z" },
  });
  expect(r.ok).toBe(true);
  return u;
}

/** An edition whose public vote has closed and whose jury has scored, with four prizes defined through the organizer page. */
async function runEdition() {
  const f = await createJuryRound({ categories: 1, candidatesPerCategory: 3, closesIn: 8, vote: { opensIn: -60, closesIn: 3 } });
  const [a, b, c] = f.candidates[f.categoryIds[0]!]!;
  const voters = [await vote(f, a!), await vote(f, a!), await vote(f, a!), await vote(f, b!)];
  const [j1, j2] = [await addJuror(f), await addJuror(f)];
  const score = (j: { cookie: string }, n: string, impact: number, together: number) =>
    app.request(`${f.juryBase}/${n}?intent=next`, {
      form: {
        [`score-${f.criteria[0]!.id}`]: String(impact),
        [`score-${f.criteria[1]!.id}`]: String(together),
        [`comment-${f.criteria[0]!.id}`]: "ok",
      },
      headers: { cookie: j.cookie },
    });
  for (const [n, s1, s2] of [
    [a, [4, 2], [4, 2]],
    [b, [10, 5], [10, 5]],
    [c, [7, 3], [7, 3]],
  ] as const) {
    expect((await score(j1, n!, s1[0], s1[1])).status).toBe(303);
    expect((await score(j2, n!, s2[0], s2[1])).status).toBe(303);
  }
  const admin = `/beheer/prijzen/${f.slug}/2026/uitslag`;
  const prizes: Array<Record<string, string>> = [
    { kind: "public", nameNl: "Publieksprijs", nameEn: "Public prize", voteRound: "1", places: "1" },
    { kind: "jury", nameNl: "Juryprijs", nameEn: "Jury prize", juryRound: "2", places: "1" },
    {
      kind: "combined",
      nameNl: "Eindklassering",
      nameEn: "Final ranking",
      voteRound: "1",
      juryRound: "2",
      publicWeight: "40",
      juryWeight: "60",
      places: "3",
    },
    { kind: "top100", nameNl: "Top 100", nameEn: "Top 100", voteRound: "1" },
  ];
  for (const form of prizes) {
    expect((await app.request(`${admin}?intent=prize`, { form, headers: { cookie: f.organizer.cookie } })).status).toBe(303);
  }
  // Results are published only once every round the prizes use has closed: wait for the vote and the jury.
  for (;;) {
    const r = await sql<{
      closed: boolean;
    }>`select bool_and(closes_at <= now()) as closed from round where edition_id = ${f.editionId}`.execute(getDb());
    if (r.rows[0]!.closed) break;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return { f, a: a!, b: b!, c: c!, voters, jurors: [j1, j2], admin };
}

describe("prizes and a verifiable published snapshot", () => {
  it("publishes canonical JSON whose SHA-256 anyone can recompute; the same results give the same hash", async () => {
    const { f, a, b, c, voters, jurors, admin } = await runEdition();
    const cookie = f.organizer.cookie;
    expect((await app.request(`/prijzen/${f.slug}/2026/uitslag`)).status).toBe(200);
    expect(await (await app.request(`/prijzen/${f.slug}/2026/uitslag`)).text()).toContain("nog niet gepubliceerd");
    expect((await app.request(`/prijzen/${f.slug}/2026/uitslag.json`)).status).toBe(404);

    const published = await app.request(`${admin}?intent=publish`, { form: { reason: "" }, headers: { cookie } });
    expect(published.status).toBe(303);
    const download = await app.request(`/prijzen/${f.slug}/2026/uitslag.json`);
    const bytes = await download.text();
    const page = await (await app.request(`/prijzen/${f.slug}/2026/uitslag`)).text();
    const shown = /data-testid="snapshot-hash">([0-9a-f]{64})</.exec(page)![1];
    expect(sha(bytes)).toBe(shown);
    expect(download.headers.get("x-content-sha256")).toBe(shown);

    const body = JSON.parse(bytes) as {
      prizes: Array<{
        kind: string;
        rules: { weights: unknown };
        rankings: Array<{ ranking: Array<Record<string, number | string | boolean | null>> }>;
      }>;
    };
    const byKind = (k: string) => body.prizes.find((p) => p.kind === k)!.rankings[0]!.ranking;
    // Public: A 3 votes, B 1, C 0.
    expect(byKind("public").map((e) => [e.nominee, e.place, e.votes])).toEqual([
      [a, 1, 3],
      [b, 2, 1],
      [c, 3, 0],
    ]);
    // Jury (weights 2 and 1, scales 1–10 and 0–5): B (10,5) = 100; C (7,3) = (2·66.667 + 60)/3 = 64.4444; A (4,2) = (2·33.333 + 40)/3 = 35.5556.
    expect(byKind("jury").map((e) => [e.nominee, e.jury])).toEqual([
      [b, 100],
      [c, 64.4444],
      [a, 35.5556],
    ]);
    // Combined 40/60 from the published (4-decimal) figures, so anyone can recompute it from the file:
    // public normalised A 100, B 33.3333, C 0. A: 0.4·100 + 0.6·35.5556 = 61.33336 → 61.3334;
    // B: 0.4·33.3333 + 0.6·100 = 73.33332 → 73.3333; C: 0.6·64.4444 = 38.66664 → 38.6666.
    expect(byKind("combined").map((e) => [e.nominee, e.place, e.combined])).toEqual([
      [b, 1, 73.3333],
      [a, 2, 61.3334],
      [c, 3, 38.6666],
    ]);
    expect(body.prizes.find((p) => p.kind === "combined")!.rules.weights).toEqual({ public: 40, jury: 60 });
    // The Top 100 lists candidates with votes only (C had none).
    expect(byKind("top100").map((e) => [e.nominee, e.place, e.votes])).toEqual([
      [a, 1, 3],
      [b, 2, 1],
    ]);
    // Public facts only: no juror or voter appears in the file.
    for (const u of [...voters, ...jurors.map((j) => j.user)]) {
      expect(bytes).not.toContain(u.id);
      expect(bytes).not.toContain(u.email);
    }
    // Pages read the snapshot: winners, accessible charts, the Top 100.
    expect(page).toMatch(/Winnaars/);
    // The chart is an image named by its caption and described in words (the table holds every figure).
    expect(page).toMatch(/role="img" aria-labelledby="chart-0-0-title" aria-describedby="chart-0-0-desc"/);
    expect(page).toMatch(/id="chart-0-0-desc"[^>]*>Staafdiagram\. De hoogste plaatsen: 1\. Kandidaat A0 \(3 stemmen\)/);
    const top = await (await app.request(`/prijzen/${f.slug}/2026/top-100`)).text();
    expect(top).toContain("Kandidaat A0");

    // Publishing again without change: same hash, no new version.
    const again = await app.request(`${admin}?intent=publish`, { form: { reason: "" }, headers: { cookie } });
    expect(again.headers.get("location")).toContain("versie=1");
    expect(await getDb().selectFrom("result_snapshot").select("version").where("edition_id", "=", f.editionId).execute()).toHaveLength(1);

    // A change (a voided ballot) supersedes only with a reason; earlier versions stay downloadable.
    const [ballot] = await getDb().selectFrom("ballot").select("id").where("voter_id", "=", voters[0]!.id).execute();
    const round = await loadVotingRound(getDb(), f.editionId, "1");
    expect(await voidBallots(getDb(), { actorId: f.organizer.user.id }, round.id, [ballot!.id], "Dubbel account")).toBe(1);
    const noReason = await app.request(`${admin}?intent=publish`, { form: { reason: "" }, headers: { cookie } });
    expect(noReason.status).toBe(400);
    const v2 = await app.request(`${admin}?intent=publish`, {
      form: { reason: "Eén stem ongeldig verklaard (dubbel account)" },
      headers: { cookie },
    });
    expect(v2.headers.get("location")).toContain("versie=2");
    const v1Again = await (await app.request(`/prijzen/${f.slug}/2026/uitslag.json?versie=1`)).text();
    expect(v1Again).toBe(bytes);
    const v2Bytes = await (await app.request(`/prijzen/${f.slug}/2026/uitslag.json`)).text();
    expect(sha(v2Bytes)).not.toBe(shown);
    const audit = await getDb().selectFrom("audit_log").select("action").where("entity_id", "=", f.editionId).execute();
    expect(audit.map((x) => x.action)).toEqual(expect.arrayContaining(["results.publish", "results.supersede"]));
  });

  it("keeps snapshots append-only and their hash honest in the database", async () => {
    const { f, admin } = await runEdition();
    await app.request(`${admin}?intent=publish`, { form: { reason: "" }, headers: { cookie: f.organizer.cookie } });
    const db = getDb();
    await expect(
      db.updateTable("result_snapshot").set({ body: "{}" }).where("edition_id", "=", f.editionId).execute(),
    ).rejects.toMatchObject({ code: "42501" });
    await expect(db.deleteFrom("result_snapshot").where("edition_id", "=", f.editionId).execute()).rejects.toMatchObject({ code: "42501" });
    await expect(
      db
        .insertInto("result_snapshot")
        .values({ edition_id: f.editionId, version: 9, body: "{}", sha256: "0".repeat(64), reason: "vervalst" })
        .execute(),
    ).rejects.toMatchObject({ constraint: "result_snapshot_hash" });
  });

  it("refuses to publish while a round the prizes use is still open (running totals never become a snapshot)", async () => {
    const f = await createJuryRound({ categories: 1, vote: { opensIn: -60, closesIn: 3600 } });
    const admin = `/beheer/prijzen/${f.slug}/2026/uitslag`;
    const add = await app.request(`${admin}?intent=prize`, {
      form: { kind: "public", nameNl: "Publieksprijs", nameEn: "Public prize", voteRound: "1", places: "1" },
      headers: { cookie: f.organizer.cookie },
    });
    expect(add.status).toBe(303);
    const res = await app.request(`${admin}?intent=publish`, { form: { reason: "" }, headers: { cookie: f.organizer.cookie } });
    // A refusal of the state, not of the input: 409 with the page and its reason (see tests/integration/forms.test.ts).
    expect(res.status).toBe(409);
    expect(await res.text()).toContain("forms.errors.publishNotYet");
    expect(await getDb().selectFrom("result_snapshot").select("id").where("edition_id", "=", f.editionId).execute()).toHaveLength(0);
    expect((await app.request(`/prijzen/${f.slug}/2026/uitslag.json`)).status).toBe(404);
  });

  it("lets only the award's organizers define prizes and publish", async () => {
    const f = await createJuryRound({ categories: 1 });
    const admin = `/beheer/prijzen/${f.slug}/2026/uitslag`;
    const member = await sessionFor((await createUser()).id);
    const juror = await addJuror(f);
    for (const cookie of [member, juror.cookie]) {
      expect((await app.request(admin, { headers: { cookie } })).status).toBe(403);
      expect((await app.request(`${admin}?intent=publish`, { form: { reason: "" }, headers: { cookie } })).status).toBe(403);
    }
    const bad = await app.request(`${admin}?intent=prize`, {
      form: { kind: "combined", nameNl: "X", nameEn: "X", voteRound: "1", juryRound: "2", publicWeight: "0", juryWeight: "0" },
      headers: { cookie: f.organizer.cookie },
    });
    expect(bad.status).toBe(400);
    const wrongRound = await app.request(`${admin}?intent=prize`, {
      form: { kind: "jury", nameNl: "X", nameEn: "X", juryRound: "1", places: "1" },
      headers: { cookie: f.organizer.cookie },
    });
    expect(wrongRound.status).toBe(400);
    expect(await getDb().selectFrom("prize").select("id").where("edition_id", "=", f.editionId).execute()).toHaveLength(0);
  });
});
