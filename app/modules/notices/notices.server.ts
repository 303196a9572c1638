import { sql } from "kysely";
import type { Db, DbOrTrx } from "~/db.server";
import type { Locale } from "~/i18n/i18n";
import { juryProgress, jurorsBehind, type JuryRound } from "~/modules/jury/jury.server";
import { enqueueRenderedMail } from "~/modules/mail/outbox.server";
import type { Snapshot } from "~/modules/results/snapshot";
import { TOPIC_DEFAULT, type Topic } from "./notice.schema";
import { unsubscribeToken } from "./preferences.server";
import { renderNotice, type Param } from "./render.server";

// Lifecycle notices (ADR 0013). Each tick derives from the state of the awards and the book who should
// have been told what, and tells those not yet told: a `notice` row per (kind, subject, recipient),
// inserted in the same transaction as its mail, so a mail goes out exactly once however many
// processes tick and however long the app was down. No other module calls in here.

/** Every kind of notice and the topic a person stops it with. */
export const NOTICE_KINDS = {
  nominator_approved: "nominations",
  nominator_shortlisted: "nominations",
  nominator_finalist: "nominations",
  nominator_winner: "nominations",
  nominee_shortlisted: "nominee",
  nominee_finalist: "nominee",
  nominee_ceremony: "nominee",
  member_vote_open: "votes",
  member_results: "results",
  juror_reminder: "jury",
  author_due_soon: "book",
  author_overdue: "book",
} as const satisfies Record<string, Topic>;
export type NoticeKind = keyof typeof NOTICE_KINDS;

/** Authors hear this many days before their portrait is due. */
export const AUTHOR_REMINDER_DAYS = 7;

/** One notice someone should have: what, about what, to whom, and what the mail says. */
interface Due {
  kind: NoticeKind;
  /** What it is about; with kind and recipient the notice's unique key. */
  subject: string;
  to: string;
  name: string;
  locale: Locale;
  editionId?: string;
  projectId?: string;
  params: Record<string, Param>;
  /** A path on this site. */
  path: string;
}

const locale = (v: string | null | undefined): Locale => (v === "en" ? "en" : "nl");
const award = (r: { award_nl: string; award_en: string; year: number }) => ({
  nl: `${r.award_nl} ${r.year}`,
  en: `${r.award_en || r.award_nl} ${r.year}`,
});

/** Editions still live: not anonymised by retention. */
function editions(db: DbOrTrx) {
  return db
    .selectFrom("edition as e")
    .innerJoin("award as a", "a.id", "e.award_id")
    .where("e.anonymised_at", "is", null)
    .select(["e.id as edition_id", "e.year", "a.slug", "a.name_nl as award_nl", "a.name_en as award_en"]);
}

// ── Where notices come from ──────────────────────────────────────────────────────────────────────

/** Nominators whose nominee was admitted (moderation approved it). */
async function approvedNominations(db: DbOrTrx): Promise<Due[]> {
  const rows = await editions(db)
    .innerJoin("nominee as n", "n.edition_id", "e.id")
    .innerJoin("nomination as m", "m.nominee_id", "n.id")
    .innerJoin("app_user as u", "u.id", "m.nominator_id")
    .where("n.status", "=", "approved")
    .where("n.erased_at", "is", null)
    .select(["n.id as nominee_id", "n.name as nominee", "u.email", "u.name", "u.locale"])
    .distinct()
    .execute();
  return rows.map((r) => ({
    kind: "nominator_approved",
    subject: r.nominee_id,
    to: r.email,
    name: r.name,
    locale: locale(r.locale),
    editionId: r.edition_id,
    params: { award: award(r), nominee: r.nominee },
    path: "/mijn-nominaties",
  }));
}

/**
 * Candidates that advanced from a round whose advancement is published (results_published_at): into
 * the edition's last round they are finalists, into an earlier one shortlisted. Told: the nominators,
 * and the nominee when they consented and left an address.
 */
