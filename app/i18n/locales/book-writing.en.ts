import type { bookWritingNl } from "./book-writing.nl";
import type { Shape } from "./nl";

export const bookWritingEn: Shape<typeof bookWritingNl> = {
  notice: { placeholder: "-" },
};
