import { sql } from "kysely";
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

async function lockNominee(trx: DbOrTrx, editionId: string, nomineeId: string) {
  return trx
    .selectFrom("nominee")
    .select(["id", "name", "organisation", "status", "consent_status", "edition_id", "redacted_at"])
    .where("id", "=", nomineeId)
    .where("edition_id", "=", editionId)
    .forUpdate()
    .executeTakeFirst();
}

export async function approveNominee(db: Db, actor: Actor, editionId: string, nomineeId: string): Promise<Outcome> {
  return db.transaction().execute(async (trx) => {
    const n = await lockNominee(trx, editionId, nomineeId);
    if (!n || n.status === "merged" || n.redacted_at) return refuse(409, "moderation.errors.notFound");
    if (n.status === "approved") return ok();
    await trx
      .updateTable("nominee")
      .set({ status: "approved", rejection_reason: null, updated_at: sql`now()` })
      .where("id", "=", nomineeId)
      .execute();
    await writeAudit(trx, actor, {
      action: "nominee.approve",
      entityType: "nominee",
      entityId: nomineeId,
      before: { status: n.status },
      after: { status: "approved" },
    });
    return ok();
  });
}

/** Rejects with a reason, mailed to every nominator. */
export async function rejectNominee(db: Db, actor: Actor, editionId: string, nomineeId: string, reason: string): Promise<Outcome> {
  return db.transaction().execute(async (trx) => {
    const n = await lockNominee(trx, editionId, nomineeId);
    if (!n || n.status === "merged" || n.redacted_at) return refuse(409, "moderation.errors.notFound");
    await trx
      .updateTable("nominee")
      .set({ status: "rejected", rejection_reason: reason, updated_at: sql`now()` })
      .where("id", "=", nomineeId)
      .execute();
    await mailNominators(trx, nomineeId, "nominationRejected", { nominee: n.name, reason });
    await writeAudit(trx, actor, {
      action: "nominee.reject",
      entityType: "nominee",
      entityId: nomineeId,
      before: { status: n.status },
      after: { status: "rejected", reason },
    });
    return ok();
  });
}

/** Fixes obvious typos in name or organisation; the audit log keeps before and after. */
export async function editNominee(
  db: Db,
  actor: Actor,
  editionId: string,
  nomineeId: string,
  change: { name: string; organisation: string },
): Promise<Outcome> {
  return db.transaction().execute(async (trx) => {
    const n = await lockNominee(trx, editionId, nomineeId);
    if (!n || n.status === "merged" || n.redacted_at) return refuse(409, "moderation.errors.notFound");
    await trx
      .updateTable("nominee")
      .set({ name: change.name, organisation: change.organisation, updated_at: sql`now()` })
      .where("id", "=", nomineeId)
      .execute();
    await writeAudit(trx, actor, {
      action: "nominee.edit",
      entityType: "nominee",
      entityId: nomineeId,
      before: { name: n.name, organisation: n.organisation },
      after: change,
    });
    return ok();
  });
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
    const locked = [await lockNominee(trx, editionId, first!), await lockNominee(trx, editionId, second!)];
    const survivor = locked.find((n) => n?.id === survivorId);
    const duplicate = locked.find((n) => n?.id === duplicateId);
    if (
      !survivor ||
      !duplicate ||
      survivor.status === "merged" ||
      duplicate.status === "merged" ||
      survivor.redacted_at ||
      duplicate.redacted_at
    ) {
      return refuse(409, "moderation.errors.notFound");
    }
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
