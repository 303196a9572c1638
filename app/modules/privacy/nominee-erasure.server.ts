import { sql, type ExpressionBuilder } from "kysely";
import type { DB } from "../../../db/types";
import type { Db, DbOrTrx } from "~/db.server";
import { ok, refuse, type Outcome } from "~/lib/outcome";
import type { Actor } from "~/modules/audit/audit.server";
import type { ErasureReason } from "./erasure.schema";
import { erasureScope } from "./erasure.server";
import { erasePersonEverywhere, findPerson } from "./person.server";

// The organizer's erasure of a nominated person (the moderation page's "Persoon wissen"): the person
// everywhere (person.server.ts), starting from this edition's nominee and its merged duplicates.

/**
 * Erases a nominated person on an organizer's request: the person everywhere (erasePersonEverywhere),
 * starting from this nominee and the duplicates merged with it, audited as `nominee.erase` with who,
 * when, the nominee ids and the reason category — never the erased data. Erasing again is harmless
 * (it sweeps once more and finds nothing of the person left).
 */
export async function erasePerson(
  db: Db,
  actor: Actor,
  editionId: string,
  nomineeId: string,
  reason: ErasureReason,
): Promise<Outcome<{ nominees: number; already: boolean }>> {
  const target = await db
    .selectFrom("nominee")
    .select(["id", "erased_at"])
    .where("id", "=", nomineeId)
    .where("edition_id", "=", editionId)
    .executeTakeFirst();
  if (!target) return refuse(404, "erasure.errors.notFound");
  const scope = await erasureScope(db, editionId, nomineeId);
  if (!scope) return refuse(404, "erasure.errors.notFound");
  const outcome = await erasePersonEverywhere(db, actor, { names: [], emails: [], nomineeIds: scope.ids }, reason, {
    action: "nominee.erase",
    entityType: "nominee",
    entityId: nomineeId,
    extra: { repeated: target.erased_at !== null },
  });
  if (!outcome.ok) return outcome;
  return ok({ nominees: outcome.value.nominees, already: target.erased_at !== null });
}

/** What the confirmation page shows: how much of the person is stored (counts only). */
export async function erasurePreview(db: DbOrTrx, editionId: string, nomineeId: string) {
  const n = await db
    .selectFrom("nominee")
    .select(["id", "name", "organisation", "status", "erased_at", "redacted_at"])
    .where("id", "=", nomineeId)
    .where("edition_id", "=", editionId)
    .executeTakeFirst();
  if (!n) return undefined;
  const scope = await erasureScope(db, editionId, nomineeId);
  const ids = scope?.ids ?? [n.id];
  const scoped = (eb: ExpressionBuilder<DB, "nomination">) =>
    eb.or([eb("nomination.nominee_id", "in", ids), eb("nomination.submitted_for_nominee_id", "in", ids)]);
  const counts = await db
    .selectFrom("nomination")
    .leftJoin("nomination_reference as r", "r.nomination_id", "nomination.id")
    .select([sql<number>`count(distinct nomination.id)::int`.as("nominations"), sql<number>`count(r.id)::int`.as("references")])
    .where(scoped)
    .executeTakeFirstOrThrow();
  // The same person everywhere (as the erasure will find them): counts only, since other awards'
  // records are not this organizer's to read.
  const places = await findPerson(db, { names: [], emails: [], nomineeIds: ids });
  const everywhere = {
    nominees: places.nominees.length,
    references: places.references.length,
    texts: places.mentions.reduce((sum, m) => sum + m.rows, 0) + places.snapshots,
    invitations: places.invitations,
  };
  return {
    everywhere,
    id: n.id,
    name: n.erased_at || n.redacted_at ? null : n.name,
    organisation: n.organisation,
    erased: n.erased_at !== null,
    nominees: ids.length,
    nominations: counts.nominations,
    references: counts.references,
  };
}
