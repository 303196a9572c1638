import type { AppLoadContext } from "@remix-run/node";
import type { Params } from "@remix-run/react";
import { getDb } from "~/db.server";
import { actorFrom } from "~/modules/audit/audit.server";
import { requireEditionOrganizer } from "~/modules/awards/guard.server";
import { loadVotingRound } from "./round.server";

/**
 * An organizer of the URL's edition and a vote round of it (404 when there is none), with the round's
 * organizer page (`here`) and who acts, for the audit log.
 */
export async function requireVoteRoundOrganizer(request: Request, context: AppLoadContext, params: Params) {
  const { edition } = await requireEditionOrganizer(request, context, params);
  const db = getDb();
  const round = await loadVotingRound(db, edition.id, params.position);
  const here = `/beheer/prijzen/${edition.awardSlug}/${edition.year}/stemmen/${round.position}`;
  return { db, edition, round, here, actor: actorFrom(context), locale: context.locale };
}
