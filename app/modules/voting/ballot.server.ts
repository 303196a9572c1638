import { createHash, randomBytes, randomInt } from "node:crypto";
import { sql, type RawBuilder } from "kysely";
import { PREPARED, type Db, type DbOrTrx } from "~/db.server";
import type { Locale } from "~/i18n/i18n";
import { pick } from "~/lib/locale";
import { ok, refuse, type Outcome, type Refusal } from "~/lib/outcome";
import { renderMail } from "~/modules/mail/outbox.server";
import { publishedReceipt } from "~/modules/results/recount.server";
import { formatReceipt, normalizeReceipt, RECEIPT_ALPHABET } from "./rules";
import { mayVote } from "./eligibility.server";
import type { VotingRound } from "./round.server";

export function newReceiptCode(): string {
  return formatReceipt(Array.from({ length: 12 }, () => RECEIPT_ALPHABET[randomInt(RECEIPT_ALPHABET.length)]).join(""));
}

/** The device cookie is stored only as a hash: enough to see accounts sharing a browser, nothing more. */
export function deviceHash(deviceId: string | undefined): string | null {
  return deviceId ? createHash("sha256").update(deviceId).digest("hex").slice(0, 32) : null;
}

export interface Voter {
  id: string;
  email: string;
  name: string;
  locale: Locale;
  emailVerified: boolean;
  /** The session casting the ballot (a round limited to identity providers checks how it signed in). */
  session?: { id: string; authMethod: string } | null;
}

export interface CastInput {
  round: Pick<
    VotingRound,
    | "id"
    | "edition_id"
    | "position"
    | "source"
    | "max_choices"
    | "allow_change"
    | "eligibility"
    | "eligible_domains"
    | "eligible_providers"
    | "eligible_organisations"
  >;
  /** The round whose advancement list holds the ballot's candidates, or null for every candidate (see candidateSource). */
  sourceRoundId: string | null;
  categoryId: string;
  voter: Voter;
  choices: string[];
  ip: string | null;
  device: string | null;
  /** Texts for the receipt mail: award/edition name and the link to "my votes". */
  mail: { award: string; category: string; link: string };
}

/** A stored ballot: its receipt and version; `unchanged` when the same choices were stored already. */
export interface CastBallot {
  receiptCode: string;
  version: number;
  unchanged?: boolean;
}

// The refusals of a ballot, with the status the ballot page answers.
const closed = () => refuse(409, "voting.errors.closed");
const notEligible = () => refuse(403, "voting.errors.notEligible");
const invalidChoice = () => refuse(400, "voting.errors.invalidChoice");
const voided = () => refuse(409, "voting.errors.voided");

const pgCode = (e: unknown) => (e as { code?: string }).code;
const pgConstraint = (e: unknown) => (e as { constraint?: string }).constraint;

function mapError(e: unknown): Refusal | null {
  const constraint = pgConstraint(e);
  if (pgCode(e) === "23514" && constraint === "ballot_window") return closed();
  if (pgCode(e) === "23514" && constraint === "ballot_voided") return voided();
  if (pgCode(e) === "23514" && constraint === "ballot_round_waiting") return refuse(409, "voting.errors.waiting");
  if (pgCode(e) === "23514" && (constraint === "ballot_choices" || constraint === "ballot_round_kind")) return invalidChoice();
  if (pgCode(e) === "23503" || (pgCode(e) === "23505" && constraint?.startsWith("ballot_choice"))) return invalidChoice();
  return null;
}

/** A value of the ballot statement: bound as a parameter, or an SQL expression (the one-trip cast reads the voter from the session). */
type SqlValue<T> = T | RawBuilder<T>;

/** What a first ballot's statement writes, and with what. */
export interface FirstBallot {
  roundId: SqlValue<string>;
  categoryId: SqlValue<string>;
  voterId: SqlValue<string>;
  /** The casting session: a round limited to identity providers needs one of this voter signed in through one. */
  sessionId?: SqlValue<string> | null;
  sourceRoundId: SqlValue<string | null>;
  choices: SqlValue<string[]>;
  receipt: SqlValue<string>;
  ip: SqlValue<string | null>;
  device: SqlValue<string | null>;
  mail: { to: SqlValue<string>; locale: SqlValue<string>; subject: SqlValue<string>; body: SqlValue<string> };
}

