import { sql } from "kysely";
import type { DbOrTrx } from "~/db.server";
import { writeAudit } from "~/modules/audit/audit.server";

// The one entry point other slices call (accounts at verification and sign-in, identity at SSO
// sign-in); it imports nothing from accounts, so they can import it without a cycle. A jury place is
// not claimed here: it is accepted explicitly through the jury invitation's link (ADR 0027).

/**
 * Turns every open, unexpired role invitation for this address into its role when the account is
 * verified and still has this address; otherwise nothing.
 * Call it in the transaction (or with the database) of a verification, a sign-in or an SSO sign-in;
 * running it twice is harmless. Each acceptance is audited as the person's. Answers how many it took.
 */
export async function claimRoleInvitations(trx: DbOrTrx, user: { id: string; email: string }): Promise<number> {
  const email = user.email.trim().toLowerCase();
  const account = await trx
    .selectFrom("app_user")
    .select("id")
    .where("id", "=", user.id)
    .where("email", "=", email)
    .where("email_verified_at", "is not", null)
    .executeTakeFirst();
  if (!account) return 0;
  const accepted = await trx
    .updateTable("role_invitation")
    .set({ accepted_at: sql`now()`, accepted_by: user.id })
    .where("email", "=", email)
    .where("accepted_at", "is", null)
    .where("revoked_at", "is", null)
    .where("expires_at", ">", sql<Date>`now()`)
    .returning(["id", "role", "award_id", "book_project_id", "invited_by"])
    .execute();
  for (const inv of accepted) {
    await trx
      .insertInto("role_grant")
      .values({
        user_id: user.id,
        role: inv.role,
        award_id: inv.award_id,
        edition_id: null,
        book_project_id: inv.book_project_id,
        granted_by: inv.invited_by,
      })
      .onConflict((oc) => oc.doNothing())
      .execute();
    await writeAudit(
      trx,
      { actorId: user.id },
      {
        action: "role.invite.accept",
        entityType: "role_invitation",
        entityId: inv.id,
        after: { role: inv.role, award_id: inv.award_id, book_project_id: inv.book_project_id },
      },
    );
  }
  return accepted.length;
}
