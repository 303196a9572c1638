import { randomUUID } from "node:crypto";
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
