import { redirect, type LoaderFunctionArgs } from "@remix-run/node";
import { getDb } from "~/db.server";
import { resolveShortCode, roundPath } from "~/modules/voting/live.server";

/** The short URL shown in the room (and inside the QR code) for a live vote. */
export async function loader({ params }: LoaderFunctionArgs) {
  const row = await resolveShortCode(getDb(), params.code);
  if (!row) throw new Response("Not found", { status: 404 });
  return redirect(roundPath(row));
}
