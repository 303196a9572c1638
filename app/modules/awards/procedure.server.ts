import { sql } from "kysely";
import type { Db, DbOrTrx } from "~/db.server";
import { writeAudit, type Actor } from "~/modules/audit/audit.server";
import { unconfiguredProviders } from "~/modules/identity/providers.server";
import { RETENTION } from "~/modules/privacy/processing";
import {
  domainList,
  organisationList,
  providerList,
  type CategoryInput,
  type EditionSettingsInput,
  type RoundInput,
} from "./procedure.schema";
import { TIME_ZONE } from "~/lib/locale";
import { ok, refuse, type Outcome } from "~/lib/outcome";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** A local Amsterdam time from a datetime-local field, converted by PostgreSQL (or null when empty). */
const amsterdam = (local: string) => (local ? sql<Date>`(${local}::timestamp at time zone ${sql.lit(TIME_ZONE)})` : null);

/** Edition settings; audited with before and after. */
export async function updateEditionSettings(db: Db, actor: Actor, editionId: string, input: EditionSettingsInput): Promise<Outcome> {
  return db
    .transaction()
    .execute(async (trx): Promise<Outcome> => {
      const before = await trx.selectFrom("edition").selectAll().where("id", "=", editionId).forUpdate().executeTakeFirst();
      if (!before) return refuse(409, "moderation.errors.notFound");
      const after = await trx
        .updateTable("edition")
        .set({
          description_nl: input.descriptionNl,
          description_en: input.descriptionEn,
          theme_nl: input.themeNl,
          theme_en: input.themeEn,
          criteria_nl: input.criteriaNl,
          criteria_en: input.criteriaEn,
          nominee_kind: input.nomineeKind,
          max_nominee_age: input.maxAge === "" ? null : Number(input.maxAge),
          nomination_opens_at: amsterdam(input.opensAt),
          nomination_closes_at: amsterdam(input.closesAt),
          nominations_per_member: Number(input.perMember),
          ceremony_at: amsterdam(input.ceremonyAt),
          ceremony_place: input.ceremonyPlace,
          jury_reminder_days: Number(input.juryReminderDays),
        })
        .where("id", "=", editionId)
        .returningAll()
        .executeTakeFirstOrThrow();
      await writeAudit(trx, actor, { action: "edition.update", entityType: "edition", entityId: editionId, before, after });
      return ok();
    })
    .catch((e: unknown) => {
      if (isWindowError(e)) return windowError();
      throw e;
    });
}

export async function addCategory(db: Db, actor: Actor, editionId: string, input: CategoryInput): Promise<Outcome> {
  return db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto("category")
      .values({
        edition_id: editionId,
        slug: input.slug,
        name_nl: input.nameNl,
        name_en: input.nameEn,
        position: sql<number>`(select coalesce(max(position) + 1, 0) from category where edition_id = ${editionId})`,
      })
      .onConflict((oc) => oc.columns(["edition_id", "slug"]).doNothing())
      .returningAll()
      .executeTakeFirst();
    if (!row) return refuse(400, "procedure.errors.slugTaken", { field: "slug" });
    await writeAudit(trx, actor, { action: "category.create", entityType: "category", entityId: row.id, after: row });
    return ok();
  });
}

function roundValues(input: RoundInput) {
  return {
    kind: input.kind,
    name_nl: input.nameNl,
    name_en: input.nameEn,
    opens_at: amsterdam(input.opensAt),
    closes_at: amsterdam(input.closesAt),
    source: input.source,
    advancement: input.advancement,
    // How many advance per category: a top-K round's K, or how many the organizers select.
    advance_k: input.advancement === "none" ? null : Number(input.advanceK),
    ballot_mode: input.ballotMode,
    max_choices: input.ballotMode === "single" ? 1 : Number(input.maxChoices),
    allow_change: input.allowChange,
    show_live_totals: input.showLiveTotals,
    eligibility: input.eligibility,
    eligible_domains: input.eligibility === "domains" ? [...new Set(domainList(input.domains))] : [],
    eligible_providers: input.eligibility === "providers" ? [...new Set(providerList(input.providers))] : [],
    eligible_organisations: input.eligibility === "providers" ? [...new Set(organisationList(input.organisations))] : [],
    tie_break: input.tieBreak,
    jury_visibility: input.juryVisibility,
    blind: input.blind,
    show_vote_position: input.showVotePosition,
    aggregation: input.aggregation,
    normalize: input.normalize,
    min_scores: Number(input.minScores),
    show_motivations: input.showMotivations,
  };
}

