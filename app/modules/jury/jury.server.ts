import { sql, type Selectable } from "kysely";
import type { RoundTable } from "../../../db/types";
import { isDatabaseUnavailable, retryWhileUnavailable, type Db, type DbOrTrx } from "~/db.server";
import type { Locale } from "~/i18n/i18n";
import { pick } from "~/lib/locale";
import { ok, refuse, type Outcome } from "~/lib/outcome";
import { hashToken, newToken } from "~/modules/accounts/account.server";
import { writeAudit, type Actor } from "~/modules/audit/audit.server";
import { enqueueMail } from "~/modules/mail/outbox.server";
import { hit } from "~/modules/rate-limit/rate-limit.server";
import {
  advanceOnce,
  candidateSource,
  decideTie,
  listAdvanced,
  openTies,
  loadRoundOfKind,
  roundCandidates,
  roundState,
  selectRounds,
  sourceUnpublished,
  tally,
  type Decided,
} from "~/modules/voting/round.server";
import { rankTally, topK, type RankedRow } from "~/modules/voting/rules";
import { aggregate, rankAggregate } from "./aggregate";
import { seatJuror } from "./membership.server";
import type { CriterionInput, ScoreEntry } from "./jury.schema";

export type { ScoreEntry };

export type JuryRound = Selectable<RoundTable> & { db_now: Date };

const INVITE_DAYS = 30;
const pg = (e: unknown) => e as { code?: string; constraint?: string };

/** A jury round of an edition by its position; 404 when there is none. */
export const loadJuryRound = (db: DbOrTrx, editionId: string, position: string | undefined): Promise<JuryRound> =>
  loadRoundOfKind(db, editionId, position, ["jury"]);

/** Upcoming, open or closed by the database clock, as every round. */
export const juryRoundState = roundState;

// ── Invitations and members ─────────────────────────────────────────────────────────────────────

/** Invites people by e-mail to an edition's jury (optionally for some categories); each gets a single-use link. */
export async function inviteJurors(
  db: Db,
  actor: Actor,
  edition: { id: string; name: string },
  emails: string[],
  categoryIds: string[],
  mail: { origin: string; locale: Locale },
): Promise<Outcome<number>> {
  return db.transaction().execute(async (trx) => {
    for (const email of emails) {
      const { token, hash } = newToken();
      await trx
        .insertInto("jury_invite")
        .values({
          edition_id: edition.id,
          email,
          category_ids: categoryIds,
          token_hash: hash,
          invited_by: actor.actorId,
          expires_at: sql<Date>`now() + make_interval(days => ${INVITE_DAYS})`,
        })
        .execute();
      await enqueueMail(trx, {
        to: email,
        locale: mail.locale,
        template: "juryInvite",
        name: email,
        link: `${mail.origin}/jury/uitnodiging?token=${token}`,
        params: { award: edition.name },
      });
    }
    await writeAudit(trx, actor, { action: "jury.invite", entityType: "edition", entityId: edition.id, after: { emails, categoryIds } });
    return ok(emails.length);
  });
}

/**
 * What the jury link shows for a mailed token: an open invitation, or — to the person who already has
 * the place by it (accepted through the link, or claimed when their address was verified or signed in)
 * — that it is theirs (`accepted`); undefined otherwise (used by someone else, revoked, expired, unknown).
 */
export async function inviteContext(db: DbOrTrx, token: string, viewerId?: string) {
  const row = await db
    .selectFrom("jury_invite as i")
    .innerJoin("edition as e", "e.id", "i.edition_id")
    .innerJoin("award as a", "a.id", "e.award_id")
    .select(["i.id", "i.email", "i.edition_id", "i.accepted_by", "a.name_nl", "a.name_en", "a.slug", "e.year"])
    .where("i.token_hash", "=", hashToken(token))
    .where("i.revoked_at", "is", null)
    .where((eb) =>
      eb.or([
        eb.and([eb("i.accepted_at", "is", null), eb("i.expires_at", ">", sql<Date>`now()`)]),
        ...(viewerId ? [eb("i.accepted_by", "=", viewerId)] : []),
      ]),
    )
    .executeTakeFirst();
  if (!row) return undefined;
  const { accepted_by, ...rest } = row;
  return { ...rest, accepted: accepted_by !== null };
}

