import { randomInt } from "node:crypto";
import { sql, type Transaction } from "kysely";
import type { DB, PrizeKind } from "../../db/types";
import { RETENTION } from "../../app/modules/privacy/processing";
import { writeSnapshot } from "../../app/modules/results/results.server";
import { ensureJuryAdvanced } from "../../app/modules/jury/jury.server";
import { confirmShortlist } from "../../app/modules/rounds/confirm.server";
import { saveSelection } from "../../app/modules/rounds/selection.server";
import { ensureAdvanced, roundCandidates } from "../../app/modules/voting/round.server";
import { AWARD_SPECS, DECENTRAAL, DEEDS, FIRST, LAST, ORGS, prng, RIJK } from "./awards";

// Last year's edition of every demo award, run to the end: nominations, ballots, jury scores,
// advancement, prizes and a published snapshot — so a visitor sees winners, a Top 100 and a hash.
// Ballots and scores of a finished round are imported with lauwer.archive_import = on (this
// transaction only): the database then checks their recorded time against the round's window.

const DAY = 86_400_000;
const RECEIPT = "ABCDEFGHJKMNPQRSTVWXYZ23456789";
const receipt = () => {
  const c = Array.from({ length: 12 }, () => RECEIPT[randomInt(RECEIPT.length)]).join("");
  return `${c.slice(0, 4)}-${c.slice(4, 8)}-${c.slice(8)}`;
};

const PRIZES: Record<string, Array<{ kind: PrizeKind; nl: string; en: string; vote?: number; jury?: number; places: number }>> = {
  "top-100-ambtenaar": [
    { kind: "public", nl: "Publieksprijs", en: "Public prize", vote: 1, places: 3 },
    { kind: "top100", nl: "Top 100 Ambtenaar van het Jaar", en: "Top 100 Civil Servants of the Year", vote: 1, places: 100 },
    { kind: "jury", nl: "Juryprijs", en: "Jury prize", jury: 2, places: 1 },
  ],
  "jonge-ambtenaar": [
    { kind: "jury", nl: "Juryprijs", en: "Jury prize", jury: 3, places: 1 },
    { kind: "public", nl: "Publieksprijs", en: "Public prize", vote: 2, places: 1 },
    {
      kind: "combined",
      nl: "Eindklassering (publiek en jury, 50/50)",
      en: "Overall ranking (public and jury, 50/50)",
      vote: 2,
      jury: 3,
      places: 3,
    },
  ],
  overheidsmanager: [{ kind: "jury", nl: "Overheidsmanager van het Jaar", en: "Public Manager of the Year", jury: 3, places: 1 }],
  "overheidsorganisatie-2-0": [
    { kind: "jury", nl: "Overheidsorganisatie 2.0 van het Jaar", en: "Government Organisation 2.0 of the Year", jury: 3, places: 1 },
  ],
};

const JURY_REPORT = {
  nl: "De jury was unaniem. De winnaar laat zien wat vakmanschap in de publieke dienst betekent: luisteren naar inwoners, collega's meenemen en resultaten boeken die blijven. Een voorbeeld voor velen.",
  en: "The jury was unanimous. The winner shows what craftsmanship in public service means: listening to residents, bringing colleagues along and achieving results that last. An example to many.",
};

