// The downloads offered per dataset on the export pages: the formats, with the CSV twice — with "," (RFC 4180,
// for most programs) and with ";" for spreadsheets with Dutch regional settings (ADR 0019).

export const DOWNLOADS = ["csv", "csv-nl", "xlsx", "json"] as const;
export type DownloadKind = (typeof DOWNLOADS)[number];

/** The file in the URL of a download: `kandidaten.csv`, `kandidaten.nl.csv`, `kandidaten.xlsx`… */
export function downloadFile(dataset: string, kind: string): string {
  return kind === "csv-nl" ? `${dataset}.nl.csv` : `${dataset}.${kind}`;
}