/** What a first ballot's statement answers: the round open, the voter eligible, the choices valid, the new ballot's id. */
export interface FirstBallotRow {
  open: number;
  eligible: boolean | null;
  valid: boolean | null;
  ballot_id: string | null;
}

/**
 * The common table expressions of a first ballot (r, ok, b, c, h, m), for a statement's `with`; `gate`
 * is a condition a larger statement puts before all of it (nothing is written unless it holds).
 */
export function firstBallotCtes(p: FirstBallot, gate: RawBuilder<boolean> = sql<boolean>`true`) {
  return sql`r as (
      select r.id, r.edition_id, r.eligibility, r.eligible_domains, r.eligible_providers, r.eligible_organisations
      from round r
      where r.id = ${p.roundId} and r.kind in ('public_vote', 'live_vote')
        and r.opens_at <= now() and (r.closes_at is null or now() < r.closes_at) and ${gate}
    ), ok as (
      select r.id, r.edition_id,
        ${mayVote("r", { id: p.voterId, session: p.sessionId ? { id: p.sessionId } : null })} as eligible,
        (select count(*) from nominee n
          where n.id = any(${p.choices}::uuid[]) and n.category_id = ${p.categoryId} and n.is_candidate
            and (${p.sourceRoundId}::uuid is null
              or exists (select 1 from round_advancement a where a.round_id = ${p.sourceRoundId}::uuid and a.nominee_id = n.id))
        ) = cardinality(${p.choices}::uuid[]) as valid
      from r
    ), b as (
      insert into ballot (round_id, edition_id, category_id, voter_id, receipt_code, ip, device_hash)
      select ok.id, ok.edition_id, ${p.categoryId}, ${p.voterId}, ${p.receipt}, ${p.ip}::inet, ${p.device} from ok where ok.eligible and ok.valid
      on conflict (round_id, category_id, voter_id) do nothing
      returning id
    ), c as (
      insert into ballot_choice (ballot_id, category_id, nominee_id, rank)
      select b.id, ${p.categoryId}, x.nominee, x.rank from b cross join unnest(${p.choices}::uuid[]) with ordinality as x(nominee, rank)
    ), h as (
      insert into ballot_revision (ballot_id, version, receipt_code, choices, ip, device_hash)
      select b.id, 1, ${p.receipt}, ${p.choices}::uuid[], ${p.ip}::inet, ${p.device} from b
    ), m as (
      insert into outbox_email (to_address, locale, template, subject, body_text)
      select ${p.mail.to}, ${p.mail.locale}, 'ballotReceipt', ${p.mail.subject}, ${p.mail.body} from b
    )`;
}

/** The columns of FirstBallotRow, selected after firstBallotCtes. */
export const firstBallotColumns = sql`(select count(*) from r)::int as open, (select eligible from ok) as eligible,
      (select valid from ok) as valid, (select id from b) as ballot_id`;

/**
 * The SQL of a first ballot, as one statement (one round trip, one implicit transaction): it checks
 * the window by the database clock, eligibility and that every choice is a candidate of the round in
 * this category, then inserts the ballot, its choices, its first revision and the receipt mail. The
 * unique constraint answers a second ballot with "nothing inserted"; the deferred trigger re-checks
 * window and choice count at commit. `npm run bench` runs this same statement straight on pg.
 */
export function firstBallotSql(p: FirstBallot) {
  // A named prepared statement (ADR 0046): its planning cost PostgreSQL about a third of the statement.
  return sql<FirstBallotRow>`${sql.raw(PREPARED)} with ${firstBallotCtes(p)} select ${firstBallotColumns}`;
}

function receiptMail(input: CastInput, receipt: string, changed: boolean) {
  const { subject, body } = renderMail({
    locale: input.voter.locale,
    template: changed ? "ballotChanged" : "ballotReceipt",
    name: input.voter.name,
    link: input.mail.link,
    params: { award: input.mail.award, category: input.mail.category, receipt },
  });
  return { to: input.voter.email, locale: input.voter.locale, subject, body };
}

/**
 * Where the voter's name goes in a receipt rendered before the voter is known (receiptTemplate): a
 * statement that reads the voter from their session puts the name there itself. Random per process
 * and framed by invisible separators, so no name, award or category can hold it by chance.
 */
