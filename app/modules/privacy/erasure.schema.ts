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
