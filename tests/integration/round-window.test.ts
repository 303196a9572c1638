import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "~/db.server";
import { closeRoundNow, openRoundNow } from "~/modules/rounds/window.server";
import { startTestServer, type TestServer } from "../setup/http";
import { addJuror, createJuryRound, type JuryFixture } from "../setup/jury";
import { createUser } from "../setup/factories";
import { createVoteRound, sessionFor } from "../setup/voting";

let app: TestServer;
beforeAll(async () => {
  app = await startTestServer();
});
afterAll(() => app.close());

// A round without a set start or end is opened and closed by the organizer (#13): of every kind,
// once, never backwards; a round with a set end keeps it (the database refuses the rest).

const actorOf = (f: JuryFixture) => ({ actorId: f.organizer.user.id });

async function windowOf(roundId: string) {
  return getDb()
    .selectFrom("round")
    .select(["opens_at", "closes_at", "advanced_at", sql<Date>`now()`.as("now")])
    .where("id", "=", roundId)
    .executeTakeFirstOrThrow();
}

async function auditActions(roundId: string) {
  const rows = await getDb().selectFrom("audit_log").select("action").where("entity_id", "=", roundId).orderBy("id").execute();
  return rows.map((r) => r.action);
}

/** A jury round with no window at all (the organizer opens and closes it by hand). */
async function openEndedJuryRound(advanceK?: number) {
  const f = await createJuryRound({ open: false, advanceK });
  await getDb().updateTable("round").set({ closes_at: null }).where("id", "=", f.juryRoundId).execute();
  return f;
}

