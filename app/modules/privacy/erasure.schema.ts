import * as z from "zod/mini";

/** Why a person was erased: a category only, never free text (free text could repeat the erased data). */
export const ERASURE_REASONS = ["own_request", "representative", "authority", "other"] as const;
export type ErasureReason = (typeof ERASURE_REASONS)[number];

export const EraseSchema = z.object({
  reason: z.enum(ERASURE_REASONS, { error: "erasure.errors.reason" }),
  confirm: z.literal("true", { error: "erasure.errors.confirm" }),
});

/** Days after the edition closed until personal data is anonymised; empty keeps it (no retention). */
export const RetentionSchema = z.object({
  retentionDays: z
    .string()
    .check(z.trim(), z.regex(/^(\d{1,4})?$/, { error: "erasure.errors.retentionDays" }))
    .check(z.refine((v) => v === "" || Number(v) <= 3650, { error: "erasure.errors.retentionDays" })),
});

/** An admin's search for a person by the name and/or e-mail address they are known by (issue #19). */
export const PersonSearchSchema = z
  .object({
    name: z.string().check(z.trim(), z.maxLength(200, { error: "erasure.errors.nameLong" })),
    email: z.string().check(
      z.trim(),
      z.toLowerCase(),
      z.maxLength(254, { error: "errors.email" }),
      z.refine((v) => v === "" || /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(v), { error: "errors.email" }),
    ),
  })
  .check(
    z.refine((v) => v.name.length > 0 || v.email.length > 0, {
      error: "erasure.errors.person",
      path: ["name"],
    }),
  );
export type PersonSearch = z.infer<typeof PersonSearchSchema>;

/** Erasing the person found: the search again (hidden), the grounds and the confirmation. */
export const PersonEraseSchema = z.object({
  name: z.string().check(z.trim(), z.maxLength(200, { error: "erasure.errors.nameLong" })),
  email: z.string().check(z.trim(), z.toLowerCase(), z.maxLength(254, { error: "errors.email" })),
  reason: z.enum(ERASURE_REASONS, { error: "erasure.errors.reason" }),
  confirm: z.literal("true", { error: "erasure.errors.confirm" }),
});