/**
 * Accepts an invitation once, with the signed-in account: it becomes a jury member (role and categories).
 * No token, an unknown, used, revoked or expired one: refused (400).
 */
export async function acceptInvite(db: Db, user: { id: string }, token: string | null): Promise<Outcome<{ editionId: string }>> {
  if (!token) return refuse(400, "jury.invite.invalid");
  return db.transaction().execute(async (trx) => {
    const invite = await trx
      .updateTable("jury_invite")
      .set({ accepted_at: sql`now()`, accepted_by: user.id })
      .where("token_hash", "=", hashToken(token))
      .where("accepted_at", "is", null)
      .where("revoked_at", "is", null)
      .where("expires_at", ">", sql<Date>`now()`)
      .returning(["id", "edition_id", "category_ids", "invited_by"])
      .executeTakeFirst();
    if (!invite) return refuse(400, "jury.invite.invalid");
    await seatJuror(trx, invite, user.id, "link");
    return ok({ editionId: invite.edition_id });
  });
}

export async function listJury(db: DbOrTrx, editionId: string) {
  const [invites, members] = await Promise.all([
    db
      .selectFrom("jury_invite as i")
      .leftJoin("app_user as u", "u.id", "i.accepted_by")
      .select(["i.id", "i.email", "i.category_ids", "i.accepted_at", "i.expires_at", "i.created_at", "u.name as accepted_name"])
      .where("i.edition_id", "=", editionId)
      .where("i.revoked_at", "is", null)
      .orderBy("i.created_at", "desc")
      .execute(),
    // A juror whose account was deleted keeps their seat (name and address null).
    db
      .selectFrom("jury_member as m")
      .leftJoin("app_user as u", "u.id", "m.user_id")
      .select(["m.user_id", "u.name", "u.email", "m.category_ids"])
      .where("m.edition_id", "=", editionId)
      .orderBy("u.name")
      .orderBy("m.user_id")
      .execute(),
  ]);
  return { invites, members };
}

/** The jury membership of a user in an edition (with the jury role still granted), or undefined. */
export async function juryMembership(db: DbOrTrx, editionId: string, userId: string) {
  return db
    .selectFrom("jury_member as m")
    .select(["m.user_id", "m.category_ids"])
    .where("m.edition_id", "=", editionId)
    .where("m.user_id", "=", userId)
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom("role_grant as g")
          .whereRef("g.user_id", "=", "m.user_id")
          .whereRef("g.edition_id", "=", "m.edition_id")
          .where("g.role", "=", "jury"),
      ),
    )
    .executeTakeFirst();
}

// ── Criteria ────────────────────────────────────────────────────────────────────────────────────

export function listCriteria(db: DbOrTrx, roundId: string) {
  return db.selectFrom("criterion").selectAll().where("round_id", "=", roundId).orderBy("position").execute();
}

function criterionValues(input: CriterionInput) {
  return {
    name_nl: input.nameNl,
    name_en: input.nameEn,
    description_nl: input.descriptionNl,
    description_en: input.descriptionEn,
    weight: input.weight.replace(",", "."),
    scale_min: Number(input.scaleMin),
    scale_max: Number(input.scaleMax),
    comment_below: input.commentBelow === "" ? null : Number(input.commentBelow),
    anchors: JSON.stringify(parseAnchors(input.anchors)) as unknown as Record<string, string>,
  };
}

/** "1=zwak; 10=uitmuntend" → {"1": "zwak", "10": "uitmuntend"}. */
export function parseAnchors(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of text.split(/[;\n]/)) {
    const m = /^\s*(\d{1,3})\s*=\s*(.+?)\s*$/.exec(part);
    if (m) out[m[1]!] = m[2]!.slice(0, 80);
  }
  return out;
}

const lockedError = (e: unknown) => (pg(e).constraint === "criterion_locked" ? refuse(409, "jury.errors.criteriaLocked") : null);

