import { randomUUID } from "node:crypto";
import { sql } from "kysely";
import { getDb } from "~/db.server";
import { hashPassword } from "~/auth/password.server";
import { insertUser } from "~/modules/accounts/account.repository.server";

export const PASSWORD = "een lange zin als wachtwoord";

export function uniqueEmail(prefix = "user"): string {
  return `${prefix}-${randomUUID().slice(0, 8)}@example.nl`;
}

let cachedHash: Promise<string> | undefined;

/** A verified member with the shared test password. */
export async function createUser(overrides: { email?: string; name?: string; verified?: boolean } = {}) {
  cachedHash ??= hashPassword(PASSWORD);
  return insertUser(getDb(), {
    email: overrides.email ?? uniqueEmail(),
    name: overrides.name ?? "Test Gebruiker",
    organisation: "Gemeente Test",
    passwordHash: await cachedHash,
    locale: "nl",
    verified: overrides.verified ?? true,
  });
}

export async function grantAdmin(userId: string) {
  await getDb()
    .insertInto("role_grant")
    .values({ user_id: userId, role: "admin", award_id: null, edition_id: null, book_project_id: null, granted_by: null })
    .execute();
}

/** The newest mail to an address, from the outbox. */
export async function lastMailTo(email: string) {
  return getDb().selectFrom("outbox_email").selectAll().where("to_address", "=", email).orderBy("id", "desc").executeTakeFirst();
}

export function linkFrom(body: string): URL {
  const match = /https?:\/\/\S+/.exec(body);
  if (!match) throw new Error(`no link in mail: ${body}`);
  return new URL(match[0]);
}

/** An award with one edition whose nomination window is given in seconds from now (database clock). */
export async function createEdition(
  opts: {
    opensIn?: number;
    closesIn?: number;
    kind?: "person" | "organisation";
    perMember?: number;
    maxAge?: number | null;
    categories?: number;
  } = {},
) {
  const db = getDb();
  const slug = `prijs-${randomUUID().slice(0, 8)}`;
  const award = await db
    .insertInto("award")
    .values({ slug, name_nl: `Prijs ${slug}`, name_en: `Award ${slug}` })
    .returning("id")
    .executeTakeFirstOrThrow();
  const edition = await db
    .insertInto("edition")
    .values({
      award_id: award.id,
      year: 2026,
      nominee_kind: opts.kind ?? "person",
      nominations_per_member: opts.perMember ?? 3,
      max_nominee_age: opts.maxAge ?? null,
      nomination_opens_at: sql<Date>`now() + make_interval(secs => ${opts.opensIn ?? -3600})`,
      nomination_closes_at: sql<Date>`now() + make_interval(secs => ${opts.closesIn ?? 3600})`,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  const categories = [];
  for (let i = 0; i < (opts.categories ?? 2); i++) {
    categories.push(
      await db
        .insertInto("category")
        .values({ edition_id: edition.id, slug: `cat-${i}`, name_nl: `Categorie ${i}`, name_en: `Category ${i}`, position: i })
        .returning("id")
        .executeTakeFirstOrThrow(),
    );
  }
  return { awardId: award.id, slug, editionId: edition.id, categoryIds: categories.map((c) => c.id) };
}

export function personInput(categoryId: string, overrides: Record<string, string> = {}) {
  return {
    categoryId,
    name: "Anna de Vries",
    organisation: "Gemeente Teststad",
    email: uniqueEmail("nominee"),
    age: "",
    motivation: "Anna heeft de wachttijd voor aanvragen gehalveerd door samen met inwoners het proces opnieuw te ontwerpen.",
    videoUrl: "",
    relation: "collega",
    anonymous: "",
    ref1Name: "",
    ref1Email: "",
    ref1Relation: "",
    ref2Name: "",
    ref2Email: "",
    ref2Relation: "",
    ...overrides,
  };
}
