import type { exportsNl } from "./exports.nl";
import type { Shape } from "./nl";

export const exportsEn: Shape<typeof exportsNl> = {
  notice: { placeholder: "-" },
};