export const RECEIPT_NAME = `\u2063${randomBytes(9).toString("base64url")}\u2063`;
const RECEIPT_CODE = `\u2063${randomBytes(9).toString("base64url")}\u2063`;
const receiptTemplates = new Map<string, { subject: string; body: string }>();

/**
 * The receipt mail of a first ballot in `locale`, as receiptMail renders it, but with RECEIPT_NAME for
 * the voter's name: rendered once per language and text, the receipt code put in per ballot.
 */
export function receiptTemplate(locale: Locale, mail: CastInput["mail"], receipt: string): { subject: string; body: string } {
  const key = `${locale}\n${mail.award}\n${mail.category}\n${mail.link}`;
  let template = receiptTemplates.get(key);
  if (!template) {
    template = renderMail({
      locale,
      template: "ballotReceipt",
      name: RECEIPT_NAME,
      link: mail.link,
      params: { award: mail.award, category: mail.category, receipt: RECEIPT_CODE },
    });
    if (receiptTemplates.size >= 1000) receiptTemplates.clear();
    receiptTemplates.set(key, template);
  }
  return { subject: template.subject.split(RECEIPT_CODE).join(receipt), body: template.body.split(RECEIPT_CODE).join(receipt) };
}

/**
 * Casts a ballot, or changes it when the round allows. One person, one vote: the unique constraint
 * decides between racing submissions; every other attempt gets a clear answer and changes nothing.
 */
export async function castBallot(db: Db, input: CastInput): Promise<Outcome<CastBallot>> {
  // Eligibility is one of the statement's own checks (mayVote, as whyIneligible asks it): no round trip before.
  const receipt = newReceiptCode();
  let row;
  try {
    const result = await firstBallotSql({
      roundId: input.round.id,
      categoryId: input.categoryId,
      voterId: input.voter.id,
      sessionId: input.voter.session?.id ?? null,
      sourceRoundId: input.sourceRoundId,
      choices: input.choices,
      receipt,
      ip: input.ip,
      device: input.device,
      mail: receiptMail(input, receipt, false),
    }).execute(db);
    row = result.rows[0]!;
  } catch (e) {
    const mapped = mapError(e);
    if (mapped) return mapped;
    throw e;
  }
  return afterFirstBallot(db, input, row, receipt);
}

/**
 * What a first ballot's statement answered (`receipt`: the code it was given), as castBallot's outcome:
 * a refusal, the new ballot, the same ballot sent again, or — where the round allows it — the ballot
 * changed (a transaction of its own).
 */
export async function afterFirstBallot(db: Db, input: CastInput, row: FirstBallotRow, receipt: string): Promise<Outcome<CastBallot>> {
  if (row.open === 0) return closed();
  if (!row.eligible) return notEligible();
  if (!row.valid) return invalidChoice();
  if (row.ballot_id) return ok({ receiptCode: receipt, version: 1 });
  if (!input.round.allow_change) {
    // The same choices again are the same ballot: a voter who resubmits after a lost answer (the
    // connection dropped while the first submission committed) sees their stored ballot, not an error.
    const own = await ownBallot(db, input.round.id, input.categoryId, input.voter.id);
    if (own && !own.voided && own.choices.map((c) => c.id).join(",") === input.choices.join(","))
      return ok({ receiptCode: own.receiptCode, version: own.version, unchanged: true });
    return refuse(409, "voting.errors.alreadyVoted");
  }
  try {
    return await changeBallot(db, input);
  } catch (e) {
    const mapped = mapError(e);
    if (mapped) return mapped;
    throw e;
  }
}

