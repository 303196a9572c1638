import { redirect, type ActionFunctionArgs } from "@remix-run/node";
import { invalidateSession } from "~/auth/lucia.server";
import { handleIntents, intent } from "~/lib/action.server";
import { withNotice } from "~/lib/notice";
import { ok } from "~/lib/outcome";
import { afterSignOut } from "~/modules/identity/sign-out.server";

// Logging out is a POST (with the Origin check); a GET only sends the visitor home.
export async function loader() {
  return redirect("/");
}

function guard({ context }: ActionFunctionArgs) {
  if (!context.session) throw redirect("/");
  return { session: context.session, locale: context.locale };
}

export const action = (args: ActionFunctionArgs) =>
  handleIntents(args, guard, {
    // The header's logout button posts without an intent. Lauwer's session ends first, whatever the
    // provider does; a session started at an identity provider then goes on to sign out there (ADR 0025).
    "": intent({
      run: async (g) => {
        const cookie = await invalidateSession(g.session.id);
        return ok({ cookie, next: await afterSignOut(g.session.authMethod, g.locale) });
      },
      done: (_g, { cookie, next }) =>
        next
          ? redirect(next, { status: 303, headers: { "Set-Cookie": cookie } })
          : redirect(withNotice("/", "logout.done"), { headers: { "Set-Cookie": cookie } }),
    }),
  });
