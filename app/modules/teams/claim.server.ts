import { sql } from "kysely";
import type { DbOrTrx } from "~/db.server";
import { writeAudit } from "~/modules/audit/audit.server";
import { seatJuror } from "~/modules/jury/membership.server";

// The one entry point other slices call (accounts at verification, sign-in and e-mail change, identity
// at SSO sign-in); it imports nothing from accounts, so they can import it without a cycle. A jury place
// is claimed here too (ADR 0027): the invited address is the authority for both kinds of invitation; the
// jury's mailed link remains a second way in (jury.server.ts acceptInvite), and both seat the juror
// through the same seatJuror.

/**
 * Turns every open, unexpired invitation for this address — to a role (role_invitation) or to a jury
 * place (jury_invite) — into the role or the place when the account is verified and still has this
 * address; otherwise nothing. Revoked, expired and already accepted invitations are never taken.
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
  return (await claimRoles(trx, user.id, email)) + (await claimJuryPlaces(trx, user.id, email));
}

async function claimRoles(trx: DbOrTrx, userId: string, email: string): Promise<number> {
  const accepted = await trx
    .updateTable("role_invitation")
    .set({ accepted_at: sql`now()`, accepted_by: userId })
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
        user_id: userId,
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
      { actorId: userId },
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

async function claimJuryPlaces(trx: DbOrTrx, userId: string, email: string): Promise<number> {
  // Oldest first, so the audit reads in the order the invitations went out.
  const accepted = await trx
    .updateTable("jury_invite")
    .set({ accepted_at: sql`now()`, accepted_by: userId })
    .where("email", "=", email)
    .where("accepted_at", "is", null)
    .where("revoked_at", "is", null)
    .where("expires_at", ">", sql<Date>`now()`)
    .returning(["id", "edition_id", "category_ids", "invited_by", "created_at"])
    .execute();
  accepted.sort((a, b) => a.created_at.getTime() - b.created_at.getTime() || (a.id < b.id ? -1 : 1));
  for (const invite of accepted) await seatJuror(trx, invite, userId, "address");
  return accepted.length;
}
