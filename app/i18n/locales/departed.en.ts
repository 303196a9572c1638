import type { departedNl } from "./departed.nl";

// English texts (departed); the Dutch source is departed.nl.ts.
export const departedEn: typeof departedNl = {
  member: "a deleted member",
  juror: "a deleted juror",
  textKept: "There is already text, by a deleted member: whoever gets this portrait continues from it.",
  reopenNoAuthor: "The author of this portrait deleted their account: it can no longer go back to its author and stays finished.",
};
