import { sql, type Transaction } from "kysely";
import type { DB } from "../../../db/types";
import { config } from "~/config.server";
import type { Db, DbOrTrx } from "~/db.server";
import type { Locale } from "~/i18n/i18n";
import { newToken } from "~/modules/accounts/account.server";
import { enqueueMail } from "~/modules/mail/outbox.server";
import type { OrganisationNominationInput, PersonNominationInput, SupportInput } from "./nomination.schema";

const CONSENT_TTL_SECONDS = 14 * 24 * 3600;
const REFERENCE_TTL_SECONDS = 30 * 24 * 3600;

export interface Nominator {
  id: string;
  name: string;
  emailVerified: boolean;
}

export type NominateResult = { ok: true; nomineeId: string } | { ok: false; field?: string; error: string };

/** What the nomination checks decide: go ahead, refuse, or answer a repeat with the nomination it stored. */
type Admission = { ok: true; edition: EditionRow } | { ok: true; repeatOf: string } | { ok: false; field?: string; error: string };

interface EditionRow {
  id: string;
  award_nl: string;
  award_en: string;
  nominee_kind: "person" | "organisation";
  max_nominee_age: number | null;
  nominations_per_member: number;
}

/**
 * The checks every nomination shares, inside its transaction: the member's row is locked so their
 * concurrent submissions run one after another (the cap then holds), the window is judged by the
 * database clock at this transaction, and the cap counts the member's nominations in this edition.
 * A submission key the member already stored a nomination under makes this a repeat of that
 * submission: it is answered before the window and the cap would judge it as a new one.
 */
async function admit(trx: Transaction<DB>, nominator: Nominator, editionId: string, submissionKey?: string): Promise<Admission> {
  if (!nominator.emailVerified) return { ok: false, error: "nominate.errors.unverified" };
  await trx.selectFrom("app_user").select("id").where("id", "=", nominator.id).forUpdate().executeTakeFirst();
  // After the lock: a concurrent submission with the same key has committed (or rolled back) by now.
  const repeatOf = submissionKey ? await storedUnder(trx, nominator.id, submissionKey) : undefined;
  if (repeatOf) return { ok: true, repeatOf };
  const edition = await trx
    .selectFrom("edition as e")
    .innerJoin("award as a", "a.id", "e.award_id")
    .select([
      "e.id",
      "a.name_nl as award_nl",
      "a.name_en as award_en",
      "e.nominee_kind",
      "e.max_nominee_age",
      "e.nominations_per_member",
      sql<boolean>`coalesce(e.nomination_opens_at <= now() and now() < e.nomination_closes_at, false)`.as("open"),
    ])
    .where("e.id", "=", editionId)
    .executeTakeFirst();
  if (!edition || !edition.open) return { ok: false, error: "nominate.errors.closed" };
  const used = await trx
    .selectFrom("nomination")
    .select((eb) => eb.fn.countAll<string>().as("n"))
    .where("nominator_id", "=", nominator.id)
    .where("edition_id", "=", editionId)
    .executeTakeFirstOrThrow();
  if (Number(used.n) >= edition.nominations_per_member) return { ok: false, error: "nominate.errors.cap" };
  return { ok: true, edition };
}

async function categoryInEdition(trx: DbOrTrx, editionId: string, categoryId: string) {
  return trx.selectFrom("category").select("id").where("id", "=", categoryId).where("edition_id", "=", editionId).executeTakeFirst();
}

/** `admit`, plus what a new nominee needs: the edition takes this kind, and the category is the edition's. */
async function admitNew(
  trx: Transaction<DB>,
  nominator: Nominator,
  editionId: string,
  kind: "person" | "organisation",
  categoryId: string,
  submissionKey: string | undefined,
): Promise<Admission> {
  const admitted = await admit(trx, nominator, editionId, submissionKey);
  if (!admitted.ok || "repeatOf" in admitted) return admitted;
  if (admitted.edition.nominee_kind !== kind) return { ok: false as const, error: "nominate.errors.closed" };
  if (!(await categoryInEdition(trx, editionId, categoryId)))
    return { ok: false as const, field: "categoryId", error: "errors.invalidChoice" };
  return admitted;
}