/** Adds or changes a criterion of a jury round that has not opened (the database refuses it otherwise). Audited. */
export async function saveCriterion(db: Db, actor: Actor, round: { id: string }, input: CriterionInput): Promise<Outcome> {
  try {
    return await db.transaction().execute(async (trx): Promise<Outcome> => {
      await trx.selectFrom("round").select("id").where("id", "=", round.id).forUpdate().executeTakeFirstOrThrow();
      if (input.criterionId) {
        const before = await trx
          .selectFrom("criterion")
          .selectAll()
          .where("id", "=", input.criterionId)
          .where("round_id", "=", round.id)
          .executeTakeFirst();
        if (!before) return refuse(409, "moderation.errors.notFound");
        const after = await trx
          .updateTable("criterion")
          .set(criterionValues(input))
          .where("id", "=", input.criterionId)
          .returningAll()
          .executeTakeFirstOrThrow();
        await writeAudit(trx, actor, { action: "criterion.update", entityType: "criterion", entityId: after.id, before, after });
      } else {
        const after = await trx
          .insertInto("criterion")
          .values({
            round_id: round.id,
            position: sql<number>`(select coalesce(max(position), 0) + 1 from criterion where round_id = ${round.id})`,
            ...criterionValues(input),
          })
          .returningAll()
          .executeTakeFirstOrThrow();
        await writeAudit(trx, actor, { action: "criterion.create", entityType: "criterion", entityId: after.id, after });
      }
      return ok();
    });
  } catch (e) {
    const mapped = lockedError(e);
    if (mapped) return mapped;
    throw e;
  }
}

export async function deleteCriterion(db: Db, actor: Actor, round: { id: string }, criterionId: string): Promise<Outcome> {
  try {
    return await db.transaction().execute(async (trx): Promise<Outcome> => {
      const removed = await trx
        .deleteFrom("criterion")
        .where("id", "=", criterionId)
        .where("round_id", "=", round.id)
        .returningAll()
        .executeTakeFirst();
      if (!removed) return refuse(409, "moderation.errors.notFound");
      await writeAudit(trx, actor, { action: "criterion.delete", entityType: "criterion", entityId: criterionId, before: removed });
      return ok();
    });
  } catch (e) {
    const mapped = lockedError(e);
    if (mapped) return mapped;
    throw e;
  }
}

// ── Scoring ─────────────────────────────────────────────────────────────────────────────────────

/** The candidates a juror scores in a round: those that reached it, in the juror's categories. */
export async function jurorCandidates(db: DbOrTrx, round: JuryRound, member: { user_id: string; category_ids: string[] }) {
  const source = await candidateSource(db, round);
  // Who reached the round is not known until the previous round's shortlist is confirmed.
  if (await sourceUnpublished(db, source)) return [];
  let q = db
    .selectFrom("nominee as n")
    .innerJoin("category as c", "c.id", "n.category_id")
    .select([
      "n.id",
      "n.name",
      "n.organisation",
      "n.category_id",
      "c.name_nl as category_nl",
      "c.name_en as category_en",
      (eb) =>
        eb
          .selectFrom("jury_score as s")
          .select(sql<number>`count(*)::int`.as("n"))
          .whereRef("s.nominee_id", "=", "n.id")
          .where("s.round_id", "=", round.id)
          .where("s.juror_id", "=", member.user_id)
          .as("scored"),
      (eb) =>
        eb
          .exists(
            eb
              .selectFrom("jury_conflict as j")
              .whereRef("j.nominee_id", "=", "n.id")
              .where("j.round_id", "=", round.id)
              .where("j.juror_id", "=", member.user_id),
          )
          .as("recused"),
    ])
    .where("n.edition_id", "=", round.edition_id)
    .where("n.is_candidate", "=", true);
  if (member.category_ids.length) q = q.where("n.category_id", "in", member.category_ids);
  if (source !== null) {
    q = q.where((eb) =>
      eb.exists(eb.selectFrom("round_advancement as a").whereRef("a.nominee_id", "=", "n.id").where("a.round_id", "=", source)),
    );
  }
  return q
    .orderBy("c.position")
    .orderBy(sql`lauwer_fold(n.name)`)
    .orderBy("n.id")
    .execute();
}