/**
 * A round may not open before the round it takes its candidates from has closed: who goes on is only
 * known after that. The source is found as candidateSource does (the nearest earlier round that
 * selects). Refused on the opening time's field, naming the source round.
 */
async function opensBeforeSource(trx: DbOrTrx, editionId: string, position: number, input: RoundInput): Promise<Outcome> {
  if (input.source === "all" || input.opensAt === "") return ok();
  const earlier = await trx
    .selectFrom("round")
    .select(["name_nl", "advancement", "source", "closes_at", sql<boolean>`closes_at > ${amsterdam(input.opensAt)}`.as("after")])
    .where("edition_id", "=", editionId)
    .where("position", "<", position)
    .orderBy("position", "desc")
    .execute();
  for (const prev of earlier) {
    if (prev.advancement !== "none") {
      return prev.after || prev.closes_at === null
        ? refuse(400, "rounds.errors.opensBeforeSource", { field: "opensAt", params: { round: prev.name_nl } })
        : ok();
    }
    if (prev.source === "all") return ok();
  }
  return ok();
}

export async function addRound(db: Db, actor: Actor, editionId: string, input: RoundInput): Promise<Outcome> {
  if (input.eligibility === "providers" && unconfiguredProviders(providerList(input.providers)).length > 0)
    return refuse(400, "oidc.eligibility.errors.providers", { field: "providers" });
  return db
    .transaction()
    .execute(async (trx): Promise<Outcome> => {
      // Serialise additions per edition so positions stay 1..n.
      await trx.selectFrom("edition").select("id").where("id", "=", editionId).forUpdate().executeTakeFirstOrThrow();
      const last = await trx
        .selectFrom("round")
        .select(sql<number>`coalesce(max(position), 0)::int`.as("n"))
        .where("edition_id", "=", editionId)
        .executeTakeFirstOrThrow();
      const early = await opensBeforeSource(trx, editionId, last.n + 1, input);
      if (!early.ok) return early;
      const row = await trx
        .insertInto("round")
        .values({
          edition_id: editionId,
          position: sql<number>`(select coalesce(max(position), 0) + 1 from round where edition_id = ${editionId})`,
          ...roundValues(input),
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      await writeAudit(trx, actor, { action: "round.create", entityType: "round", entityId: row.id, after: row });
      return ok();
    })
    .catch((e: unknown) => {
      if (isWindowError(e)) return windowError();
      throw e;
    });
}

/** A window that closes before it opens after time-zone conversion (a spring-forward gap) hits the check constraint. */
const isWindowError = (e: unknown) =>
  (e as { code?: string }).code === "23514" &&
  /edition_nomination_window|round_window/.test(String((e as { constraint?: string }).constraint ?? (e as Error).message));
const windowError = () => refuse(400, "procedure.errors.window", { field: "closesAt" });

const isLockedError = (e: unknown) => (e as { code?: string }).code === "23514" && /has opened/.test(String((e as Error).message));

/**
 * Changes a round that has not opened yet. Once it opened (by the database clock) its procedure is
 * locked: the service says so, and the trigger on `round` refuses it even if two requests race.
 */
export async function updateRound(db: Db, actor: Actor, editionId: string, input: RoundInput): Promise<Outcome> {
  if (input.eligibility === "providers" && unconfiguredProviders(providerList(input.providers)).length > 0)
    return refuse(400, "oidc.eligibility.errors.providers", { field: "providers" });
  if (!UUID.test(input.roundId)) return refuse(409, "moderation.errors.notFound");
  try {
    return await db.transaction().execute(async (trx): Promise<Outcome> => {
      const before = await trx
        .selectFrom("round")
        .selectAll()
        .select(sql<boolean>`coalesce(opens_at <= now(), false)`.as("opened"))
        .where("id", "=", input.roundId)
        .where("edition_id", "=", editionId)
        .forUpdate()
        .executeTakeFirst();
      if (!before) return refuse(409, "moderation.errors.notFound");
      if (before.opened) return refuse(409, "procedure.errors.locked");
      const early = await opensBeforeSource(trx, editionId, before.position, input);
      if (!early.ok) return early;
      const after = await trx
        .updateTable("round")
        .set(roundValues(input))
        .where("id", "=", input.roundId)
        .returningAll()
        .executeTakeFirstOrThrow();
      await writeAudit(trx, actor, { action: "round.update", entityType: "round", entityId: input.roundId, before, after });
      return ok();
    });
  } catch (e) {
    if (isLockedError(e)) return refuse(409, "procedure.errors.locked");
    if (isWindowError(e)) return windowError();
    throw e;
  }
}

export async function deleteRound(db: Db, actor: Actor, editionId: string, roundId: string): Promise<Outcome> {
  if (!UUID.test(roundId)) return refuse(409, "moderation.errors.notFound");
  try {
    return await db.transaction().execute(async (trx): Promise<Outcome> => {
      const removed = await trx
        .deleteFrom("round")
        .where("id", "=", roundId)
        .where("edition_id", "=", editionId)
        .returningAll()
        .executeTakeFirst();
      if (!removed) return refuse(409, "moderation.errors.notFound");
      // Close the gap so positions stay 1..n (the unique constraint is checked at commit).
      await trx
        .updateTable("round")
        .set({ position: sql`position - 1` })
        .where("edition_id", "=", editionId)
        .where("position", ">", removed.position)
        .execute();
      await writeAudit(trx, actor, { action: "round.delete", entityType: "round", entityId: roundId, before: removed });
      return ok();
    });
  } catch (e) {
    if (isLockedError(e)) return refuse(409, "procedure.errors.locked");
    throw e;
  }
}

/** A new award (platform admins); its organizers are then granted on the roles screen. */
export async function createAward(db: Db, actor: Actor, input: { slug: string; nameNl: string; nameEn: string }): Promise<Outcome> {
  return db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto("award")
      .values({ slug: input.slug, name_nl: input.nameNl, name_en: input.nameEn })
      .onConflict((oc) => oc.column("slug").doNothing())
      .returningAll()
      .executeTakeFirst();
    if (!row) return refuse(400, "procedure.errors.awardSlugTaken", { field: "slug" });
    await writeAudit(trx, actor, { action: "award.create", entityType: "award", entityId: row.id, after: row });
    return ok();
  });
}

