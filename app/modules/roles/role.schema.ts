import * as z from "zod/mini";
import { emailSchema } from "~/modules/accounts/account.schema";

/** From the least to the most powerful: the grant form lists them so and starts at the first. */
export const ROLES = ["jury", "editor", "organizer", "admin"] as const;
export type Role = (typeof ROLES)[number];

const uuid = z
  .string()
  .check(z.regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, { error: "errors.invalidChoice" }));

/** The scope a role applies to, encoded in one form value: `platform`, `award:<id>`, `edition:<id>`, `project:<id>`. */
const ScopeValueSchema = z.union(
  [
    z.literal("platform"),
    z.templateLiteral([z.literal("award:"), uuid]),
    z.templateLiteral([z.literal("edition:"), uuid]),
    z.templateLiteral([z.literal("project:"), uuid]),
  ],
  { error: "errors.invalidChoice" },
);

/** The grant form starts with no scope chosen: leaving it so is refused by name. */
export const ScopeSchema = z.pipe(z.string().check(z.minLength(1, { error: "forms.errors.scopeRequired" })), ScopeValueSchema);

export const GrantRoleSchema = z.object({
  email: emailSchema("forms.errors.granteeEmailRequired"),
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
