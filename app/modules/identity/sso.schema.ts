import * as z from "zod/mini";

// Shared by the link page's form and its action.

/** The mailed link's button: the token. */
export const LinkTokenSchema = z.object({
  token: z.string().check(z.minLength(20, { error: "oidc.errors.linkInvalid" }), z.maxLength(200, { error: "oidc.errors.linkInvalid" })),
});

/**
 * Unlinking a provider's account from the person's own (/account/koppelingen): which link, confirmed
 * with the password, or — an account without one — by typing the address (as deleting the account is).
 */
export const UnlinkIdentitySchema = z.object({
  identity: z
    .string()
    .check(z.regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/, { error: "oidc.identities.errors.gone" })),
  password: z.optional(z.string().check(z.maxLength(1024, { error: "errors.passwordTooLong" }))),
  confirmEmail: z.optional(z.string().check(z.maxLength(254, { error: "errors.email" }))),
});
export type UnlinkIdentityInput = z.infer<typeof UnlinkIdentitySchema>;