/** The nominee this member's nomination under this submission key was made for, if they made one. */
async function storedUnder(db: DbOrTrx, nominatorId: string, submissionKey: string): Promise<string | undefined> {
  const row = await db
    .selectFrom("nomination")
    .select("submitted_for_nominee_id")
    .where("nominator_id", "=", nominatorId)
    .where("submission_key", "=", submissionKey)
    .executeTakeFirst();
  return row?.submitted_for_nominee_id;
}

const pg = (e: unknown) => e as { code?: string; constraint?: string };

/**
 * Runs a nomination submit in its transaction, once per submission key. A repeat normally finds the stored nomination in
 * `admit`; should two slip past each other anyway, the unique index refuses the second, which is then
 * answered the same way (its transaction rolled back, so nothing of it remains).
 */
async function oncePerKey(
  db: Db,
  nominatorId: string,
  submissionKey: string | undefined,
  submit: (trx: Transaction<DB>) => Promise<NominateResult>,
): Promise<NominateResult> {
  try {
    return await db.transaction().execute(submit);
  } catch (error) {
    const { code, constraint } = pg(error);
    if (!submissionKey || code !== "23505" || constraint !== "nomination_submission_key") throw error;
    const nomineeId = await storedUnder(db, nominatorId, submissionKey);
    if (!nomineeId) throw error;
    return { ok: true, nomineeId };
  }
}

function awardName(edition: EditionRow, locale: Locale) {
  return locale === "en" ? edition.award_en : edition.award_nl;
}

async function sendConsentRequest(
  trx: Transaction<DB>,
  nominee: { id: string; name: string; email: string },
  award: string,
  nominatorName: string,
  locale: Locale,
) {
  const { token, hash } = newToken();
  await trx
    .insertInto("nominee_consent_token")
    .values({ token_hash: hash, nominee_id: nominee.id, expires_at: sql<Date>`now() + make_interval(secs => ${CONSENT_TTL_SECONDS})` })
    .execute();
  await enqueueMail(trx, {
    to: nominee.email,
    locale,
    template: "consent",
    name: nominee.name,
    link: `${config().origin}/instemming?token=${token}`,
    params: { award, nominator: nominatorName },
  });
}

/** How the nominee and references see the nominator: by name, or not at all when they asked. */
function shownNominator(nominator: Nominator, anonymous: boolean, locale: Locale) {
  return anonymous ? (locale === "en" ? "Someone" : "Iemand") : nominator.name;
}

/** The end of a new nomination: ask the nominee for consent, and drop the member's draft. */
async function finishNomination(
  trx: Transaction<DB>,
  nominator: Nominator,
  editionId: string,
  nominee: { id: string; name: string; email: string },
  anonymous: boolean,
  award: string,
  locale: Locale,
) {
  await sendConsentRequest(trx, nominee, award, shownNominator(nominator, anonymous, locale), locale);
  await trx.deleteFrom("nomination_draft").where("user_id", "=", nominator.id).where("edition_id", "=", editionId).execute();
}

