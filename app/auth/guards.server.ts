import { redirect, type AppLoadContext } from "@remix-run/node";
import type { User } from "lucia";
import type { RoleName } from "../../db/types";
import { getDb, type DbOrTrx } from "~/db.server";
import { actorFrom } from "~/modules/audit/audit.server";
import { ENROL_PATH, holdsRequiredRole, requiredRoles, SECOND_STEP_PATH } from "~/modules/mfa/mfa.server";

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
/**
 * A person with a second factor is signed in once they passed it (ADR 0024): a session that only had
 * the first (a password reset, an identity provider without MFA) is not yet signed in.
 */
export function passedSecondFactor(user: Pick<User, "mfaEnrolled">, session: { secondFactorAt: Date | null } | null): boolean {
  return !user.mfaEnrolled || Boolean(session?.secondFactorAt);
}

export function requireUser(request: Request, context: AppLoadContext): User {
  if (context.user) {
    // Such a session is sent to the code step.
    if (!passedSecondFactor(context.user, context.session))
      throw redirect(`${SECOND_STEP_PATH}?redirectTo=${encodeURIComponent(safePath(request))}`);
    return context.user;
  }
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

/** This session passed the second factor, or the role does not need one (MFA_REQUIRED_ROLES). */
export function secondFactorSatisfied(context: AppLoadContext, role: RoleName): boolean {
  return !requiredRoles().has(role) || Boolean(context.session?.secondFactorAt);
}

/**
 * The second factor a role's pages need (ADR 0024), asked after the role was found (others get their
 * 403 as before): a session without it goes to the code step, or — when the person has no second
 * factor yet — to setting one up, and back here afterwards.
 */
export function requireSecondFactor(request: Request, context: AppLoadContext, role: RoleName): void {
  if (secondFactorSatisfied(context, role)) return;
  const back = encodeURIComponent(safePath(request));
  throw redirect(context.user?.mfaEnrolled ? `${SECOND_STEP_PATH}?redirectTo=${back}` : `${ENROL_PATH}?redirectTo=${back}`);
}

/**
 * The overview pages of the privileged areas (the awards one organizes, the book projects one edits):
 * a signed-in person, who passed the second factor when they hold a role that needs it.
 */
export async function requireStaffArea(request: Request, context: AppLoadContext): Promise<User> {
  const user = requireUser(request, context);
  if (!context.session?.secondFactorAt && (await holdsRequiredRole(getDb(), user.id))) {
    const back = encodeURIComponent(safePath(request));
    throw redirect(user.mfaEnrolled ? `${SECOND_STEP_PATH}?redirectTo=${back}` : `${ENROL_PATH}?redirectTo=${back}`);
  }
  return user;
}

/** Signed-in user holding the role, or 403 (a visitor is first sent to log in); then the role's second factor. */
export async function requireRole(request: Request, context: AppLoadContext, check: RoleCheck): Promise<User> {
  const user = requireUser(request, context);
  if (!(await hasRole(getDb(), user.id, check))) throw forbidden();
  requireSecondFactor(request, context, check.role);
  return user;
}

/**
 * For a page that shows more to a role holder (an editor's tools on a public page, an organizer's view
 * of a photo): the role, and the role's second factor passed in this session. Without it, the page is
 * the member's page.
 */
export async function hasPrivilege(context: AppLoadContext, check: RoleCheck): Promise<boolean> {
  if (!context.user || !secondFactorSatisfied(context, check.role)) return false;
  return hasRole(getDb(), context.user.id, check);
}

/** A platform admin's page or form: the database and who acts (for the audit log); others are refused as requireRole does. */
export async function requireAdmin({ request, context }: { request: Request; context: AppLoadContext }) {
  const user = await requireRole(request, context, { role: "admin" });
  return { db: getDb(), user, actor: actorFrom(context) };
}
