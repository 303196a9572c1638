import type { DbOrTrx } from "~/db.server";
import { translator, type Locale } from "~/i18n/i18n";

/** The account mails of issues #15 and #16, their texts under `accounts.mail.<name>`. */
export type AccountMail =
  | "signupExisting"
  | "resetNoAccount"
  | "unlock"
  | "emailChangeConfirm"
  | "emailChangeTaken"
  | "emailChanged"
  | "deleted"
  | "portraitsReleased";

/**
 * Queues an account mail in the transactional outbox (as enqueueMail does), in the caller's
 * transaction; the outbox worker sends it later. Without a name (an address that has no account) the
 * greeting has none either.
 */
export async function enqueueAccountMail(
  db: DbOrTrx,
  mail: { to: string; locale: Locale; name?: string; link: string; params?: Record<string, string> },
  name: AccountMail,
): Promise<void> {
  const t = translator(mail.locale);
  const greeting = mail.name ? t("mail.greeting", { name: mail.name }) : t("accounts.mail.greeting");
  const body = [greeting, t(`accounts.mail.${name}.body`, { ...mail.params, link: mail.link }), t("mail.signature")].join("\n\n");
  await db
    .insertInto("outbox_email")
    .values({
      to_address: mail.to,
      locale: mail.locale,
      template: `accounts.${name}`,
      subject: t(`accounts.mail.${name}.subject`, mail.params),
      body_text: body,
    })
    .execute();
}
