import type { bookNl } from "./book.nl";
import type { Shape } from "./nl";

export const bookEn: Shape<typeof bookNl> = {
  notice: { placeholder: "-" },
};
