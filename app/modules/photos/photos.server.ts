import { sql } from "kysely";
import type { Db, DbOrTrx } from "~/db.server";
import { ok, refuse, type Outcome } from "~/lib/outcome";
import { writeAudit, type Actor } from "~/modules/audit/audit.server";
import { photoRef, type PhotoRef } from "./photo";
import type { ProcessedPhoto } from "./process.server";

// Candidate photos and organisation logos (ADR 0017): one processed image per nominee, in PostgreSQL.
// A photo needs the nominee's own consent to a photo (nominee.photo_consent_at); the database refuses
// a photo without it and removes the photo when the nominee is redacted, erased or declines.

/** Stores (or replaces) the nominee's photo. The caller has checked the photo consent; the trigger checks it again. */
export async function storePhoto(trx: DbOrTrx, nomineeId: string, photo: ProcessedPhoto, alt: string, createdBy: string | null) {
  const row = {
    content: photo.content,
    thumbnail: photo.thumbnail,
    content_hash: photo.hash,
    mime: photo.mime,
    width: photo.width,
    height: photo.height,
    alt,
    created_by: createdBy,
  };
  await trx
    .insertInto("nominee_photo")
    .values({ nominee_id: nomineeId, ...row })
    .onConflict((oc) => oc.column("nominee_id").doUpdateSet({ ...row, created_at: sql`now()` }))
    .execute();
}

/**
 * The nominee's consent to a photo, given on their consent page in the same transaction as their
 * consent to stand, with the photo they chose (if any). The nominee acts through their link: no actor.
 */
export async function consentToPhoto(trx: DbOrTrx, nomineeId: string, choice: { photo?: ProcessedPhoto; alt: string }) {
  await trx
    .updateTable("nominee")
    .set({ photo_consent_at: sql`now()` })
    .where("id", "=", nomineeId)
    .execute();
  if (choice.photo) await storePhoto(trx, nomineeId, choice.photo, choice.alt, null);
}

/** The photo state of one nominee of the edition, for its moderation page. */
export async function photoState(db: DbOrTrx, editionId: string, nomineeId: string) {
  const row = await db
    .selectFrom("nominee as n")
    .leftJoin("nominee_photo as p", "p.nominee_id", "n.id")
    .select(["n.kind", "n.name", "n.organisation", "n.photo_consent_at", "p.content_hash", "p.alt", "p.created_at"])
    .where("n.id", "=", nomineeId)
    .where("n.edition_id", "=", editionId)
    .executeTakeFirst();
  if (!row) return undefined;
  return {
    kind: row.kind,
    consentAt: row.photo_consent_at,
    photo: row.content_hash ? photoRef(nomineeId, row.content_hash, row.alt ?? "") : null,
  };
}

/** The photos of these nominees (those that have one), by nominee id. */
export async function photoRefs(db: DbOrTrx, nomineeIds: string[]): Promise<Record<string, PhotoRef>> {
  if (!nomineeIds.length) return {};
  const rows = await db
    .selectFrom("nominee_photo")
    .select(["nominee_id", "content_hash", "alt"])
    .where("nominee_id", "in", nomineeIds)
    .execute();
  return Object.fromEntries(rows.map((r) => [r.nominee_id, photoRef(r.nominee_id, r.content_hash, r.alt)]));
}

/**
 * The organizer uploads, replaces or (without a new file) re-labels a nominee's photo. Only for a
 * nominee of this edition who consented to a photo and is not redacted; audited without the image.
 */
export async function setPhoto(
  db: Db,
  actor: Actor,
  editionId: string,
  nomineeId: string,
  change: { photo?: ProcessedPhoto; alt: string },
): Promise<Outcome> {
  return db.transaction().execute(async (trx): Promise<Outcome> => {
    const nominee = await trx
      .selectFrom("nominee")
      .select(["id", "photo_consent_at", "consent_status", "redacted_at"])
      .where("id", "=", nomineeId)
      .where("edition_id", "=", editionId)
      .forUpdate()
      .executeTakeFirst();
    if (!nominee) return refuse(404, "moderation.errors.notFound");
    if (nominee.redacted_at || nominee.consent_status !== "accepted" || !nominee.photo_consent_at)
      return refuse(409, "photos.errors.noConsent");
    const before = await trx
      .selectFrom("nominee_photo")
      .select(["content_hash", "alt"])
      .where("nominee_id", "=", nomineeId)
      .executeTakeFirst();
    if (change.photo) {
      await storePhoto(trx, nomineeId, change.photo, change.alt, actor.actorId);
    } else {
      if (!before) return refuse(400, "photos.errors.required", { field: "photo" });
      await trx.updateTable("nominee_photo").set({ alt: change.alt }).where("nominee_id", "=", nomineeId).execute();
    }
    await writeAudit(trx, actor, {
      action: change.photo ? "nominee.photo_set" : "nominee.photo_alt",
      entityType: "nominee",
      entityId: nomineeId,
      before: before ? { photo: before.content_hash, alt: before.alt } : null,
      after: { photo: change.photo?.hash ?? before?.content_hash, alt: change.alt },
    });
    return ok();
  });
}

/** The organizer removes a nominee's photo (the photo consent stays: a new one may be uploaded). */
export async function removePhoto(db: Db, actor: Actor, editionId: string, nomineeId: string): Promise<Outcome> {
  return db.transaction().execute(async (trx): Promise<Outcome> => {
    const removed = await trx
      .deleteFrom("nominee_photo")
      .where("nominee_id", "=", nomineeId)
      .where("nominee_id", "in", trx.selectFrom("nominee").select("id").where("edition_id", "=", editionId))
      .returning(["content_hash", "alt"])
      .executeTakeFirst();
    if (!removed) return refuse(404, "photos.errors.none");
    await writeAudit(trx, actor, {
      action: "nominee.photo_remove",
      entityType: "nominee",
      entityId: nomineeId,
      before: { photo: removed.content_hash, alt: removed.alt },
    });
    return ok();
  });
}

/**
 * The image behind a photo address, when the hash is the current one: its bytes (full or thumbnail),
 * type, whether its nominee is a public candidate, and the award (whose organizers may see it anyway).
 */
export async function photoFile(db: DbOrTrx, nomineeId: string, hash: string, size: "full" | "thumb") {
  return db
    .selectFrom("nominee_photo as p")
    .innerJoin("nominee as n", "n.id", "p.nominee_id")
    .innerJoin("edition as e", "e.id", "n.edition_id")
    .select([size === "full" ? "p.content as bytes" : "p.thumbnail as bytes", "p.mime", "p.content_hash", "n.is_candidate", "e.award_id"])
    .where("p.nominee_id", "=", nomineeId)
    .where("p.content_hash", "=", hash)
    .executeTakeFirst();
}
