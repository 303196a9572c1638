import { sql } from "kysely";
import type { Db, DbOrTrx } from "~/db.server";
import { ok, refuse, type Outcome } from "~/lib/outcome";
import { writeAudit, type Actor } from "~/modules/audit/audit.server";
import { SIGNAL_WINDOW_MINUTES, THRESHOLDS, type Signal, type SignalKind } from "./fraud-rules";
import { tickedIds, UUID_RE } from "./rules";

// Fraud signals for organizers: patterns worth a look, never automatic verdicts. Organizers decide
// and void ballots with a reason; voided ballots stay in the database and drop out of every tally.

export { SIGNAL_WINDOW_MINUTES, THRESHOLDS, type Signal, type SignalKind };

/** Every signal of a round, strongest first. Each query uses the round's ballots only (index on round_id, cast_at). */
export async function fraudSignals(db: DbOrTrx, roundId: string): Promise<Signal[]> {
  const bucket = sql`date_bin(${`${SIGNAL_WINDOW_MINUTES} minutes`}::interval, b.cast_at, timestamptz '2000-01-01')`;
  const T = THRESHOLDS;
  const [ips, networks, fresh, devices] = await Promise.all([
    sql<{ key: string; ballots: number; accounts: number; start: Date }>`
      select host(b.ip) as key, count(*)::int as ballots, count(distinct b.voter_id)::int as accounts, min(b.cast_at) as start
      from ballot b where b.round_id = ${roundId} and b.ip is not null and b.voided_at is null
      group by b.ip, ${bucket} having count(distinct b.voter_id) >= ${T.ip}`.execute(db),
    sql<{ key: string; ballots: number; accounts: number; start: Date }>`
      select network(set_masklen(b.ip, 24))::text as key, count(*)::int as ballots, count(distinct b.voter_id)::int as accounts, min(b.cast_at) as start
      from ballot b where b.round_id = ${roundId} and family(b.ip) = 4 and b.voided_at is null
      group by network(set_masklen(b.ip, 24)), ${bucket} having count(distinct b.voter_id) >= ${T.network}`.execute(db),
    // New accounts voting for the same candidate within a window, far above the round's baseline.
    sql<{ key: string; label: string; ballots: number; accounts: number; start: Date; share: number; baseline: number }>`
      with b as (
        select b.id, b.voter_id, b.cast_at, ${bucket} as w,
               coalesce(b.cast_at - u.created_at < make_interval(hours => ${T.newAccountHours}), false) as fresh
        from ballot b left join app_user u on u.id = b.voter_id
        where b.round_id = ${roundId} and b.voided_at is null
      ), whole as (
        select count(*)::float8 as n, count(*) filter (where fresh)::float8 as nf from b
      ), win as (
        select w, count(*)::float8 as n, count(*) filter (where fresh)::float8 as nf from b group by w
      ), burst as (
        select c.nominee_id, b.w, count(*)::int as ballots, count(distinct b.voter_id)::int as accounts, min(b.cast_at) as start
        from b join ballot_choice c on c.ballot_id = b.id
        where b.fresh
        group by c.nominee_id, b.w having count(distinct b.voter_id) >= ${T.newAccounts}
      ), judged as (
        select burst.*, burst.accounts / win.n as share,
               case when whole.n - win.n >= ${T.baselineMinBallots} then (whole.nf - win.nf) / (whole.n - win.n)
                    else whole.nf / whole.n end as baseline
        from burst join win on win.w = burst.w cross join whole
      )
      select j.nominee_id::text as key, n.name as label, j.ballots, j.accounts, j.start, j.share, j.baseline
      from judged j join nominee n on n.id = j.nominee_id
      where j.share >= ${T.newAccountsMinShare} and j.share >= ${T.newAccountsFactor} * j.baseline`.execute(db),
    sql<{ key: string; ballots: number; accounts: number; start: Date }>`
      select b.device_hash as key, count(*)::int as ballots, count(distinct b.voter_id)::int as accounts, min(b.cast_at) as start
      from ballot b where b.round_id = ${roundId} and b.device_hash is not null and b.voided_at is null
      group by b.device_hash having count(distinct b.voter_id) >= ${T.device}`.execute(db),
  ]);
  const out: Signal[] = [
    ...ips.rows.map((r) => ({
      kind: "ip" as const,
      key: r.key,
      label: r.key,
      ballots: r.ballots,
      accounts: r.accounts,
      from: r.start.toISOString(),
    })),
    ...networks.rows.map((r) => ({
      kind: "network" as const,
      key: r.key,
      label: r.key,
      ballots: r.ballots,
      accounts: r.accounts,
      from: r.start.toISOString(),
    })),
    ...fresh.rows.map((r) => ({
      kind: "newAccounts" as const,
      key: r.key,
      label: r.label,
      ballots: r.ballots,
      accounts: r.accounts,
      from: r.start.toISOString(),
      share: Number(r.share),
      baseline: Number(r.baseline),
    })),
    ...devices.rows.map((r) => ({
      kind: "device" as const,
      key: r.key,
      label: r.key.slice(0, 8),
      ballots: r.ballots,
      accounts: r.accounts,
      from: r.start.toISOString(),
    })),
  ];
  return out.sort((a, b) => b.accounts - a.accounts);
}

