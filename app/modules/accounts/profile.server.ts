import { sql } from "kysely";
import { verifyPassword } from "~/auth/password.server";
import { config } from "~/config.server";
import type { Db, DbOrTrx } from "~/db.server";
import { ok, refuse, type Outcome } from "~/lib/outcome";
import { admitLoginAttempt } from "~/modules/rate-limit/login-throttle.server";
import { hit } from "~/modules/rate-limit/rate-limit.server";
import { claimRoleInvitations } from "~/modules/teams/claim.server";
import { enqueueAccountMail } from "./account-mail.server";
import { findUserById, lockAccount } from "./account.repository.server";
import type { ChangeEmailInput, ProfileInput } from "./account.schema";
import { hashToken, newToken } from "./account.server";

const EMAIL_CHANGE_TTL_SECONDS = 24 * 3600;

/** The person's own name and organisation (what others see next to their proposals and nominations). */
export async function updateProfile(db: DbOrTrx, userId: string, input: ProfileInput): Promise<Outcome> {
  const updated = await db
    .updateTable("app_user")
    .set({ name: input.name, organisation: input.organisation, updated_at: sql`now()` })
    .where("id", "=", userId)
    .executeTakeFirst();
  return Number(updated.numUpdatedRows) > 0 ? ok() : refuse(404, "accounts.delete.errors.gone");
}

/**
 * A new e-mail address waits for the link mailed to it (24 hours, single use; earlier links stop
 * working); the account keeps its address until then. The current password is asked when the account
 * has one (throttled like a login). When the new address already has an account, that address gets a
 * mail saying so instead, and the person is answered the same: the page does not tell who has an account.
 */
export async function requestEmailChange(db: Db, signedIn: { id: string }, input: ChangeEmailInput, ip: string): Promise<Outcome> {
  const user = await findUserById(db, signedIn.id);
  if (!user) return refuse(404, "accounts.delete.errors.gone");
  if (input.newEmail === user.email) return refuse(400, "accounts.email.errors.same", { field: "newEmail" });
  if (user.password_hash) {
    if (!input.password) return refuse(400, "errors.required", { field: "password" });
    const admission = await admitLoginAttempt(db, user.email, ip);
    if (admission.wait) return refuse(429, "errors.tooMany", { retryAfter: admission.wait });
    if (!input.password || !(await verifyPassword(user.password_hash, input.password)))
      return refuse(400, "accounts.errors.wrongCurrentPassword", { field: "password" });
  }
  const wait = await hit("mailAccount", user.id);
  if (wait) return refuse(429, "errors.tooMany", { field: "newEmail", retryAfter: wait });
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable("email_change_token")
      .set({ used_at: sql`now()` })
      .where("user_id", "=", user.id)
      .where("used_at", "is", null)
      .execute();
    const taken = await trx.selectFrom("app_user").select("id").where("email", "=", input.newEmail).executeTakeFirst();
    if (taken) {
      await enqueueAccountMail(
        trx,
        { to: input.newEmail, locale: user.locale, link: `${config().origin}/wachtwoord-vergeten` },
        "emailChangeTaken",
      );
      return;
    }
    const { token, hash } = newToken();
    await trx
      .insertInto("email_change_token")
      .values({
        token_hash: hash,
        user_id: user.id,
        new_email: input.newEmail,
        expires_at: sql<Date>`now() + make_interval(secs => ${EMAIL_CHANGE_TTL_SECONDS})`,
      })
      .execute();
    await enqueueAccountMail(
      trx,
      {
        to: input.newEmail,
        locale: user.locale,
        name: user.name,
        link: `${config().origin}/e-mail-bevestigen?wijziging=1&token=${encodeURIComponent(token)}`,
      },
      "emailChangeConfirm",
    );
  });
  return ok();
}

/**
 * The link from the new mailbox: the account's address becomes the new one (confirmed), the notice
 * preferences move with it, the old address is told (with the new one, so a stranger's change is
 * noticed), and the person's other sessions stay as they are. Single use; refused when expired, used,
 * or when the address got an account meanwhile.
 */
export async function confirmEmailChange(db: Db, token: string): Promise<Outcome> {
  return db.transaction().execute(async (trx): Promise<Outcome> => {
    const row = await trx
      .updateTable("email_change_token")
      .set({ used_at: sql`now()` })
      .where("token_hash", "=", hashToken(token))
      .where("used_at", "is", null)
      .where("expires_at", ">", sql<Date>`now()`)
      .returning(["user_id", "new_email"])
      .executeTakeFirst();
    if (!row) return refuse(400, "accounts.email.errors.invalidLink");
    const user = await lockAccount(trx, row.user_id);
    if (!user) return refuse(400, "accounts.email.errors.invalidLink");
    const taken = await trx.selectFrom("app_user").select("id").where("email", "=", row.new_email).executeTakeFirst();
    if (taken) return refuse(409, "accounts.email.errors.taken");
    await trx
      .updateTable("app_user")
      .set({ email: row.new_email, email_verified_at: sql`now()`, updated_at: sql`now()` })
      .where("id", "=", user.id)
      .execute();
    // The choices about mail follow the person (only where the new address has none of its own).
    await sql`update notice_preference p set email = ${row.new_email} where p.email = ${user.email}
      and not exists (select 1 from notice_preference q where q.email = ${row.new_email} and q.topic = p.topic)`.execute(trx);
    await trx.deleteFrom("notice_preference").where("email", "=", user.email).execute();
    // The new address is proven now: invitations to a role sent to it become roles (ADR 0027).
    await claimRoleInvitations(trx, { id: user.id, email: row.new_email });
    await enqueueAccountMail(
      trx,
      {
        to: user.email,
        locale: user.locale,
        name: user.name,
        link: `${config().origin}/wachtwoord-vergeten`,
        params: { newEmail: row.new_email },
      },
      "emailChanged",
    );
    return ok();
  });
}
