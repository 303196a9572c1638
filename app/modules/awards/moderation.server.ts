import { sql, type Updateable } from "kysely";
import type { DB } from "../../../db/types";
import type { Db, DbOrTrx } from "~/db.server";
import { writeAudit, type Actor } from "~/modules/audit/audit.server";
import { ok, refuse, type Outcome } from "~/lib/outcome";
import { mailNominators } from "./notify.server";

export const QUEUE_PAGE_SIZE = 100;

/** The organizer's queue: every nominee of the edition except merged ones, with filters. */
export async function listQueue(
  db: DbOrTrx,
  editionId: string,
  filters: {
    status?: "pending" | "approved" | "rejected";
    categoryId?: string;
    consent?: "pending" | "accepted" | "declined";
    nomineeId?: string;
    /** Only nominees whose name closely resembles another one in the edition. */
    possibleDuplicate?: boolean;
    page?: number;
    pageSize?: number;
  },
) {
  const pageSize = filters.pageSize ?? QUEUE_PAGE_SIZE;
  // A flag for organizers: another live nominee in the edition with a very similar name (trigram
  // prefilter through the index, then a stricter similarity).
  const similarExists = sql<boolean>`exists (
    select 1 from nominee o
    where o.edition_id = n.edition_id and o.id <> n.id and o.status <> 'merged' and o.redacted_at is null
      and lauwer_fold(o.name) % lauwer_fold(n.name)
      and similarity(lauwer_fold(o.name), lauwer_fold(n.name)) > 0.6)`;
  let q = db
    .selectFrom("nominee as n")
    .innerJoin("category as c", "c.id", "n.category_id")
    .select([
      "n.id",
      "n.name",
      "n.organisation",
      "n.kind",
      "n.status",
      "n.consent_status",
      "n.rejection_reason",
      "n.redacted_at",
      "n.age",
      "n.category_id",
      "c.name_nl as category_nl",
      "c.name_en as category_en",
      similarExists.as("possible_duplicate"),
      sql<string>`count(*) over ()`.as("total"),
      (eb) =>
        eb
          .selectFrom("nomination as m")
          .whereRef("m.nominee_id", "=", "n.id")
          .select((e) => e.fn.countAll<string>().as("c"))
          .as("nominations"),
      (eb) =>
        eb
          .selectFrom("nomination_reference as r")
          .innerJoin("nomination as m", "m.id", "r.nomination_id")
          .whereRef("m.nominee_id", "=", "n.id")
          .where("r.submitted_at", "is not", null)
          .select((e) => e.fn.countAll<string>().as("c"))
          .as("statements"),
    ])
    .where("n.edition_id", "=", editionId)
    .where("n.status", "<>", "merged");
  if (filters.status) q = q.where("n.status", "=", filters.status);
  if (filters.categoryId) q = q.where("n.category_id", "=", filters.categoryId);
  if (filters.consent) q = q.where("n.consent_status", "=", filters.consent);
  if (filters.nomineeId) q = q.where("n.id", "=", filters.nomineeId);
  if (filters.possibleDuplicate) q = q.where(similarExists);
  const rows = await q
    .orderBy(sql`case n.status when 'pending' then 0 when 'approved' then 1 else 2 end`)
    .orderBy(sql`lauwer_fold(n.name)`)
    .orderBy("n.id")
    .limit(pageSize)
    .offset(((filters.page ?? 1) - 1) * pageSize)
    .execute();
  return rows.map((r) => ({ ...r, total: Number(r.total), nominations: Number(r.nominations), statements: Number(r.statements) }));
}

/** Nominations and reference statements of one nominee, for organizers (never public). */
export async function nomineeDetail(db: DbOrTrx, editionId: string, nomineeId: string) {
  const nominations = await db
    .selectFrom("nomination as m")
    .innerJoin("nominee as n", "n.id", "m.nominee_id")
    .leftJoin("app_user as u", "u.id", "m.nominator_id")
    .select(["m.id", "m.motivation", "m.video_url", "m.relation", "m.is_supporting", "u.name as nominator"])
    .where("m.nominee_id", "=", nomineeId)
    .where("n.edition_id", "=", editionId)
    .orderBy("m.created_at")
    .execute();
  const references = await db
    .selectFrom("nomination_reference as r")
    .innerJoin("nomination as m", "m.id", "r.nomination_id")
    .select(["r.id", "r.name", "r.relation", "r.statement", "r.submitted_at", "m.id as nomination_id"])
    .where("m.nominee_id", "=", nomineeId)
    .execute();
  return { nominations, references };
}

