import { tickedIds } from "~/modules/voting/rules";

// The organizer-selection form (client-safe): per candidate a checkbox `pick-<id>` and a textarea
// `motivation-<id>`. The motivation is shown to the next round's jury (and publicly when the round
// says so), so it is short and required for every pick.

export const MOTIVATION_MIN = 10;
export const MOTIVATION_MAX = 400;

export interface SelectionPick {
  nomineeId: string;
  motivation: string;
}

/** The ticked candidates of the form, each with its motivation as typed (trimmed). */
export function picksFromForm(raw: Record<string, string>): SelectionPick[] {
  return tickedIds(raw, "pick-").map((nomineeId) => ({ nomineeId, motivation: (raw[`motivation-${nomineeId}`] ?? "").trim() }));
}