/** Nominates a person: nominee (pending moderation and consent), nomination, references, consent mail. */
export async function nominatePerson(
  db: Db,
  nominator: Nominator,
  editionId: string,
  input: PersonNominationInput,
  locale: Locale,
): Promise<NominateResult> {
  return oncePerKey(db, nominator.id, input.submissionKey, async (trx): Promise<NominateResult> => {
    const admitted = await admitNew(trx, nominator, editionId, "person", input.categoryId, input.submissionKey);
    if (!admitted.ok) return admitted;
    if ("repeatOf" in admitted) return { ok: true, nomineeId: admitted.repeatOf };
    const { edition } = admitted;
    if (edition.max_nominee_age !== null) {
      if (input.age === "") return { ok: false, field: "age", error: "nominate.errors.ageRequired" };
      if (Number(input.age) > edition.max_nominee_age) return { ok: false, field: "age", error: "nominate.errors.tooOld" };
    }
    const nominee = await trx
      .insertInto("nominee")
      .values({
        edition_id: editionId,
        category_id: input.categoryId,
        kind: "person",
        name: input.name,
        organisation: input.organisation,
        contact_email: input.email,
        age: input.age === "" ? null : Number(input.age),
        created_by: nominator.id,
      })
      .returning(["id"])
      .executeTakeFirstOrThrow();
    const nomination = await trx
      .insertInto("nomination")
      .values({
        edition_id: editionId,
        nominee_id: nominee.id,
        submitted_for_nominee_id: nominee.id,
        nominator_id: nominator.id,
        motivation: input.motivation,
        video_url: input.videoUrl || null,
        relation: input.relation,
        anonymous_to_nominee: input.anonymous,
        submission_key: input.submissionKey ?? null,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    const award = awardName(edition, locale);
    for (const n of [1, 2] as const) {
      const name = input[`ref${n}Name`];
      const email = input[`ref${n}Email`];
      if (!name || !email) continue;
      const { token, hash } = newToken();
      await trx
        .insertInto("nomination_reference")
        .values({
          nomination_id: nomination.id,
          position: n,
          name,
          email,
          relation: input[`ref${n}Relation`],
          token_hash: hash,
          expires_at: sql<Date>`now() + make_interval(secs => ${REFERENCE_TTL_SECONDS})`,
        })
        .execute();
      await enqueueMail(trx, {
        to: email,
        locale,
        template: "referenceRequest",
        name,
        link: `${config().origin}/referentie?token=${token}`,
        params: {
          award,
          nominee: input.name,
          nominator: shownNominator(nominator, input.anonymous, locale),
          relation: input[`ref${n}Relation`] || "—",
        },
      });
    }
    await finishNomination(
      trx,
      nominator,
      editionId,
      { id: nominee.id, name: input.name, email: input.email },
      input.anonymous,
      award,
      locale,
    );
    return { ok: true, nomineeId: nominee.id };
  });
}

/** Nominates an organisation: a short pitch and a one-page story; the organisation is asked for consent too. */
export async function nominateOrganisation(
  db: Db,
  nominator: Nominator,
  editionId: string,
  input: OrganisationNominationInput,
  locale: Locale,
): Promise<NominateResult> {
  return oncePerKey(db, nominator.id, input.submissionKey, async (trx): Promise<NominateResult> => {
    const admitted = await admitNew(trx, nominator, editionId, "organisation", input.categoryId, input.submissionKey);
    if (!admitted.ok) return admitted;
    if ("repeatOf" in admitted) return { ok: true, nomineeId: admitted.repeatOf };
    const { edition } = admitted;
    const nominee = await trx
      .insertInto("nominee")
      .values({
        edition_id: editionId,
        category_id: input.categoryId,
        kind: "organisation",
        name: input.name,
        contact_email: input.email,
        pitch: input.pitch,
        story: input.story,
        created_by: nominator.id,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await trx
      .insertInto("nomination")
      .values({
        edition_id: editionId,
        nominee_id: nominee.id,
        submitted_for_nominee_id: nominee.id,
        nominator_id: nominator.id,
        motivation: "",
        video_url: input.videoUrl || null,
        relation: input.relation,
        anonymous_to_nominee: input.anonymous,
        submission_key: input.submissionKey ?? null,
      })
      .execute();
    await finishNomination(
      trx,
      nominator,
      editionId,
      { id: nominee.id, name: input.name, email: input.email },
      input.anonymous,
      awardName(edition, locale),
      locale,
    );
    return { ok: true, nomineeId: nominee.id };
  });
}

/** Adds a member's motivation to an existing public candidate (a supporting nomination). */
export async function supportNominee(
  db: Db,
  nominator: Nominator,
  editionId: string,
  nomineeId: string,
  input: SupportInput,
): Promise<NominateResult> {
  return db.transaction().execute(async (trx): Promise<NominateResult> => {
    const admitted = await admit(trx, nominator, editionId);
    if (!admitted.ok) return admitted;
    const nominee = await trx
      .selectFrom("nominee")
      .select("id")
      .where("id", "=", nomineeId)
      .where("edition_id", "=", editionId)
      .where("is_candidate", "=", true)
      .forShare() // a concurrent merge or decline of this nominee waits, or this waits for it
      .executeTakeFirst();
    if (!nominee) return { ok: false, error: "nominate.errors.notFound" };
    const already = await trx
      .selectFrom("nomination")
      .select("id")
      .where("nominee_id", "=", nomineeId)
      .where("nominator_id", "=", nominator.id)
      .executeTakeFirst();
    if (already) return { ok: false, error: "nominate.errors.alreadyNominated" };
    const inserted = await trx
      .insertInto("nomination")
      .values({
        edition_id: editionId,
        nominee_id: nomineeId,
        submitted_for_nominee_id: nomineeId,
        nominator_id: nominator.id,
        motivation: input.motivation,
        relation: input.relation,
        anonymous_to_nominee: input.anonymous,
        is_supporting: true,
      })
      .onConflict((oc) => oc.doNothing())
      .returning("id")
      .executeTakeFirst();
    if (!inserted) return { ok: false, error: "nominate.errors.alreadyNominated" };
    return { ok: true, nomineeId };
  });
}

/** Likely existing public candidates for a typed name (accent- and case-insensitive trigram similarity). */
export async function suggestCandidates(db: DbOrTrx, editionId: string, name: string) {
  const term = name.trim().slice(0, 200);
  if (term.length < 3) return [];
  return db
    .selectFrom("nominee as n")
    .innerJoin("category as c", "c.id", "n.category_id")
    .select(["n.id", "n.name", "n.organisation", "c.name_nl as category_nl", "c.name_en as category_en"])
    .where("n.edition_id", "=", editionId)
    .where("n.is_candidate", "=", true)
    .where(sql<boolean>`similarity(lauwer_fold(n.name), lauwer_fold(${term})) > 0.3`)
    .orderBy(sql`similarity(lauwer_fold(n.name), lauwer_fold(${term}))`, "desc")
    .limit(5)
    .execute();
}

const DRAFT_MAX_BYTES = 20_000;

/** Saves what the member typed so far (any state, validated only on submit). */
export async function saveDraft(db: DbOrTrx, userId: string, editionId: string, data: Record<string, string>): Promise<boolean> {
  const json = JSON.stringify(data);
  if (json.length > DRAFT_MAX_BYTES) return false;
  await db
    .insertInto("nomination_draft")
    .values({ edition_id: editionId, user_id: userId, data: json as unknown as Record<string, unknown> })
    .onConflict((oc) =>
      oc.columns(["edition_id", "user_id"]).doUpdateSet({ data: json as unknown as Record<string, unknown>, updated_at: sql`now()` }),
    )
    .execute();
  return true;
}

export async function getDraft(db: DbOrTrx, userId: string, editionId: string): Promise<Record<string, string> | undefined> {
  const row = await db
    .selectFrom("nomination_draft")
    .select("data")
    .where("user_id", "=", userId)
    .where("edition_id", "=", editionId)
    .executeTakeFirst();
  if (!row) return undefined;
  return Object.fromEntries(Object.entries(row.data).filter((e): e is [string, string] => typeof e[1] === "string"));
}

export async function countOwnNominations(db: DbOrTrx, userId: string, editionId: string): Promise<number> {
  const row = await db
    .selectFrom("nomination")
    .select((eb) => eb.fn.countAll<string>().as("n"))
    .where("nominator_id", "=", userId)
    .where("edition_id", "=", editionId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