const SCORE_ERRORS: Record<string, string> = {
  jury_score_scale: "jury.errors.scale",
  jury_score_comment: "jury.errors.commentRequired",
  jury_score_recused: "jury.errors.recused",
  jury_score_window: "jury.errors.closed",
  jury_score_member: "jury.errors.notYours",
  jury_score_criterion: "jury.errors.notYours",
  jury_score_round_waiting: "rounds.errors.waiting",
};

/** Saves (part of) a juror's sheet for one candidate; every rule is re-checked by the database trigger. */
export async function saveScores(
  db: Db,
  jurorId: string,
  round: { id: string },
  nomineeId: string,
  entries: ScoreEntry[],
): Promise<Outcome> {
  if (entries.length === 0) return ok();
  try {
    await db
      .insertInto("jury_score")
      .values(
        entries.map((e) => ({
          round_id: round.id,
          juror_id: jurorId,
          nominee_id: nomineeId,
          criterion_id: e.criterionId,
          score: e.score,
          comment: e.comment,
        })),
      )
      .onConflict((oc) =>
        oc.columns(["round_id", "juror_id", "nominee_id", "criterion_id"]).doUpdateSet({
          score: sql`excluded.score`,
          comment: sql`excluded.comment`,
          updated_at: sql`now()`,
        }),
      )
      .execute();
    return ok();
  } catch (e) {
    const key = SCORE_ERRORS[pg(e).constraint ?? ""];
    if (key) return refuse(409, key);
    if (pg(e).code === "23503") return refuse(409, "jury.errors.notYours");
    throw e;
  }
}

/**
 * Saves a sheet as the juror's page posts it. Scores are upserts: saving the same sheet again stores the
 * same scores, so a save whose connection broke (committed or not) is simply tried again for a moment.
 * Not once the browser gave up on it (`signal`), though: a newer autosave of the whole sheet replaced
 * it, and these older values must not land after. Still unreachable then: the outage error is thrown.
 */
export function saveSheet(
  db: Db,
  jurorId: string,
  round: { id: string },
  nomineeId: string,
  entries: ScoreEntry[],
  signal?: AbortSignal,
): Promise<Outcome> {
  let tries = 0;
  return retryWhileUnavailable(() => {
    if (tries++ > 0) signal?.throwIfAborted();
    return saveScores(db, jurorId, round, nomineeId, entries);
  }, 2000);
}

/**
 * The next candidate the juror still has to score after this one, counted after a save. The scores are
 * stored by then: should the database drop out just now, undefined (back to the list, not an error).
 */
export function nextToScore(
  db: DbOrTrx,
  round: JuryRound,
  member: { user_id: string; category_ids: string[] },
  nomineeId: string,
): Promise<string | undefined> {
  return retryWhileUnavailable(() => candidateSheet(db, round, member, nomineeId), 2000).then(
    (sheet) => sheet?.nextUnscoredId ?? undefined,
    (error: unknown) => {
      if (isDatabaseUnavailable(error)) return undefined;
      throw error;
    },
  );
}

/** Declares a conflict of interest: the juror is recused for the candidate and any scores they gave are removed. */
export async function declareConflict(
  db: Db,
  juror: Actor & { actorId: string },
  round: { id: string },
  nomineeId: string,
  reason: string,
): Promise<Outcome> {
  return db.transaction().execute(async (trx): Promise<Outcome> => {
    // The same lock the score trigger shares: an autosave racing this declaration either commits
    // first (and its score is deleted below) or waits and is refused as recused.
    await sql`select pg_advisory_xact_lock(hashtext(${`jury:${round.id}:${juror.actorId}:${nomineeId}`}))`.execute(trx);
    const inserted = await trx
      .insertInto("jury_conflict")
      .values({ round_id: round.id, juror_id: juror.actorId, nominee_id: nomineeId, reason })
      .onConflict((oc) => oc.doNothing())
      .returning("nominee_id")
      .executeTakeFirst();
    if (!inserted) return refuse(409, "jury.errors.alreadyRecused");
    await trx
      .deleteFrom("jury_score")
      .where("round_id", "=", round.id)
      .where("juror_id", "=", juror.actorId)
      .where("nominee_id", "=", nomineeId)
      .execute();
    await writeAudit(trx, juror, {
      action: "jury.conflict",
      entityType: "nominee",
      entityId: nomineeId,
      after: { round: round.id, reason },
    });
    return ok();
  });
}

