import type { bookExportsNl } from "./book-exports.nl";
import type { Shape } from "./nl";

export const bookExportsEn: Shape<typeof bookExportsNl> = {
  notice: { placeholder: "-" },
};
