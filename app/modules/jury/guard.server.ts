import type { AppLoadContext } from "@remix-run/node";
import type { Params } from "@remix-run/react";
import { forbidden, requireSecondFactor, requireUser } from "~/auth/guards.server";
import { getDb } from "~/db.server";
import { actorFrom } from "~/modules/audit/audit.server";
import { loadEdition } from "~/modules/awards/edition.server";
import { requireEditionOrganizer } from "~/modules/awards/guard.server";
import { UUID_RE } from "~/modules/voting/rules";
import { candidateSheet, juryMembership, loadJuryRound } from "./jury.server";

/** A jury member of the URL's edition and a jury round of it; visitors log in first, everyone else gets 403. */
export async function requireJuror(request: Request, context: AppLoadContext, params: Params) {
  const user = requireUser(request, context);
  const db = getDb();
  const edition = await loadEdition(db, params.award, params.year, context.locale);
  const member = await juryMembership(db, edition.id, user.id);
  if (!member) throw forbidden();
  requireSecondFactor(request, context, "jury");
  const round = await loadJuryRound(db, edition.id, params.position);
  return { user, edition, round, member, db };
}

/** A juror's sheet of the URL's candidate: 404 for a candidate that is not theirs (other edition, category or round), whatever the id. */
export async function requireJurorSheet(request: Request, context: AppLoadContext, params: Params) {
  const ctx = await requireJuror(request, context, params);
  if (!UUID_RE.test(params.nominee ?? "")) throw new Response("Not found", { status: 404 });
  const sheet = await candidateSheet(ctx.db, ctx.round, ctx.member, params.nominee!);
  if (!sheet) throw new Response("Not found", { status: 404 });
  return { ...ctx, sheet };
}

/** An organizer of the URL's edition and a jury round of it (404 when there is none), with the round's organizer page. */
export async function requireJuryRoundOrganizer(request: Request, context: AppLoadContext, params: Params) {
  const { edition } = await requireEditionOrganizer(request, context, params);
  const db = getDb();
  const round = await loadJuryRound(db, edition.id, params.position);
  const here = `/beheer/prijzen/${edition.awardSlug}/${edition.year}/jury/${round.position}`;
  return { db, edition, round, here, actor: actorFrom(context) };
}
