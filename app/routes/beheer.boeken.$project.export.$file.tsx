import type { LoaderFunctionArgs } from "@remix-run/node";
import { getDb } from "~/db.server";
import { translator } from "~/i18n/i18n";
import { actorFrom } from "~/modules/audit/audit.server";
import { recordExport } from "~/modules/audit/export-audit.server";
import { requireProjectEditor } from "~/modules/book/project.server";
import { BOOK_DATASETS, bookExportSpec } from "~/modules/exports/book-datasets.server";
import { exportFilename, parseExportFile } from "~/modules/exports/export.server";
import { exportResponse } from "~/lib/download.server";

/** `<dataset>.<format>`: one dataset of the book project, streamed, for its editors only. */
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { project } = await requireProjectEditor(request, context, params);
  const file = parseExportFile(params.file, BOOK_DATASETS);
  if (!file) throw new Response("Not found", { status: 404 });
  const db = getDb();
  // Audited before the first byte is sent: who exported what, when.
  await recordExport(db, actorFrom(context), {
    entityType: "book_project",
    entityId: project.id,
    dataset: file.dataset,
    format: file.format,
    separator: file.separator,
  });
  const t = translator(context.locale);
  const spec = bookExportSpec(db, project, file.dataset, t, context.locale, exportFilename(file.dataset, project.slug));
  return exportResponse({ spec, format: file.format, separator: file.separator, log: { dataset: file.dataset, projectId: project.id } });
}
