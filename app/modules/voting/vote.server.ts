import { config } from "~/config.server";
import { sql, type RawBuilder } from "kysely";
import { compiledOnce, PREPARED, retryWhileUnavailable, type Db } from "~/db.server";
import type { Locale } from "~/i18n/i18n";
import { countBallot } from "~/lib/metrics.server";
import type { Notice } from "~/lib/notice";
import { ok, refuse, type Outcome } from "~/lib/outcome";
import { loadEdition } from "~/modules/awards/edition.server";
import { sessionAndUserSelect, validateSessionRow, type SessionAndUserRow, type ValidatedSession } from "~/auth/lucia.server";
import type { BallotCast } from "~/context";
import { DEFAULT_LOCALE, LOCALES } from "~/i18n/i18n";
import { countedWait, countingSql, hitAll, type LimiterName } from "~/modules/rate-limit/rate-limit.server";
import {
  afterFirstBallot,
  castBallot,
  deviceHash,
  firstBallotColumns,
  firstBallotCtes,
  newReceiptCode,
  ownBallot,
  RECEIPT_NAME,
  receiptTemplate,
  type CastBallot,
  type CastInput,
  type FirstBallotRow,
  type Voter,
} from "./ballot.server";
import { providersToVoteWith } from "./eligibility.server";
import {
  candidateSource,
  categoryBySlug,
  whyIneligible,
  sourceUnpublished,
  loadVotingRound,
  roundCandidates,
  publicMotivations,
  roundView,
  waitingName,
} from "./round.server";
import { parseChoiceList, selectionFromForm } from "./rules";

// The ballot of one round and category (the public vote, and the live vote on a phone): what the
// page shows, the review step and the submission. The route does the HTTP part.

export interface BallotRef {
  award?: string;
  year?: string;
  position?: string;
  category?: string;
}

export async function ballotContext(db: Db, ref: BallotRef, locale: Locale) {
  const edition = await loadEdition(db, ref.award, ref.year, locale);
  const round = await loadVotingRound(db, edition.id, ref.position);
  const category = categoryBySlug(edition, ref.category);
  return { edition, round, category };
}
export type BallotContext = Awaited<ReturnType<typeof ballotContext>>;

/**
 * The edition and round behind a ballot submission, kept for a few seconds per process: at the
 * closing-hour peak every submission would otherwise re-read the same rows. Safe because a round's
 * rules are locked once it opens (round trigger), and the window, eligibility and candidates are
 * checked again by the ballot statement itself with the database clock.
 */
const CONTEXT_TTL_MS = 5_000;
const contextCache = new Map<string, { expires: number; value: Promise<BallotContext> }>();
export function cachedBallotContext(db: Db, ref: BallotRef, locale: Locale): Promise<BallotContext> {
  const key = `${ref.award}/${ref.year}/${ref.position}/${ref.category}/${locale}`;
  const now = Date.now();
  const cached = contextCache.get(key);
  if (cached && cached.expires > now) return cached.value;
  if (contextCache.size > 1000) contextCache.clear();
  const value = ballotContext(db, ref, locale);
  contextCache.set(key, { expires: now + CONTEXT_TTL_MS, value });
  value.catch(() => contextCache.delete(key));
  return value;
}

/** The signed-in person and the session they look with (a round limited to providers asks how it signed in). */
type Viewer = { id: string; session: { id: string; authMethod: string } | null } | null;

/** What the ballot page shows this person: the round, its candidates, their own ballot and eligibility. */
export async function ballotPage(db: Db, { edition, round, category }: BallotContext, viewer: Viewer, locale: Locale) {
  // Who advanced from an unpublished vote stays secret: the ballot waits for those results.
  const waiting = await waitingName(db, round, locale);
  const [candidates, own, ineligible, motivations] = await Promise.all([
    waiting ? Promise.resolve([]) : roundCandidates(db, round, category.id),
    viewer ? ownBallot(db, round.id, category.id, viewer.id) : null,
    viewer ? whyIneligible(db, round, viewer) : null,
    waiting ? Promise.resolve([]) : candidateSource(db, round).then((source) => publicMotivations(db, source, category.id)),
  ]);
  return {
    edition: { name: edition.name, awardSlug: edition.awardSlug, year: edition.year },
    round: roundView(round, locale),
    category: { slug: category.slug, name: category.name },
    otherCategories: edition.categories.filter((c) => c.id !== category.id).map((c) => ({ slug: c.slug, name: c.name })),
    candidates: candidates.map((c) => ({ id: c.id, name: c.name, organisation: c.organisation })),
    signedIn: Boolean(viewer),
    waiting,
    motivations: motivations.map((m) => ({ id: m.id, name: m.name, motivation: m.reason ?? "" })),
    ineligible,
    /** Ineligible for want of a provider's sign-in: the providers to sign in with. */
    signInWith: ineligible === "provider" && viewer ? providersToVoteWith(round, viewer.session) : [],
    own,
  };
}

