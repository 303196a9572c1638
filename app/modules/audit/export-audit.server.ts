import type { DbOrTrx } from "~/db.server";
import type { CsvSeparator, ExportFormat } from "~/modules/exports/writers.server";
import { writeAudit, type Actor } from "./audit.server";

/** Every export is audited before its first byte is sent. */
export async function recordExport(
  db: DbOrTrx,
  actor: Actor,
  event: {
    entityType: string;
    entityId: string | null;
    dataset: string;
    format: ExportFormat;
    /** Recorded only for the ";"-separated CSV (ADR 0019). */
    separator?: CsvSeparator;
    filters?: Record<string, unknown>;
  },
): Promise<void> {
  await writeAudit(db, actor, {
    action: "export",
    entityType: event.entityType,
    entityId: event.entityId,
    after: {
      dataset: event.dataset,
      format: event.format,
      ...(event.separator === ";" ? { separator: ";" } : {}),
      ...(event.filters ? { filters: event.filters } : {}),
    },
  });
}
