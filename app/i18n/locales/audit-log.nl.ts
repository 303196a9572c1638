// Dutch source texts (auditLog); audit-log.en.ts mirrors it (the type checker enforces that).
export const auditLogNl = {
  notice: { placeholder: "-" },
};
