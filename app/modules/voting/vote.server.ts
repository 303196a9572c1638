import { config } from "~/config.server";
import { retryWhileUnavailable, type Db } from "~/db.server";
import type { Locale } from "~/i18n/i18n";
import { countBallot } from "~/lib/metrics.server";
import type { Notice } from "~/lib/notice";
import { ok, refuse, type Outcome } from "~/lib/outcome";
import { loadEdition } from "~/modules/awards/edition.server";
import { validateSessionReading, type SessionAndUserRow, type ValidatedSession } from "~/auth/lucia.server";
import { hitAll, readAndHit, type HitKey, type LimiterName } from "~/modules/rate-limit/rate-limit.server";
import { castBallot, deviceHash, ownBallot } from "./ballot.server";
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

/** What one ballot cast counts, per account and per address, in the order their rows are taken. */
function ballotEvents<K extends HitKey>(voter: K, ip: string | null): Array<[LimiterName, K | string]> {
  return [
    ["voteAccount", voter],
    ["voteIp", ip ?? "unknown"],
  ];
}

/**
 * The session of a ballot cast, read in the same statement that counts the cast (one round trip
 * instead of two, ADR 0048): counted per account and per address as submitBallot counts it, when the
 * session exists. Returns the session as validateSessionId does, and the seconds to wait (0: within the
 * limits), to hand to submitBallot as `counted`; without a session nothing was counted.
 */
export async function sessionCountingBallot(
  sessionId: string | null,
  ip: string | null,
): Promise<{ validated: ValidatedSession; counted?: number }> {
  let counted: number | undefined;
  const validated = await validateSessionReading(sessionId, async (query) => {
    const read = await readAndHit<SessionAndUserRow>(query, ballotEvents({ column: "user_id" }, ip));
    if (read.row) counted = read.wait;
    return read.row;
  });
  return { validated, counted };
}

/**
 * Casts (or changes) the voter's ballot from the confirmed list of choices. Rate-limited per account
 * and per IP (counted first; `counted` when sessionCountingBallot already counted it). A ballot is
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
  const wait = origin.counted ?? (await hitAll(ballotEvents(voter.id, origin.ip)));
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
        mail: { award: edition.name, category: category.name, link: `${config().origin}/mijn-stemmen` },
      }),
    2000,
  );
  if (!cast.ok) return cast;
  const stored = cast.value;
  const notice: Notice = stored.unchanged
    ? round.allow_change
      ? "voting.notice.unchanged"
      : "voting.notice.alreadyStored"
    : stored.version > 1
      ? "voting.notice.changed"
      : "voting.notice.cast";
  countBallot(stored.unchanged ? "unchanged" : stored.version > 1 ? "changed" : "cast");
  return ok({ notice });
}
