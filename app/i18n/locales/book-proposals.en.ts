import type { bookProposalsNl } from "./book-proposals.nl";
import type { Shape } from "./nl";

export const bookProposalsEn: Shape<typeof bookProposalsNl> = {
  notice: { placeholder: "-" },
};