/** The name of a nominee of the edition, whatever its status (for organizers, never public); undefined when absent. */
export async function getNomineeName(db: DbOrTrx, editionId: string, nomineeId: string): Promise<string | undefined> {
  const nominee = await db
    .selectFrom("nominee")
    .select("name")
    .where("id", "=", nomineeId)
    .where("edition_id", "=", editionId)
    .executeTakeFirst();
  return nominee?.name;
}

/** The nominee of the edition, locked for the change, if it can still be moderated (not merged away, not redacted). */
async function lockLiveNominee(trx: DbOrTrx, editionId: string, nomineeId: string) {
  const n = await trx
    .selectFrom("nominee")
    .select(["id", "name", "organisation", "status", "consent_status", "edition_id", "redacted_at"])
    .where("id", "=", nomineeId)
    .where("edition_id", "=", editionId)
    .forUpdate()
    .executeTakeFirst();
  return n && n.status !== "merged" && !n.redacted_at ? n : undefined;
}

type LiveNominee = NonNullable<Awaited<ReturnType<typeof lockLiveNominee>>>;
interface NomineeChange {
  set: Updateable<DB["nominee"]>;
  before: Record<string, unknown>;
  after: Record<string, unknown>;
}

/**
 * One moderation step on a live nominee, in one transaction: `change` says (from the locked row)
 * what to set and what the audit records, or null when there is nothing to do; `alongside` runs
 * in the same transaction after the update (mails).
 */
async function changeNominee(
  db: Db,
  actor: Actor,
  editionId: string,
  nomineeId: string,
  action: string,
  change: (n: LiveNominee) => NomineeChange | null,
  alongside?: (trx: DbOrTrx, n: LiveNominee) => Promise<void>,
): Promise<Outcome> {
  return db.transaction().execute(async (trx) => {
    const n = await lockLiveNominee(trx, editionId, nomineeId);
    if (!n) return refuse(409, "moderation.errors.notFound");
    const c = change(n);
    if (!c) return ok();
    await trx
      .updateTable("nominee")
      .set({ ...c.set, updated_at: sql`now()` })
      .where("id", "=", nomineeId)
      .execute();
    await alongside?.(trx, n);
    await writeAudit(trx, actor, { action, entityType: "nominee", entityId: nomineeId, before: c.before, after: c.after });
    return ok();
  });
}

/** Approves (again: nothing changes). */
export async function approveNominee(db: Db, actor: Actor, editionId: string, nomineeId: string): Promise<Outcome> {
  return changeNominee(db, actor, editionId, nomineeId, "nominee.approve", (n) =>
    n.status === "approved"
      ? null
      : { set: { status: "approved", rejection_reason: null }, before: { status: n.status }, after: { status: "approved" } },
  );
}

/** Rejects with a reason, mailed to every nominator. */
export async function rejectNominee(db: Db, actor: Actor, editionId: string, nomineeId: string, reason: string): Promise<Outcome> {
  return changeNominee(
    db,
    actor,
    editionId,
    nomineeId,
    "nominee.reject",
    (n) => ({ set: { status: "rejected", rejection_reason: reason }, before: { status: n.status }, after: { status: "rejected", reason } }),
    (trx, n) => mailNominators(trx, nomineeId, "nominationRejected", { nominee: n.name, reason }),
  );
}

/** Fixes obvious typos in name or organisation; the audit log keeps before and after. */
export async function editNominee(
  db: Db,
  actor: Actor,
  editionId: string,
  nomineeId: string,
  change: { name: string; organisation: string },
): Promise<Outcome> {
  return changeNominee(db, actor, editionId, nomineeId, "nominee.edit", (n) => ({
    set: { name: change.name, organisation: change.organisation },
    before: { name: n.name, organisation: n.organisation },
    after: change,
  }));
}

