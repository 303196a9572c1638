import type { AppLoadContext } from "@remix-run/node";
import type { Params } from "@remix-run/react";
import { getDb } from "~/db.server";
import { actorFrom } from "~/modules/audit/audit.server";
import { requireEditionOrganizer } from "~/modules/awards/guard.server";
import { loadSelectionRound } from "./selection.server";

/**
 * An organizer of the URL's edition and an organizer-selection round of it (404 when there is none),
 * with the round's page. Visitors log in first; jurors, members and other awards' organizers get 403.
 */
export async function requireSelectionRoundOrganizer(request: Request, context: AppLoadContext, params: Params) {
  const { edition } = await requireEditionOrganizer(request, context, params);
  const db = getDb();
  const round = await loadSelectionRound(db, edition.id, params.position);
  const here = `/beheer/prijzen/${edition.awardSlug}/${edition.year}/selectie/${round.position}`;
  return { db, edition, round, here, actor: actorFrom(context) };
}
