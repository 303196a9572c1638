import * as z from "zod/mini";

/** Why an admin blocks or releases an account: required, told to the person and kept in the audit log. */
export const REASON_MIN = 10;
export const REASON_MAX = 1000;

const reason = z
  .string()
  .check(
    z.trim(),
    z.minLength(1, { error: "errors.required" }),
    z.minLength(REASON_MIN, { error: "users.errors.reasonShort" }),
    z.maxLength(REASON_MAX, { error: "users.errors.reasonLong" }),
  );

export const BlockUserSchema = z.object({ reason });
export type BlockUserInput = z.infer<typeof BlockUserSchema>;

export const UnblockUserSchema = z.object({ reason });
export type UnblockUserInput = z.infer<typeof UnblockUserSchema>;

/** Removing the second factor of someone who lost app and codes: why, and how the admin checked who asked. */
export const ResetSecondFactorSchema = z.object({ mfaReason: reason });

/** A person's id as it appears in the page's address; anything else is simply not found. */
export const USER_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