export async function seedPastEditions(
  trx: Transaction<DB>,
  awardIds: Record<string, string>,
  members: string[],
  jurorId: string | null,
  year: number,
  organizerId: string | null = null,
) {
  await sql`set local lauwer.archive_import = 'on'`.execute(trx);
  const rand = prng(2025);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)]!;
  const start = Date.now() - 400 * DAY;
  const at = (days: number) => new Date(start + days * DAY);
  const jurors = [jurorId, members[0], members[1]].filter((j): j is string => Boolean(j));

  for (const spec of AWARD_SPECS) {
    const awardId = awardIds[spec.slug]!;
    const existing = await trx
      .selectFrom("edition")
      .select("id")
      .where("award_id", "=", awardId)
      .where("year", "=", year)
      .executeTakeFirst();
    if (existing) continue;
    const edition = await trx
      .insertInto("edition")
      .values({
        award_id: awardId,
        year,
        description_nl: spec.description[0],
        description_en: spec.description[1],
        criteria_nl: spec.criteria[0],
        criteria_en: spec.criteria[1],
        nominee_kind: spec.kind,
        max_nominee_age: spec.maxAge ?? null,
        nomination_opens_at: at(0),
        nomination_closes_at: at(30),
        nominations_per_member: spec.perMember,
        retention_days: RETENTION.editionDefaultDays,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    const categories = [];
    for (const [i, [slug, nl, en]] of spec.categories.entries()) {
      categories.push(
        await trx
          .insertInto("category")
          .values({ edition_id: edition.id, slug, name_nl: nl, name_en: en, position: i })
          .returning(["id", "slug"])
          .executeTakeFirstOrThrow(),
      );
    }
    // Candidates: enough for a real Top 100 where the award has one.
    const perCategory = spec.slug === "top-100-ambtenaar" ? 19 : 12;
    const quality = new Map<string, number>();
    for (const category of categories) {
      for (let n = 0; n < perCategory; n++) {
        const isOrg = spec.kind === "organisation";
        const name = isOrg ? `${pick(ORGS)} (${year})` : `${pick(FIRST)} ${pick(LAST)}`;
        const nominee = await trx
          .insertInto("nominee")
          .values({
            edition_id: edition.id,
            category_id: category.id,
            kind: spec.kind,
            name,
            organisation: isOrg ? "" : category.slug.startsWith("rijk") ? pick(RIJK) : pick(DECENTRAAL),
            status: "approved",
            consent_status: "accepted",
            consent_at: at(10),
            created_at: at(5),
          })
          .returning("id")
          .executeTakeFirstOrThrow();
        quality.set(nominee.id, rand());
        await trx
          .insertInto("nomination")
          .values({
            edition_id: edition.id,
            nominee_id: nominee.id,
            submitted_for_nominee_id: nominee.id,
            nominator_id: members[(n * 7 + categories.indexOf(category)) % members.length]!,
            motivation: `${name.split(" ")[0]} ${pick(DEEDS)}.`,
            relation: "collega",
            created_at: at(5),
          })
          .onConflict((oc) => oc.doNothing())
          .execute();
      }
    }
    for (const juror of jurors) {
      await trx
        .insertInto("jury_member")
        .values({ edition_id: edition.id, user_id: juror })
        .onConflict((oc) => oc.doNothing())
        .execute();
      await trx
        .insertInto("role_grant")
        .values({ user_id: juror, role: "jury", award_id: null, edition_id: edition.id, book_project_id: null })
        .execute();
    }

    // The procedure, run round after round in the past.
    for (const [i, r] of spec.rounds.entries()) {
      const opens = at(40 + i * 12);
      const closes = at(40 + i * 12 + 10);
      const round = await trx
        .insertInto("round")
        .values({
          edition_id: edition.id,
          position: i + 1,
          kind: r.kind,
          name_nl: r.nl,
          name_en: r.en,
          opens_at: null,
          closes_at: null,
          source: r.source ?? "previous",
          advancement: r.advancement,
          advance_k: r.k ?? null,
          ballot_mode: r.voting?.mode ?? "single",
          max_choices: r.voting?.max ?? 1,
          allow_change: r.voting?.allowChange ?? false,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      if (r.kind === "jury") {
        for (const [j, c] of spec.juryCriteria.entries()) {
          await trx
            .insertInto("criterion")
            .values({ round_id: round.id, position: j + 1, name_nl: c.nl, name_en: c.en, weight: c.weight, scale_min: 1, scale_max: 10 })
            .execute();
        }
      }
      const timed = await trx
        .updateTable("round")
        .set({
          opens_at: opens,
          closes_at: closes,
          revealed_at: r.kind === "live_vote" ? closes : null,
          // A shortlist (jury top K, organizer selection) is published by the organizer's confirmation below.
          results_published_at: r.advancement === "none" || r.kind === "public_vote" || r.kind === "live_vote" ? closes : null,
        })
        .where("id", "=", round.id)
        .returningAll()
        .executeTakeFirstOrThrow();
      const candidates = await roundCandidates(trx, timed);
      const castAt = new Date(opens.getTime() + 2 * 3_600_000);

      if (r.kind === "public_vote" || r.kind === "live_vote") {
        // Every member votes in most categories; better candidates draw more votes.
        for (const voter of members) {
          for (const category of categories) {
            const pool = candidates.filter((c) => c.category_id === category.id);
            if (pool.length === 0 || rand() < 0.15) continue;
            // Each voter favours candidates by quality, with plenty of personal taste.
            const keyed = pool.map((c) => ({ c, k: quality.get(c.id)! + rand() * 1.5 }));
            const weighted = keyed.sort((a, b) => b.k - a.k).map((x) => x.c);
            const max = r.voting?.mode === "single" || !r.voting ? 1 : Math.min(r.voting.max, pool.length);
            const count = 1 + Math.floor(rand() * max);
            const choices = weighted.slice(0, count).map((c) => c.id);
            const code = receipt();
            const ballot = await trx
              .insertInto("ballot")
              .values({
                round_id: round.id,
                edition_id: edition.id,
                category_id: category.id,
                voter_id: voter,
                receipt_code: code,
                cast_at: castAt,
                updated_at: castAt,
              })
              .returning("id")
              .executeTakeFirstOrThrow();
            await trx
              .insertInto("ballot_choice")
              .values(choices.map((nominee_id, k) => ({ ballot_id: ballot.id, category_id: category.id, nominee_id, rank: k + 1 })))
              .execute();
            await trx
              .insertInto("ballot_revision")
              .values({ ballot_id: ballot.id, version: 1, receipt_code: code, choices, created_at: castAt })
              .execute();
          }
        }
        if (r.advancement === "top_k") await ensureAdvanced(trx, round.id);
      }

      if (r.kind === "jury") {
        const criteria = await trx.selectFrom("criterion").select(["id"]).where("round_id", "=", round.id).orderBy("position").execute();
        const rows = [];
        for (const juror of jurors) {
          for (const c of candidates) {
            for (const crit of criteria) {
              const score = Math.max(1, Math.min(10, Math.round(3 + quality.get(c.id)! * 6 + (rand() - 0.5) * 3)));
              rows.push({
                round_id: round.id,
                juror_id: juror,
                nominee_id: c.id,
                criterion_id: crit.id,
                score,
                comment: "",
                updated_at: castAt,
              });
            }
          }
        }
        for (let k = 0; k < rows.length; k += 500)
          await trx
            .insertInto("jury_score")
            .values(rows.slice(k, k + 500))
            .execute();
        // The shortlist as the app writes it when a jury round closes (the round's own aggregate and tie rule).
        if (r.advancement === "top_k") await ensureJuryAdvanced(trx, round.id);
      }

      if (r.kind === "organizer_selection") {
        // The organizers pick their three per category, as on their selection page, and announce them.
        const picks = categories.flatMap((category) =>
          candidates
            .filter((c) => c.category_id === category.id)
            .sort((a, b) => quality.get(b.id)! - quality.get(a.id)!)
            .slice(0, r.k ?? 3)
            // Motivations without drawing from the seeded random stream, so the names of the editions
            // seeded after this one stay the same from run to run and release to release.
            .map((c, i) => ({ nomineeId: c.id, motivation: `${c.name.split(" ")[0]} ${DEEDS[i % DEEDS.length]}.` })),
        );
        const names = categories.map((c) => ({ id: c.id, name: c.slug }));
        expectOk(await saveSelection(trx, { actorId: organizerId }, timed, names, picks));
      }
      if ((r.kind === "organizer_selection" && r.advancement === "organizer") || (r.kind === "jury" && r.advancement === "top_k")) {
        expectOk(
          await confirmShortlist(
            trx,
            { actorId: organizerId },
            timed,
            categories.map((c) => ({ id: c.id, name: c.slug })),
          ),
        );
      }
    }

    // Prizes and the published snapshot.
    const rounds = await trx.selectFrom("round").select(["id", "position"]).where("edition_id", "=", edition.id).execute();
    const roundAt = (position?: number) => (position ? (rounds.find((x) => x.position === position)?.id ?? null) : null);
    for (const [i, p] of (PRIZES[spec.slug] ?? []).entries()) {
      await trx
        .insertInto("prize")
        .values({
          edition_id: edition.id,
          position: i + 1,
          kind: p.kind,
          name_nl: p.nl,
          name_en: p.en,
          vote_round_id: roundAt(p.vote),
          jury_round_id: roundAt(p.jury),
          public_weight: p.kind === "combined" ? 50 : 0,
          jury_weight: p.kind === "combined" ? 50 : 0,
          places: p.places,
          // The jury report of a jury prize (no names: the winner is shown beside it).
          ...(p.kind === "jury" ? { motivation_nl: JURY_REPORT.nl, motivation_en: JURY_REPORT.en } : {}),
        })
        .execute();
    }
    // Published as an organizer publishes: the snapshot with the recount lists of its vote rounds.
    await writeSnapshot(trx, edition.id, {
      version: 1,
      reason: null,
      publishedBy: null,
      publishedAt: at(40 + spec.rounds.length * 12 + 12),
    });
  }
}

/** The demo runs the organizers' services; a refusal there is a bug in the demo data. */
function expectOk(outcome: { ok: boolean; error?: string }) {
  if (!outcome.ok) throw new Error(`demo seed refused: ${outcome.error}`);
}
