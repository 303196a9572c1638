import type { DbOrTrx } from "~/db.server";
import { writeAudit, type Actor } from "~/modules/audit/audit.server";
import { FORMATS, type ExportFormat } from "./writers.server";

// Shared plumbing for export routes: the file name in the URL (`<dataset>.<format>`), the audit entry
// every export writes (who exported what, when) and file names for downloads.

/** `stemmen.csv` → { dataset: "stemmen", format: "csv" } when both are known; otherwise null (the route answers 404). */
export function parseExportFile<D extends string>(
  file: string | undefined,
  datasets: readonly D[],
): { dataset: D; format: ExportFormat } | null {
  const m = /^([a-z0-9-]{1,40})\.([a-z]{3,4})$/.exec(file ?? "");
  if (!m) return null;
  const dataset = datasets.find((d) => d === m[1]);
  const format = FORMATS.find((f) => f === m[2]);
  return dataset && format ? { dataset, format } : null;
}

/** Every export is audited before its first byte is sent. */
export async function recordExport(
  db: DbOrTrx,
  actor: Actor,
  event: { entityType: string; entityId: string | null; dataset: string; format: ExportFormat; filters?: Record<string, unknown> },
): Promise<void> {
  await writeAudit(db, actor, {
    action: "export",
    entityType: event.entityType,
    entityId: event.entityId,
    after: { dataset: event.dataset, format: event.format, ...(event.filters ? { filters: event.filters } : {}) },
  });
}

/** A download name: lauwer-<parts joined by hyphens>-<yyyy-mm-dd>, ASCII only. */
export function exportFilename(...parts: (string | number)[]): string {
  const day = new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Amsterdam" }).format(new Date());
  return ["lauwer", ...parts, day]
    .join("-")
    .normalize("NFKD")
    .replace(/[^A-Za-z0-9-]+/g, "-")
    .replace(/-+/g, "-")
    .toLowerCase();
}
