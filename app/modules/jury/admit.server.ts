import { sql } from "kysely";
import type { DbOrTrx } from "~/db.server";
import { writeAudit } from "~/modules/audit/audit.server";

// Kept apart from jury.server.ts (which needs the account tokens) so that accounts can claim jury
// invitations at verification and sign-in (app/modules/teams/claim.server.ts) without an import cycle.

/**
 * Makes an accepted jury invitation a membership (the jury role and the categories), audited as the
 * person's acceptance. Shared by the mailed link and by claiming invitations with a verified address.
 */
export async function admitJuror(
  trx: DbOrTrx,
  userId: string,
  invite: { id: string; edition_id: string; category_ids: string[] },
): Promise<void> {
  // A second invitation widens the member's categories; "all" (empty) stays all.
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
  await trx
    .insertInto("role_grant")
    .values({ user_id: userId, role: "jury", award_id: null, edition_id: invite.edition_id, book_project_id: null, granted_by: null })
    .onConflict((oc) => oc.doNothing())
    .execute();
  await writeAudit(
    trx,
    { actorId: userId },
    { action: "jury.accept", entityType: "edition", entityId: invite.edition_id, after: { invite: invite.id } },
  );
}
