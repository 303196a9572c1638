import { redirect, type ActionFunctionArgs } from "@remix-run/node";
import { config } from "~/config.server";
import { getDb } from "~/db.server";
import { localeCookie } from "~/i18n/locale.server";
import { handleIntents, intent } from "~/lib/action.server";
import { parseFormData } from "~/lib/forms.server";
import { ok } from "~/lib/outcome";
import { LanguageSchema, safeRedirect } from "~/modules/accounts/account.schema";
import { setUserLocale } from "~/modules/accounts/account.repository.server";

export async function loader() {
  return redirect("/");
}

const guard = ({ context }: ActionFunctionArgs) => ({ db: getDb(), user: context.user });

/** Remembers the chosen language in a cookie (and on the account, for mails) and goes back. */
export const action = (args: ActionFunctionArgs) =>
  handleIntents(args, guard, {
    // The header's language switch posts without an intent; a choice that cannot be read goes home.
    "": intent({
      async run(g, _raw, { form }) {
        const parsed = parseFormData(form, LanguageSchema);
        if (!parsed.ok) return ok(null);
        const { locale, returnTo } = parsed.data;
        if (g.user) await setUserLocale(g.db, g.user.id, locale);
        return ok({ to: safeRedirect(returnTo, "/"), cookie: localeCookie(locale, config().secureCookies) });
      },
      done: (_g, chosen) => (chosen ? redirect(chosen.to, { headers: { "Set-Cookie": chosen.cookie } }) : redirect("/")),
    }),
  });
