import { config } from "~/config.server";
import type { DbOrTrx } from "~/db.server";
import { enqueueMail, type MailTemplate } from "~/modules/mail/outbox.server";

/**
 * Queues a mail to every member who nominated this nominee, each in their own language, with the
 * award's name and a link to their nominations. Call it inside the transaction of the event.
 */
export async function mailNominators(trx: DbOrTrx, nomineeId: string, template: MailTemplate, params: Record<string, string> = {}) {
  const award = await trx
    .selectFrom("nominee as n")
    .innerJoin("edition as e", "e.id", "n.edition_id")
    .innerJoin("award as a", "a.id", "e.award_id")
    .select(["a.name_nl", "a.name_en", "e.year"])
    .where("n.id", "=", nomineeId)
    .executeTakeFirstOrThrow();
  const nominators = await trx
    .selectFrom("nomination as m")
    .innerJoin("app_user as u", "u.id", "m.nominator_id")
    .select(["u.email", "u.name", "u.locale"])
    .where("m.nominee_id", "=", nomineeId)
    .execute();
  for (const u of nominators) {
    await enqueueMail(trx, {
      to: u.email,
      locale: u.locale,
      template,
      name: u.name,
      link: `${config().origin}/mijn-nominaties`,
      params: { ...params, award: `${u.locale === "en" ? award.name_en : award.name_nl} ${award.year}` },
    });
  }
}
