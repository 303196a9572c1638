import { sql, type Insertable, type Transaction } from "kysely";
import type { DB } from "../../../db/types";
import { config } from "~/config.server";
import { retryWhileUnavailable, type Db, type DbOrTrx } from "~/db.server";
import type { Locale } from "~/i18n/i18n";
import { ok, refuse, type Outcome } from "~/lib/outcome";
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

/** A stored nomination (or the one a repeated submission had stored): the nominee it was made for. */
export interface Nominated {
  nomineeId: string;
}

/**
 * What the nomination checks decide: go ahead (with the edition), answer a repeat with the nomination
 * it stored, or refuse (409; 400 on the field it is about).
 */
type Admission = Outcome<{ edition: EditionRow; repeatOf?: undefined } | { repeatOf: string }>;

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
  if (!nominator.emailVerified) return refuse(409, "nominate.errors.unverified");
  await trx.selectFrom("app_user").select("id").where("id", "=", nominator.id).forUpdate().executeTakeFirst();
  // After the lock: a concurrent submission with the same key has committed (or rolled back) by now.
  const repeatOf = submissionKey ? await storedUnder(trx, nominator.id, submissionKey) : undefined;
  if (repeatOf) return ok({ repeatOf });
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
  if (!edition || !edition.open) return refuse(409, "nominate.errors.closed");
  const used = await trx
    .selectFrom("nomination")
    .select((eb) => eb.fn.countAll<string>().as("n"))
    .where("nominator_id", "=", nominator.id)
    .where("edition_id", "=", editionId)
    .executeTakeFirstOrThrow();
  if (Number(used.n) >= edition.nominations_per_member) return refuse(409, "nominate.errors.cap");
  return ok({ edition });
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
  if (!admitted.ok || admitted.value.repeatOf !== undefined) return admitted;
  if (admitted.value.edition.nominee_kind !== kind) return refuse(409, "nominate.errors.closed");
  if (!(await categoryInEdition(trx, editionId, categoryId))) return refuse(400, "errors.invalidChoice", { field: "categoryId" });
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
  submit: (trx: Transaction<DB>) => Promise<Outcome<Nominated>>,
): Promise<Outcome<Nominated>> {
  try {
    return await db.transaction().execute(submit);
  } catch (error) {
    const { code, constraint } = pg(error);
    if (!submissionKey || code !== "23505" || constraint !== "nomination_submission_key") throw error;
    const nomineeId = await storedUnder(db, nominatorId, submissionKey);
    if (!nomineeId) throw error;
    return ok({ nomineeId });
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

/** The columns of a new nominee that depend on its kind (a person's organisation and age; an organisation's pitch and story). */
type NomineeColumns = Pick<Insertable<DB["nominee"]>, "organisation" | "age" | "pitch" | "story">;

/** What every new nomination posts, whatever the nominee's kind. */
type NewNomination = Pick<
  PersonNominationInput & OrganisationNominationInput,
  "categoryId" | "name" | "email" | "videoUrl" | "relation" | "anonymous" | "submissionKey"
> & { motivation?: string };

/**
 * A new nominee (pending moderation and consent) with its first nomination, once per submission key:
 * the shared checks, the nominee with the columns of its kind (or a refusal of them, judged against the
 * edition), the nomination, what the kind adds (`more`), the consent request to the nominee, and the
 * member's draft dropped.
 */
async function nominateNew(
  db: Db,
  nominator: Nominator,
  editionId: string,
  kind: "person" | "organisation",
  input: NewNomination,
  locale: Locale,
  columns: (edition: EditionRow) => Outcome<NomineeColumns>,
  more?: (trx: Transaction<DB>, nominationId: string, award: string) => Promise<void>,
): Promise<Outcome<Nominated>> {
  return oncePerKey(db, nominator.id, input.submissionKey, async (trx): Promise<Outcome<Nominated>> => {
    const admitted = await admitNew(trx, nominator, editionId, kind, input.categoryId, input.submissionKey);
    if (!admitted.ok) return admitted;
    if (admitted.value.repeatOf !== undefined) return ok({ nomineeId: admitted.value.repeatOf });
    const { edition } = admitted.value;
    const own = columns(edition);
    if (!own.ok) return own;
    const nominee = await trx
      .insertInto("nominee")
      .values({
        edition_id: editionId,
        category_id: input.categoryId,
        kind,
        name: input.name,
        contact_email: input.email,
        ...own.value,
        created_by: nominator.id,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    const nomination = await trx
      .insertInto("nomination")
      .values({
        edition_id: editionId,
        nominee_id: nominee.id,
        submitted_for_nominee_id: nominee.id,
        nominator_id: nominator.id,
        motivation: input.motivation ?? "",
        video_url: input.videoUrl || null,
        relation: input.relation,
        anonymous_to_nominee: input.anonymous,
        submission_key: input.submissionKey ?? null,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    const award = awardName(edition, locale);
    await more?.(trx, nomination.id, award);
    const shown = shownNominator(nominator, input.anonymous, locale);
    await sendConsentRequest(trx, { id: nominee.id, name: input.name, email: input.email }, award, shown, locale);
    await trx.deleteFrom("nomination_draft").where("user_id", "=", nominator.id).where("edition_id", "=", editionId).execute();
    return ok({ nomineeId: nominee.id });
  });
}

/** Nominates a person: nominee, nomination, up to two references (each asked by mail), consent mail. */
export async function nominatePerson(
  db: Db,
  nominator: Nominator,
  editionId: string,
  input: PersonNominationInput,
  locale: Locale,
): Promise<Outcome<Nominated>> {
  const columns = (edition: EditionRow): Outcome<NomineeColumns> => {
    if (edition.max_nominee_age !== null) {
      if (input.age === "") return refuse(400, "nominate.errors.ageRequired", { field: "age" });
      if (Number(input.age) > edition.max_nominee_age) return refuse(400, "nominate.errors.tooOld", { field: "age" });
    }
    return ok({ organisation: input.organisation, age: input.age === "" ? null : Number(input.age) });
  };
  const references = async (trx: Transaction<DB>, nominationId: string, award: string) => {
    for (const n of [1, 2] as const) {
      const name = input[`ref${n}Name`];
      const email = input[`ref${n}Email`];
      if (!name || !email) continue;
      const { token, hash } = newToken();
      await trx
        .insertInto("nomination_reference")
        .values({
          nomination_id: nominationId,
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
  };
  return nominateNew(db, nominator, editionId, "person", input, locale, columns, references);
}

/** Nominates an organisation: a short pitch and a one-page story; the organisation is asked for consent too. */
export async function nominateOrganisation(
  db: Db,
  nominator: Nominator,
  editionId: string,
  input: OrganisationNominationInput,
  locale: Locale,
): Promise<Outcome<Nominated>> {
  // An organisation's nomination has no motivation of its own: the pitch and the story are it.
  return nominateNew(db, nominator, editionId, "organisation", { ...input, motivation: "" }, locale, () =>
    ok({ pitch: input.pitch, story: input.story }),
  );
}

/**
 * A nomination as the form posted it, for the edition's kind of nominee. With a submission key a repeat
 * is safe (it finds the nomination a first try may have stored just before the connection broke), so
 * it is tried again for a moment; without one, a repeat could store twice.
 */
export function submitNomination(
  db: Db,
  nominator: Nominator,
  edition: { id: string; nomineeKind: "person" | "organisation" },
  input: PersonNominationInput | OrganisationNominationInput,
  locale: Locale,
): Promise<Outcome<Nominated>> {
  const submit = () =>
    edition.nomineeKind === "person"
      ? nominatePerson(db, nominator, edition.id, input as PersonNominationInput, locale)
      : nominateOrganisation(db, nominator, edition.id, input as OrganisationNominationInput, locale);
  return input.submissionKey ? retryWhileUnavailable(submit, 2000) : submit();
}

/** Adds a member's motivation to an existing public candidate (a supporting nomination); refusals are 409. */
export async function supportNominee(
  db: Db,
  nominator: Nominator,
  editionId: string,
  nomineeId: string,
  input: SupportInput,
): Promise<Outcome<Nominated>> {
  return db.transaction().execute(async (trx): Promise<Outcome<Nominated>> => {
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
    if (!nominee) return refuse(409, "nominate.errors.notFound");
    const already = await trx
      .selectFrom("nomination")
      .select("id")
      .where("nominee_id", "=", nomineeId)
      .where("nominator_id", "=", nominator.id)
      .executeTakeFirst();
    if (already) return refuse(409, "nominate.errors.alreadyNominated");
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
    if (!inserted) return refuse(409, "nominate.errors.alreadyNominated");
    return ok({ nomineeId });
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
// eslint-disable-next-line no-control-regex -- removing control characters is the point
const DRAFT_CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g;

/**
 * The fields of a posted nomination form worth keeping as a draft: text as typed, less control
 * characters (jsonb refuses NUL), at most 40 short-named fields. Not the submission key: it belongs to
 * the page it was loaded with, and a draft opened elsewhere gets its own.
 */
export function draftFields(posted: Record<string, string>): Record<string, string> {
  const data: Record<string, string> = {};
  for (const [k, v] of Object.entries(posted)) {
    if (k !== "submissionKey" && k.length <= 40 && Object.keys(data).length < 40) data[k] = v.replace(DRAFT_CONTROL, "");
  }
  return data;
}

/** Saves what the member typed so far (any state, validated only on submit); too large a draft is refused (413). */
export async function saveDraft(db: DbOrTrx, userId: string, editionId: string, data: Record<string, string>): Promise<Outcome> {
  const json = JSON.stringify(data);
  if (json.length > DRAFT_MAX_BYTES) return refuse(413, "nominate.errors.draftTooLarge");
  await db
    .insertInto("nomination_draft")
    .values({ edition_id: editionId, user_id: userId, data: json as unknown as Record<string, unknown> })
    .onConflict((oc) =>
      oc.columns(["edition_id", "user_id"]).doUpdateSet({ data: json as unknown as Record<string, unknown>, updated_at: sql`now()` }),
    )
    .execute();
  return ok();
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
