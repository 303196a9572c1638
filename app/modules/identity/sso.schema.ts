import * as z from "zod/mini";

// Shared by the link page's form and its action.

/** The mailed link's button: the token. */
export const LinkTokenSchema = z.object({
  token: z.string().check(z.minLength(20, { error: "oidc.errors.linkInvalid" }), z.maxLength(200, { error: "oidc.errors.linkInvalid" })),
});
