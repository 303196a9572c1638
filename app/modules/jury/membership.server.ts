import { sql } from "kysely";
import type { DbOrTrx } from "~/db.server";
import { writeAudit } from "~/modules/audit/audit.server";

// The one way an accepted jury invitation becomes a jury place, whichever way it was accepted: through
// the mailed link (jury.server.ts acceptInvite) or by the invited address being verified or signing in
// (teams/claim.server.ts). It imports nothing from accounts, so the claim can use it without a cycle.

/** A jury invitation as it was closed (accepted) in the caller's transaction. */
export interface AcceptedJuryInvite {
  id: string;
  edition_id: string;
  category_ids: string[];
  invited_by: string | null;
}

/**
 * Seats the account in the edition's jury by an invitation it has just accepted: a member for the
 * invited categories (a second invitation widens them; "all", none named, stays all) with the jury role.
 * Audited as the person's, with how it was accepted.
 */
export async function seatJuror(trx: DbOrTrx, invite: AcceptedJuryInvite, userId: string, via: "link" | "address"): Promise<void> {
  await trx
    .insertInto("jury_member")
    .values({ edition_id: invite.edition_id, user_id: userId, category_ids: invite.category_ids })
    .onConflict((oc) =>
      oc.columns(["edition_id", "user_id"]).doUpdateSet({
        category_ids: sql`case when cardinality(jury_member.category_ids) = 0 or cardinality(excluded.category_ids) = 0 then '{}'::uuid[]
          else array(select distinct unnest(jury_member.category_ids || excluded.category_ids)) end`,
      }),
    )
    .execute();
  const granted = await trx
    .selectFrom("role_grant")
    .select("id")
    .where("user_id", "=", userId)
    .where("role", "=", "jury")
    .where("edition_id", "=", invite.edition_id)
    .executeTakeFirst();
  if (!granted) {
    await trx
      .insertInto("role_grant")
      .values({
        user_id: userId,
        role: "jury",
        award_id: null,
        edition_id: invite.edition_id,
        book_project_id: null,
        granted_by: invite.invited_by,
      })
      .execute();
  }
  await writeAudit(
    trx,
    { actorId: userId },
    { action: "jury.accept", entityType: "edition", entityId: invite.edition_id, after: { invite: invite.id, via } },
  );
}

/**
 * A juror leaves (their account is being deleted), in the caller's transaction: a seat that scored or
 * declared a conflict stays — the account's deletion unlinks it (jury_seat.user_id → null), so the
 * jury's records and outcome stay exactly as they are; a seat with neither goes, with its memberships.
 * The seat is locked first, so a score saved at the same moment either lands before (and the seat
 * stays) or is refused after. Answers how many scores stay on the seat.
 */
export async function vacateJurySeat(trx: DbOrTrx, userId: string): Promise<number> {
  const seat = await trx.selectFrom("jury_seat").select("id").where("id", "=", userId).forUpdate().executeTakeFirst();
  if (!seat) return 0;
  const [scores, conflicts] = await Promise.all([
    trx
      .selectFrom("jury_score")
      .select((eb) => eb.fn.countAll<string>().as("n"))
      .where("juror_id", "=", userId)
      .executeTakeFirstOrThrow(),
    trx.selectFrom("jury_conflict").select("juror_id").where("juror_id", "=", userId).limit(1).executeTakeFirst(),
  ]);
  const kept = Number(scores.n);
  if (kept === 0 && !conflicts) await trx.deleteFrom("jury_seat").where("id", "=", userId).execute();
  return kept;
}
