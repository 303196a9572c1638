import { sql } from "kysely";
import type { Db, DbOrTrx } from "~/db.server";
import { ok, refuse, type Outcome } from "~/lib/outcome";
import { writeAudit, type Actor } from "~/modules/audit/audit.server";
import { candidateSource, roundState, selectRounds } from "~/modules/voting/round.server";
import type { RecordConflictInput } from "./conflicts.schema";
import { jurorCandidates, juryMembership, type JuryRound } from "./jury.server";

/**
 * Mail providers many people share: the same address domain there says nothing about a conflict of
 * interest, so it suggests none.
 */
const SHARED_MAIL_DOMAINS = new Set([
  "gmail.com",
  "googlemail.com",
  "hotmail.com",
  "hotmail.nl",
  "outlook.com",
  "outlook.nl",
  "live.nl",
  "live.com",
  "icloud.com",
  "me.com",
  "yahoo.com",
  "ziggo.nl",
  "kpnmail.nl",
  "kpnplanet.nl",
  "planet.nl",
  "home.nl",
  "xs4all.nl",
  "proton.me",
  "protonmail.com",
]);

/** The jury rounds of an edition in procedure order, with the database clock. */
function juryRounds(db: DbOrTrx, editionId: string): Promise<JuryRound[]> {
  return selectRounds(db).where("edition_id", "=", editionId).where("kind", "=", "jury").orderBy("position").execute();
}

/**
 * The conflicts recorded in an edition's jury rounds (by jurors or organizers), by round, juror and
 * candidate; a juror whose account was deleted keeps theirs, without a name (juror null).
 */
export function listConflicts(db: DbOrTrx, editionId: string) {
  return db
    .selectFrom("jury_conflict as j")
    .innerJoin("round as r", "r.id", "j.round_id")
    .leftJoin("app_user as u", "u.id", "j.juror_id")
    .innerJoin("nominee as n", "n.id", "j.nominee_id")
    .select([
      "r.position",
      "r.name_nl",
      "r.name_en",
      "j.juror_id",
      "u.name as juror",
      "j.nominee_id",
      "n.name as nominee",
      "j.reason",
      "j.created_at",
    ])
    .where("r.edition_id", "=", editionId)
    .orderBy("r.position")
    .orderBy(sql`lauwer_fold(u.name)`)
    .orderBy("j.juror_id")
    .orderBy(sql`lauwer_fold(n.name)`)
    .execute();
}

export interface ConflictSuggestion {
  position: number;
  jurorId: string;
  juror: string;
  nomineeId: string;
  nominee: string;
  /** Why Lauwer suggests it: the same address domain, or the same organisation (folded). */
  why: "domain" | "organisation";
  /** The shared domain or organisation, as the juror's account has it. */
  match: string;
}

/**
 * Likely conflicts of interest for organizers to check: in every jury round that has not closed, a
 * juror and a candidate they score whose address domains match (the juror's e-mail and the nominee's
 * contact e-mail, shared mail providers left out) or whose organisations are the same name (case and
 * diacritics ignored; for an organisation nominee, its name). Only suggestions: nothing is recorded.
 */
export async function suggestConflicts(db: DbOrTrx, editionId: string): Promise<ConflictSuggestion[]> {
  const rounds = (await juryRounds(db, editionId)).filter((r) => roundState(r) !== "closed");
  const out: ConflictSuggestion[] = [];
  for (const round of rounds) {
    const source = await candidateSource(db, round);
    const { rows } = await sql<{
      juror_id: string;
      juror: string;
      nominee_id: string;
      nominee: string;
      same_domain: boolean;
      domain: string;
      organisation: string;
    }>`
      select u.id as juror_id, u.name as juror, n.id as nominee_id, n.name as nominee,
             split_part(lower(u.email), '@', 2) = split_part(lower(coalesce(n.contact_email, '')), '@', 2) as same_domain,
             split_part(lower(u.email), '@', 2) as domain, u.organisation
      from jury_member m
      join app_user u on u.id = m.user_id
      join nominee n on n.edition_id = m.edition_id and n.is_candidate
        and (cardinality(m.category_ids) = 0 or n.category_id = any(m.category_ids))
      where m.edition_id = ${editionId}
        and (${source}::uuid is null or exists (select 1 from round_advancement a where a.round_id = ${source}::uuid and a.nominee_id = n.id))
        and not exists (select 1 from jury_conflict j where j.round_id = ${round.id} and j.juror_id = u.id and j.nominee_id = n.id)
        and (
          (split_part(lower(u.email), '@', 2) = split_part(lower(coalesce(n.contact_email, '')), '@', 2)
            and not (split_part(lower(u.email), '@', 2) = any(${[...SHARED_MAIL_DOMAINS]}::text[])))
          or (btrim(u.organisation) <> '' and (
            lauwer_fold(btrim(u.organisation)) = lauwer_fold(btrim(n.organisation))
            or (n.kind = 'organisation' and lauwer_fold(btrim(u.organisation)) = lauwer_fold(btrim(n.name)))))
        )
      order by lauwer_fold(u.name), lauwer_fold(n.name), n.id`.execute(db);
    for (const r of rows) {
      const domain = r.same_domain && !SHARED_MAIL_DOMAINS.has(r.domain);
      out.push({
        position: round.position,
        jurorId: r.juror_id,
        juror: r.juror,
        nomineeId: r.nominee_id,
        nominee: r.nominee,
        why: domain ? "domain" : "organisation",
        match: domain ? r.domain : r.organisation.trim(),
      });
    }
  }
  return out;
}

