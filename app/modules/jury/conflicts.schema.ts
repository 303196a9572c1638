import * as z from "zod/mini";

// The organizer's form that records a juror's conflict of interest (server and browser).

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const pick = (error: string, test: (v: string) => boolean) => z.string().check(z.trim(), z.refine(test, { error }));

export const RecordConflictSchema = z.object({
  formId: z.optional(z.string()),
  round: pick("control.errors.conflictRound", (v) => /^\d{1,3}$/.test(v)),
  jurorId: pick("control.errors.conflictJuror", (v) => UUID.test(v)),
  nomineeId: pick("control.errors.conflictCandidate", (v) => UUID.test(v)),
  reason: z
    .string()
    .check(z.trim(), z.minLength(3, { error: "control.errors.conflictReason" }), z.maxLength(1000, { error: "nominate.errors.tooLong" })),
});
export type RecordConflictInput = z.infer<typeof RecordConflictSchema>;
