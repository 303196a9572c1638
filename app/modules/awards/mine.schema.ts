import "~/i18n/page-texts/organizer";
import * as z from "zod/mini";

/** "Nominatie intrekken" on Mijn nominaties: the nomination's id (hidden field). */
export const WithdrawSchema = z.object({
  nominationId: z
    .string()
    .check(z.regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, { error: "organizer.mine.errors.notFound" })),
});
