import "~/i18n/page-texts/account";
import * as z from "zod/mini";
import { checkbox } from "~/lib/checkbox";
import { LOCALES } from "~/i18n/i18n";

// Shared by the browser form (react-hook-form) and the server action. Messages are translation keys.

const codePoints = (s: string) => [...s.normalize("NFKC")].length;

/** An e-mail address; `required` is the message when it is left empty (a form may name whose address it is). */
export const emailSchema = (required = "errors.required") =>
  z.pipe(
    z.string().check(z.trim(), z.toLowerCase(), z.minLength(1, { error: required })),
    z.email({ error: "errors.email" }).check(z.maxLength(254, { error: "errors.email" })),
  );

export const EmailSchema = emailSchema();

/** What a password's length is measured on (ASVS 2.1.1): runs of spaces count as one, spaces around it not at all. */
export const significantPassword = (p: string) => p.normalize("NFKC").replace(/\s+/gu, " ").trim();

/**
 * OWASP ASVS 2.1: 12 to 128 characters (Unicode code points, after runs of spaces are combined), no
 * composition rules; a password of spaces only is refused as such.
 */
export const NewPasswordSchema = z.string().check(
  z.minLength(1, { error: "errors.required" }),
  z.refine((p) => p === "" || significantPassword(p) !== "", { error: "accounts.errors.passwordBlank" }),
  z.refine((p) => significantPassword(p) === "" || codePoints(significantPassword(p)) >= 12, { error: "errors.passwordTooShort" }),
  z.refine((p) => codePoints(p) <= 128, { error: "errors.passwordTooLong" }),
);

export const SignupSchema = z.object({
  name: z.string().check(z.trim(), z.minLength(1, { error: "errors.required" }), z.maxLength(200, { error: "errors.nameLength" })),
  email: EmailSchema,
  organisation: z._default(z.string().check(z.trim(), z.maxLength(200, { error: "errors.organisationLength" })), ""),
  password: NewPasswordSchema,
  /** Ticked: mail me when a public vote opens and when results are published (ADR 0013). */
  follow: z.pipe(
    z._default(z.union([z.string(), z.boolean()]), ""),
    z.transform((v) => v === true || v === "true" || v === "on"),
  ),
});
export type SignupInput = z.infer<typeof SignupSchema>;

export const LoginSchema = z.object({
  email: EmailSchema,
  // Any length is accepted here: the policy applies when a password is chosen, not when it is typed.
  password: z.string().check(z.minLength(1, { error: "errors.required" }), z.maxLength(1024, { error: "errors.passwordTooLong" })),
  redirectTo: z.optional(z.string()),
});
export type LoginInput = z.infer<typeof LoginSchema>;

/** A new password while signed in (/account): the current one, and the new one twice. */
export const ChangePasswordSchema = z
  .object({
    formId: z.optional(z.string()),
    currentPassword: z.string().check(z.minLength(1, { error: "errors.required" }), z.maxLength(1024, { error: "errors.passwordTooLong" })),
    newPassword: NewPasswordSchema,
    confirmPassword: z.string().check(z.minLength(1, { error: "errors.required" })),
  })
  .check(z.refine((v) => v.confirmPassword === v.newPassword, { error: "accounts.errors.passwordMismatch", path: ["confirmPassword"] }));
export type ChangePasswordInput = z.infer<typeof ChangePasswordSchema>;

export const ForgotPasswordSchema = z.object({ email: EmailSchema });
export type ForgotPasswordInput = z.infer<typeof ForgotPasswordSchema>;

export const TokenSchema = z.object({
  token: z.string().check(z.minLength(20, { error: "errors.invalid" }), z.maxLength(200, { error: "errors.invalid" })),
});

export const ResetPasswordSchema = z.object({
  token: z.string().check(z.minLength(20, { error: "errors.invalid" }), z.maxLength(200, { error: "errors.invalid" })),
  password: NewPasswordSchema,
});
export type ResetPasswordInput = z.infer<typeof ResetPasswordSchema>;

/** The language switch in the page header: the other language, and the page to go back to. */
export const LanguageSchema = z.object({ locale: z.enum(LOCALES), returnTo: z.optional(z.string()) });

// Redirect targets are checked in one place for every route (issue #15).
export { safeRedirect } from "~/lib/redirect";

/** The person's own name and organisation (/account/gegevens), with the sign-up form's limits. */
export const ProfileSchema = z.object({
  name: z.string().check(z.trim(), z.minLength(1, { error: "errors.required" }), z.maxLength(200, { error: "errors.nameLength" })),
  organisation: z._default(z.string().check(z.trim(), z.maxLength(200, { error: "errors.organisationLength" })), ""),
});
export type ProfileInput = z.infer<typeof ProfileSchema>;

/** A new e-mail address, confirmed by a link mailed to it; the current password when the account has one. */
export const ChangeEmailSchema = z.object({
  newEmail: emailSchema(),
  password: z.optional(z.string().check(z.maxLength(1024, { error: "errors.passwordTooLong" }))),
});
export type ChangeEmailInput = z.infer<typeof ChangeEmailSchema>;

/** Deleting the account: the password, or (an account without one) the address typed. */
export const DeleteAccountSchema = z.object({
  password: z.optional(z.string().check(z.maxLength(1024, { error: "errors.passwordTooLong" }))),
  confirmEmail: z.optional(z.string().check(z.maxLength(254, { error: "errors.email" }))),
  /** "true": also erase the person everywhere others entered their address (ADR 0042), not only the account. */
  eraseEverywhere: checkbox,
});
export type DeleteAccountInput = z.infer<typeof DeleteAccountSchema>;

/** One other session to sign out, named by its handle (never by its id, which is its secret). */
export const EndSessionSchema = z.object({
  session: z.string().check(z.regex(/^[0-9a-f]{32}$/, { error: "accounts.errors.sessionGone" })),
});
