import { sql } from "kysely";
import type { Db, DbOrTrx } from "~/db.server";
import { ok, refuse, type Outcome } from "~/lib/outcome";
import { writeAudit, type Actor } from "~/modules/audit/audit.server";
import {
  listAdvanced,
  loadRoundOfKind,
  roundCandidates,
  roundState,
  sourceUnpublished,
  candidateSource,
  type VotingRound,
} from "~/modules/voting/round.server";
import { MOTIVATION_MAX, MOTIVATION_MIN, type SelectionPick } from "./selection.schema";

// Organizer-selection rounds (#13): the organizers pick exactly the round's number (advance_k) per
// category from the round's candidates, each with a motivation. The database keeps the count within
// the number and locks the selection once a later round has opened (round_selection_check).

export type SelectionRound = VotingRound;

/** An organizer-selection round of an edition by its position; 404 when there is none. */
export const loadSelectionRound = (db: DbOrTrx, editionId: string, position: string | undefined): Promise<SelectionRound> =>
  loadRoundOfKind(db, editionId, position, ["organizer_selection"]);

/** True once a later round of the edition has opened: the selection (or shortlist) can no longer change. */
export async function laterRoundOpened(db: DbOrTrx, round: Pick<SelectionRound, "edition_id" | "position">): Promise<boolean> {
  const row = await db
    .selectFrom("round")
    .select("id")
    .where("edition_id", "=", round.edition_id)
    .where("position", ">", round.position)
    .where("opens_at", "<=", sql<Date>`now()`)
    .executeTakeFirst();
  return row !== undefined;
}

/** What the organizer's selection page shows: the candidates per category, the current picks and whether it can change. */
export async function selectionView(db: DbOrTrx, round: SelectionRound, categories: ReadonlyArray<{ id: string; name: string }>) {
  const source = await candidateSource(db, round);
  const [waiting, candidates, picked, locked] = await Promise.all([
    sourceUnpublished(db, source),
    roundCandidates(db, round),
    listAdvanced(db, round.id, { candidatesOnly: false }),
    laterRoundOpened(db, round),
  ]);
  const reasons = new Map(picked.map((p) => [p.nominee_id, p.reason ?? ""]));
  return {
    k: round.advance_k,
    state: roundState(round),
    waiting,
    locked,
    saved: round.advanced_at !== null,
    confirmed: round.results_published_at !== null,
    categories: categories.map((c) => ({
      id: c.id,
      name: c.name,
      candidates: (waiting ? [] : candidates)
        .filter((n) => n.category_id === c.id)
        .map((n) => ({
          id: n.id,
          name: n.name,
          organisation: n.organisation,
          picked: reasons.has(n.id),
          motivation: reasons.get(n.id) ?? "",
        })),
    })),
  };
}

const pg = (e: unknown) => e as { code?: string; constraint?: string };

/**
 * Saves the organizers' selection: exactly the round's number per category, each pick a candidate of
 * the round with a motivation. Replaces an earlier selection while it may still change (not after
 * the shortlist was confirmed, not once a later round opened). One transaction, audited; sets
 * advanced_at, so the next round's candidates follow from it once confirmed.
 */
export async function saveSelection(
  db: DbOrTrx,
  actor: Actor,
  round: Pick<SelectionRound, "id">,
  categories: ReadonlyArray<{ id: string; name: string }>,
  picks: SelectionPick[],
): Promise<Outcome<number>> {
  const run = async (trx: DbOrTrx): Promise<Outcome<number>> => {
    const locked = await trx
      .selectFrom("round")
      .selectAll()
      .select(sql<Date>`now()`.as("db_now"))
      .where("id", "=", round.id)
      .forUpdate()
      .executeTakeFirst();
    if (!locked || locked.kind !== "organizer_selection") return refuse(404, "moderation.errors.notFound");
    if (locked.advance_k === null) return refuse(409, "rounds.errors.noNumber");
    if (roundState(locked) === "upcoming") return refuse(409, "rounds.errors.notOpened");
    if (locked.results_published_at) return refuse(409, "rounds.errors.alreadyConfirmed");
    if (await laterRoundOpened(trx, locked)) return refuse(409, "rounds.errors.selectionLocked");
    if (await sourceUnpublished(trx, await candidateSource(trx, locked))) return refuse(409, "rounds.errors.sourceWaiting");
    const candidates = new Map((await roundCandidates(trx, locked)).map((c) => [c.id, c]));
    if (new Set(picks.map((p) => p.nomineeId)).size !== picks.length || picks.some((p) => !candidates.has(p.nomineeId)))
      return refuse(400, "rounds.errors.notACandidate");
    for (const p of picks) {
      const name = candidates.get(p.nomineeId)!.name;
      if (p.motivation.length < MOTIVATION_MIN)
        return refuse(400, "rounds.errors.motivationRequired", {
          field: `motivation-${p.nomineeId}`,
          params: { name, min: MOTIVATION_MIN },
        });
      if (p.motivation.length > MOTIVATION_MAX)
        return refuse(400, "rounds.errors.motivationTooLong", {
          field: `motivation-${p.nomineeId}`,
          params: { name, max: MOTIVATION_MAX },
        });
    }
    for (const c of categories) {
      const n = picks.filter((p) => candidates.get(p.nomineeId)!.category_id === c.id).length;
      const available = [...candidates.values()].filter((x) => x.category_id === c.id).length;
      // A category with fewer candidates than the number takes them all.
      const wanted = Math.min(locked.advance_k, available);
      if (n !== wanted) return refuse(400, "rounds.errors.count", { params: { category: c.name, k: wanted, n } });
    }
    const before = await listAdvanced(trx, locked.id, { candidatesOnly: false });
    await trx.deleteFrom("round_advancement").where("round_id", "=", locked.id).execute();
    const rows = picks.map((p) => ({
      round_id: locked.id,
      nominee_id: p.nomineeId,
      category_id: candidates.get(p.nomineeId)!.category_id,
      place: null,
      score: null,
      decided_by: "organizer" as const,
      reason: p.motivation,
    }));
    if (rows.length) await trx.insertInto("round_advancement").values(rows).execute();
    await trx
      .updateTable("round")
      .set({ advanced_at: sql`now()` })
      .where("id", "=", locked.id)
      .execute();
    await writeAudit(trx, actor, {
      action: "round.select",
      entityType: "round",
      entityId: locked.id,
      before: before.map((b) => ({ nomineeId: b.nominee_id, reason: b.reason })),
      after: rows.map((r) => ({ nomineeId: r.nominee_id, categoryId: r.category_id, reason: r.reason })),
    });
    return ok(rows.length);
  };
  try {
    if ("isTransaction" in db && db.isTransaction) return await run(db);
    return await (db as Db).transaction().execute(run);
  } catch (e) {
    // The database's word when a request raced the checks above.
    if (pg(e).constraint === "round_selection_locked") return refuse(409, "rounds.errors.selectionLocked");
    if (pg(e).constraint === "round_selection_count") return refuse(400, "rounds.errors.countExceeded");
    throw e;
  }
}
