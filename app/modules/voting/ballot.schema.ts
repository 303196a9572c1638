import * as z from "zod/mini";

/** The ballot form: "review" shows the summary, "cast" confirms the listed choices (ids in rank order). */
export const BallotFormSchema = z.object({
  intent: z.enum(["review", "cast"], { error: "errors.invalidChoice" }),
  choices: z._default(z.string().check(z.maxLength(1000)), ""),
});
export type BallotForm = z.infer<typeof BallotFormSchema>;

export const ReceiptSchema = z.object({
  code: z.string().check(z.trim(), z.minLength(1, { error: "errors.required" }), z.maxLength(40, { error: "voting.errors.receiptFormat" })),
});

export const ReasonSchema = z.object({
  reason: z
    .string()
    .check(z.trim(), z.minLength(3, { error: "voting.errors.reasonRequired" }), z.maxLength(500, { error: "nominate.errors.tooLong" })),
});
