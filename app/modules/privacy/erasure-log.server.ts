import { sql } from "kysely";
import * as z from "zod/mini";
import type { Db, DbOrTrx } from "~/db.server";
import { declineIn, vacuum } from "./erasure.server";
import { erasePersonEverywhere } from "./person.server";

// The erasure log outside the database (issue #19 item 6, ADR 0043). A backup taken before an erasure
// still holds the erased person; the log (ids only, no personal data) is exported with every backup and
// kept apart, and after a restore each erasure the restored database does not know is applied again:
// the person is found from the rows the ids name (brought back by the backup) and erased everywhere.
// A consent decline is logged too (`nominee.decline`) and re-applied as a decline: the nominees it
// named are declined and redacted, nothing more.

export const ErasureLogFileSchema = z.object({
  format: z.literal("lauwer-erasures/1"),
  entries: z.array(
    z.object({
      id: z.string().check(z.uuid()),
      at: z.string().check(z.iso.datetime({ offset: true })),
      action: z.enum(["person.erase", "nominee.erase", "nominee.decline"]),
      nominee_ids: z.array(z.string().check(z.uuid())),
      reference_ids: z.array(z.string().check(z.uuid())),
      invitation_ids: z.array(z.string().check(z.uuid())),
      proposal_ids: z.array(z.string().check(z.uuid())),
    }),
  ),
});
export type ErasureLogFile = z.infer<typeof ErasureLogFileSchema>;

/** The whole log, oldest first, as the file an operator keeps beside the backups. */
export async function exportErasureLog(db: DbOrTrx): Promise<ErasureLogFile> {
  const rows = await db.selectFrom("erasure_log").selectAll().orderBy("at").orderBy("id").execute();
  return {
    format: "lauwer-erasures/1",
    entries: rows.map((r) => ({
      id: r.id,
      at: r.at.toISOString(),
      action: r.action,
      nominee_ids: r.nominee_ids,
      reference_ids: r.reference_ids,
      invitation_ids: r.invitation_ids,
      proposal_ids: r.proposal_ids,
    })),
  };
}

/** The names and addresses the logged rows hold in this (restored) database. */
async function personOf(db: DbOrTrx, e: ErasureLogFile["entries"][number]) {
  // Names only of the portrayed (they were found by a typed name); everyone else by id or address, so a
  // re-applied erasure reaches no further than the original did.
  const rows = await sql<{ name: string | null; email: string | null }>`
    select null as name, contact_email as email from nominee where id = any(${e.nominee_ids}::uuid[])
    union all select null, email from nomination_reference where id = any(${e.reference_ids}::uuid[])
    union all select null, email from jury_invite where id = any(${e.invitation_ids}::uuid[])
    union all select null, email from role_invitation where id = any(${e.invitation_ids}::uuid[])
    union all select name, null from book_proposal where id = any(${e.proposal_ids}::uuid[])`.execute(db);
  const names = rows.rows.map((r) => r.name ?? "").filter((v) => v && v !== "Verwijderde kandidaat" && v !== "[verwijderd]");
  const emails = rows.rows.map((r) => r.email ?? "").filter(Boolean);
  return { names, emails };
}

/**
 * Applies again every logged erasure this database does not hold (it was restored from a backup taken
 * before them), oldest first, each as the original did and logged under its own id. Running it twice
 * changes nothing the second time.
 */
export async function reapplyErasures(db: Db, file: ErasureLogFile) {
  const known = new Set((await db.selectFrom("erasure_log").select("id").execute()).map((r) => r.id));
  const missing = file.entries.filter((e) => !known.has(e.id)).sort((a, b) => a.at.localeCompare(b.at));
  let applied = 0;
  for (const e of missing) {
    if (e.action === "nominee.decline") {
      if (await reapplyDecline(db, e)) applied++;
      continue;
    }
    const person = await personOf(db, e);
    const done = await erasePersonEverywhere(db, { actorId: null }, { ...person, nomineeIds: e.nominee_ids }, "other", {
      action: e.action,
      entityType: "person",
      entityId: null,
      extra: { reapplied: e.id },
      log: {
        id: e.id,
        at: new Date(e.at),
        nomineeIds: e.nominee_ids,
        referenceIds: e.reference_ids,
        invitationIds: e.invitation_ids,
        proposalIds: e.proposal_ids,
      },
    });
    if (done.ok) applied++;
    // Nothing of the person came back with the backup: the entry is recorded so the log stays whole.
    else
      await db
        .insertInto("erasure_log")
        .values({ ...e, at: new Date(e.at) })
        .execute();
  }
  return { applied, recorded: missing.length - applied, known: file.entries.length - missing.length };
}

/**
 * A decline the restored database does not hold: the nominee's consent is declined again and the
 * decline redone under the log entry's id (the nominators were told the first time). Answers whether
 * anything of the nominee came back with the backup; if not, the entry alone is recorded.
 */
async function reapplyDecline(db: Db, e: ErasureLogFile["entries"][number]): Promise<boolean> {
  const [declined] = e.nominee_ids;
  let touched = new Set<string>();
  const found = await db.transaction().execute(async (trx) => {
    const nominee = declined
      ? await trx.selectFrom("nominee").select("id").where("id", "=", declined).forUpdate().executeTakeFirst()
      : undefined;
    if (!nominee) {
      await trx
        .insertInto("erasure_log")
        .values({ ...e, at: new Date(e.at) })
        .execute();
      return false;
    }
    await trx
      .updateTable("nominee")
      .set({ consent_status: "declined", consent_at: sql`coalesce(consent_at, ${new Date(e.at)})` })
      .where("id", "=", nominee.id)
      .execute();
    await trx
      .updateTable("nominee_consent_token")
      .set({ used_at: sql`coalesce(used_at, now())` })
      .where("nominee_id", "=", nominee.id)
      .execute();
    touched = await declineIn(trx, nominee.id, {
      tellNominators: false,
      log: { id: e.id, at: new Date(e.at), nomineeIds: e.nominee_ids },
    });
    return true;
  });
  await vacuum(db, touched);
  return found;
}
