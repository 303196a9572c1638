import * as z from "zod/mini";
import { emailSchema } from "~/modules/accounts/account.schema";

/** The team pages' invite form: the role and scope come from the page, never from the form. */
export const InviteSchema = z.object({ email: emailSchema("teams.errors.emailRequired") });
export type InviteInput = z.infer<typeof InviteSchema>;

/** Days an invitation stays open (the database caps it at 90). */
export const INVITATION_DAYS = 30;
