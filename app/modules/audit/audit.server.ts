import type { AppLoadContext } from "@remix-run/node";
import type { DbOrTrx } from "~/db.server";

export interface AuditEvent {
  action: string;
  entityType: string;
  entityId?: string | null;
  before?: unknown;
  after?: unknown;
}

/** Who did it and from where, taken from the request context. */
export interface Actor {
  actorId: string | null;
  ip?: string | null;
  requestId?: string | null;
}

export function actorFrom(context: Pick<AppLoadContext, "user" | "ip" | "requestId">): Actor {
  return { actorId: context.user?.id ?? null, ip: context.ip, requestId: context.requestId };
}

/** Columns that are secrets: never copied into the audit log, whatever row a caller passes. */
const SECRET_KEYS = new Set(["export_salt", "password_hash", "token_hash"]);
const withoutSecrets = (value: unknown) => JSON.stringify(value, (key, v: unknown) => (SECRET_KEYS.has(key) ? undefined : v));

/** Appends to the audit log; call it inside the transaction of the action it records. */
export async function writeAudit(db: DbOrTrx, actor: Actor, event: AuditEvent): Promise<void> {
  await db
    .insertInto("audit_log")
    .values({
      actor_id: actor.actorId,
      ip: actor.ip ?? null,
      request_id: actor.requestId ?? null,
      action: event.action,
      entity_type: event.entityType,
      entity_id: event.entityId ?? null,
      before: event.before === undefined ? null : withoutSecrets(event.before),
      after: event.after === undefined ? null : withoutSecrets(event.after),
    })
    .execute();
}

export function listRecentAudit(db: DbOrTrx, limit = 20) {
  return db
    .selectFrom("audit_log as a")
    .leftJoin("app_user as u", "u.id", "a.actor_id")
    .select(["a.id", "a.at", "a.action", "a.entity_type", "a.entity_id", "u.name as actor_name"])
    .orderBy("a.id", "desc")
    .limit(limit)
    .execute();
}