/**
 * A candidate's sheet as the juror's page shows it, in the reader's language. Other jurors are
 * numbered "juror 1, 2, …" in a stable order, never named.
 */
export function sheetView(sheet: NonNullable<Awaited<ReturnType<typeof candidateSheet>>>, locale: Locale) {
  const jurorNumber = new Map([...new Set((sheet.others ?? []).map((s) => s.juror_id))].sort().map((id, i) => [id, i + 1]));
  return {
    recused: Boolean(sheet.candidate.recused),
    candidate: { ...sheet.nominee, category: pick(locale, sheet.candidate.category_nl, sheet.candidate.category_en) },
    nominations: sheet.nominations.map((n) => ({
      id: n.id,
      motivation: n.motivation,
      videoUrl: n.video_url,
      relation: n.relation,
      nominator: n.nominator,
      references: n.references,
    })),
    criteria: sheet.criteria.map((c) => ({
      id: c.id,
      name: pick(locale, c.name_nl, c.name_en),
      description: pick(locale, c.description_nl, c.description_en),
      weight: Number(c.weight),
      min: c.scale_min,
      max: c.scale_max,
      anchors: c.anchors,
      commentBelow: c.comment_below,
    })),
    own: Object.fromEntries(sheet.own.map((s) => [s.criterion_id, { score: s.score, comment: s.comment }])),
    others:
      sheet.others?.map((s) => ({
        juror: jurorNumber.get(s.juror_id)!,
        criterionId: s.criterion_id,
        score: s.score,
        comment: s.comment,
      })) ?? null,
    progress: sheet.progress,
    nextId: sheet.nextUnscoredId,
    votePosition: sheet.votePosition,
    selection: sheet.selection
      ? { round: pick(locale, sheet.selection.name_nl, sheet.selection.name_en), motivation: sheet.selection.reason! }
      : null,
  };
}

/**
 * Every score of a round (for the aggregate and the results), without recused jurors' (they have none),
 * and with those of jurors whose account was deleted (their seat keeps them): the outcome never
 * depends on who still has an account.
 */
export function roundScores(db: DbOrTrx, roundId: string) {
  return db
    .selectFrom("jury_score as s")
    .select(["s.juror_id", "s.nominee_id", "s.criterion_id", "s.score", "s.comment"])
    .where("s.round_id", "=", roundId)
    .execute();
}

/**
 * A jury round as its organizers see it: progress per juror and candidate, and every candidate's
 * aggregate over the round's candidates (the round's method, normalisation and minimum), not yet ranked.
 */
export async function aggregateRound(db: DbOrTrx, round: JuryRound) {
  const [progress, candidates, scores] = await Promise.all([
    juryProgress(db, round),
    roundCandidates(db, round),
    roundScores(db, round.id),
  ]);
  const rows = aggregate(
    progress.criteria.map((c) => ({ id: c.id, weight: Number(c.weight), min: c.scale_min, max: c.scale_max })),
    scores.map((s) => ({ jurorId: s.juror_id, nomineeId: s.nominee_id, criterionId: s.criterion_id, score: s.score })),
    candidates.map((c) => c.id),
    { method: round.aggregation, normalize: round.normalize, minScores: round.min_scores },
  );
  return { progress, candidates, rows };
}

/** A stored criterion as the criterion form's values (anchors as "1=weak; 10=excellent"). */
export function criterionFormValues(c: Awaited<ReturnType<typeof listCriteria>>[number]): CriterionInput {
  return {
    criterionId: c.id,
    nameNl: c.name_nl,
    nameEn: c.name_en,
    descriptionNl: c.description_nl,
    descriptionEn: c.description_en,
    weight: String(Number(c.weight)),
    scaleMin: String(c.scale_min),
    scaleMax: String(c.scale_max),
    commentBelow: c.comment_below === null ? "" : String(c.comment_below),
    anchors: Object.entries(c.anchors)
      .map(([k, v]) => `${k}=${v}`)
      .join("; "),
  };
}

/**
 * Everything a juror needs for one candidate, or undefined when the candidate is not theirs to see.
 * Other jurors' scores only as the round allows (never / after own sheet / after close), and never
 * for a candidate the juror is recused from.
 */