/** The review step: the chosen candidates in order, nothing written. */
export async function reviewBallot(db: Db, { round, category }: BallotContext, raw: Record<string, string>) {
  if (await sourceUnpublished(db, await candidateSource(db, round))) return refuse(409, "voting.errors.waiting");
  const candidates = await roundCandidates(db, round, category.id);
  const selection = selectionFromForm(
    raw,
    round.ballot_mode,
    round.max_choices,
    candidates.map((c) => c.id),
  );
  if (!selection.ok) return selection;
  const byId = new Map(candidates.map((c) => [c.id, c.name]));
  return ok({ choices: selection.value.map((id, i) => ({ id, name: byId.get(id)!, rank: i + 1 })), list: selection.value.join(",") });
}

export interface BallotVoter {
  id: string;
  email: string;
  name: string;
  locale: string;
  emailVerified: boolean;
  /** The casting session and how it signed in (rounds limited to identity providers). */
  session?: { id: string; authMethod: string } | null;
}

/** The person casting a ballot, as the voting service needs them. */
export function ballotVoter(
  user: { id: string; email: string; name: string; locale: string; emailVerified: boolean },
  session: { id: string; authMethod: string } | null,
): BallotVoter {
  const { id, email, name, locale, emailVerified } = user;
  return { id, email, name, locale, emailVerified, session: session ? { id: session.id, authMethod: session.authMethod } : null };
}

/** The address of a category's ballot page, where a cast ballot leads back to. */
export function ballotPath({ edition, round, category }: Pick<BallotContext, "edition" | "round" | "category">): string {
  return `/prijzen/${edition.awardSlug}/${edition.year}/ronde/${round.position}/${category.slug}`;
}

/** What one ballot cast counts, per account and per address, in the order their rows are taken (values or SQL). */
function ballotEvents<K>(voter: K, address: K): Array<[LimiterName, K]> {
  return [
    ["voteAccount", voter],
    ["voteIp", address],
  ];
}

/** The row a cast by session answers: the session query's, what was counted, and (when cast) the ballot statement's. */
type SessionCastRow = SessionAndUserRow & Partial<FirstBallotRow> & { hits: Array<[string, number, number]>; attempted?: boolean };

/** The counting of a ballot cast, per account (the session's person) and per address, in a statement that reads the session (`sess`). */
const ballotCounting = (slot: (name: string) => RawBuilder<unknown>) =>
  countingSql(ballotEvents(sql<string>`sess.user_id::text`, slot("ipKey") as RawBuilder<string>), "sess", slot("now"));

/** The session read and the cast counted, nothing cast: for a ballot that is refused before its statement (ADR 0048). */
const sessionCountingStatement = compiledOnce<SessionCastRow>((slot) => {
  const counting = ballotCounting(slot);
  return sql`${sql.raw(PREPARED)} with sess as (${sessionAndUserSelect(slot("session") as RawBuilder<string>)}), ${counting.ctes}
    select sess.*, ${counting.hits} as hits from sess`;
});

/** The voter's values in the statement, read from its session (`sess`). */
const fromSession = (column: string) => sql<string>`(select ${sql.ref(`sess.${column}`)} from sess)`;

/** The receipt mail's text in the voter's language, with their name: from the slots of every language. */
function receiptInLanguage(slot: (name: string) => RawBuilder<unknown>, part: "subject" | "body") {
  const byLocale = sql.join(
    LOCALES.filter((l) => l !== DEFAULT_LOCALE).map((l) => sql`when ${sql.lit(l)} then ${slot(`${part}_${l}`)}`),
    sql` `,
  );
  return sql<string>`replace(case (select locale from sess) ${byLocale} else ${slot(`${part}_${DEFAULT_LOCALE}`)} end,
    ${sql.lit(RECEIPT_NAME)}, (select name from sess))`;
}

