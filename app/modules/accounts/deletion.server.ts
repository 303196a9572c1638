import { sql } from "kysely";
import { verifyPassword } from "~/auth/password.server";
import { config } from "~/config.server";
import type { Db, DbOrTrx } from "~/db.server";
import { ok, refuse, type Outcome } from "~/lib/outcome";
import { writeAudit, type Actor } from "~/modules/audit/audit.server";
import { isLocale } from "~/i18n/i18n";
import { pick } from "~/lib/locale";
import { releaseAuthorPortraits } from "~/modules/book/assignment.server";
import { vacateJurySeat } from "~/modules/jury/membership.server";
import { vacuum } from "~/modules/privacy/erasure.server";
import { erasePersonIn } from "~/modules/privacy/person.server";
import { admitLoginAttempt } from "~/modules/rate-limit/login-throttle.server";
import { enqueueAccountMail } from "./account-mail.server";
import { findUserById, lockAccount } from "./account.repository.server";
import type { DeleteAccountInput } from "./account.schema";

const count = (
  db: DbOrTrx,
  table: "ballot" | "nomination" | "book_proposal" | "book_comment" | "book_manuscript_comment",
  column: string,
  id: string,
) =>
  sql<{ n: number }>`select count(*)::int as n from ${sql.table(table)} where ${sql.ref(column)} = ${id}`
    .execute(db)
    .then((r) => r.rows[0]!.n);

/** What deleting the account would touch, for the page that explains it before anyone confirms. */
export async function deletionFacts(db: DbOrTrx, userId: string) {
  const [ballots, nominations, proposals, comments, manuscriptComments, portraits, juryScores, onlyAdmin, user] = await Promise.all([
    count(db, "ballot", "voter_id", userId),
    count(db, "nomination", "nominator_id", userId),
    count(db, "book_proposal", "proposer_id", userId),
    count(db, "book_comment", "author_id", userId),
    count(db, "book_manuscript_comment", "author_id", userId),
    db
      .selectFrom("book_assignment as a")
      .innerJoin("book_proposal as p", "p.id", "a.proposal_id")
      .select((eb) => [
        "p.name",
        "a.status",
        eb
          .exists(eb.selectFrom("book_manuscript_version as v").select("v.id").whereRef("v.proposal_id", "=", "a.proposal_id"))
          .as("written"),
      ])
      .where("a.user_id", "=", userId)
      .orderBy("p.name")
      .execute(),
    db
      .selectFrom("jury_score")
      .select((eb) => eb.fn.countAll<string>().as("n"))
      .where("juror_id", "=", userId)
      .executeTakeFirstOrThrow()
      .then((r) => Number(r.n)),
    isOnlyAdmin(db, userId),
    db.selectFrom("app_user").select(["password_hash", "email"]).where("id", "=", userId).executeTakeFirst(),
  ]);
  // Being a candidate is the edition's record, not the account's: its organizers erase it on request.
  const nominated = user
    ? await db
        .selectFrom("nominee")
        .select((eb) => eb.fn.countAll<string>().as("n"))
        .where("contact_email", "=", user.email)
        .where("erased_at", "is", null)
        .executeTakeFirstOrThrow()
        .then((r) => Number(r.n))
    : 0;
  return {
    ballots,
    nominations,
    proposals,
    comments: comments + manuscriptComments,
    /** Portraits in progress without text yet: released to the editors. */
    portraits: portraits.filter((p) => p.status !== "final" && !p.written),
    /** Portraits in progress with text: released to the editors; the text stays with the book, under "a deleted member". */
    writtenPortraits: portraits.filter((p) => p.status !== "final" && p.written),
    /** Finished portraits: they stay in the book, under "a deleted member". */
    finishedPortraits: portraits.filter((p) => p.status === "final"),
    /** Jury scores: they stay counted, on a seat that names nobody. */
    juryScores,
    nominated,
    onlyAdmin,
    /** An account signed in only through an identity provider confirms by typing its address instead. */
    hasPassword: Boolean(user?.password_hash),
  };
}
export type DeletionFacts = Awaited<ReturnType<typeof deletionFacts>>;

async function isOnlyAdmin(db: DbOrTrx, userId: string): Promise<boolean> {
  const admins = await db
    .selectFrom("role_grant")
    .select("user_id")
    .distinct()
    .where("role", "=", "admin")
    .where("award_id", "is", null)
    .where("edition_id", "is", null)
    .where("book_project_id", "is", null)
    .execute();
  return admins.length === 1 && admins[0]!.user_id === userId;
}

