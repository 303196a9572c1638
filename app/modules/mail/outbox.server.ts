import { sql } from "kysely";
import type { Locale } from "~/i18n/i18n";
import { translator } from "~/i18n/i18n";
import type { DbOrTrx } from "~/db.server";

export type MailTemplate =
  | "verify"
  | "reset"
  | "passwordChanged"
  | "consent"
  | "referenceRequest"
  | "nomineeDeclined"
  | "nominationRejected"
  | "ballotReceipt"
  | "ballotChanged"
  | "voteInvite"
  | "juryInvite"
  | "juryReminder"
  | "proposalRejected"
  | "bookAssigned"
  | "manuscriptReturned"
  | "manuscriptReminder"
  | "manuscriptFinal"
  | "privacyAnswer";

export interface MailRequest {
  to: string;
  locale: Locale;
  template: MailTemplate;
  /** The recipient's name, for the greeting. */
  name: string;
  link: string;
  /** Further values the template interpolates (award, nominee, nominator, reason…). */
  params?: Record<string, string>;
}

export function renderMail({ locale, template, name, link, params = {} }: Omit<MailRequest, "to">) {
  const t = translator(locale);
  const subject = t(`mail.${template}.subject`, params);
  const body = [t("mail.greeting", { name }), t(`mail.${template}.body`, { ...params, link }), t("mail.signature")].join("\n\n");
  return { subject, body };
}

/**
 * Queues a mail in the transactional outbox. Call it in the same transaction as the event it
 * reports, so a mail exists exactly when the event committed.
 */
export async function enqueueMail(db: DbOrTrx, mail: MailRequest): Promise<void> {
  const { subject, body } = renderMail(mail);
  await db
    .insertInto("outbox_email")
    .values({ to_address: mail.to, locale: mail.locale, template: mail.template, subject, body_text: body })
    .execute();
}

/**
 * A mail rendered by its sender (text, HTML and extra headers), queued as enqueueMail does; answers the
 * outbox id, or null when the outbox dropped it: the address objected to processing (mail_objection,
 * ADR 0045).
 */
export async function enqueueRenderedMail(
  db: DbOrTrx,
  mail: { to: string; locale: Locale; template: string; subject: string; text: string; html: string; headers: Record<string, string> },
): Promise<string | null> {
  const row = await db
    .insertInto("outbox_email")
    .values({
      to_address: mail.to,
      locale: mail.locale,
      template: mail.template,
      subject: mail.subject,
      body_text: mail.text,
      body_html: mail.html,
      headers: JSON.stringify(mail.headers),
    })
    .returning("id")
    .executeTakeFirst();
  return row?.id ?? null;
}

export function listMail(db: DbOrTrx, limit = 100) {
  return db
    .selectFrom("outbox_email")
    .select(["id", "to_address", "subject", "status", "created_at"])
    .orderBy("id", "desc")
    .limit(limit)
    .execute();
}

export function getMail(db: DbOrTrx, id: string) {
  return db.selectFrom("outbox_email").selectAll().where("id", "=", id).executeTakeFirst();
}

const MAX_ATTEMPTS = 8;

export interface Transport {
  sendMail(message: {
    from: string;
    to: string;
    subject: string;
    text: string;
    html?: string;
    headers?: Record<string, string>;
  }): Promise<unknown>;
}

/**
 * Delivers due mails: claims a batch with SKIP LOCKED (so several workers never send one mail twice
 * concurrently), sends each, and schedules a retry with exponential backoff on failure.
 */
export async function deliverDueMail(
  db: DbOrTrx,
  transport: Transport,
  from: string,
  batchSize = 20,
): Promise<{ sent: number; failed: number }> {
  // A worker that died mid-send leaves rows in 'sending'; give them back after ten minutes.
  await db
    .updateTable("outbox_email")
    .set({ status: "pending", locked_at: null })
    .where("status", "=", "sending")
    .where("locked_at", "<", sql<Date>`now() - interval '10 minutes'`)
    .execute();

  const claimed = await db
    .updateTable("outbox_email")
    .set((eb) => ({ status: "sending", locked_at: sql`now()`, attempts: eb("attempts", "+", 1) }))
    .where(
      "id",
      "in",
      db
        .selectFrom("outbox_email")
        .select("id")
        .where("status", "=", "pending")
        .where("next_attempt_at", "<=", sql<Date>`now()`)
        .orderBy("id")
        .limit(batchSize)
        .forUpdate()
        .skipLocked(),
    )
    .returning(["id", "to_address", "subject", "body_text", "body_html", "headers", "attempts"])
    .execute();

  let sent = 0;
  let failed = 0;
  for (const mail of claimed) {
    try {
      await transport.sendMail({
        from,
        to: mail.to_address,
        subject: mail.subject,
        text: mail.body_text,
        ...(mail.body_html ? { html: mail.body_html } : {}),
        ...(mail.headers ? { headers: mail.headers } : {}),
      });
      await db
        .updateTable("outbox_email")
        // The body may hold a live single-use link: once delivered, the outbox keeps no copy of it.
        .set({ status: "sent", sent_at: sql`now()`, locked_at: null, last_error: null, body_text: "", body_html: null })
        .where("id", "=", mail.id)
        .execute();
      sent++;
    } catch (error) {
      failed++;
      const giveUp = mail.attempts >= MAX_ATTEMPTS;
      const delaySeconds = Math.min(2 ** mail.attempts * 15, 6 * 3600);
      await db
        .updateTable("outbox_email")
        .set({
          status: giveUp ? "failed" : "pending",
          locked_at: null,
          last_error: String(error instanceof Error ? error.message : error).slice(0, 500),
          next_attempt_at: sql`now() + make_interval(secs => ${delaySeconds})`,
        })
        .where("id", "=", mail.id)
        .execute();
    }
  }
  return { sent, failed };
}