/** Last ballot counts: the row is locked, its choices replaced, the version bumped and the change kept as a revision. */
async function changeBallot(db: Db, input: CastInput): Promise<Outcome<CastBallot>> {
  return db
    .transaction()
    .execute(async (trx): Promise<Outcome<CastBallot>> => {
      const ballot = await trx
        .selectFrom("ballot")
        .select(["id", "version", "voided_at", "receipt_code"])
        .where("round_id", "=", input.round.id)
        .where("category_id", "=", input.categoryId)
        .where("voter_id", "=", input.voter.id)
        .forUpdate()
        .executeTakeFirst();
      if (!ballot) return invalidChoice();
      if (ballot.voided_at) return voided();
      const current = await trx
        .selectFrom("ballot_choice")
        .select("nominee_id")
        .where("ballot_id", "=", ballot.id)
        .orderBy("rank")
        .execute();
      if (current.map((c) => c.nominee_id).join(",") === input.choices.join(",")) {
        return ok({ receiptCode: ballot.receipt_code, version: ballot.version, unchanged: true });
      }
      const receipt = newReceiptCode();
      const version = ballot.version + 1;
      await trx.deleteFrom("ballot_choice").where("ballot_id", "=", ballot.id).execute();
      await trx
        .insertInto("ballot_choice")
        .values(input.choices.map((nominee_id, i) => ({ ballot_id: ballot.id, category_id: input.categoryId, nominee_id, rank: i + 1 })))
        .execute();
      await trx
        .updateTable("ballot")
        .set({ version, receipt_code: receipt, updated_at: sql`now()`, ip: input.ip, device_hash: input.device })
        .where("id", "=", ballot.id)
        .execute();
      await trx
        .insertInto("ballot_revision")
        .values({ ballot_id: ballot.id, version, receipt_code: receipt, choices: input.choices, ip: input.ip, device_hash: input.device })
        .execute();
      const mail = receiptMail(input, receipt, true);
      await trx
        .insertInto("outbox_email")
        .values({ to_address: mail.to, locale: mail.locale, template: "ballotChanged", subject: mail.subject, body_text: mail.body })
        .execute();
      // Candidates are re-checked inside the transaction, as for a first ballot.
      const valid = await candidateCount(trx, input);
      if (valid !== input.choices.length) throw new InvalidChoice();
      return ok({ receiptCode: receipt, version });
    })
    .catch((e: unknown) => {
      if (e instanceof InvalidChoice) return invalidChoice();
      throw e;
    });
}

class InvalidChoice extends Error {}

async function candidateCount(trx: DbOrTrx, input: CastInput): Promise<number> {
  const r = await sql<{ n: number }>`
    select count(*)::int as n from nominee n
    where n.id = any(${input.choices}::uuid[]) and n.category_id = ${input.categoryId} and n.is_candidate
      and (${input.sourceRoundId}::uuid is null
        or exists (select 1 from round_advancement a where a.round_id = ${input.sourceRoundId}::uuid and a.nominee_id = n.id))`.execute(
    trx,
  );
  return r.rows[0]!.n;
}

/** The voter's own ballot in a round and category (with choices), for the ballot page. */
export async function ownBallot(db: DbOrTrx, roundId: string, categoryId: string, voterId: string) {
  const ballot = await db
    .selectFrom("ballot")
    .select(["id", "version", "receipt_code", "cast_at", "updated_at", "voided_at"])
    .where("round_id", "=", roundId)
    .where("category_id", "=", categoryId)
    .where("voter_id", "=", voterId)
    .executeTakeFirst();
  if (!ballot) return null;
  const choices = await db
    .selectFrom("ballot_choice as c")
    .innerJoin("nominee as n", "n.id", "c.nominee_id")
    .select(["c.nominee_id", "c.rank", "n.name"])
    .where("c.ballot_id", "=", ballot.id)
    .orderBy("c.rank")
    .execute();
  return {
    version: ballot.version,
    receiptCode: ballot.receipt_code,
    castAt: ballot.cast_at.toISOString(),
    updatedAt: ballot.updated_at.toISOString(),
    voided: ballot.voided_at !== null,
    choices: choices.map((c) => ({ id: c.nominee_id, rank: c.rank, name: c.name })),
  };
}

/** The names of a ballot's award (with the edition's year), round and category, as the columns below select them. */
const PLACE_COLUMNS = [
  "r.name_nl as round_nl",
  "r.name_en as round_en",
  "c.name_nl as category_nl",
  "c.name_en as category_en",
  "a.name_nl as award_nl",
  "a.name_en as award_en",
  "e.year",
] as const;
type PlaceRow = {
  round_nl: string;
  round_en: string;
  category_nl: string;
  category_en: string;
  award_nl: string;
  award_en: string;
  year: number;
};
const placeNames = (locale: Locale, r: PlaceRow) => ({
  award: `${pick(locale, r.award_nl, r.award_en)} ${r.year}`,
  round: pick(locale, r.round_nl, r.round_en),
  category: pick(locale, r.category_nl, r.category_en),
});

