import { isoDay } from "~/lib/locale";
import { FORMATS, type CsvSeparator, type ExportFormat } from "./writers.server";

// Shared plumbing for export routes: the file name in the URL (`<dataset>.<format>`) and file names for
// downloads. The audit entry every export writes is `recordExport` in the audit module.

/**
 * `stemmen.csv` → { dataset: "stemmen", format: "csv", separator: "," } when both are known;
 * `stemmen.nl.csv` is the CSV for spreadsheets with Dutch settings (separator ";", ADR 0019);
 * otherwise null (the route answers 404).
 */
export function parseExportFile<D extends string>(
  file: string | undefined,
  datasets: readonly D[],
): { dataset: D; format: ExportFormat; separator: CsvSeparator } | null {
  const m = /^([a-z0-9-]{1,40})(\.nl)?\.([a-z]{3,4})$/.exec(file ?? "");
  if (!m) return null;
  const dataset = datasets.find((d) => d === m[1]);
  const format = FORMATS.find((f) => f === m[3]);
  if (m[2] && format !== "csv") return null;
  return dataset && format ? { dataset, format, separator: m[2] ? ";" : "," } : null;
}

/** A download name: lauwer-<parts joined by hyphens>-<yyyy-mm-dd>, ASCII only. */
export function exportFilename(...parts: (string | number)[]): string {
  const day = isoDay(new Date());
  return ["lauwer", ...parts, day]
    .join("-")
    .normalize("NFKD")
    .replace(/[^A-Za-z0-9-]+/g, "-")
    .replace(/-+/g, "-")
    .toLowerCase();
}