describe("opening and closing a round by hand", () => {
  it("opens a round that has no start, once", async () => {
    const f = await openEndedJuryRound();
    expect(await openRoundNow(getDb(), actorOf(f), f.juryRoundId)).toEqual({ ok: true, value: undefined });
    const w = await windowOf(f.juryRoundId);
    expect(w.opens_at!.getTime()).toBeLessThanOrEqual(w.now.getTime());
    expect(await openRoundNow(getDb(), actorOf(f), f.juryRoundId)).toMatchObject({
      ok: false,
      status: 409,
      error: "roundWindow.errors.alreadyOpen",
    });
    expect((await windowOf(f.juryRoundId)).opens_at).toEqual(w.opens_at);
    expect(await auditActions(f.juryRoundId)).toEqual(["round.open"]);
  });

  it("closes an open round that has no end, once, and a top-K jury round advances at once", async () => {
    const f = await openEndedJuryRound(1);
    expect(await closeRoundNow(getDb(), actorOf(f), f.juryRoundId)).toMatchObject({
      ok: false,
      status: 409,
      error: "roundWindow.errors.notOpen",
    });
    expect((await openRoundNow(getDb(), actorOf(f), f.juryRoundId)).ok).toBe(true);
    expect((await closeRoundNow(getDb(), actorOf(f), f.juryRoundId)).ok).toBe(true);
    const w = await windowOf(f.juryRoundId);
    expect(w.closes_at).not.toBeNull();
    expect(w.closes_at!.getTime()).toBeGreaterThanOrEqual(w.opens_at!.getTime());
    expect(w.advanced_at).not.toBeNull();
    expect(await closeRoundNow(getDb(), actorOf(f), f.juryRoundId)).toMatchObject({
      ok: false,
      status: 409,
      error: "roundWindow.errors.alreadyClosed",
    });
    expect((await windowOf(f.juryRoundId)).closes_at).toEqual(w.closes_at);
    expect(await auditActions(f.juryRoundId)).toEqual(["round.open", "round.close", "round.advance"]);
    // Once closed it cannot open again.
    expect(await openRoundNow(getDb(), actorOf(f), f.juryRoundId)).toMatchObject({
      ok: false,
      status: 409,
      error: "roundWindow.errors.alreadyOpen",
    });
  });

  it("keeps a set end: the organizer cannot close early, and the database refuses it too", async () => {
    const f = await createJuryRound({ closesIn: 3600 });
    expect(await closeRoundNow(getDb(), actorOf(f), f.juryRoundId)).toMatchObject({
      ok: false,
      status: 409,
      error: "roundWindow.errors.hasEnd",
    });
    const before = await windowOf(f.juryRoundId);
    await expect(
      getDb()
        .updateTable("round")
        .set({ closes_at: sql<Date>`now()` })
        .where("id", "=", f.juryRoundId)
        .execute(),
    ).rejects.toMatchObject({ code: "23514" });
    expect((await windowOf(f.juryRoundId)).closes_at).toEqual(before.closes_at);
  });

  it("never closes an open-ended round in the past (no stored score falls outside the window)", async () => {
    const f = await openEndedJuryRound();
    await openRoundNow(getDb(), actorOf(f), f.juryRoundId);
    await expect(
      getDb()
        .updateTable("round")
        .set({ closes_at: sql<Date>`now() - interval '1 minute'` })
        .where("id", "=", f.juryRoundId)
        .execute(),
    ).rejects.toMatchObject({ code: "23514" });
    expect((await windowOf(f.juryRoundId)).closes_at).toBeNull();
  });

  it("does not open a round while the round it takes its candidates from has not decided", async () => {
    const f = await openEndedJuryRound(1);
    const next = await getDb()
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
      .returning("id")
      .executeTakeFirstOrThrow();
    expect(await openRoundNow(getDb(), actorOf(f), next.id)).toMatchObject({ ok: false, status: 409, error: "rounds.errors.waiting" });
    await openRoundNow(getDb(), actorOf(f), f.juryRoundId);
    await closeRoundNow(getDb(), actorOf(f), f.juryRoundId);
    // Closed and advanced, but not confirmed and published yet: still waiting.
    expect(await openRoundNow(getDb(), actorOf(f), next.id)).toMatchObject({ ok: false, status: 409, error: "rounds.errors.waiting" });
    expect((await windowOf(next.id)).opens_at).toBeNull();
  });

  it("leaves a live vote to its own controls", async () => {
    const f = await openEndedJuryRound();
    const live = await getDb()
      .insertInto("round")
      .values({
        edition_id: f.editionId,
        position: 3,
        kind: "live_vote",
        name_nl: "Zaal",
        name_en: "Hall",
        source: "previous",
        advancement: "none",
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    expect(await openRoundNow(getDb(), actorOf(f), live.id)).toMatchObject({ ok: false, status: 404 });
    expect((await windowOf(live.id)).opens_at).toBeNull();
  });
});

describe("the organizer's buttons", () => {
  it("open and close an open-ended jury round from its page; a juror is refused", async () => {
    const f = await openEndedJuryRound();
    const juror = await addJuror(f);
    const page = await app.request(f.juryAdmin, { headers: { cookie: f.organizer.cookie } });
    expect(await page.text()).toContain("Ronde nu openen");
    expect((await app.request(`${f.juryAdmin}?intent=openNow`, { form: {}, headers: { cookie: juror.cookie } })).status).toBe(403);
    expect((await windowOf(f.juryRoundId)).opens_at).toBeNull();
    const opened = await app.request(`${f.juryAdmin}?intent=openNow`, { form: {}, headers: { cookie: f.organizer.cookie } });
    expect(opened.status).toBe(303);
    expect(opened.headers.get("location")).toContain("melding=roundWindow.notice.opened");
    const open = await (await app.request(f.juryAdmin, { headers: { cookie: f.organizer.cookie } })).text();
    expect(open).toContain("Ronde nu sluiten");
    expect(open).not.toContain("Ronde nu openen");
    const again = await app.request(`${f.juryAdmin}?intent=openNow`, { form: {}, headers: { cookie: f.organizer.cookie } });
    expect(again.status).toBe(409);
    expect(await again.text()).toContain("Deze ronde is al geopend.");
    expect((await app.request(`${f.juryAdmin}?intent=closeNow`, { form: {}, headers: { cookie: juror.cookie } })).status).toBe(403);
    expect((await app.request(`${f.juryAdmin}?intent=closeNow`, { form: {}, headers: { cookie: f.organizer.cookie } })).status).toBe(303);
    expect((await windowOf(f.juryRoundId)).closes_at).not.toBeNull();
  });

  it("open and close an open-ended public vote from its dashboard", async () => {
    const v = await createVoteRound({ opensIn: 3600, closesIn: 7200 });
    await getDb().updateTable("round").set({ opens_at: null, closes_at: null }).where("id", "=", v.roundId).execute();
    const user = await createUser();
    await getDb()
      .insertInto("role_grant")
      .values({ user_id: user.id, role: "organizer", award_id: v.awardId, edition_id: null, book_project_id: null })
      .execute();
    const organizer = { cookie: await sessionFor(user.id) };
    const dashboard = v.adminBase;
    expect(await (await app.request(dashboard, { headers: organizer })).text()).toContain("Ronde nu openen");
    expect((await app.request(`${dashboard}?intent=openNow`, { form: {}, headers: organizer })).status).toBe(303);
    expect(await (await app.request(dashboard, { headers: organizer })).text()).toContain("Ronde nu sluiten");
    expect((await app.request(`${dashboard}?intent=closeNow`, { form: {}, headers: organizer })).status).toBe(303);
    const w = await windowOf(v.roundId);
    expect(w.opens_at).not.toBeNull();
    expect(w.closes_at).not.toBeNull();
  });
});
