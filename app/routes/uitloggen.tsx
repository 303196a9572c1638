import { redirect, type ActionFunctionArgs } from "@remix-run/node";
import { invalidateSession } from "~/auth/lucia.server";
import { handleIntents, intent } from "~/lib/action.server";
import { withNotice } from "~/lib/notice";
import { ok } from "~/lib/outcome";

// Logging out is a POST (with the Origin check); a GET only sends the visitor home.
export async function loader() {
  return redirect("/");
}

function guard({ context }: ActionFunctionArgs) {
  if (!context.session) throw redirect("/");
  return context.session;
}

export const action = (args: ActionFunctionArgs) =>
  handleIntents(args, guard, {
    // The header's logout button posts without an intent.
    "": intent({
      run: async (session) => ok(await invalidateSession(session.id)),
      done: (_session, cookie) => redirect(withNotice("/", "logout.done"), { headers: { "Set-Cookie": cookie } }),
    }),
  });