/**
 * Merges a duplicate into a survivor: every nomination (with its references) moves to the survivor,
 * the duplicate stays as a 'merged' row pointing at it. Nothing is deleted; counts add up exactly.
 */
export async function mergeNominees(db: Db, actor: Actor, editionId: string, survivorId: string, duplicateId: string): Promise<Outcome> {
  if (survivorId === duplicateId) return refuse(409, "moderation.errors.sameNominee");
  return db.transaction().execute(async (trx) => {
    // Lock both in a fixed order so two crossing merges cannot deadlock.
    const [first, second] = [survivorId, duplicateId].sort();
    const locked = [await lockLiveNominee(trx, editionId, first!), await lockLiveNominee(trx, editionId, second!)];
    const survivor = locked.find((n) => n?.id === survivorId);
    const duplicate = locked.find((n) => n?.id === duplicateId);
    if (!survivor || !duplicate) return refuse(409, "moderation.errors.notFound");
    const moved = await trx
      .updateTable("nomination")
      .set({ nominee_id: survivorId })
      .where("nominee_id", "=", duplicateId)
      .returning("id")
      .execute();
    await trx
      .updateTable("nominee")
      .set({ status: "merged", merged_into: survivorId, updated_at: sql`now()` })
      .where("id", "=", duplicateId)
      .execute();
    // The survivor's consent is the one that counts from now on: the duplicate's links stop working.
    await trx
      .updateTable("nominee_consent_token")
      .set({ used_at: sql`now()` })
      .where("nominee_id", "=", duplicateId)
      .where("used_at", "is", null)
      .execute();
    await writeAudit(trx, actor, {
      action: "nominee.merge",
      entityType: "nominee",
      entityId: duplicateId,
      before: {
        duplicate: { id: duplicateId, name: duplicate.name, status: duplicate.status },
        survivor: { id: survivorId, name: survivor.name },
      },
      after: { mergedInto: survivorId, movedNominations: moved.map((m) => m.id) },
    });
    return ok();
  });
}

export const MERGE_PICKER_SIZE = 15;

/**
 * The nominees this one can be merged into, for the merge picker: live (not merged, not redacted)
 * nominees of the edition other than itself. With a search text, those whose name or organisation
 * contains it or resembles it, most alike first; without, the ones whose name most resembles this
 * nominee's (a duplicate is usually among them). At most MERGE_PICKER_SIZE, with the number found.
 */
export async function mergeTargets(db: DbOrTrx, editionId: string, nomineeId: string, search: string) {
  const term = search.trim().slice(0, 100);
  const like = `%${term.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  const self = db.selectFrom("nominee").select("name").where("id", "=", nomineeId).where("edition_id", "=", editionId);
  const rows = await db
    .selectFrom("nominee as n")
    .innerJoin("category as c", "c.id", "n.category_id")
    .select([
      "n.id",
      "n.name",
      "n.organisation",
      "n.status",
      "c.name_nl as category_nl",
      "c.name_en as category_en",
      sql<string>`count(*) over ()`.as("total"),
    ])
    .where("n.edition_id", "=", editionId)
    .where("n.id", "<>", nomineeId)
    .where("n.status", "<>", "merged")
    .where("n.redacted_at", "is", null)
    .$if(term !== "", (q) =>
      q.where((eb) =>
        eb.or([
          sql<boolean>`lauwer_fold(n.name) like lauwer_fold(${like})`,
          sql<boolean>`lauwer_fold(n.name) % lauwer_fold(${term})`,
          sql<boolean>`lauwer_fold(n.organisation) like lauwer_fold(${like})`,
        ]),
      ),
    )
    .orderBy(
      term !== ""
        ? sql`similarity(lauwer_fold(n.name), lauwer_fold(${term}))`
        : sql`similarity(lauwer_fold(n.name), lauwer_fold(coalesce((${self}), '')))`,
      "desc",
    )
    .orderBy(sql`lauwer_fold(n.name)`)
    .limit(MERGE_PICKER_SIZE)
    .execute();
  return { total: Number(rows[0]?.total ?? 0), targets: rows.map(({ total: _total, ...r }) => r) };
}