/**
 * A ballot cast in one statement (ADR 0051): the session read, the cast counted per account and per
 * address, and — when the session is alive (the idle and absolute expiry as validateSessionRow judges
 * them, at the time of the count, taken just before the statement), past its second factor and within
 * both limits — the first ballot's statement with the voter and their receipt mail taken from the session.
 */
const sessionCastStatement = compiledOnce<SessionCastRow>((slot) => {
  const counting = ballotCounting(slot);
  const at = sql`to_timestamp((select ms from clock) / 1000.0)`;
  const gate = sql<boolean>`(select exists (select 1 from sess where sess.expires_at > ${at} and sess.absolute_expires_at > ${at}
      and (not sess.mfa_enrolled or sess.second_factor_at is not null)) and not ${counting.over})`;
  const ballot = firstBallotCtes(
    {
      roundId: slot("round") as RawBuilder<string>,
      categoryId: slot("category") as RawBuilder<string>,
      voterId: fromSession("user_id"),
      sessionId: fromSession("id"),
      sourceRoundId: slot("source") as RawBuilder<string | null>,
      choices: slot("choices") as RawBuilder<string[]>,
      receipt: slot("receipt") as RawBuilder<string>,
      ip: slot("ip") as RawBuilder<string | null>,
      device: slot("device") as RawBuilder<string | null>,
      mail: {
        to: fromSession("email"),
        locale: fromSession("locale"),
        subject: receiptInLanguage(slot, "subject"),
        body: receiptInLanguage(slot, "body"),
      },
    },
    sql<boolean>`(select go from gate)`,
  );
  return sql`${sql.raw(PREPARED)} with sess as (${sessionAndUserSelect(slot("session") as RawBuilder<string>)}), ${counting.ctes},
    gate as (select ${gate} as go), ${ballot}
    select sess.*, ${counting.hits} as hits, (select go from gate) as attempted, ${firstBallotColumns} from sess`;
});

/** What castBySession did: the session as validated, the wait its count gave (without a session nothing was counted), and the cast, if it was cast. */
export interface SessionCast {
  /** Absent only when validating failed after the ballot was cast (the app reads the session itself). */
  validated?: ValidatedSession;
  counted?: number;
  /** The ballot's outcome, or what failed after its statement: absent when nothing was cast (go on with submitBallot and `counted`). */
  cast?: BallotCast;
}

/**
 * A ballot cast by a session in one round trip (ADR 0051; the vote lane's): the session read, the cast
 * counted (as submitBallot counts it) and the first ballot written, in one statement. A ballot the
 * statement did not try — no session, one short of its second factor, a limit reached, a ballot refused
 * before its statement — comes back without `cast`, counted: the caller goes on as with a session read
 * and submitBallot. A statement that fails changed nothing (one transaction) and throws.
 */