/**
 * An organizer records a juror's conflict of interest with a candidate in a jury round, with a reason:
 * the same recusal as a juror's own declaration (the juror can no longer score the candidate and their
 * scores for it go), audited as the organizer's. Refused for a round that closed, someone who is not
 * the edition's juror, a candidate the juror does not score in the round, or a conflict already there.
 */
export async function recordConflict(db: Db, actor: Actor, editionId: string, input: RecordConflictInput): Promise<Outcome> {
  return db.transaction().execute(async (trx): Promise<Outcome> => {
    const round = await selectRounds(trx)
      .where("edition_id", "=", editionId)
      .where("kind", "=", "jury")
      .where("position", "=", Number(input.round))
      .executeTakeFirst();
    if (!round) return refuse(400, "control.errors.conflictRound", { field: "round" });
    if (roundState(round) === "closed") return refuse(409, "control.errors.conflictRoundClosed", { field: "round" });
    const member = await juryMembership(trx, editionId, input.jurorId);
    if (!member) return refuse(400, "control.errors.conflictJuror", { field: "jurorId" });
    const candidates = await jurorCandidates(trx, round, member);
    if (!candidates.some((c) => c.id === input.nomineeId)) return refuse(400, "control.errors.conflictCandidate", { field: "nomineeId" });
    // The lock the juror's declaration and the score trigger share: a score racing this either lands
    // first (and is removed by the recusal) or waits and is refused.
    await sql`select pg_advisory_xact_lock(hashtext(${`jury:${round.id}:${input.jurorId}:${input.nomineeId}`}))`.execute(trx);
    const inserted = await trx
      .insertInto("jury_conflict")
      .values({ round_id: round.id, juror_id: input.jurorId, nominee_id: input.nomineeId, reason: input.reason })
      .onConflict((oc) => oc.doNothing())
      .returning("nominee_id")
      .executeTakeFirst();
    if (!inserted) return refuse(409, "control.errors.conflictAlready");
    await trx
      .deleteFrom("jury_score")
      .where("round_id", "=", round.id)
      .where("juror_id", "=", input.jurorId)
      .where("nominee_id", "=", input.nomineeId)
      .execute();
    await writeAudit(trx, actor, {
      action: "jury.conflict.record",
      entityType: "nominee",
      entityId: input.nomineeId,
      after: { round: round.id, juror: input.jurorId, reason: input.reason },
    });
    return ok();
  });
}

/** What the organizer's form offers: the jury rounds still open to a recusal, the jurors and the candidates. */
export async function conflictFormOptions(db: DbOrTrx, editionId: string) {
  const rounds = (await juryRounds(db, editionId)).filter((r) => roundState(r) !== "closed");
  const [jurors, candidates] = await Promise.all([
    db
      .selectFrom("jury_member as m")
      .innerJoin("app_user as u", "u.id", "m.user_id")
      .select(["u.id", "u.name", "u.email"])
      .where("m.edition_id", "=", editionId)
      .orderBy(sql`lauwer_fold(u.name)`)
      .execute(),
    db
      .selectFrom("nominee")
      .select(["id", "name", "organisation"])
      .where("edition_id", "=", editionId)
      .where("is_candidate", "=", true)
      .orderBy(sql`lauwer_fold(name)`)
      .orderBy("id")
      .execute(),
  ]);
  return { rounds, jurors, candidates };
}
