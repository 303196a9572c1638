import { sql } from "kysely";
import type { Db, DbOrTrx } from "~/db.server";
import { ok, refuse, type Outcome } from "~/lib/outcome";
import { hashToken } from "~/modules/accounts/account.server";
import { consentToPhoto } from "~/modules/photos/photos.server";
import type { ProcessedPhoto } from "~/modules/photos/process.server";
import { declineIn, vacuum } from "~/modules/privacy/erasure.server";

/** Could this be a link token of ours (20 to 200 characters)? Anything else is not looked up. */
const isLinkToken = (token: string) => token.length >= 20 && token.length <= 200;

/** What the nominee sees before deciding: who nominated them (unless anonymous) and for what. */
export async function consentContext(db: DbOrTrx, token: string) {
  if (!isLinkToken(token)) return undefined;
  const row = await db
    .selectFrom("nominee_consent_token as t")
    .innerJoin("nominee as n", "n.id", "t.nominee_id")
    .innerJoin("edition as e", "e.id", "n.edition_id")
    .innerJoin("award as a", "a.id", "e.award_id")
    .select(["n.id", "n.name", "n.kind", "n.consent_status", "a.name_nl", "a.name_en", "e.year"])
    .where("t.token_hash", "=", hashToken(token))
    .where("t.used_at", "is", null)
    .where("t.expires_at", ">", sql<Date>`now()`)
    .executeTakeFirst();
  if (!row || row.consent_status !== "pending") return undefined;
  const nominators = await db
    .selectFrom("nomination as m")
    .leftJoin("app_user as u", "u.id", "m.nominator_id")
    .select(["u.name", "m.anonymous_to_nominee"])
    .where("m.nominee_id", "=", row.id)
    .execute();
  return {
    name: row.name,
    kind: row.kind,
    awardNl: `${row.name_nl} ${row.year}`,
    awardEn: `${row.name_en} ${row.year}`,
    nominators: nominators.filter((n) => !n.anonymous_to_nominee && n.name).map((n) => n.name!),
    anonymousCount: nominators.filter((n) => n.anonymous_to_nominee || !n.name).length,
  };
}

/**
 * Records the nominee's decision, once (the token is consumed in the same transaction).
 * Declining removes the person's data at once and kindly tells each nominator. A link that is unknown,
 * used or expired is refused (400). Accepting may come with the consent to a photo (ADR 0017), and
 * the photo itself: stored in the same transaction, so a refusal stores neither.
 */
export async function decideConsent(
  db: Db,
  token: string,
  decision: "accept" | "decline",
  photo?: { photo?: ProcessedPhoto; alt: string },
): Promise<Outcome<{ decision: "accept" | "decline" }>> {
  let declined = new Set<string>();
  const outcome = await db.transaction().execute(async (trx): Promise<Outcome<{ decision: "accept" | "decline" }>> => {
    const used = await trx
      .updateTable("nominee_consent_token")
      .set({ used_at: sql`now()` })
      .where("token_hash", "=", hashToken(token))
      .where("used_at", "is", null)
      .where("expires_at", ">", sql<Date>`now()`)
      .returning("nominee_id")
      .executeTakeFirst();
    if (!used) return refuse(400, "consent.invalid");
    const nominee = await trx
      .updateTable("nominee")
      .set({ consent_status: decision === "accept" ? "accepted" : "declined", consent_at: sql`now()`, updated_at: sql`now()` })
      .where("id", "=", used.nominee_id)
      .where("consent_status", "=", "pending")
      .returning(["id", "edition_id"])
      .executeTakeFirst();
    if (!nominee) return refuse(400, "consent.invalid");
    // Other open links for this nominee stop working.
    await trx
      .updateTable("nominee_consent_token")
      .set({ used_at: sql`now()` })
      .where("nominee_id", "=", nominee.id)
      .where("used_at", "is", null)
      .execute();
    if (decision === "accept" && photo) await consentToPhoto(trx, nominee.id, photo);
    if (decision === "decline") declined = await declineIn(trx, nominee.id, { tellNominators: true });
    return ok({ decision });
  });
  // As after an erasure: the old row versions leave the tables' visible data.
  if (declined.size) await vacuum(db, declined);
  return outcome;
}

/** What a reference sees: the nominee and award, while the link is unused and unexpired. */
export async function referenceContext(db: DbOrTrx, token: string) {
  if (!isLinkToken(token)) return undefined;
  return db
    .selectFrom("nomination_reference as r")
    .innerJoin("nomination as m", "m.id", "r.nomination_id")
    .innerJoin("nominee as n", "n.id", "m.nominee_id")
    .innerJoin("edition as e", "e.id", "n.edition_id")
    .innerJoin("award as a", "a.id", "e.award_id")
    .select(["r.name as reference_name", "n.name as nominee_name", "a.name_nl", "a.name_en", "e.year"])
    .where("r.token_hash", "=", hashToken(token))
    .where("r.submitted_at", "is", null)
    .where("r.expires_at", ">", sql<Date>`now()`)
    .where("n.redacted_at", "is", null)
    .executeTakeFirst();
}

/** Stores a reference's statement through its link, once; a link that is unknown, used or expired is refused (400). */
export async function submitReference(db: Db, token: string, statement: string): Promise<Outcome> {
  const row = await db
    .updateTable("nomination_reference")
    .set({ statement, submitted_at: sql`now()` })
    .where("token_hash", "=", hashToken(token))
    .where("submitted_at", "is", null)
    .where("expires_at", ">", sql<Date>`now()`)
    .returning("id")
    .executeTakeFirst();
  return row ? ok() : refuse(400, "reference.invalid");
}
