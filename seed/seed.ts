import { randomBytes } from "node:crypto";
import { sql, type Kysely, type Transaction } from "kysely";
import type { DB } from "../db/types";
import { hashPassword } from "../app/auth/password.server";
import { RETENTION } from "../app/modules/privacy/processing";
import { seedAwards } from "./demo/awards";
import { seedPastEditions } from "./demo/past";
import { seedBook } from "./demo/book";
import { seedLegal } from "./demo/legal";

// Demo data for a fresh installation. Awards, editions and the book project are placeholders
// that later features fill in; accounts get a password from DEMO_PASSWORD or a random one.

export const DEMO_AWARDS = [
  { slug: "top-100-ambtenaar", name_nl: "Top 100 Ambtenaar van het Jaar", name_en: "Top 100 Civil Servant of the Year" },
  { slug: "jonge-ambtenaar", name_nl: "Jonge Ambtenaar van het Jaar", name_en: "Young Civil Servant of the Year" },
  { slug: "overheidsmanager", name_nl: "Overheidsmanager van het Jaar", name_en: "Public Sector Manager of the Year" },
  {
    slug: "overheidsorganisatie-2-0",
    name_nl: "Overheidsorganisatie 2.0 van het Jaar",
    name_en: "Government Organisation 2.0 of the Year",
  },
];

export const DEMO_PROJECT = {
  slug: "ambtenaren-200-jaar",
  title_nl: "Ambtenaren! 200 jaar werken aan Nederland in 100 portretten",
  title_en: "Civil servants! 200 years of working for the Netherlands in 100 portraits",
};

export interface SeededAccount {
  email: string;
  name: string;
  role: string;
  password: string;
}

export async function isEmpty(db: Kysely<DB>): Promise<boolean> {
  const row = await db.selectFrom("app_user").select(db.fn.countAll<string>().as("n")).executeTakeFirstOrThrow();
  return Number(row.n) === 0;
}

/**
 * Seeds an empty database, once even when several processes start together on it: the check and the
 * seed run in one transaction under a transaction-scoped advisory lock (it works through PgBouncer in
 * transaction mode too, docs/deploy.md), and whoever waited finds the data there. Returns the accounts
 * when this process seeded (its printed password is the one that works), else null.
 */
export async function seedIfEmpty(db: Kysely<DB>): Promise<SeededAccount[] | null> {
  if (!(await isEmpty(db))) return null;
  const demo = await demoPassword();
  return db.transaction().execute(async (trx) => {
    await sql`select pg_advisory_xact_lock(hashtext('lauwer:seed'))`.execute(trx);
    return (await isEmpty(trx)) ? fill(trx, demo, new Date().getFullYear()) : null;
  });
}

async function demoPassword() {
  const password = process.env.DEMO_PASSWORD || `demo-${randomBytes(9).toString("base64url")}`;
  return { password, hash: await hashPassword(password) };
}

export async function seed(db: Kysely<DB>, year = new Date().getFullYear()): Promise<SeededAccount[]> {
  const demo = await demoPassword();
  return db.transaction().execute((trx) => fill(trx, demo, year));
}

