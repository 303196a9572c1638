import * as z from "zod/mini";

// Shared by the sign-in buttons' form and the start action.

/** "Continue with <provider>": where to go after signing in (checked by safeRedirect on the server). */
export const SsoStartSchema = z.object({
  redirectTo: z.optional(z.string().check(z.maxLength(2000))),
});

/** The mailed link's button: the token. */
export const LinkTokenSchema = z.object({
  token: z.string().check(z.minLength(20, { error: "oidc.errors.linkInvalid" }), z.maxLength(200, { error: "oidc.errors.linkInvalid" })),
});
