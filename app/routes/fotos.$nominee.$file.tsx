import type { LoaderFunctionArgs } from "@remix-run/node";
import { hasPrivilege } from "~/auth/guards.server";
import { getDb } from "~/db.server";
import { UUID } from "~/modules/awards/edition.server";
import { photoFile } from "~/modules/photos/photos.server";

// A candidate's photo or logo (ADR 0017): /fotos/<nominee>/<hash>.webp (480 px) or <hash>-klein.webp
// (96 px). The content hash is in the address, so a public image never changes: cached for a year,
// immutable. Only a public candidate's image is public; an organizer of the award also sees the image
// of a nominee still in moderation (never cached by others). Anything else is simply not found.
const FILE = /^([0-9a-f]{64})(-klein)?\.webp$/;

export async function loader({ params, request, context }: LoaderFunctionArgs) {
  const file = FILE.exec(params.file ?? "");
  if (!file || !UUID.test(params.nominee ?? "")) throw new Response("Not found", { status: 404 });
  const hash = file[1]!;
  const db = getDb();
  const photo = await photoFile(db, params.nominee!, hash, file[2] ? "thumb" : "full");
  if (!photo) throw new Response("Not found", { status: 404 });
  const visible = photo.is_candidate || (await hasPrivilege(context, { role: "organizer", awardId: photo.award_id }));
  if (!visible) throw new Response("Not found", { status: 404 });
  const headers = new Headers({
    "Content-Type": photo.mime,
    ETag: `"${hash}${file[2] ?? ""}"`,
    "Cache-Control": photo.is_candidate ? "public, max-age=31536000, immutable" : "private, no-cache",
    "Content-Disposition": "inline",
    "X-Content-Type-Options": "nosniff",
  });
  if (request.headers.get("if-none-match") === headers.get("ETag")) return new Response(null, { status: 304, headers });
  return new Response(new Uint8Array(photo.bytes), {
    status: 200,
    headers: { ...Object.fromEntries(headers), "Content-Length": String(photo.bytes.length) },
  });
}
