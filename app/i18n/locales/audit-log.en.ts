import type { auditLogNl } from "./audit-log.nl";
import type { Shape } from "./nl";

export const auditLogEn: Shape<typeof auditLogNl> = {
  notice: { placeholder: "-" },
};
