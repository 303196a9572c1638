import { sql } from "kysely";
import type { DbOrTrx } from "~/db.server";
import type { Locale } from "~/i18n/i18n";
import { computePhase, stepState } from "./phase";
import { pick } from "~/lib/locale";

export const YEAR = /^\d{4}$/;
export const SLUG = /^[a-z0-9]+(-[a-z0-9]+)*$/;
export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** An edition by its public address (award slug + year), with categories and rounds; 404 when absent. */
export async function loadEdition(db: DbOrTrx, awardSlug: string | undefined, year: string | undefined, locale: Locale) {
  if (!awardSlug || !SLUG.test(awardSlug) || awardSlug.length > 60 || !year || !YEAR.test(year))
    throw new Response("Not found", { status: 404 });
  const edition = await db
    .selectFrom("edition as e")
    .innerJoin("award as a", "a.id", "e.award_id")
    .selectAll("e")
    .select(["a.slug as award_slug", "a.name_nl as award_nl", "a.name_en as award_en", sql<Date>`now()`.as("db_now")])
    .where("a.slug", "=", awardSlug)
    .where("e.year", "=", Number(year))
    .executeTakeFirst();
  if (!edition) throw new Response("Not found", { status: 404 });
  const [categories, rounds] = await Promise.all([
    db.selectFrom("category").selectAll().where("edition_id", "=", edition.id).orderBy("position").execute(),
    db.selectFrom("round").selectAll().where("edition_id", "=", edition.id).orderBy("position").execute(),
  ]);
  const now = edition.db_now;
  const phase = computePhase(
    { nominationOpensAt: edition.nomination_opens_at, nominationClosesAt: edition.nomination_closes_at },
    rounds.map((r) => ({ id: r.id, position: r.position, kind: r.kind, opensAt: r.opens_at, closesAt: r.closes_at })),
    now,
  );
  return {
    id: edition.id,
    awardId: edition.award_id,
    awardSlug: edition.award_slug,
    year: edition.year,
    name: `${pick(locale, edition.award_nl, edition.award_en)} ${edition.year}`,
    awardName: pick(locale, edition.award_nl, edition.award_en),
    description: pick(locale, edition.description_nl, edition.description_en),
    theme: pick(locale, edition.theme_nl, edition.theme_en),
    criteria: pick(locale, edition.criteria_nl, edition.criteria_en),
    nomineeKind: edition.nominee_kind,
    maxNomineeAge: edition.max_nominee_age,
    nominationsPerMember: edition.nominations_per_member,
    nomination: {
      opensAt: edition.nomination_opens_at?.toISOString() ?? null,
      closesAt: edition.nomination_closes_at?.toISOString() ?? null,
      state: stepState(edition.nomination_opens_at, edition.nomination_closes_at, now),
    },
    categories: categories.map((c) => ({ id: c.id, slug: c.slug, name: pick(locale, c.name_nl, c.name_en) })),
    rounds: rounds.map((r) => ({
      id: r.id,
      position: r.position,
      kind: r.kind,
      name: pick(locale, r.name_nl, r.name_en),
      opensAt: r.opens_at?.toISOString() ?? null,
      closesAt: r.closes_at?.toISOString() ?? null,
      advancement: r.advancement,
      advanceK: r.advance_k,
      state: stepState(r.opens_at, r.closes_at, now),
    })),
    phase,
    ceremony: edition.ceremony_at ? { at: edition.ceremony_at.toISOString(), place: edition.ceremony_place } : null,
  };
}

export type EditionView = Awaited<ReturnType<typeof loadEdition>>;

/**
 * The edition an award's address leads to: the newest that has begun (its nominations or one of its
 * rounds have opened), else the newest. A next edition the organizers are still preparing does not
 * take the place of the one that runs.
 */
export async function latestEditionYear(db: DbOrTrx, awardSlug: string): Promise<number | undefined> {
  if (!SLUG.test(awardSlug) || awardSlug.length > 60) return undefined;
  const row = await db
    .selectFrom("edition as e")
    .innerJoin("award as a", "a.id", "e.award_id")
    .select("e.year")
    .where("a.slug", "=", awardSlug)
    .orderBy(
      sql<boolean>`coalesce(e.nomination_opens_at <= now(), false)
        or exists (select 1 from round r where r.edition_id = e.id and r.opens_at <= now())`,
      "desc",
    )
    .orderBy("e.year", "desc")
    .executeTakeFirst();
  return row?.year;
}

/** An award by its slug (id, slug and both names); undefined when there is none. */
export function getAwardBySlug(db: DbOrTrx, slug: string) {
  return db.selectFrom("award").select(["id", "slug", "name_nl", "name_en"]).where("slug", "=", slug).executeTakeFirst();
}

/** The public address (award slug and year) of every edition, for the sitemap. */
export function listEditionAddresses(db: DbOrTrx) {
  return db.selectFrom("edition as e").innerJoin("award as a", "a.id", "e.award_id").select(["a.slug", "e.year"]).execute();
}

/**
 * The awards a user organizes (the organizer role is per award), by name, each with its editions
 * newest first; an award without editions comes once with year null.
 */
export function listOrganizedEditions(db: DbOrTrx, userId: string) {
  return db
    .selectFrom("role_grant as g")
    .innerJoin("award as a", "a.id", "g.award_id")
    .leftJoin("edition as e", "e.award_id", "a.id")
    .select(["a.slug", "a.name_nl", "a.name_en", "e.year"])
    .where("g.user_id", "=", userId)
    .where("g.role", "=", "organizer")
    .orderBy("a.name_nl")
    .orderBy("e.year", "desc")
    .execute();
}
