import type { AppLoadContext } from "@remix-run/node";
import type { Params } from "@remix-run/react";
import { forbidden, requireUser } from "~/auth/guards.server";
import { getDb } from "~/db.server";
import { loadEdition } from "~/modules/awards/edition.server";
import { juryMembership, loadJuryRound } from "./jury.server";

/** A jury member of the URL's edition and a jury round of it; visitors log in first, everyone else gets 403. */
export async function requireJuror(request: Request, context: AppLoadContext, params: Params) {
  const user = requireUser(request, context);
  const db = getDb();
  const edition = await loadEdition(db, params.award, params.year, context.locale);
  const member = await juryMembership(db, edition.id, user.id);
  if (!member) throw forbidden();
  const round = await loadJuryRound(db, edition.id, params.position);
  return { user, edition, round, member, db };
}