async function advancements(db: DbOrTrx): Promise<Due[]> {
  const rows = await editions(db)
    .innerJoin("round as r", "r.edition_id", "e.id")
    .innerJoin("round_advancement as ra", "ra.round_id", "r.id")
    .innerJoin("nominee as n", "n.id", "ra.nominee_id")
    .leftJoin("app_user as nu", (j) => j.on(sql<boolean>`nu.email = lower(n.contact_email)`))
    .where("r.results_published_at", "is not", null)
    .where("n.erased_at", "is", null)
    .select([
      "r.id as round_id",
      "n.id as nominee_id",
      "n.name as nominee",
      "n.contact_email",
      "n.consent_status",
      "nu.locale as nominee_locale",
      sql<boolean>`(select count(*) from round later where later.edition_id = r.edition_id and later.position > r.position) <= 1`.as(
        "final",
      ),
    ])
    .execute();
  const nominators = await nominatorsOf(
    db,
    rows.map((r) => r.nominee_id),
  );
  const due: Due[] = [];
  for (const r of rows) {
    const stage = r.final ? "finalist" : "shortlisted";
    const base = { subject: `${r.round_id}/${r.nominee_id}`, editionId: r.edition_id, path: `/prijzen/${r.slug}/${r.year}` };
    for (const u of nominators.get(r.nominee_id) ?? [])
      due.push({
        ...base,
        kind: `nominator_${stage}`,
        to: u.email,
        name: u.name,
        locale: locale(u.locale),
        params: { award: award(r), nominee: r.nominee },
      });
    if (r.contact_email && r.consent_status === "accepted")
      due.push({
        ...base,
        kind: `nominee_${stage}`,
        to: r.contact_email,
        name: r.nominee,
        locale: locale(r.nominee_locale),
        params: { award: award(r), nominee: r.nominee },
      });
  }
  return due;
}

async function nominatorsOf(db: DbOrTrx, nomineeIds: string[]) {
  const map = new Map<string, Array<{ email: string; name: string; locale: string }>>();
  for (const ids of chunks([...new Set(nomineeIds)])) {
    const rows = await db
      .selectFrom("nomination as m")
      .innerJoin("app_user as u", "u.id", "m.nominator_id")
      .where("m.nominee_id", "in", ids)
      .select(["m.nominee_id", "u.email", "u.name", "u.locale"])
      .distinct()
      .execute();
    for (const r of rows) map.set(r.nominee_id, [...(map.get(r.nominee_id) ?? []), r]);
  }
  return map;
}

/** A snapshot body with its prizes and their rankings, or null when the body has another shape. */
function resultsBody(body: string): Snapshot | null {
  try {
    const parsed = JSON.parse(body) as Partial<Snapshot> | null;
    const prizes = parsed?.prizes;
    if (!Array.isArray(prizes) || !prizes.every((p) => Array.isArray(p?.rankings) && p.rankings.every((r) => Array.isArray(r?.ranking))))
      return null;
    return parsed as Snapshot;
  } catch {
    return null;
  }
}

/** Nominators of a prize winner (place 1 of a jury, public or combined prize) once the results are published. */
async function winners(db: DbOrTrx): Promise<Due[]> {
  const snapshots = await editions(db)
    .innerJoin("result_snapshot as s", "s.edition_id", "e.id")
    .where(sql<boolean>`s.version = (select max(l.version) from result_snapshot l where l.edition_id = e.id)`)
    .select(["s.body"])
    .execute();
  const due: Due[] = [];
  for (const s of snapshots) {
    const snapshot = resultsBody(s.body);
    // A body that is not a results snapshot names no winners; it must not stop the other notices.
    if (!snapshot) continue;
    const won = new Map<string, { name: string; prizes: Array<{ nl: string; en: string }> }>();
    for (const prize of snapshot.prizes) {
      if (prize.kind === "top100") continue;
      for (const e of prize.rankings.flatMap((r) => r.ranking).filter((e) => e.place === 1)) {
        const w = won.get(e.nominee) ?? { name: e.name, prizes: [] };
        w.prizes.push(prize.name);
        won.set(e.nominee, w);
      }
    }
    const nominators = await nominatorsOf(db, [...won.keys()]);
    for (const [nomineeId, w] of won)
      for (const u of nominators.get(nomineeId) ?? [])
        due.push({
          kind: "nominator_winner",
          subject: `${s.edition_id}/${nomineeId}`,
          to: u.email,
          name: u.name,
          locale: locale(u.locale),
          editionId: s.edition_id,
          params: {
            award: award(s),
            nominee: w.name,
            prize: { nl: w.prizes.map((p) => p.nl).join(", "), en: w.prizes.map((p) => p.en || p.nl).join(", ") },
          },
          path: `/prijzen/${s.slug}/${s.year}/uitslag`,
        });
  }
  return due;
}

