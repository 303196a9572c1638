import * as z from "zod/mini";

const uuid = z
  .string()
  .check(z.regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, { error: "errors.invalidChoice" }));
const reason = z
  .string()
  .check(
    z.trim(),
    z.minLength(1, { error: "errors.required" }),
    z.minLength(10, { error: "moderation.errors.reasonShort" }),
    z.maxLength(1000, { error: "nominate.errors.tooLong" }),
  );

export const RejectSchema = z.object({ nomineeId: uuid, reason });
export const EditNomineeSchema = z.object({
  nomineeId: uuid,
  name: z.string().check(z.trim(), z.minLength(2, { error: "errors.required" }), z.maxLength(200, { error: "nominate.errors.tooLong" })),
  organisation: z._default(z.string().check(z.trim(), z.maxLength(200, { error: "nominate.errors.tooLong" })), ""),
});
export const MergeSchema = z.object({ nomineeId: uuid, survivorId: uuid });

export const QUEUE_STATUSES = ["pending", "approved", "rejected"] as const;
