import type { Db } from "~/db.server";
import { ensureJuryAdvanced } from "~/modules/jury/jury.server";
import { closedUnadvanced, ensureAdvanced } from "~/modules/voting/round.server";

/**
 * Maintenance: every top-K round that closed and has not advanced yet writes its advancement now —
 * vote rounds by their tally, jury rounds by the jury's aggregate. Safe with several processes: each
 * round is advanced under its row lock, once.
 */
export async function advanceClosedRounds(db: Db): Promise<number> {
  const due = await closedUnadvanced(db, ["public_vote", "jury"]);
  for (const r of due) await (r.kind === "jury" ? ensureJuryAdvanced(db, r.id) : ensureAdvanced(db, r.id));
  return due.length;
}