/** "My votes": every ballot of the account, newest first, with its choices (only ever shown to the voter). */
export async function myBallots(db: DbOrTrx, voterId: string, locale: Locale) {
  const rows = await db
    .selectFrom("ballot as b")
    .innerJoin("round as r", "r.id", "b.round_id")
    .innerJoin("category as c", "c.id", "b.category_id")
    .innerJoin("edition as e", "e.id", "b.edition_id")
    .innerJoin("award as a", "a.id", "e.award_id")
    .select([
      "b.id",
      "b.receipt_code",
      "b.version",
      "b.cast_at",
      "b.updated_at",
      "b.voided_at",
      "r.position",
      "c.slug as category_slug",
      "a.slug as award_slug",
      ...PLACE_COLUMNS,
      sql<
        string[]
      >`array(select n.name from ballot_choice bc join nominee n on n.id = bc.nominee_id where bc.ballot_id = b.id order by bc.rank)`.as(
        "choices",
      ),
    ])
    .where("b.voter_id", "=", voterId)
    .orderBy("b.updated_at", "desc")
    .limit(200)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    receiptCode: r.receipt_code,
    version: r.version,
    castAt: r.cast_at.toISOString(),
    updatedAt: r.updated_at.toISOString(),
    voided: r.voided_at !== null,
    ...placeNames(locale, r),
    href: `/prijzen/${r.award_slug}/${r.year}/ronde/${r.position}/${r.category_slug}`,
    choices: r.choices,
  }));
}

export type ReceiptStatus =
  | { status: "unknown" }
  | {
      status: "counted" | "received" | "voided" | "superseded";
      award: string;
      round: string;
      category: string;
      at: string;
      /** SHA-256 of the code, as the published list of receipts has it (ADR 0014). */
      hash: string;
      /** How the latest published list of the round's receipts lists it, if it does. */
      listed: { version: number; status: "counted" | "voided" } | null;
    };

/**
 * Public receipt check. Says whether the code's ballot is in the published tally (or received,
 * before publication), superseded by a later change, or voided — never what was chosen or by whom.
 */
export async function checkReceipt(db: DbOrTrx, input: string, locale: Locale): Promise<ReceiptStatus> {
  const code = normalizeReceipt(input);
  if (!code) return { status: "unknown" };
  const row = await db
    .selectFrom("ballot_revision as v")
    .innerJoin("ballot as b", "b.id", "v.ballot_id")
    .innerJoin("round as r", "r.id", "b.round_id")
    .innerJoin("category as c", "c.id", "b.category_id")
    .innerJoin("edition as e", "e.id", "b.edition_id")
    .innerJoin("award as a", "a.id", "e.award_id")
    .select([
      "v.version",
      "v.created_at",
      "b.version as current_version",
      "b.voided_at",
      "b.round_id",
      "r.results_published_at",
      ...PLACE_COLUMNS,
    ])
    .where("v.receipt_code", "=", code)
    .executeTakeFirst();
  if (!row) return { status: "unknown" };
  const hash = createHash("sha256").update(code, "utf8").digest("hex");
  // Only the ballot's current receipt is in a published list; an earlier one was never counted.
  const found = row.version === row.current_version ? await publishedReceipt(db, row.round_id, hash) : null;
  const listed = found?.status === "counted" || found?.status === "voided" ? { version: found.version, status: found.status } : null;
  const status =
    row.version !== row.current_version
      ? "superseded"
      : row.voided_at
        ? "voided"
        : listed?.status === "counted" || row.results_published_at
          ? "counted"
          : "received";
  return { status, ...placeNames(locale, row), at: row.created_at.toISOString(), hash, listed };
}

/** The categories of a round in which the voter has a ballot. */
export async function listVotedCategoryIds(db: DbOrTrx, roundId: string, voterId: string): Promise<string[]> {
  const rows = await db
    .selectFrom("ballot")
    .select("category_id")
    .where("round_id", "=", roundId)
    .where("voter_id", "=", voterId)
    .execute();
  return rows.map((r) => r.category_id);
}
