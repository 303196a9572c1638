import "~/i18n/page-texts/users";
import { config } from "~/config.server";
import type { DbOrTrx } from "~/db.server";
import { translator, type Locale } from "~/i18n/i18n";

/** The mails of user management, their texts under `users.mail.<name>`. */
export type UserMail = "blocked" | "unblocked" | "resetBlocked";

/** Where a person's mail about their account leads: the sign-in page, or the privacy statement with the contact details. */
const LINKS: Record<UserMail, string> = { blocked: "/privacy", unblocked: "/inloggen", resetBlocked: "/privacy" };

/**
 * Queues a mail to the person about their account in the transactional outbox, in the caller's
 * transaction (the outbox worker sends it later), in the person's language.
 */
export async function enqueueUserMail(
  db: DbOrTrx,
  to: { email: string; name: string; locale: Locale },
  mail: UserMail,
  params: Record<string, string> = {},
): Promise<void> {
  const t = translator(to.locale);
  const link = `${config().origin}${LINKS[mail]}`;
  const body = [t("mail.greeting", { name: to.name }), t(`users.mail.${mail}.body`, { ...params, link }), t("mail.signature")].join("\n\n");
  await db
    .insertInto("outbox_email")
    .values({
      to_address: to.email,
      locale: to.locale,
      template: `users.${mail}`,
      subject: t(`users.mail.${mail}.subject`),
      body_text: body,
    })
    .execute();
}
