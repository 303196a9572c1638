import { sql } from "kysely";
import type { Db } from "~/db.server";
import { ok, refuse, type Outcome } from "~/lib/outcome";
import { writeAudit, type Actor } from "~/modules/audit/audit.server";
import { ensureJuryAdvanced } from "~/modules/jury/jury.server";
import { ensureAdvanced } from "~/modules/voting/round.server";

// A round's window set by hand: an organizer opens a round that has no start yet (or a later one)
// now, and closes a round that has no end now. A round with a set end closes at that time only;
// the database refuses any other change of an opened round's window (round_locked_after_open).
// A live vote has its own controls (liveControl), which also hand out the short code.

/** Opens a round now that has not opened yet. Audited. */
export async function openRoundNow(db: Db, actor: Actor, roundId: string): Promise<Outcome> {
  return db.transaction().execute(async (trx): Promise<Outcome> => {
    const round = await trx
      .selectFrom("round")
      .select(["id", "kind", "opens_at", "closes_at", sql<Date>`now()`.as("db_now")])
      .where("id", "=", roundId)
      .forUpdate()
      .executeTakeFirst();
    if (!round || round.kind === "live_vote") return refuse(404, "moderation.errors.notFound");
    if (round.opens_at && round.opens_at <= round.db_now) return refuse(409, "roundWindow.errors.alreadyOpen");
    if (round.closes_at && round.closes_at <= round.db_now) return refuse(409, "roundWindow.errors.endPassed");
    // Who takes part is known only once the round before has decided and published it.
    const { rows } = await sql<{ waiting: boolean }>`select lauwer_round_waiting(${roundId}::uuid) as waiting`.execute(trx);
    if (rows[0]?.waiting) return refuse(409, "rounds.errors.waiting");
    await trx
      .updateTable("round")
      .set({ opens_at: sql`now()` })
      .where("id", "=", roundId)
      .execute();
    await writeAudit(trx, actor, { action: "round.open", entityType: "round", entityId: roundId, before: { opens_at: round.opens_at } });
    return ok();
  });
}

/**
 * Closes an open round that has no end now, then lets a top-K round advance at once (the timer
 * would do it within a minute). Audited.
 */
export async function closeRoundNow(db: Db, actor: Actor, roundId: string): Promise<Outcome> {
  const closed = await db.transaction().execute(async (trx): Promise<Outcome<{ kind: string }>> => {
    const round = await trx
      .selectFrom("round")
      .select(["id", "kind", "opens_at", "closes_at", sql<Date>`now()`.as("db_now")])
      .where("id", "=", roundId)
      .forUpdate()
      .executeTakeFirst();
    if (!round || round.kind === "live_vote") return refuse(404, "moderation.errors.notFound");
    if (!round.opens_at || round.opens_at > round.db_now) return refuse(409, "roundWindow.errors.notOpen");
    if (round.closes_at)
      return refuse(409, round.closes_at <= round.db_now ? "roundWindow.errors.alreadyClosed" : "roundWindow.errors.hasEnd");
    // Audit first, close last: clock_timestamp() is taken by the final statement before the commit,
    // so what commits after it is as little as possible (and refused by its trigger).
    await writeAudit(trx, actor, { action: "round.close", entityType: "round", entityId: roundId });
    await trx
      .updateTable("round")
      .set({ closes_at: sql`clock_timestamp()` })
      .where("id", "=", roundId)
      .execute();
    return ok({ kind: round.kind });
  });
  if (!closed.ok) return closed;
  if (closed.value.kind === "jury") await ensureJuryAdvanced(db, roundId);
  else if (closed.value.kind === "public_vote") await ensureAdvanced(db, roundId);
  return ok();
}
