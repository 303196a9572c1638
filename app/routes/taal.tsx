import { redirect, type ActionFunctionArgs } from "@remix-run/node";
import * as z from "zod/mini";
import { config } from "~/config.server";
import { getDb } from "~/db.server";
import { LOCALES } from "~/i18n/i18n";
import { localeCookie } from "~/i18n/locale.server";
import { parseForm } from "~/lib/forms.server";
import { safeRedirect } from "~/modules/accounts/account.schema";
import { setUserLocale } from "~/modules/accounts/account.repository.server";

const LanguageSchema = z.object({ locale: z.enum(LOCALES), returnTo: z.optional(z.string()) });

export async function loader() {
  return redirect("/");
}

/** Remembers the chosen language in a cookie (and on the account, for mails) and goes back. */
export async function action({ request, context }: ActionFunctionArgs) {
  const parsed = await parseForm(request, LanguageSchema);
  if (!parsed.ok) return redirect("/");
  const { locale, returnTo } = parsed.data;
  if (context.user) await setUserLocale(getDb(), context.user.id, locale);
  return redirect(safeRedirect(returnTo, "/"), {
    headers: { "Set-Cookie": localeCookie(locale, config().isProduction) },
  });
}