/**
 * Deletes the signed-in person's account, after they confirmed with their password (throttled like a
 * login, ADR 0020) or, without a password, by typing their address. In one transaction, with the
 * account row locked: portraits in progress are released to the editors (audited; the editors are
 * mailed; any text stays with the portrait), a jury seat without scores or conflicts goes, what is kept
 * about their address (notice preferences, notices, unsubscribe keys, throttling, queued and sent
 * mail, and the invitations they accepted) is removed, and the account row goes. PostgreSQL then unlinks what stays — ballots (counted,
 * with their receipt codes), nominations, proposals, comments and texts ("a deleted member"), a jury
 * seat with its scores ("a deleted juror": the outcome is unchanged), a finished portrait's author —
 * and removes what was only theirs (sessions, tokens, roles, endorsements, claims, drafts). A goodbye
 * mail is queued. Refused only for the platform's only admin.
 */
export async function deleteAccount(
  db: Db,
  signedIn: { id: string; email: string },
  input: DeleteAccountInput,
  ip: string,
  actor: Actor,
): Promise<Outcome> {
  const user = await findUserById(db, signedIn.id);
  if (!user) return refuse(404, "accounts.delete.errors.gone");
  if (user.password_hash) {
    if (!input.password) return refuse(400, "errors.required", { field: "password" });
    const admission = await admitLoginAttempt(db, user.email, ip);
    if (admission.wait) return refuse(429, "errors.tooMany", { retryAfter: admission.wait });
    if (!input.password || !(await verifyPassword(user.password_hash, input.password)))
      return refuse(400, "accounts.errors.wrongCurrentPassword", { field: "password" });
  } else if ((input.confirmEmail ?? "").trim().toLowerCase() !== user.email) {
    return refuse(400, "accounts.delete.errors.typeAddress", { field: "confirmEmail" });
  }
  let touched = new Set<string>();
  const outcome = await db.transaction().execute(async (trx): Promise<Outcome> => {
    // The row lock makes two deletions (two tabs) one: the second finds no account.
    const locked = await lockAccount(trx, user.id);
    if (!locked) return refuse(404, "accounts.delete.errors.gone");
    if (await isOnlyAdmin(trx, user.id)) return refuse(409, "accounts.delete.errors.onlyAdmin");
    // Asked for: the person erased everywhere their address was entered — as a nominee in every award,
    // as a reference, in invitations and others' texts — in this transaction (ADR 0042). By address
    // only: a name alone could be a namesake's, and nobody reviews the matches here.
    if (input.eraseEverywhere)
      touched = (
        await erasePersonIn(trx, actor, { names: [], emails: [locked.email] }, "own_request", {
          action: "person.erase",
          entityType: "person",
          entityId: null,
          extra: { accountDeleted: true },
        })
      ).touched;

    for (const project of await releaseAuthorPortraits(trx, actor, user.id))
      for (const editor of project.editors) {
        const locale = isLocale(editor.locale) ? editor.locale : "nl";
        await enqueueAccountMail(
          trx,
          {
            to: editor.email,
            locale,
            name: editor.name,
            link: `${config().origin}/beheer/boeken/${project.slug}/toewijzing`,
            params: { project: pick(locale, project.title.nl, project.title.en), names: project.portraits.join(", ") },
          },
          "portraitsReleased",
        );
      }
    await vacateJurySeat(trx, user.id);
    // The invitations they accepted carry their address and did their work (the role, the seat): they go.
    await trx.deleteFrom("jury_invite").where("accepted_by", "=", user.id).execute();
    await trx.deleteFrom("role_invitation").where("accepted_by", "=", user.id).execute();
    await trx.deleteFrom("notice_preference").where("email", "=", locked.email).execute();
    await trx.deleteFrom("notice_recipient").where("email", "=", locked.email).execute();
    await trx.deleteFrom("notice").where("recipient", "=", locked.email).execute();
    await trx.deleteFrom("login_throttle").where("account", "=", locked.email).execute();
    await trx.deleteFrom("outbox_email").where("to_address", "=", locked.email).execute();
    await trx.deleteFrom("app_user").where("id", "=", user.id).execute();
    await writeAudit(trx, actor, { action: "account.deleted", entityType: "app_user", entityId: user.id });
    await enqueueAccountMail(
      trx,
      { to: locked.email, locale: locked.locale, name: locked.name, link: `${config().origin}/registreren` },
      "deleted",
    );
    return ok();
  });
  await vacuum(db, touched);
  return outcome;
}
