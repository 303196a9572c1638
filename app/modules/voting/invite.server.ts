import { parse } from "csv-parse/sync";
import type { Db } from "~/db.server";
import { ok, refuse, type Outcome } from "~/lib/outcome";
import type { Locale } from "~/i18n/i18n";
import { writeAudit, type Actor } from "~/modules/audit/audit.server";
import { enqueueMail } from "~/modules/mail/outbox.server";

const EMAIL = /^[^\s@,;"<>]{1,64}@[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)+$/;
export const MAX_INVITES = 20_000;

export type InviteParse = Outcome<{ emails: string[]; skipped: number }>;

/**
 * Reads an invite list: a CSV with a column named e-mail/email/mail (any case), or a single column
 * of addresses. Duplicates collapse; a line that is not an address is an error naming its line.
 */
export function parseInviteCsv(text: string): InviteParse {
  let records: string[][];
  try {
    records = parse(text.replace(/^\uFEFF/, ""), {
      delimiter: [",", ";", "\t"],
      relax_column_count: true,
      skip_empty_lines: true,
      trim: true,
    });
  } catch {
    return refuse(400, "voting.errors.csvUnreadable");
  }
  if (records.length === 0) return refuse(400, "voting.errors.csvEmpty");
  const header = records[0]!.map((h) => h.toLowerCase().replace(/[^a-z]/g, ""));
  let column = header.findIndex((h) => h === "email" || h === "mail" || h === "emailadres" || h === "emailaddress");
  let start = 1;
  if (column < 0) {
    if (records[0]!.length !== 1) return refuse(400, "voting.errors.csvColumn");
    column = 0;
    start = 0;
  }
  const emails = new Set<string>();
  let skipped = 0;
  for (let i = start; i < records.length; i++) {
    const value = (records[i]![column] ?? "").toLowerCase();
    if (value === "") {
      skipped++;
      continue;
    }
    if (!EMAIL.test(value)) return refuse(400, "voting.errors.csvLine", { params: { line: i + 1, value: value.slice(0, 80) } });
    emails.add(value);
  }
  if (emails.size === 0) return refuse(400, "voting.errors.csvEmpty");
  if (emails.size > MAX_INVITES) return refuse(400, "voting.errors.csvTooMany", { params: { max: MAX_INVITES } });
  return ok({ emails: [...emails], skipped });
}

/** Adds invitees to a round and mails each new one the link to vote; already invited addresses are left alone. */
export async function inviteVoters(
  db: Db,
  actor: Actor,
  round: { id: string },
  emails: string[],
  mail: { award: string; round: string; link: string; locale: Locale },
): Promise<{ added: number; existing: number }> {
  return db.transaction().execute(async (trx) => {
    let added: string[] = [];
    for (let i = 0; i < emails.length; i += 1000) {
      const chunk = emails.slice(i, i + 1000);
      const rows = await trx
        .insertInto("round_invite")
        .values(chunk.map((email) => ({ round_id: round.id, email, invited_by: actor.actorId })))
        .onConflict((oc) => oc.doNothing())
        .returning("email")
        .execute();
      added = added.concat(rows.map((r) => r.email));
    }
    for (const email of added) {
      await enqueueMail(trx, {
        to: email,
        locale: mail.locale,
        template: "voteInvite",
        name: email,
        link: mail.link,
        params: { award: mail.award, round: mail.round },
      });
    }
    await writeAudit(trx, actor, { action: "round.invite", entityType: "round", entityId: round.id, after: { added: added.length } });
    return { added: added.length, existing: emails.length - added.length };
  });
}

export async function inviteCount(db: Db, roundId: string): Promise<number> {
  const r = await db
    .selectFrom("round_invite")
    .select((eb) => eb.fn.countAll<string>().as("n"))
    .where("round_id", "=", roundId)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}