/** Finalists who consented hear the ceremony's date and place while it is ahead; a new date or place is news again. */
async function ceremonies(db: DbOrTrx): Promise<Due[]> {
  const rows = await editions(db)
    .innerJoin("round as r", "r.edition_id", "e.id")
    .innerJoin("round_advancement as ra", "ra.round_id", "r.id")
    .innerJoin("nominee as n", "n.id", "ra.nominee_id")
    .leftJoin("app_user as nu", (j) => j.on(sql<boolean>`nu.email = lower(n.contact_email)`))
    .where("e.ceremony_at", ">", sql<Date>`now()`)
    .where("r.results_published_at", "is not", null)
    .where(sql<boolean>`(select count(*) from round later where later.edition_id = r.edition_id and later.position > r.position) <= 1`)
    .where("n.erased_at", "is", null)
    .where("n.consent_status", "=", "accepted")
    .where("n.contact_email", "is not", null)
    .select(["n.id as nominee_id", "n.name as nominee", "n.contact_email", "nu.locale", "e.ceremony_at", "e.ceremony_place"])
    .distinct()
    .execute();
  return rows.map((r) => ({
    kind: "nominee_ceremony",
    subject: `${r.edition_id}/${r.nominee_id}/${r.ceremony_at!.toISOString()}/${r.ceremony_place}`,
    to: r.contact_email!,
    name: r.nominee,
    locale: locale(r.locale),
    editionId: r.edition_id,
    params: { award: award(r), when: r.ceremony_at!, place: r.ceremony_place || "—" },
    path: `/prijzen/${r.slug}/${r.year}`,
  }));
}

/**
 * Members who asked to hear when a public vote opens (topic votes: every award), while the vote is
 * open; a vote for some mail domains only tells members with such an address, and a vote by
 * invitation is left to its own invitations.
 */
async function openVotes(db: DbOrTrx): Promise<Due[]> {
  const rows = await editions(db)
    .innerJoin("round as r", "r.edition_id", "e.id")
    .innerJoin("notice_preference as p", (j) => j.on("p.topic", "=", "votes").on("p.enabled", "=", true))
    .innerJoin("app_user as u", "u.email", "p.email")
    .where("r.kind", "in", ["public_vote", "live_vote"])
    .where("r.opens_at", "<=", sql<Date>`now()`)
    .where((eb) => eb.or([eb("r.closes_at", "is", null), eb("r.closes_at", ">", sql<Date>`now()`)]))
    .where("u.email_verified_at", "is not", null)
    .where((eb) =>
      eb.or([
        eb("r.eligibility", "=", "verified"),
        eb.and([eb("r.eligibility", "=", "domains"), sql<boolean>`split_part(u.email, '@', 2) = any(r.eligible_domains)`]),
      ]),
    )
    .select(["r.id as round_id", "r.position", "r.name_nl", "r.name_en", "r.closes_at", "u.email", "u.name", "u.locale"])
    .execute();
  return rows.map((r) => ({
    kind: "member_vote_open",
    subject: r.round_id,
    to: r.email,
    name: r.name,
    locale: locale(r.locale),
    editionId: r.edition_id,
    params: { award: award(r), round: { nl: r.name_nl, en: r.name_en || r.name_nl }, closes: r.closes_at ?? "—" },
    path: `/prijzen/${r.slug}/${r.year}/ronde/${r.position}`,
  }));
}

