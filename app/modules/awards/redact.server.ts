import { sql } from "kysely";
import type { DbOrTrx } from "~/db.server";
import { mailNominators } from "./notify.server";

// Redaction of a nominee's own rows, shared by a consent decline (consent.server) and an erasure or
// retention sweep (privacy/erasure.server); it imports neither, so both can import it.

/** Removes a nominated person's personal data; nominations stay as counted, empty rows. */
export async function redactNominee(trx: DbOrTrx, nomineeId: string, tellNominators: boolean) {
  if (tellNominators) await mailNominators(trx, nomineeId, "nomineeDeclined");
  await trx
    .updateTable("nominee")
    .set({
      name: "",
      organisation: "",
      contact_email: null,
      age: null,
      pitch: "",
      story: "",
      rejection_reason: null,
      // Their photo goes too (the nominee_photo_follows_consent trigger deletes it as well).
      photo_consent_at: null,
      redacted_at: sql`now()`,
      updated_at: sql`now()`,
    })
    // The same person may also stand in duplicates merged into this nominee: redact those too.
    .where((eb) => eb.or([eb("id", "=", nomineeId), eb("merged_into", "=", nomineeId)]))
    .execute();
  await trx
    .deleteFrom("nominee_photo")
    .where(
      "nominee_id",
      "in",
      trx
        .selectFrom("nominee")
        .select("id")
        .where((eb) => eb.or([eb("id", "=", nomineeId), eb("merged_into", "=", nomineeId)])),
    )
    .execute();
  const nominationIds = trx.selectFrom("nomination").select("id").where("nominee_id", "=", nomineeId);
  await trx.deleteFrom("nomination_reference").where("nomination_id", "in", nominationIds).execute();
  await trx.updateTable("nomination").set({ motivation: "", video_url: null, relation: "" }).where("nominee_id", "=", nomineeId).execute();
}
