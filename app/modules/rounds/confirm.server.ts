import { sql } from "kysely";
import type { Db, DbOrTrx } from "~/db.server";
import { ok, refuse, type Outcome } from "~/lib/outcome";
import { writeAudit, type Actor } from "~/modules/audit/audit.server";
import { juryShortlist } from "~/modules/jury/jury.server";
import { roundState } from "~/modules/voting/round.server";

/**
 * "Shortlist bevestigen en bekendmaken": the organizer confirms who advanced from a jury top-K round
 * or an organizer selection. That sets round.results_published_at — the one published marker of
 * every round kind: the next round's candidates, the shortlist mails and the public lists follow it.
 * Refused while a tie at the cut is open or nobody advanced; confirming twice changes nothing. Audited.
 */
export async function confirmShortlist(
  db: DbOrTrx,
  actor: Actor,
  round: { id: string },
  categories: ReadonlyArray<{ id: string; name: string }>,
): Promise<Outcome> {
  const current = await db
    .selectFrom("round")
    .selectAll()
    .select(sql<Date>`now()`.as("db_now"))
    .where("id", "=", round.id)
    .executeTakeFirst();
  if (!current) return refuse(404, "moderation.errors.notFound");
  const isJury = current.kind === "jury" && current.advancement === "top_k";
  const isSelection = current.kind === "organizer_selection" && current.advancement === "organizer";
  if (!isJury && !isSelection) return refuse(400, "rounds.errors.notConfirmable");
  if (isJury) {
    if (roundState(current) !== "closed") return refuse(409, "voting.errors.notClosed");
    // Writes the shortlist if the timer has not yet, and reads the ties left to the organizer.
    const { ties } = await juryShortlist(db, current, categories);
    if (ties.length) return refuse(409, "rounds.errors.tiesOpen", { params: { category: ties[0]!.category } });
  }
  const run = async (trx: DbOrTrx): Promise<Outcome> => {
    const locked = await trx.selectFrom("round").selectAll().where("id", "=", round.id).forUpdate().executeTakeFirstOrThrow();
    if (locked.results_published_at) return ok();
    const advanced = await trx
      .selectFrom("round_advancement")
      .select(sql<number>`count(*)::int`.as("n"))
      .where("round_id", "=", round.id)
      .executeTakeFirstOrThrow();
    if (!locked.advanced_at || advanced.n === 0) return refuse(409, "rounds.errors.nothingAdvanced");
    await trx
      .updateTable("round")
      .set({ results_published_at: sql`now()` })
      .where("id", "=", round.id)
      .execute();
    await writeAudit(trx, actor, { action: "round.confirm", entityType: "round", entityId: round.id, after: { advanced: advanced.n } });
    return ok();
  };
  if ("isTransaction" in db && db.isTransaction) return run(db);
  return (db as Db).transaction().execute(run);
}