/** Members who asked to hear when results are published (topic results: every award), once per edition published after they asked. */
async function publishedResults(db: DbOrTrx): Promise<Due[]> {
  const rows = await editions(db)
    .innerJoin("notice_preference as p", (j) => j.on("p.topic", "=", "results").on("p.enabled", "=", true))
    .innerJoin("app_user as u", "u.email", "p.email")
    // Results first published since the member asked (not every edition published before that).
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom("result_snapshot as s")
          .select("s.id")
          .whereRef("s.edition_id", "=", "e.id")
          .where("s.version", "=", 1)
          .whereRef("s.published_at", ">=", "p.updated_at"),
      ),
    )
    .where("u.email_verified_at", "is not", null)
    .select(["u.email", "u.name", "u.locale"])
    .execute();
  return rows.map((r) => ({
    kind: "member_results",
    subject: r.edition_id,
    to: r.email,
    name: r.name,
    locale: locale(r.locale),
    editionId: r.edition_id,
    params: { award: award(r) },
    path: `/prijzen/${r.slug}/${r.year}/uitslag`,
  }));
}

/**
 * Jurors with sheets still open, from the edition's jury_reminder_days before their round closes until
 * it closes; a juror who finished is not reminded.
 */
async function juryReminders(db: DbOrTrx): Promise<Due[]> {
  const rounds = await editions(db)
    .innerJoin("round as r", "r.edition_id", "e.id")
    .innerJoin("edition as ed", "ed.id", "e.id")
    .where("r.kind", "=", "jury")
    .where("ed.jury_reminder_days", ">", 0)
    .where("r.opens_at", "<=", sql<Date>`now()`)
    .where("r.closes_at", ">", sql<Date>`now()`)
    .where(sql<boolean>`r.closes_at - make_interval(days => ed.jury_reminder_days) <= now()`)
    .selectAll("r")
    .select(sql<Date>`now()`.as("db_now"))
    .execute();
  const due: Due[] = [];
  for (const r of rounds) {
    const { perJuror } = await juryProgress(db, r as unknown as JuryRound);
    for (const j of jurorsBehind(perJuror))
      due.push({
        kind: "juror_reminder",
        subject: r.id,
        to: j.email,
        name: j.name,
        locale: locale(j.locale),
        editionId: r.edition_id,
        params: {
          award: award(r),
          round: { nl: r.name_nl, en: r.name_en || r.name_nl },
          closes: r.closes_at!,
          open: String(j.expected - j.done),
        },
        path: `/jury/${r.slug}/${r.year}/${r.position}`,
      });
  }
  return due;
}

/**
 * Authors whose portrait is with them (assigned, or returned with comments): once in the days before
 * it is due (the earlier of their own and the project's final date), once when it is overdue. A new
 * due date is a new reminder.
 */
async function authorReminders(db: DbOrTrx): Promise<Due[]> {
  const rows = await db
    .selectFrom("book_assignment as a")
    .innerJoin("book_project as p", "p.id", "a.project_id")
    .innerJoin("book_proposal as b", "b.id", "a.proposal_id")
    .innerJoin("app_user as u", "u.id", "a.user_id")
    .where("a.status", "in", ["assigned", "returned"])
    .where(sql<boolean>`least(a.due_at, p.final_due_at) - make_interval(days => ${AUTHOR_REMINDER_DAYS}) <= now()`)
    .select([
      "a.proposal_id",
      "a.project_id",
      "p.slug",
      "p.title_nl",
      "p.title_en",
      "b.name as portrait",
      "u.email",
      "u.name",
      "u.locale",
      sql<Date>`least(a.due_at, p.final_due_at)`.as("due"),
      sql<boolean>`least(a.due_at, p.final_due_at) <= now()`.as("overdue"),
    ])
    .execute();
  return rows.map((r) => ({
    kind: r.overdue ? "author_overdue" : "author_due_soon",
    subject: `${r.proposal_id}/${new Date(r.due).toISOString()}`,
    to: r.email,
    name: r.name,
    locale: locale(r.locale),
    projectId: r.project_id,
    params: { project: { nl: r.title_nl, en: r.title_en || r.title_nl }, portrait: r.portrait, due: new Date(r.due) },
    path: `/boek/${r.slug}/mijn-portretten/${r.proposal_id}`,
  }));
}