/**
 * A new yearly edition. It starts from the latest edition's texts, categories and procedure (rounds
 * without their windows, which the organizers set for the new year). Its year is the value.
 */
export async function createEdition(db: Db, actor: Actor, awardId: string, year: number): Promise<Outcome<{ year: number }>> {
  return db.transaction().execute(async (trx) => {
    const previous = await trx.selectFrom("edition").selectAll().where("award_id", "=", awardId).orderBy("year", "desc").executeTakeFirst();
    const edition = await trx
      .insertInto("edition")
      .values({
        award_id: awardId,
        year,
        // The record of processing's default period (the privacy statement quotes it), not the column's default.
        retention_days: RETENTION.editionDefaultDays,
        ...(previous
          ? {
              description_nl: previous.description_nl,
              description_en: previous.description_en,
              criteria_nl: previous.criteria_nl,
              criteria_en: previous.criteria_en,
              nominee_kind: previous.nominee_kind,
              max_nominee_age: previous.max_nominee_age,
              nominations_per_member: previous.nominations_per_member,
            }
          : {}),
      })
      .onConflict((oc) => oc.columns(["award_id", "year"]).doNothing())
      .returningAll()
      .executeTakeFirst();
    if (!edition) return refuse(400, "procedure.errors.yearTaken", { field: "year" });
    if (previous) {
      const categories = await trx.selectFrom("category").selectAll().where("edition_id", "=", previous.id).execute();
      for (const c of categories) {
        await trx
          .insertInto("category")
          .values({ edition_id: edition.id, slug: c.slug, name_nl: c.name_nl, name_en: c.name_en, position: c.position })
          .execute();
      }
      // Rounds with every rule (ballot, tie rule, jury method…) but none of last year's state: no
      // window, short code, publication, reveal or advancement. A rule column added later is copied.
      const rounds = await trx.selectFrom("round").selectAll().where("edition_id", "=", previous.id).orderBy("position").execute();
      const roundIds = new Map<string, string>();
      for (const r of rounds) {
        const rules = omit(r, [
          "id",
          "edition_id",
          "opens_at",
          "closes_at",
          "short_code",
          "results_published_at",
          "revealed_at",
          "advanced_at",
        ]);
        const copy = await trx
          .insertInto("round")
          .values({ ...rules, edition_id: edition.id, settings: JSON.stringify(r.settings) as unknown as Record<string, unknown> })
          .returning("id")
          .executeTakeFirstOrThrow();
        roundIds.set(r.id, copy.id);
      }
      // The jury's criteria (with their weights, scales and anchors) and the prizes, on the new rounds.
      if (roundIds.size) {
        const criteria = await trx
          .selectFrom("criterion")
          .selectAll()
          .where("round_id", "in", [...roundIds.keys()])
          .execute();
        for (const c of criteria) {
          await trx
            .insertInto("criterion")
            .values({
              ...omit(c, ["id", "round_id", "anchors"]),
              round_id: roundIds.get(c.round_id)!,
              anchors: JSON.stringify(c.anchors) as unknown as Record<string, string>,
            })
            .execute();
        }
      }
      const prizes = await trx
        .selectFrom("prize")
        .select(["position", "kind", "name_nl", "name_en", "vote_round_id", "jury_round_id", "public_weight", "jury_weight", "places"])
        .where("edition_id", "=", previous.id)
        .execute();
      for (const p of prizes) {
        await trx
          .insertInto("prize")
          .values({
            ...p,
            edition_id: edition.id,
            vote_round_id: p.vote_round_id ? roundIds.get(p.vote_round_id)! : null,
            jury_round_id: p.jury_round_id ? roundIds.get(p.jury_round_id)! : null,
          })
          .execute();
      }
    }
    await writeAudit(trx, actor, {
      action: "edition.create",
      entityType: "edition",
      entityId: edition.id,
      after: { awardId, year, copiedFrom: previous?.id ?? null },
    });
    return ok({ year });
  });
}

