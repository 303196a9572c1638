import type { LoaderFunctionArgs } from "@remix-run/node";
import { getDb } from "~/db.server";
import { loadEdition } from "~/modules/awards/edition.server";
import { publishedSnapshot, versionParam } from "~/modules/results/public.server";
import { listFile, readList } from "~/modules/results/recount.server";

/**
 * A recount list of a published version (stemmen.json|csv, stembewijzen.json|csv): the frozen bytes
 * whose SHA-256 the results file holds, streamed in slices.
 */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const db = getDb();
  const edition = await loadEdition(db, params.award, params.year, context.locale);
  const file = listFile(params.file);
  const position = /^\d{1,3}$/.test(params.position ?? "") ? Number(params.position) : null;
  const published = file && position !== null ? await publishedSnapshot(db, edition.id, versionParam(new URL(request.url))) : null;
  const list = published && file && position !== null ? await readList(db, edition.id, published.version, position, file) : null;
  if (!published || !file || !list) throw new Response("Not found", { status: 404 });
  const chunks = list.chunks();
  const encoder = new TextEncoder();
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      const next = await chunks.next();
      if (next.done) controller.close();
      else controller.enqueue(encoder.encode(next.value));
    },
    async cancel() {
      await chunks.return(undefined);
    },
  });
  const name = `${file.file.replace(/\.(json|csv)$/, "")}-${edition.awardSlug}-${edition.year}-ronde${position}-v${published.version}.${file.format}`;
  return new Response(body, {
    headers: {
      "Content-Type": file.format === "json" ? "application/json; charset=utf-8" : "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${name}"`,
      "X-Content-SHA256": list.sha256,
      "Cache-Control": "public, max-age=300",
    },
  });
}
