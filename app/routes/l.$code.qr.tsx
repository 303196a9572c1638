import type { LoaderFunctionArgs } from "@remix-run/node";
import QRCode from "qrcode";
import { config } from "~/config.server";
import { getDb } from "~/db.server";
import { resolveShortCode } from "~/modules/voting/live.server";

/** The QR code of a live vote's short URL, as SVG (drawn on the server, no script needed). */
export async function loader({ params }: LoaderFunctionArgs) {
  const row = await resolveShortCode(getDb(), params.code);
  if (!row) throw new Response("Not found", { status: 404 });
  const svg = await QRCode.toString(`${config().origin}/l/${params.code!.toUpperCase()}`, {
    type: "svg",
    errorCorrectionLevel: "M",
    margin: 2,
  });
  return new Response(svg, { headers: { "Content-Type": "image/svg+xml; charset=utf-8", "Cache-Control": "public, max-age=3600" } });
}