const SOURCES: Array<{ kinds: NoticeKind[]; find(db: DbOrTrx): Promise<Due[]> }> = [
  { kinds: ["nominator_approved"], find: approvedNominations },
  { kinds: ["nominator_shortlisted", "nominator_finalist", "nominee_shortlisted", "nominee_finalist"], find: advancements },
  { kinds: ["nominator_winner"], find: winners },
  { kinds: ["nominee_ceremony"], find: ceremonies },
  { kinds: ["member_vote_open"], find: openVotes },
  { kinds: ["member_results"], find: publishedResults },
  { kinds: ["juror_reminder"], find: juryReminders },
  { kinds: ["author_due_soon", "author_overdue"], find: authorReminders },
];

// ── The tick ─────────────────────────────────────────────────────────────────────────────────────

export interface TickReport {
  /** Another process held the tick: this one did nothing. */
  busy: boolean;
  sent: number;
  optedOut: number;
  /** Found at a kind's first tick and recorded without a mail (the history before the kind existed). */
  history: number;
}

/**
 * One tick: every notice due and not yet recorded is recorded, with its mail when the recipient has
 * not stopped its topic. One transaction: the notice and its mail commit together or not at all.
 * A transaction-scoped advisory lock lets one process do the work while the others skip the tick;
 * the unique key alone would keep every notice exactly-once (`lock: false` shows that in tests).
 * A kind seen for the first time records what is already due as history and mails none of it.
 */
export async function runNotices(db: Db, opts: { origin: string; lock?: boolean }): Promise<TickReport> {
  return db.transaction().execute(async (trx) => {
    const report: TickReport = { busy: false, sent: 0, optedOut: 0, history: 0 };
    if (opts.lock ?? true) {
      const { rows } = await sql<{ locked: boolean }>`select pg_try_advisory_xact_lock(hashtext('lauwer.notices')) as locked`.execute(trx);
      if (!rows[0]!.locked) return { ...report, busy: true };
    }
    const known = new Set((await trx.selectFrom("notice_kind").select("kind").execute()).map((r) => r.kind));
    for (const source of SOURCES) {
      const due = dedupe(await source.find(trx));
      const fresh = source.kinds.filter((k) => !known.has(k));
      if (fresh.length) {
        await trx
          .insertInto("notice_kind")
          .values(fresh.map((kind) => ({ kind })))
          .onConflict((oc) => oc.column("kind").doNothing())
          .execute();
      }
      const recorded = await alreadyRecorded(trx, due);
      const todo = due.filter((d) => !recorded.has(key(d)));
      const prefs = await preferences(
        trx,
        todo.map((d) => d.to),
      );
      for (const d of todo) {
        const topic = NOTICE_KINDS[d.kind];
        const status = fresh.includes(d.kind) ? "history" : (prefs.get(`${d.to}/${topic}`) ?? TOPIC_DEFAULT[topic]) ? "sent" : "opted_out";
        const inserted = await trx
          .insertInto("notice")
          .values({
            kind: d.kind,
            subject: d.subject,
            recipient: d.to,
            edition_id: d.editionId ?? null,
            project_id: d.projectId ?? null,
            status,
          })
          .onConflict((oc) => oc.constraint("notice_once").doNothing())
          .returning("id")
          .executeTakeFirst();
        if (!inserted) continue;
        if (status === "history") report.history++;
        if (status === "opted_out") report.optedOut++;
        if (status !== "sent") continue;
        const token = await unsubscribeToken(trx, d.to, topic);
        const mail = renderNotice({
          kind: d.kind,
          locale: d.locale,
          name: d.name,
          params: d.params,
          link: opts.origin + d.path,
          unsubscribeLink: `${opts.origin}/afmelden?token=${encodeURIComponent(token)}`,
        });
        const outboxId = await enqueueRenderedMail(trx, { to: d.to, locale: d.locale, template: `notice.${d.kind}`, ...mail });
        if (outboxId === null) {
          // The address objected to all processing (AVG art. 21): the outbox dropped the mail.
          await trx.updateTable("notice").set({ status: "opted_out" }).where("id", "=", inserted.id).execute();
          report.optedOut++;
          continue;
        }
        await trx.updateTable("notice").set({ outbox_id: outboxId }).where("id", "=", inserted.id).execute();
        report.sent++;
      }
    }
    return report;
  });
}

