import type { AppLoadContext } from "@remix-run/node";
import type { Params } from "@remix-run/react";
import { requireRole } from "~/auth/guards.server";
import { getDb } from "~/db.server";
import { pick } from "~/lib/locale";
import { getAwardBySlug, loadEdition } from "./edition.server";

/** The edition of the URL, for an organizer of its award only (visitors go to login, others get 403). */
export async function requireEditionOrganizer(request: Request, context: AppLoadContext, params: Params) {
  const edition = await loadEdition(getDb(), params.award, params.year, context.locale);
  const user = await requireRole(request, context, { role: "organizer", awardId: edition.awardId });
  return { user, edition };
}

const SLUG = /^[a-z0-9]+(-[a-z0-9]+)*$/;

/** The award of the URL (params.award, a slug) for one of its organizers; 404 when absent, visitors to login, others 403. */
export async function requireAwardOrganizer(request: Request, context: AppLoadContext, params: Params) {
  const slug = params.award;
  if (!slug || slug.length > 60 || !SLUG.test(slug)) throw new Response("Not found", { status: 404 });
  const award = await getAwardBySlug(getDb(), slug);
  if (!award) throw new Response("Not found", { status: 404 });
  const user = await requireRole(request, context, { role: "organizer", awardId: award.id });
  return { user, award: { id: award.id, slug: award.slug, name: pick(context.locale, award.name_nl, award.name_en) } };
}
