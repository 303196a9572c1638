import { sql } from "kysely";
import type { RoundKind } from "../../../db/types";
import type { Db } from "~/db.server";
import type { Locale } from "~/i18n/i18n";
import { pick } from "~/lib/locale";
import { juryProgress, juryShortlist, jurorsBehind } from "~/modules/jury/jury.server";
import { ensureAdvanced, listAdvanced, openTies, rankedResults, roundState, selectRounds } from "~/modules/voting/round.server";
import type { EditionView } from "./edition.server";

/** Where a step of the edition stands: by its window, then whether its shortlist is written and published. */
export type StepStatus = "unscheduled" | "upcoming" | "open" | "closed" | "advanced" | "published";

export interface TimelineStep {
  /** "nominations" for the nomination window, else the round's kind. */
  kind: "nominations" | RoundKind;
  position: number | null;
  name: string | null;
  opensAt: string | null;
  closesAt: string | null;
  status: StepStatus;
  /** The organizer page of the step, relative to the edition's control room. */
  href: string | null;
}

/** What the organizer can do next, most urgent first. `key` names the text (control.action.<key>). */
export interface NextAction {
  key:
    | "decideTie"
    | "confirmShortlist"
    | "publishRound"
    | "select"
    | "openRound"
    | "closeRound"
    | "openLive"
    | "liveRunning"
    | "moderate"
    | "remindJurors"
    | "publishResults"
    | "setUp";
  count: number;
  round: { position: number; name: string } | null;
  href: string;
}

const ORDER: NextAction["key"][] = [
  "decideTie",
  "liveRunning",
  "confirmShortlist",
  "publishRound",
  "select",
  "moderate",
  "remindJurors",
  "closeRound",
  "openRound",
  "openLive",
  "publishResults",
  "setUp",
];

/** A round's organizer page, relative to the edition's base path. */
export function roundHref(round: { kind: RoundKind; position: number }): string {
  if (round.kind === "jury") return `jury/${round.position}`;
  if (round.kind === "organizer_selection") return `selectie/${round.position}`;
  return `stemmen/${round.position}`;
}

/**
 * The edition's control room: its timeline (nomination window and every round with its state by the
 * database clock) and the organizer's next actions with their counts, most urgent first. Reading a
 * closed top-K round records its shortlist if the maintenance timer has not yet (as its own page does).
 */
