// The person's own links to identity providers (ADR 0025): listed on /account/koppelingen with what each
// provider gave, and removable — never the last way to sign in.
import { sql } from "kysely";
import { verifyPassword } from "~/auth/password.server";
import { config } from "~/config.server";
import type { Db, DbOrTrx } from "~/db.server";
import { translator, type Locale } from "~/i18n/i18n";
import { ok, refuse, type Outcome } from "~/lib/outcome";
import { writeAudit, type Actor } from "~/modules/audit/audit.server";
import { admitLoginAttempt } from "~/modules/rate-limit/login-throttle.server";
import { findProvider } from "./providers.server";
import type { UnlinkIdentityInput } from "./sso.schema";

export interface LinkedIdentity {
  id: string;
  slug: string;
  /** The provider's display name; its slug when it is no longer configured. */
  provider: string;
  /** The address the provider gave at the last sign-in through it. */
  email: string;
  organisation: string | null;
  linkedAt: Date;
  lastUsedAt: Date;
}

/** The account's links to identity providers, by provider name. */
export async function listIdentities(db: DbOrTrx, userId: string): Promise<LinkedIdentity[]> {
  const rows = await db
    .selectFrom("user_identity")
    .select(["id", "provider", "email", "organisation", "created_at", "last_used_at"])
    .where("user_id", "=", userId)
    .orderBy("created_at")
    .execute();
  return rows
    .map((r) => ({
      id: r.id,
      slug: r.provider,
      provider: findProvider(r.provider)?.name ?? r.provider,
      email: r.email,
      organisation: r.organisation,
      linkedAt: r.created_at,
      lastUsedAt: r.last_used_at,
    }))
    .sort((a, b) => a.provider.localeCompare(b.provider));
}

/**
 * Removes one of the signed-in person's links to a provider, after they confirmed with their password
 * (throttled like a login, ADR 0020) or — an account without one — by typing their address, as for the
 * other sensitive changes of one's account (ADR 0026). Refused, changing nothing, when it is the last
 * way to sign in (no password and no other link): set a password first. The account's other sessions
 * that were started through that provider end (this browser's stays: the person is here); the change is
 * audited and the address is told, as for a changed address or password.
 */
export async function unlinkIdentity(
  db: Db,
  who: { userId: string; sessionId: string; ip: string; actor: Actor },
  input: UnlinkIdentityInput,
): Promise<Outcome<{ provider: string }>> {
  const user = await db
    .selectFrom("app_user")
    .select(["email", "name", "locale", "password_hash"])
    .where("id", "=", who.userId)
    .executeTakeFirst();
  if (!user) return refuse(404, "accounts.delete.errors.gone");
  const target = await db
    .selectFrom("user_identity")
    .select(["provider"])
    .where("id", "=", input.identity)
    .where("user_id", "=", who.userId)
    .executeTakeFirst();
  if (!target) return refuse(404, "oidc.identities.errors.gone");
  const provider = findProvider(target.provider)?.name ?? target.provider;
  const lastWay = () => refuse(409, "oidc.identities.errors.lastWay", { params: { provider } });
  // Said before asking to confirm: there is nothing to confirm.
  if (!user.password_hash && (await otherIdentities(db, who.userId, input.identity)) === 0) return lastWay();
  if (user.password_hash) {
    if (!input.password) return refuse(400, "errors.required", { field: "password" });
    const admission = await admitLoginAttempt(db, user.email, who.ip);
    if (admission.wait) return refuse(429, "errors.tooMany", { retryAfter: admission.wait });
    if (!(await verifyPassword(user.password_hash, input.password)))
      return refuse(400, "accounts.errors.wrongCurrentPassword", { field: "password" });
  } else if ((input.confirmEmail ?? "").trim().toLowerCase() !== user.email) {
    return refuse(400, "accounts.delete.errors.typeAddress", { field: "confirmEmail" });
  }
  return db.transaction().execute(async (trx): Promise<Outcome<{ provider: string }>> => {
    // The account row's lock makes two removals (two tabs) one after the other: the second sees the first's result.
    const locked = await trx.selectFrom("app_user").select(["password_hash"]).where("id", "=", who.userId).forUpdate().executeTakeFirst();
    if (!locked) return refuse(404, "accounts.delete.errors.gone");
    if (!locked.password_hash && (await otherIdentities(trx, who.userId, input.identity)) === 0) return lastWay();
    const removed = await trx
      .deleteFrom("user_identity")
      .where("id", "=", input.identity)
      .where("user_id", "=", who.userId)
      .returning(["provider", "subject"])
      .executeTakeFirst();
    if (!removed) return refuse(404, "oidc.identities.errors.gone");
    const ended = await trx
      .deleteFrom("user_session")
      .where("user_id", "=", who.userId)
      .where("auth_method", "=", `oidc:${removed.provider}`)
      .where("id", "<>", who.sessionId)
      .executeTakeFirst();
    await writeAudit(trx, who.actor, {
      action: "identity.unlink",
      entityType: "user",
      entityId: who.userId,
      before: { provider: removed.provider },
      after: { sessionsEnded: Number(ended.numDeletedRows) },
    });
    const t = translator(user.locale);
    const body = [
      t("mail.greeting", { name: user.name }),
      t("oidc.identities.mail.body", { provider, link: `${config().origin}/account/sessies` }),
      t("mail.signature"),
    ].join("\n\n");
    await trx
      .insertInto("outbox_email")
      .values({
        to_address: user.email,
        locale: user.locale as Locale,
        template: "oidc.unlinked",
        subject: t("oidc.identities.mail.subject", { provider }),
        body_text: body,
      })
      .execute();
    return ok({ provider });
  });
}

async function otherIdentities(db: DbOrTrx, userId: string, except: string): Promise<number> {
  const row = await db
    .selectFrom("user_identity")
    .select(sql<number>`count(*)::int`.as("n"))
    .where("user_id", "=", userId)
    .where("id", "<>", except)
    .executeTakeFirstOrThrow();
  return row.n;
}
