import * as z from "zod/mini";

// Shared by the browser forms and the server actions of the second factor. Messages are translation keys.

/** The code step of signing in, and the page where a person sets up (or manages) their second factor. */
export const SECOND_STEP_PATH = "/inloggen/tweede-stap";
export const ENROL_PATH = "/account/tweestapsverificatie";

/**
 * A code from the authenticator app (6 digits) or a recovery code (16 letters and digits, in groups);
 * spaces and dashes are allowed, the service reads which one it is.
 */
export const CodeSchema = z.object({
  code: z.string().check(
    z.trim(),
    z.minLength(1, { error: "mfa.errors.codeRequired" }),
    z.maxLength(40, { error: "mfa.errors.codeFormat" }),
    z.refine((c) => /^[0-9]{6}$/.test(c.replace(/[\s-]/g, "")) || /^[a-z2-7]{16}$/i.test(c.replace(/[\s-]/g, "")), {
      error: "mfa.errors.codeFormat",
    }),
  ),
  redirectTo: z._default(z.string().check(z.maxLength(2000)), ""),
  /** Which form of the page posted (the page has several). */
  formId: z.optional(z.string()),
});
export type CodeInput = z.infer<typeof CodeSchema>;

/** The first code from the app, which confirms it was set up right: the app's 6 digits only. */
export const ConfirmSchema = z.object({
  code: z.string().check(
    z.trim(),
    z.minLength(1, { error: "mfa.errors.codeRequired" }),
    z.refine((c) => /^[0-9]{6}$/.test(c.replace(/\s/g, "")), { error: "mfa.errors.appCodeFormat" }),
  ),
  redirectTo: z._default(z.string().check(z.maxLength(2000)), ""),
  /** Which form of the page posted (the page has several). */
  formId: z.optional(z.string()),
});
export type ConfirmInput = z.infer<typeof ConfirmSchema>;

// ---- Passkeys (ADR 0029) ----

/** A passkey's answer from the browser (the JSON of navigator.credentials.create() or .get()). */
const answer = z
  .string()
  .check(z.minLength(1, { error: "mfa.errors.passkeyFailed" }), z.maxLength(20_000, { error: "mfa.errors.passkeyFailed" }));

/** The name a person gives a new passkey, so they know it again in their list. */
export const PasskeyNameSchema = z.object({
  name: z
    .string()
    .check(z.trim(), z.minLength(1, { error: "mfa.errors.passkeyNameRequired" }), z.maxLength(60, { error: "mfa.errors.passkeyNameLong" })),
  redirectTo: z._default(z.string().check(z.maxLength(2000)), ""),
});
export type PasskeyNameInput = z.infer<typeof PasskeyNameSchema>;

/** The new passkey: its name and the browser's attestation. */
export const PasskeyRegisterSchema = z.object({
  ...PasskeyNameSchema.shape,
  response: answer,
});

/** A passkey's signed answer (signing in, a session's second step). */
export const PasskeyAnswerSchema = z.object({
  response: answer,
  redirectTo: z._default(z.string().check(z.maxLength(2000)), ""),
});

const passkeyId = z
  .string()
  .check(z.regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, { error: "mfa.errors.passkeyGone" }));

/** Removing a passkey, confirmed with a code (app or recovery code). */
export const RemovePasskeySchema = z.object({
  ...CodeSchema.shape,
  passkey: passkeyId,
});
export type RemovePasskeyInput = z.infer<typeof RemovePasskeySchema>;

/** Removing a passkey, confirmed with a passkey. */
export const RemovePasskeyByPasskeySchema = z.object({
  passkey: passkeyId,
  response: answer,
});
