import { redirect, type AppLoadContext } from "@remix-run/node";
import type { User } from "lucia";
import type { RoleName } from "../../db/types";
import { getDb, type DbOrTrx } from "~/db.server";
import { actorFrom } from "~/modules/audit/audit.server";

/** A role, with the one scope it applies to. Platform admin has no scope. */
export type RoleCheck =
  | { role: "admin" }
  | { role: "organizer"; awardId: string }
  | { role: "jury"; editionId: string }
  | { role: "editor"; bookProjectId: string };

function safePath(request: Request): string {
  const url = new URL(request.url);
  return url.pathname + url.search;
}

/** Answer of a page or action that needs the database while it cannot be reached. */
export function unavailable(): Response {
  return new Response("Service Unavailable", { status: 503, headers: { "Retry-After": "5" } });
}

/**
 * Returns the signed-in user, or sends the visitor to the login page and back here afterwards. While
 * the session could not be read (database outage), a person with a session cookie gets 503, not a login page.
 */
export function requireUser(request: Request, context: AppLoadContext): User {
  if (context.user) return context.user;
  if (context.outage) throw unavailable();
  throw redirect(`/inloggen?redirectTo=${encodeURIComponent(safePath(request))}`);
}

/** Pages for visitors only (login, sign-up) send signed-in users to their account. */
export function requireAnonymous(context: AppLoadContext): void {
  if (context.user) throw redirect("/account");
}

/** The loader of a page for visitors only (login, sign-up): it has no data. */
export function visitorsOnly({ context }: { context: AppLoadContext }): null {
  requireAnonymous(context);
  return null;
}

/** The guard of the visitors' sign-in actions (login, sign-up): what their services need from the request. */
export function requireVisitor({ context }: { context: AppLoadContext }) {
  requireAnonymous(context);
  return { db: getDb(), ip: context.ip, locale: context.locale, userAgent: context.userAgent };
}

export function forbidden(): Response {
  return new Response("Forbidden", { status: 403 });
}

/** True only when exactly this grant exists: nothing is implied, so access is denied unless granted. */
export async function hasRole(db: DbOrTrx, userId: string, check: RoleCheck): Promise<boolean> {
  let q = db
    .selectFrom("role_grant")
    .select("id")
    .where("user_id", "=", userId)
    .where("role", "=", check.role as RoleName);
  switch (check.role) {
    case "admin":
      break;
    case "organizer":
      q = q.where("award_id", "=", check.awardId);
      break;
    case "jury":
      q = q.where("edition_id", "=", check.editionId);
      break;
    case "editor":
      q = q.where("book_project_id", "=", check.bookProjectId);
      break;
  }
  return (await q.executeTakeFirst()) !== undefined;
}

/** Signed-in user holding the role, or 403 (a visitor is first sent to log in). */
export async function requireRole(request: Request, context: AppLoadContext, check: RoleCheck): Promise<User> {
  const user = requireUser(request, context);
  if (!(await hasRole(getDb(), user.id, check))) throw forbidden();
  return user;
}

/** A platform admin's page or form: the database and who acts (for the audit log); others are refused as requireRole does. */
export async function requireAdmin({ request, context }: { request: Request; context: AppLoadContext }) {
  const user = await requireRole(request, context, { role: "admin" });
  return { db: getDb(), user, actor: actorFrom(context) };
}