export async function candidateSheet(
  db: DbOrTrx,
  round: JuryRound,
  member: { user_id: string; category_ids: string[] },
  nomineeId: string,
) {
  const list = await jurorCandidates(db, round, member);
  const index = list.findIndex((c) => c.id === nomineeId);
  if (index < 0) return undefined;
  const cand = list[index]!;
  const [nominee, nominations, criteria, scores] = await Promise.all([
    db
      .selectFrom("nominee")
      .select(["id", "name", "organisation", "kind", "pitch", "story"])
      .where("id", "=", nomineeId)
      .executeTakeFirstOrThrow(),
    db
      .selectFrom("nomination as m")
      .leftJoin("app_user as u", "u.id", "m.nominator_id")
      .select([
        "m.id",
        "m.motivation",
        "m.video_url",
        "m.relation",
        "u.name as nominator",
        sql<
          Array<{ name: string; relation: string; statement: string }>
        >`coalesce((select json_agg(json_build_object('name', r.name, 'relation', r.relation, 'statement', r.statement) order by r.position)
          from nomination_reference r where r.nomination_id = m.id and r.statement is not null), '[]'::json)`.as("references"),
      ])
      .where("m.nominee_id", "=", nomineeId)
      .orderBy("m.created_at")
      .execute(),
    listCriteria(db, round.id),
    cand.recused
      ? Promise.resolve([])
      : db
          .selectFrom("jury_score")
          .select(["juror_id", "criterion_id", "score", "comment"])
          .where("round_id", "=", round.id)
          .where("nominee_id", "=", nomineeId)
          .execute(),
  ]);
  const own = scores.filter((s) => s.juror_id === member.user_id);
  const ownComplete = criteria.length > 0 && own.length === criteria.length;
  const state = juryRoundState(round);
  const othersVisible =
    !cand.recused &&
    (round.jury_visibility === "after_close" ? state === "closed" : round.jury_visibility === "after_own" ? ownComplete : false);
  // The candidate's place in the last closed public vote before this round, when the round shows it.
  let votePosition: { place: number; of: number; votes: number } | null = null;
  if (round.show_vote_position) {
    const vote = await selectRounds(db)
      .where("edition_id", "=", round.edition_id)
      .where("position", "<", round.position)
      .where("kind", "=", "public_vote")
      .orderBy("position", "desc")
      .executeTakeFirst();
    if (vote?.closes_at && vote.closes_at <= vote.db_now) {
      const { perCategory } = await tally(db, vote);
      const ranked = rankTally(perCategory.get(cand.category_id) ?? [], vote.ballot_mode, vote.tie_break);
      const row = ranked.find((r) => r.nomineeId === nomineeId);
      if (row) votePosition = { place: row.place, of: ranked.length, votes: row.votes };
    }
  }
  // Why the organizers selected the candidate, when the round's candidates come from their selection.
  const source = await candidateSource(db, round);
  const selection = source
    ? await db
        .selectFrom("round_advancement as a")
        .innerJoin("round as s", "s.id", "a.round_id")
        .select(["a.reason", "s.name_nl", "s.name_en"])
        .where("a.round_id", "=", source)
        .where("a.nominee_id", "=", nomineeId)
        .where("s.kind", "=", "organizer_selection")
        .executeTakeFirst()
    : undefined;
  const nextUnscored = [...list.slice(index + 1), ...list.slice(0, index)].find((c) => !c.recused && (c.scored ?? 0) < criteria.length);
  return {
    candidate: cand,
    nominee,
    nominations: nominations.map((n) => ({ ...n, nominator: round.blind ? null : n.nominator })),
    criteria,
    own,
    others: othersVisible ? scores.filter((s) => s.juror_id !== member.user_id) : null,
    progress: {
      scored: list.filter((c) => !c.recused && (c.scored ?? 0) >= criteria.length && criteria.length > 0).length,
      total: list.filter((c) => !c.recused).length,
    },
    nextUnscoredId: nextUnscored?.id ?? null,
    votePosition,
    selection: selection?.reason ? selection : null,
  };
}