export async function castBySession(
  db: Db,
  context: BallotContext,
  input: { sessionId: string | null; ip: string | null; deviceId: string | undefined; choiceList: string },
): Promise<SessionCast> {
  const { sessionId, ip } = input;
  if (!sessionId) return { validated: { user: null, session: null } };
  const { round, category } = context;
  // Without queries for a round of every candidate (the usual case); a round of an earlier round's
  // advancement reads that round first.
  const sourceRoundId = await candidateSource(db, round);
  const choices = (await sourceUnpublished(db, sourceRoundId)) ? null : parseChoiceList(input.choiceList, round.max_choices);
  const mail = receiptTexts(context);
  const device = deviceHash(input.deviceId);
  const receipt = newReceiptCode();
  // The time of the count and of the gate's expiry check: taken last, so Lucia's later clock can only
  // find a session dead that the gate found alive (a ballot then stands: it was cast while alive).
  const now = Date.now();
  const common = { session: sessionId, now, ipKey: ip ?? "unknown" };
  let row: SessionCastRow | undefined;
  if (choices) {
    const texts = Object.fromEntries(
      LOCALES.flatMap((locale) => {
        const { subject, body } = receiptTemplate(locale, mail, receipt);
        return [
          [`subject_${locale}`, subject],
          [`body_${locale}`, body],
        ];
      }),
    );
    const values = { ...common, ...texts, round: round.id, category: category.id, source: sourceRoundId, choices, receipt };
    row = (await db.executeQuery(sessionCastStatement({ ...values, ip, device }))).rows[0];
  } else {
    // Refused before its statement (waiting for results, choices that are no list): counted, not tried.
    row = (await db.executeQuery(sessionCountingStatement(common))).rows[0];
  }
  const counted = row ? countedWait(ballotEvents(row.user_id, common.ipKey), row.hits, now) : undefined;
  let validated: ValidatedSession | undefined;
  try {
    validated = await validateSessionRow(sessionId, row);
  } catch (error) {
    // Not cast: nothing but the count happened, and the caller passes the request on. Cast (committed):
    // the ballot's outcome is still told below; the app reads the session again for its answer.
    if (!row?.attempted) throw error;
  }
  if (!row?.attempted || !choices) return { validated: validated!, counted };
  const voter: Voter = {
    id: row.user_id,
    email: row.email,
    name: row.name,
    locale: row.locale,
    emailVerified: row.email_verified_at !== null,
    session: { id: row.id, authMethod: row.auth_method },
  };
  const cast: CastInput = { round, sourceRoundId, categoryId: category.id, voter, choices, ip, device, mail };
  try {
    // A second ballot (a change, the same choices again) reads and writes again: tried again for a
    // moment in an outage, as castBallot is; a change repeated comes back unchanged.
    const stored = await retryWhileUnavailable(() => afterFirstBallot(db, cast, row as SessionCastRow & FirstBallotRow, receipt), 2000);
    return { validated, counted, cast: { outcome: stored.ok ? ok({ notice: ballotNotice(round, stored.value) }) : stored } };
  } catch (error) {
    return { validated, counted, cast: { error } };
  }
}

/** The texts of a ballot's receipt mail: the award, the category and the link to "my votes". */
function receiptTexts({ edition, category }: Pick<BallotContext, "edition" | "category">): CastInput["mail"] {
  return { award: edition.name, category: category.name, link: `${config().origin}/mijn-stemmen` };
}

/** The notice of a stored ballot (counted in the metrics). */
function ballotNotice(round: Pick<BallotContext["round"], "allow_change">, stored: CastBallot): Notice {
  countBallot(stored.unchanged ? "unchanged" : stored.version > 1 ? "changed" : "cast");
  return stored.unchanged
    ? round.allow_change
      ? "voting.notice.unchanged"
      : "voting.notice.alreadyStored"
    : stored.version > 1
      ? "voting.notice.changed"
      : "voting.notice.cast";
}

/**
 * Casts (or changes) the voter's ballot from the confirmed list of choices. Rate-limited per account
 * and per IP (counted first; `counted` when castBySession already counted it). A ballot is
 * safe to submit again — the same choices come back as the stored ballot — so when the connection
 * breaks mid-way it is tried again for a moment.
 */
export async function submitBallot(
  db: Db,
  { edition, round, category }: BallotContext,
  voter: BallotVoter,
  choiceList: string,
  origin: { ip: string | null; deviceId: string | undefined; counted?: number },
): Promise<Outcome<{ notice: Notice }>> {
  const sourceRoundId = await candidateSource(db, round);
  if (await sourceUnpublished(db, sourceRoundId)) return refuse(409, "voting.errors.waiting");
  const wait = origin.counted ?? (await hitAll(ballotEvents(voter.id, origin.ip ?? "unknown")));
  if (wait > 0) return refuse(429, "voting.errors.rateLimited", { params: { seconds: wait }, retryAfter: wait });
  const choices = parseChoiceList(choiceList, round.max_choices);
  if (!choices) return refuse(400, "voting.errors.invalidChoice");
  const cast = await retryWhileUnavailable(
    () =>
      castBallot(db, {
        round,
        sourceRoundId,
        categoryId: category.id,
        voter: { ...voter, locale: voter.locale as Locale },
        choices,
        ip: origin.ip,
        device: deviceHash(origin.deviceId),
        mail: receiptTexts({ edition, category }),
      }),
    2000,
  );
  if (!cast.ok) return cast;
  return ok({ notice: ballotNotice(round, cast.value) });
}
