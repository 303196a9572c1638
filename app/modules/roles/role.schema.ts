import * as z from "zod/mini";
import { EmailSchema } from "~/modules/accounts/account.schema";

export const ROLES = ["admin", "organizer", "jury", "editor"] as const;
export type Role = (typeof ROLES)[number];

const uuid = z
  .string()
  .check(z.regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, { error: "errors.invalidChoice" }));

/** The scope a role applies to, encoded in one form value: `platform`, `award:<id>`, `edition:<id>`, `project:<id>`. */
export const ScopeSchema = z.union(
  [
    z.literal("platform"),
    z.templateLiteral([z.literal("award:"), uuid]),
    z.templateLiteral([z.literal("edition:"), uuid]),
    z.templateLiteral([z.literal("project:"), uuid]),
  ],
  { error: "errors.invalidChoice" },
);

export const GrantRoleSchema = z.object({
  email: EmailSchema,
  role: z.enum(ROLES, { error: "errors.invalidChoice" }),
  scope: ScopeSchema,
});
export type GrantRoleInput = z.infer<typeof GrantRoleSchema>;

/** Which scope kind each role needs. */
export const SCOPE_OF_ROLE: Record<Role, "platform" | "award" | "edition" | "project"> = {
  admin: "platform",
  organizer: "award",
  jury: "edition",
  editor: "project",
};