/** A timestamp column as the value of a datetime-local field, in Amsterdam time. */
const local = (column: "nomination_opens_at" | "nomination_closes_at" | "opens_at" | "closes_at" | "ceremony_at") =>
  sql<string | null>`to_char(${sql.ref(column)} at time zone ${sql.lit(TIME_ZONE)}, 'YYYY-MM-DD"T"HH24:MI')`;

/** The edition's settings as the procedure page edits them, with the nomination window in Amsterdam time. */
export function getProcedureSettings(db: DbOrTrx, editionId: string) {
  return db
    .selectFrom("edition")
    .select([
      "description_nl",
      "description_en",
      "theme_nl",
      "theme_en",
      "criteria_nl",
      "criteria_en",
      "nominee_kind",
      "max_nominee_age",
      "nominations_per_member",
      local("nomination_opens_at").as("opens"),
      local("nomination_closes_at").as("closes"),
      local("ceremony_at").as("ceremony"),
      "ceremony_place",
      "jury_reminder_days",
    ])
    .where("id", "=", editionId)
    .executeTakeFirstOrThrow();
}

/** The edition's rounds in order, each with its window in Amsterdam time and whether it has opened (by the database clock). */
export function listProcedureRounds(db: DbOrTrx, editionId: string) {
  return db
    .selectFrom("round")
    .selectAll()
    .select([local("opens_at").as("opens"), local("closes_at").as("closes"), sql<boolean>`coalesce(opens_at <= now(), false)`.as("opened")])
    .where("edition_id", "=", editionId)
    .orderBy("position")
    .execute();
}

/** The row without some of its columns. */
function omit<T extends object, K extends keyof T>(row: T, keys: K[]): Omit<T, K> {
  const rest = { ...row };
  for (const k of keys) delete rest[k];
  return rest;
}