/** Progress for organizers: complete sheets per juror and per candidate. */
export async function juryProgress(db: DbOrTrx, round: JuryRound) {
  const [criteria, members, scores, conflicts] = await Promise.all([
    listCriteria(db, round.id),
    // Departed jurors (account deleted) keep their row: no name or address, the same counts.
    db
      .selectFrom("jury_member as m")
      .leftJoin("app_user as u", "u.id", "m.user_id")
      .select(["m.user_id", "u.name", "u.email", "u.locale", "m.category_ids"])
      .where("m.edition_id", "=", round.edition_id)
      .orderBy("u.name")
      .orderBy("m.user_id")
      .execute(),
    db
      .selectFrom("jury_score")
      .select(["juror_id", "nominee_id", sql<number>`count(*)::int`.as("n")])
      .where("round_id", "=", round.id)
      .groupBy(["juror_id", "nominee_id"])
      .execute(),
    db.selectFrom("jury_conflict").select(["juror_id", "nominee_id"]).where("round_id", "=", round.id).execute(),
  ]);
  const complete = new Set(scores.filter((s) => criteria.length > 0 && s.n >= criteria.length).map((s) => `${s.juror_id}/${s.nominee_id}`));
  const recused = new Set(conflicts.map((c) => `${c.juror_id}/${c.nominee_id}`));
  const perJuror = [];
  const perCandidate = new Map<string, { done: number; expected: number }>();
  for (const m of members) {
    const list = await jurorCandidates(db, round, m);
    let done = 0;
    let expected = 0;
    for (const c of list) {
      const key = `${m.user_id}/${c.id}`;
      if (recused.has(key)) continue;
      expected++;
      const isDone = complete.has(key);
      if (isDone) done++;
      const pc = perCandidate.get(c.id) ?? { done: 0, expected: 0 };
      pc.expected++;
      if (isDone) pc.done++;
      perCandidate.set(c.id, pc);
    }
    perJuror.push({ userId: m.user_id, name: m.name, email: m.email, locale: m.locale, done, expected });
  }
  return { criteria, perJuror, perCandidate };
}

/** The jurors with open sheets who can be told (a departed juror's seat has no one to mail). */
export function jurorsBehind(perJuror: Awaited<ReturnType<typeof juryProgress>>["perJuror"]) {
  return perJuror.flatMap((j) =>
    j.done < j.expected && j.email !== null && j.name !== null ? [{ ...j, email: j.email, name: j.name, locale: j.locale ?? "nl" }] : [],
  );
}

/**
 * Mails every juror with open sheets a reminder, at most once a quarter of an hour per round (counted
 * first); answers how many were reminded. Audited.
 */
export async function remindJurors(
  db: Db,
  actor: Actor,
  round: JuryRound,
  mail: { award: string; round: string; link: string },
): Promise<Outcome<number>> {
  const wait = await hit("juryReminder", round.id);
  if (wait > 0) return refuse(429, "jury.errors.remindedRecently", { params: { minutes: Math.ceil(wait / 60) } });
  const { perJuror } = await juryProgress(db, round);
  const open = jurorsBehind(perJuror);
  await db.transaction().execute(async (trx) => {
    for (const j of open) {
      await enqueueMail(trx, {
        to: j.email,
        locale: j.locale,
        template: "juryReminder",
        name: j.name,
        link: mail.link,
        params: { award: mail.award, round: mail.round, open: String(j.expected - j.done) },
      });
    }
    await writeAudit(trx, actor, {
      action: "jury.remind",
      entityType: "round",
      entityId: round.id,
      after: { jurors: open.map((j) => j.userId) },
    });
  });
  return ok(open.length);
}

/** The jury rounds of every edition where the user is a jury member with the jury role still granted: newest year first, then award and position. */
export function listMyJuryRounds(db: DbOrTrx, userId: string) {
  return db
    .selectFrom("jury_member as m")
    .innerJoin("role_grant as g", (j) => j.onRef("g.user_id", "=", "m.user_id").onRef("g.edition_id", "=", "m.edition_id"))
    .innerJoin("edition as e", "e.id", "m.edition_id")
    .innerJoin("award as a", "a.id", "e.award_id")
    .innerJoin("round as r", "r.edition_id", "e.id")
    .select(["a.slug", "a.name_nl", "a.name_en", "e.year", "r.position", "r.name_nl as round_nl", "r.name_en as round_en"])
    .where("m.user_id", "=", userId)
    .where("g.role", "=", "jury")
    .where("r.kind", "=", "jury")
    .orderBy("e.year", "desc")
    .orderBy("a.name_nl")
    .orderBy("r.position")
    .execute();
}