const key = (d: { kind: string; subject: string; to: string }) => `${d.kind}\u0000${d.subject}\u0000${d.to}`;

function dedupe(due: Due[]): Due[] {
  const seen = new Map<string, Due>();
  for (const d of due) {
    const to = d.to.toLowerCase();
    const k = key({ ...d, to });
    if (!seen.has(k)) seen.set(k, { ...d, to });
  }
  return [...seen.values()];
}

/** Lists of at most `size` values: a query's parameters stay far below PostgreSQL's limit however much is due. */
function chunks<T>(values: T[], size = 5000): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < values.length; i += size) out.push(values.slice(i, i + size));
  return out;
}

async function alreadyRecorded(db: DbOrTrx, due: Due[]): Promise<Set<string>> {
  const found = new Set<string>();
  const kinds = [...new Set(due.map((d) => d.kind))];
  for (const subjects of chunks([...new Set(due.map((d) => d.subject))])) {
    const rows = await db
      .selectFrom("notice")
      .select(["kind", "subject", "recipient"])
      .where("kind", "in", kinds)
      .where("subject", "in", subjects)
      .execute();
    for (const r of rows) found.add(key({ kind: r.kind, subject: r.subject, to: r.recipient }));
  }
  return found;
}

async function preferences(db: DbOrTrx, emails: string[]): Promise<Map<string, boolean>> {
  const map = new Map<string, boolean>();
  for (const list of chunks([...new Set(emails)])) {
    const rows = await db.selectFrom("notice_preference").select(["email", "topic", "enabled"]).where("email", "in", list).execute();
    for (const r of rows) map.set(`${r.email}/${r.topic}`, r.enabled);
  }
  return map;
}

// ── What organizers see ──────────────────────────────────────────────────────────────────────────

/**
 * The notices of an edition that were mailed, one line per kind and subject: how many people, who,
 * and when (first and last); newest first. Notices not mailed (history, stopped) are counted apart.
 */
export async function listEditionNotices(db: DbOrTrx, editionId: string) {
  const [sent, notMailed] = await Promise.all([
    db
      .selectFrom("notice as n")
      .where("n.edition_id", "=", editionId)
      .where("n.status", "=", "sent")
      .select([
        "n.kind",
        "n.subject",
        sql<number>`count(*)::int`.as("recipients"),
        sql<string[]>`array_agg(n.recipient order by n.recipient)`.as("to"),
        sql<Date>`min(n.created_at)`.as("first_at"),
        sql<Date>`max(n.created_at)`.as("last_at"),
      ])
      .groupBy(["n.kind", "n.subject"])
      .orderBy("last_at", "desc")
      .limit(500)
      .execute(),
    db
      .selectFrom("notice")
      .where("edition_id", "=", editionId)
      .where("status", "=", "opted_out")
      .select(sql<number>`count(*)::int`.as("n"))
      .executeTakeFirstOrThrow(),
  ]);
  return { sent, optedOut: notMailed.n };
}