async function fill(trx: Transaction<DB>, { password, hash }: { password: string; hash: string }, year: number): Promise<SeededAccount[]> {
  const awards = [];
  const awardIds: Record<string, string> = {};
  for (const a of DEMO_AWARDS) {
    const award = await trx
      .insertInto("award")
      .values(a)
      .onConflict((oc) => oc.column("slug").doUpdateSet(a))
      .returning("id")
      .executeTakeFirstOrThrow();
    const edition = await trx
      .insertInto("edition")
      .values({ award_id: award.id, year, retention_days: RETENTION.editionDefaultDays })
      .onConflict((oc) => oc.columns(["award_id", "year"]).doUpdateSet({ year }))
      .returning("id")
      .executeTakeFirstOrThrow();
    awards.push({ awardId: award.id, editionId: edition.id });
    awardIds[a.slug] = award.id;
  }
  const project = await trx
    .insertInto("book_project")
    .values(DEMO_PROJECT)
    .onConflict((oc) => oc.column("slug").doUpdateSet(DEMO_PROJECT))
    .returning("id")
    .executeTakeFirstOrThrow();

  const people = [
    { email: "beheerder@lauwer.test", name: "Bea Beheer", organisation: "Lauwer", role: "admin" as const },
    { email: "organisator@lauwer.test", name: "Otto Organisator", organisation: "Publiek Denken", role: "organizer" as const },
    { email: "jurylid@lauwer.test", name: "Julia de Jury", organisation: "Gemeente Zwolle", role: "jury" as const },
    { email: "redacteur@lauwer.test", name: "Ruud Redacteur", organisation: "Ministerie van BZK", role: "editor" as const },
    { email: "stemmer1@lauwer.test", name: "Sanne Stemmer", organisation: "Rijkswaterstaat", role: null },
    { email: "stemmer2@lauwer.test", name: "Sem Stemmer", organisation: "Gemeente Groningen", role: null },
  ];
  const first = awards[0]!;
  const accounts: SeededAccount[] = [];
  for (const p of people) {
    const user = await trx
      .insertInto("app_user")
      .values({ email: p.email, name: p.name, organisation: p.organisation, password_hash: hash, email_verified_at: new Date() })
      .onConflict((oc) => oc.column("email").doUpdateSet({ password_hash: hash }))
      .returning("id")
      .executeTakeFirstOrThrow();
    if (p.role) {
      await trx
        .insertInto("role_grant")
        .values({
          user_id: user.id,
          role: p.role,
          award_id: p.role === "organizer" ? first.awardId : null,
          edition_id: p.role === "jury" ? first.editionId : null,
          book_project_id: p.role === "editor" ? project.id : null,
        })
        .onConflict((oc) => oc.doNothing())
        .execute();
    }
    accounts.push({ email: p.email, name: p.name, role: p.role ?? "member", password });
  }
  // Demo members (same password). lid01–lid05 have nominated nobody yet; the others nominated the
  // demo candidates, taking turns so no one exceeds an edition's cap.
  const memberIds: string[] = [];
  for (let i = 1; i <= 60; i++) {
    const email = `lid${String(i).padStart(2, "0")}@lauwer.test`;
    const member = await trx
      .insertInto("app_user")
      .values({ email, name: `Demolid ${i}`, organisation: "Gemeente Demo", password_hash: hash, email_verified_at: new Date() })
      .onConflict((oc) => oc.column("email").doUpdateSet({ password_hash: hash }))
      .returning("id")
      .executeTakeFirstOrThrow();
    memberIds.push(member.id);
  }
  const organizer = await trx.selectFrom("app_user").select("id").where("email", "=", "organisator@lauwer.test").executeTakeFirst();
  const juror = await trx.selectFrom("app_user").select("id").where("email", "=", "jurylid@lauwer.test").executeTakeFirst();
  await seedAwards(trx, awardIds, memberIds.slice(5), organizer?.id ?? null, juror?.id ?? null);
  await seedPastEditions(trx, awardIds, memberIds.slice(5), juror?.id ?? null, year - 1, organizer?.id ?? null);
  await seedBook(trx, project.id, memberIds);
  await seedLegal(trx);

  await trx
    .insertInto("audit_log")
    .values({
      actor_id: null,
      action: "seed.demo",
      entity_type: "platform",
      after: JSON.stringify({ accounts: people.map((p) => p.email) }),
    })
    .execute();
  return accounts;
}

export function printAccounts(accounts: SeededAccount[], write: (line: string) => void = console.log) {
  write("Demo accounts (password for all of them below):");
  for (const a of accounts) write(`  ${a.role.padEnd(10)} ${a.email}`);
  write(`  password:  ${accounts[0]?.password ?? ""}`);
}
