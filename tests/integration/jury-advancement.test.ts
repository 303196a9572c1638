import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "~/db.server";
import { ensureJuryAdvanced } from "~/modules/jury/jury.server";
import { advanceClosedRounds } from "~/modules/rounds/advance.server";
import { roundCandidates } from "~/modules/voting/round.server";
import { startTestServer, type TestServer } from "../setup/http";
import { addJuror, createJuryRound, type JuryFixture } from "../setup/jury";

// A jury round with a top K writes its shortlist when it closes, as vote rounds do (#13): by the
// jury's aggregate, once, with a tie at the cut let through whole or left to the organizer.

let app: TestServer;
beforeAll(async () => {
  app = await startTestServer();
});
afterAll(async () => {
  await app.close();
});

/** Opens the round now and closes it a few seconds later (the lock forbids moving closes_at once open). */
async function openBriefly(f: JuryFixture, seconds = 5) {
  await getDb()
    .updateTable("round")
    .set({ opens_at: sql<Date>`now() - interval '1 second'`, closes_at: sql<Date>`now() + make_interval(secs => ${seconds})` })
    .where("id", "=", f.juryRoundId)
    .execute();
}

async function untilClosed(f: JuryFixture) {
  for (;;) {
    const { rows } = await sql<{ closed: boolean }>`select closes_at <= now() as closed from round where id = ${f.juryRoundId}`.execute(
      getDb(),
    );
    if (rows[0]!.closed) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Every juror gives each candidate the same sheet: `impact` (1–10) and `together` (0–5). */
async function score(f: JuryFixture, jurors: string[], sheets: Array<[nomineeId: string, impact: number, together: number]>) {
  const [impact, together] = f.criteria;
  await getDb()
    .insertInto("jury_score")
    .values(
      jurors.flatMap((juror) =>
        sheets.flatMap(([nominee, i, t]) => [
          { round_id: f.juryRoundId, juror_id: juror, nominee_id: nominee, criterion_id: impact!.id, score: i, comment: "" },
          { round_id: f.juryRoundId, juror_id: juror, nominee_id: nominee, criterion_id: together!.id, score: t, comment: "" },
        ]),
      ),
    )
    .execute();
}

const advanced = (f: JuryFixture) =>
  getDb()
    .selectFrom("round_advancement")
    .select(["nominee_id", "place", "decided_by"])
    .where("round_id", "=", f.juryRoundId)
    .orderBy("place")
    .orderBy("nominee_id")
    .execute();

async function closedRound(
  opts: { advanceK: number; tieBreak?: "include_all" | "organizer" },
  sheets: (ids: string[]) => Array<[string, number, number]>,
) {
  const f = await createJuryRound({ categories: 1, candidatesPerCategory: 4, open: false, ...opts });
  const jurors = [(await addJuror(f)).user.id, (await addJuror(f)).user.id];
  const ids = f.candidates[f.categoryIds[0]!]!;
  await openBriefly(f);
  await score(f, jurors, sheets(ids));
  await untilClosed(f);
  return { f, ids };
}

describe("jury rounds advance their top K when they close", () => {
  it("writes the top K by the jury's aggregate, once, even when two callers close the round at once", async () => {
    const { f, ids } = await closedRound({ advanceK: 2 }, ([a, b, c, d]) => [
      [a!, 9, 5],
      [b!, 7, 4],
      [c!, 5, 2],
      [d!, 3, 1],
    ]);
    // Before it runs nothing has advanced; the next round would have nobody.
    expect(await advanced(f)).toEqual([]);
    await Promise.all([ensureJuryAdvanced(getDb(), f.juryRoundId), ensureJuryAdvanced(getDb(), f.juryRoundId)]);
    await ensureJuryAdvanced(getDb(), f.juryRoundId);
    expect(await advanced(f)).toEqual([
      { nominee_id: ids[0], place: 1, decided_by: "rule" },
      { nominee_id: ids[1], place: 2, decided_by: "rule" },
    ]);
    const round = await getDb().selectFrom("round").select("advanced_at").where("id", "=", f.juryRoundId).executeTakeFirstOrThrow();
    expect(round.advanced_at).not.toBeNull();
    const audit = await getDb()
      .selectFrom("audit_log")
      .select("action")
      .where("entity_id", "=", f.juryRoundId)
      .where("action", "=", "round.advance")
      .execute();
    expect(audit).toHaveLength(1);

    // The next round's candidates are exactly the shortlist.
    await getDb()
      .insertInto("round")
      .values({
        edition_id: f.editionId,
        position: 3,
        kind: "jury",
        name_nl: "Finale",
        name_en: "Final",
        source: "previous",
        advancement: "none",
      })
      .execute();
    const next = await roundCandidates(getDb(), { edition_id: f.editionId, position: 3, source: "previous" });
    expect(next.map((c) => c.id).sort()).toEqual([ids[0], ids[1]].sort());
  });

  it("lets a tie at the cut through whole by default, and leaves it to the organizer when the round says so", async () => {
    const tied = ([a, b, c, d]: string[]): Array<[string, number, number]> => [
      [a!, 9, 5],
      [b!, 6, 3],
      [c!, 6, 3],
      [d!, 3, 1],
    ];
    const whole = await closedRound({ advanceK: 2 }, tied);
    const organizer = await closedRound({ advanceK: 2, tieBreak: "organizer" }, tied);
    // The maintenance timer advances every closed top-K round, jury rounds included.
    expect(await advanceClosedRounds(getDb())).toBeGreaterThanOrEqual(2);

    const [a, b, c] = whole.ids;
    expect(await advanced(whole.f)).toEqual(
      [
        { nominee_id: a, place: 1, decided_by: "rule" },
        ...[b, c].sort().map((id) => ({ nominee_id: id, place: 2, decided_by: "tie_rule" })),
      ].sort((x, y) => x.place - y.place),
    );
    // Only the clear first place is decided by the rule; the organizer settles the tie for place 2.
    expect(await advanced(organizer.f)).toEqual([{ nominee_id: organizer.ids[0], place: 1, decided_by: "rule" }]);
  });

  it("does not advance a round that is still open, or a jury round without a top K", async () => {
    const open = await createJuryRound({ categories: 1, candidatesPerCategory: 2, advanceK: 1, closesIn: 3600 });
    await ensureJuryAdvanced(getDb(), open.juryRoundId);
    const none = await closedRound({ advanceK: 0 }, ([a, b]) => [
      [a!, 9, 5],
      [b!, 7, 4],
    ]);
    await ensureJuryAdvanced(getDb(), none.f.juryRoundId);
    for (const id of [open.juryRoundId, none.f.juryRoundId]) {
      const round = await getDb().selectFrom("round").select("advanced_at").where("id", "=", id).executeTakeFirstOrThrow();
      expect(round.advanced_at).toBeNull();
      expect(await getDb().selectFrom("round_advancement").select("nominee_id").where("round_id", "=", id).execute()).toEqual([]);
    }
  });
});

describe("the organizer's jury page", () => {
  it("shows the shortlist once the round closed, and lets the organizer settle a tie at the cut with a reason", async () => {
    const { f, ids } = await closedRound({ advanceK: 2, tieBreak: "organizer" }, ([a, b, c, d]) => [
      [a!, 9, 5],
      [b!, 6, 3],
      [c!, 6, 3],
      [d!, 3, 1],
    ]);
    const organizer = { cookie: f.organizer.cookie };
    const page = await (await app.request(f.juryAdmin, { headers: organizer })).text();
    expect(page).toContain("Door naar de volgende ronde (top 2 per categorie)");
    expect(page).toContain("Gelijke stand in");
    expect(page).toContain("op plaats 2: kies 1");

    // A juror cannot decide it; nor can the organizer pick two for one seat, or leave out the reason.
    const juror = await addJuror(f);
    const tie = (picked: string[], reason: string) => ({
      categoryId: f.categoryIds[0]!,
      reason,
      ...Object.fromEntries(picked.map((id) => [`advance-${id}`, "on"])),
    });
    expect(
      (await app.request(`${f.juryAdmin}?intent=tie`, { form: tie([ids[1]!], "Sterkere motivatie"), headers: { cookie: juror.cookie } }))
        .status,
    ).toBe(403);
    expect((await app.request(`${f.juryAdmin}?intent=tie`, { form: tie([ids[1]!, ids[2]!], "Beide"), headers: organizer })).status).toBe(
      400,
    );
    expect((await app.request(`${f.juryAdmin}?intent=tie`, { form: tie([ids[1]!], ""), headers: organizer })).status).toBe(400);
    expect(await advanced(f)).toEqual([{ nominee_id: ids[0], place: 1, decided_by: "rule" }]);

    const decided = await app.request(`${f.juryAdmin}?intent=tie`, { form: tie([ids[2]!], "Sterkere motivatie"), headers: organizer });
    expect(decided.status).toBe(303);
    expect(await advanced(f)).toEqual([
      { nominee_id: ids[0], place: 1, decided_by: "rule" },
      { nominee_id: ids[2], place: 2, decided_by: "organizer" },
    ]);
    // Decided once: the tie is gone from the page, and a second decision is refused.
    const after = await (await app.request(f.juryAdmin, { headers: organizer })).text();
    expect(after).not.toContain("Gelijke stand in");
    expect(after).toContain("Sterkere motivatie");
    expect((await app.request(`${f.juryAdmin}?intent=tie`, { form: tie([ids[1]!], "Toch"), headers: organizer })).status).toBe(400);
  });
});