export async function controlRoom(db: Db, edition: Pick<EditionView, "id" | "nomination" | "categories">, locale: Locale) {
  const [rounds, pending, snapshots] = await Promise.all([
    selectRounds(db).where("edition_id", "=", edition.id).orderBy("position").execute(),
    db
      .selectFrom("nominee")
      .select(sql<number>`count(*)::int`.as("n"))
      .where("edition_id", "=", edition.id)
      .where("status", "=", "pending")
      .where("redacted_at", "is", null)
      .executeTakeFirstOrThrow(),
    db
      .selectFrom("result_snapshot")
      .select(sql<number>`count(*)::int`.as("n"))
      .where("edition_id", "=", edition.id)
      .executeTakeFirstOrThrow(),
  ]);

  const actions: NextAction[] = [];
  const timeline: TimelineStep[] = [
    {
      kind: "nominations",
      position: null,
      name: null,
      opensAt: edition.nomination.opensAt,
      closesAt: edition.nomination.closesAt,
      status: !edition.nomination.opensAt
        ? "unscheduled"
        : edition.nomination.state === "future"
          ? "upcoming"
          : edition.nomination.state === "current"
            ? "open"
            : "closed",
      href: "moderatie",
    },
  ];

  // A shortlist a later round already started from was clearly taken as it stands.
  const laterOpened = (position: number) =>
    rounds.some((r) => r.position > position && r.opens_at !== null && roundState(r) !== "upcoming");
  const earlierClosed = (position: number) => rounds.every((r) => r.position >= position || roundState(r) === "closed");
  for (let round of rounds) {
    const state = roundState(round);
    const name = pick(locale, round.name_nl, round.name_en);
    const ref = { position: round.position, name };
    const href = roundHref(round);
    const unpublished = round.results_published_at === null;
    let ties = 0;
    if (state === "closed" && round.advancement === "top_k" && unpublished) {
      if (round.kind === "jury") {
        ties = (await juryShortlist(db, round, edition.categories)).ties.length;
      } else if (round.kind === "public_vote" || round.kind === "live_vote") {
        if (!round.advanced_at) await ensureAdvanced(db, round.id);
        const [results, advanced] = await Promise.all([
          rankedResults(db, round, edition.categories),
          listAdvanced(db, round.id, { candidatesOnly: false }),
        ]);
        ties = openTies(round, results, advanced).length;
      }
      // The shortlist may have been written just now.
      round = (await selectRounds(db).where("id", "=", round.id).executeTakeFirst()) ?? round;
    }
    timeline.push({
      kind: round.kind,
      position: round.position,
      name,
      opensAt: round.opens_at?.toISOString() ?? null,
      closesAt: round.closes_at?.toISOString() ?? null,
      status:
        round.results_published_at !== null
          ? "published"
          : round.advanced_at !== null
            ? "advanced"
            : state === "upcoming" && !round.opens_at
              ? "unscheduled"
              : state,
      href,
    });

    if (ties > 0) actions.push({ key: "decideTie", count: ties, round: ref, href });
    else if (
      (round.kind === "jury" || round.kind === "organizer_selection") &&
      round.advanced_at &&
      unpublished &&
      !laterOpened(round.position)
    )
      actions.push({ key: "confirmShortlist", count: 1, round: ref, href });
    else if (round.kind === "organizer_selection" && state !== "upcoming" && !round.advanced_at)
      actions.push({ key: "select", count: 1, round: ref, href });
    // A vote that selects for a later round publishes its result on its page; that round waits for it.
    if (
      (round.kind === "public_vote" || round.kind === "live_vote") &&
      round.advancement !== "none" &&
      state === "closed" &&
      unpublished &&
      ties === 0 &&
      (await feedsLaterRound(db, round))
    )
      actions.push({ key: "publishRound", count: 1, round: ref, href });
    // A round whose window was left empty is opened and closed by hand: opened once the rounds
    // before it have closed and its candidates are known, closed while it runs.
    if (round.kind !== "live_vote" && !round.opens_at && earlierClosed(round.position) && !(await waiting(db, round.id)))
      actions.push({ key: "openRound", count: 1, round: ref, href });
    if (round.kind !== "live_vote" && state === "open" && !round.closes_at) actions.push({ key: "closeRound", count: 1, round: ref, href });
    // A live vote is opened on the night: once every round before it has closed.
    if (round.kind === "live_vote" && !round.opens_at && earlierClosed(round.position))
      actions.push({ key: "openLive", count: 1, round: ref, href });
    if (round.kind === "live_vote" && state === "open") actions.push({ key: "liveRunning", count: 1, round: ref, href });
    if (round.kind === "jury" && state === "open") {
      // Those who can still be reminded: a juror who deleted their account keeps their seat, not the task.
      const behind = jurorsBehind((await juryProgress(db, round)).perJuror).length;
      if (behind > 0) actions.push({ key: "remindJurors", count: behind, round: ref, href });
    }
  }

  if (pending.n > 0) actions.push({ key: "moderate", count: pending.n, round: null, href: "moderatie?status=pending" });
  if (rounds.length === 0) actions.push({ key: "setUp", count: 1, round: null, href: "procedure" });
  // Publishing waits until no shortlist is still to settle.
  else if (
    snapshots.n === 0 &&
    rounds.every((r) => roundState(r) === "closed") &&
    !actions.some((a) => a.key === "decideTie" || a.key === "confirmShortlist" || a.key === "select")
  )
    actions.push({ key: "publishResults", count: 1, round: null, href: "uitslag" });

  actions.sort((a, b) => ORDER.indexOf(a.key) - ORDER.indexOf(b.key) || (a.round?.position ?? 0) - (b.round?.position ?? 0));
  return { timeline, actions };
}

/** Whether a round still waits for the round it takes its candidates from (lauwer_round_waiting). */
async function waiting(db: Db, roundId: string): Promise<boolean> {
  const { rows } = await sql<{ waiting: boolean }>`select lauwer_round_waiting(${roundId}::uuid) as waiting`.execute(db);
  return rows[0]?.waiting ?? false;
}

/** Whether a later round of the edition takes its candidates from this round (lauwer_round_source). */
async function feedsLaterRound(db: Db, round: { id: string; edition_id: string; position: number }): Promise<boolean> {
  const { rows } = await sql<{ feeds: boolean }>`select exists (select 1 from round l where l.edition_id = ${round.edition_id}::uuid
    and l.position > ${round.position} and lauwer_round_source(l.id) = ${round.id}::uuid) as feeds`.execute(db);
  return rows[0]?.feeds ?? false;
}

export type ControlRoom = Awaited<ReturnType<typeof controlRoom>>;
