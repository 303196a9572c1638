import type { AppLoadContext } from "@remix-run/node";
import type { Params } from "@remix-run/react";
import { requireRole } from "~/auth/guards.server";
import { getDb } from "~/db.server";
import { loadEdition } from "./edition.server";

/** The edition of the URL, for an organizer of its award only (visitors go to login, others get 403). */
export async function requireEditionOrganizer(request: Request, context: AppLoadContext, params: Params) {
  const edition = await loadEdition(getDb(), params.award, params.year, context.locale);
  const user = await requireRole(request, context, { role: "organizer", awardId: edition.awardId });
  return { user, edition };
}
