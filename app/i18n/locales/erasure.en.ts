import type { erasureNl } from "./erasure.nl";
import type { Shape } from "./nl";

export const erasureEn: Shape<typeof erasureNl> = {
  notice: { placeholder: "-" },
};