/**
 * The jury's final ranking per category of a closed round, as the shortlist reads it: the round's
 * aggregate (method, normalisation, minimum), competition places, scored candidates only.
 */
export async function juryRanking(db: DbOrTrx, round: JuryRound): Promise<Map<string, RankedRow[]>> {
  const { candidates, rows } = await aggregateRound(db, round);
  const byId = new Map(rows.map((r) => [r.nomineeId, r]));
  const out = new Map<string, RankedRow[]>();
  for (const categoryId of new Set(candidates.map((c) => c.category_id))) {
    const inCategory = candidates.filter((c) => c.category_id === categoryId);
    const ranked = rankAggregate(inCategory.map((c) => byId.get(c.id)!)).filter((r) => r.place !== null && !r.tooFewScores);
    const names = new Map(inCategory.map((c) => [c.id, c.name]));
    out.set(
      categoryId,
      ranked.map((r) => ({
        nomineeId: r.nomineeId,
        name: names.get(r.nomineeId) ?? "",
        votes: 0,
        points: 0,
        first: 0,
        score: r.score!,
        place: r.place!,
        tied: r.tied,
      })),
    );
  }
  return out;
}

/** A jury has no first preferences: a tie the rule does not let through whole is the organizer's. */
const juryTieBreak = (round: Pick<JuryRound, "tie_break">) => (round.tie_break === "include_all" ? "include_all" : "organizer");
/** Every candidate in the jury's ranking has a score (too few sheets are left out before). */
const everyScored = () => true;

/**
 * Records the shortlist of a closed top-K jury round, once (as vote rounds do): the top K per category
 * by the jury's aggregate; a tie across the cut goes through whole (include_all) or waits for the
 * organizer (any other tie rule).
 */
export function ensureJuryAdvanced(db: DbOrTrx, roundId: string): Promise<void> {
  return advanceOnce(db, roundId, ["jury"], async (trx, round) => {
    const ranking = await juryRanking(trx, round);
    return [...ranking].flatMap(([categoryId, ranked]): Decided[] =>
      topK(ranked, round.advance_k ?? 0, juryTieBreak(round), everyScored).advance.map((a) => ({
        nomineeId: a.nomineeId,
        categoryId,
        place: a.place,
        // round_advancement.score holds whole votes; the jury's aggregate stays on the round's page.
        score: null,
        by: a.by,
      })),
    );
  });
}

/** The organizer settles a tie at the cut of a closed jury round, with a reason (as for vote rounds). */
export function decideJuryTie(db: Db, actor: Actor, round: JuryRound, categoryId: string, chosen: string[], reason: string) {
  return decideTie(db, actor, round, categoryId, chosen, reason, {
    advance: ensureJuryAdvanced,
    ranked: async (trx, r) => (await juryRanking(trx, r)).get(categoryId) ?? [],
    tieBreak: juryTieBreak(round),
  });
}

/**
 * The shortlist of a jury round as its organizers see it: once the round closed, who advanced (the
 * advancement is written here if the timer has not yet) and the ties at the cut left to them.
 */
export async function juryShortlist(db: DbOrTrx, round: JuryRound, categories: ReadonlyArray<{ id: string; name: string }>) {
  if (round.advancement !== "top_k" || roundState(round) !== "closed") return { advanced: [], ties: [] };
  await ensureJuryAdvanced(db, round.id);
  const [ranking, advanced] = await Promise.all([juryRanking(db, round), listAdvanced(db, round.id, { candidatesOnly: false })]);
  const results = categories.map((c) => ({ categoryId: c.id, name: c.name, ballots: 0, rows: ranking.get(c.id) ?? [] }));
  const ties = openTies({ ...round, tie_break: juryTieBreak(round) }, results, advanced, everyScored);
  return { advanced, ties };
}
