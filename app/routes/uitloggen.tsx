import { redirect, type ActionFunctionArgs } from "@remix-run/node";
import { invalidateSession } from "~/auth/lucia.server";
import { withNotice } from "~/lib/notice";

// Logging out is a POST (with the Origin check); a GET only sends the visitor home.
export async function loader() {
  return redirect("/");
}

export async function action({ context }: ActionFunctionArgs) {
  if (!context.session) return redirect("/");
  const cookie = await invalidateSession(context.session.id);
  return redirect(withNotice("/", "logout.done"), { headers: { "Set-Cookie": cookie } });
}