export interface BallotFilter {
  kind?: SignalKind;
  key?: string;
  page: number;
}

export const BALLOT_PAGE = 100;

/**
 * Ballots of a round for organizers, filtered by a signal. Shows when, from where (IP), the device
 * hash and how new the account was — not who the voter is, and choices only by candidate name.
 */
export async function listBallots(db: DbOrTrx, roundId: string, filter: BallotFilter) {
  let q = db.selectFrom("ballot as b").leftJoin("app_user as u", "u.id", "b.voter_id").where("b.round_id", "=", roundId);
  const key = filter.key ?? "";
  if (filter.kind === "ip") q = q.where(sql<boolean>`host(b.ip) = ${key}`);
  if (filter.kind === "network") q = q.where(sql<boolean>`family(b.ip) = 4 and network(set_masklen(b.ip, 24))::text = ${key}`);
  if (filter.kind === "device") q = q.where("b.device_hash", "=", key);
  if (filter.kind === "newAccounts")
    q = q.where(sql<boolean>`b.cast_at - u.created_at < interval '1 day'`).where((eb) =>
      eb.exists(
        eb
          .selectFrom("ballot_choice as c")
          .whereRef("c.ballot_id", "=", "b.id")
          .where(sql<boolean>`c.nominee_id::text = ${key}`),
      ),
    );
  const rows = await q
    .innerJoin("category as cat", "cat.id", "b.category_id")
    .select([
      "b.id",
      "b.cast_at",
      "b.updated_at",
      "b.version",
      "b.voided_at",
      "b.void_reason",
      "b.device_hash",
      sql<string | null>`host(b.ip)`.as("ip"),
      sql<number | null>`extract(epoch from b.cast_at - u.created_at)::int`.as("account_age_s"),
      "cat.name_nl as category_nl",
      "cat.name_en as category_en",
      sql<
        string[]
      >`array(select n.name from ballot_choice bc join nominee n on n.id = bc.nominee_id where bc.ballot_id = b.id order by bc.rank)`.as(
        "choices",
      ),
      sql<number>`count(*) over ()`.as("total"),
    ])
    .orderBy("b.cast_at", "desc")
    .orderBy("b.id")
    .limit(BALLOT_PAGE)
    .offset((filter.page - 1) * BALLOT_PAGE)
    .execute();
  return {
    total: Number(rows[0]?.total ?? 0),
    rows: rows.map((r) => ({
      id: r.id,
      castAt: r.cast_at.toISOString(),
      version: r.version,
      voided: r.voided_at !== null,
      voidReason: r.void_reason,
      ip: r.ip,
      device: r.device_hash?.slice(0, 8) ?? null,
      accountAgeHours: r.account_age_s === null ? null : Math.floor(r.account_age_s / 3600),
      categoryNl: r.category_nl,
      categoryEn: r.category_en,
      choices: r.choices,
    })),
  };
}

/** Voids ballots of this round (others are ignored), with the reason; the ballots stay, the action is audited. */
/**
 * Voids the ballots ticked on the ballots page (`ballot-<id>` fields, at most 1,000 at once) with a
 * reason; none ticked is refused (400).
 */
export async function voidTickedBallots(
  db: Db,
  actor: Actor,
  roundId: string,
  raw: Record<string, string>,
  reason: string,
): Promise<Outcome<number>> {
  const ids = tickedIds(raw, "ballot-")
    .filter((id) => UUID_RE.test(id))
    .slice(0, 1000);
  if (ids.length === 0) return refuse(400, "voting.errors.noBallotsChosen");
  return ok(await voidBallots(db, actor, roundId, ids, reason));
}

export async function voidBallots(db: Db, actor: Actor, roundId: string, ballotIds: string[], reason: string): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const voided = await trx
      .updateTable("ballot")
      .set({ voided_at: sql`now()`, void_reason: reason, voided_by: actor.actorId })
      .where("round_id", "=", roundId)
      .where("id", "in", ballotIds)
      .where("voided_at", "is", null)
      .returning("id")
      .execute();
    if (voided.length) {
      // A large round's kept signals (ADR 0038) still count these ballots: the next view computes them afresh.
      await trx.deleteFrom("fraud_snapshot").where("round_id", "=", roundId).execute();
      await writeAudit(trx, actor, {
        action: "ballot.void",
        entityType: "round",
        entityId: roundId,
        after: { reason, ballots: voided.map((v) => v.id) },
      });
    }
    return voided.length;
  });
}
