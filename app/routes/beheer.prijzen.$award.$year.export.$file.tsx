import type { LoaderFunctionArgs } from "@remix-run/node";
import { getDb, getPool } from "~/db.server";
import { actorFrom } from "~/modules/audit/audit.server";
import { recordExport } from "~/modules/audit/export-audit.server";
import { requireEditionOrganizer } from "~/modules/awards/guard.server";
import { AWARD_DATASETS, awardExportSpec } from "~/modules/exports/award-datasets.server";
import { parseExportFile } from "~/modules/exports/export.server";
import { exportResponse } from "~/lib/download.server";

/** `<dataset>.<format>`: one dataset of the edition, streamed, for organizers of its award only. */
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { edition } = await requireEditionOrganizer(request, context, params);
  const file = parseExportFile(params.file, AWARD_DATASETS);
  if (!file) throw new Response("Not found", { status: 404 });
  const db = getDb();
  // Audited before the first byte is sent: who exported what, when.
  await recordExport(db, actorFrom(context), {
    entityType: "edition",
    entityId: edition.id,
    dataset: file.dataset,
    format: file.format,
    separator: file.separator,
  });
  const spec = awardExportSpec(db, edition, file.dataset, context.locale, { pool: getPool() });
  return exportResponse({ spec, format: file.format, separator: file.separator, log: { dataset: file.dataset, editionId: edition.id } });
}
