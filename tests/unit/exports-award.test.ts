import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { translator } from "~/i18n/i18n";
import { AWARD_DATASETS, DATASET_COLUMNS, datasetColumns, voterPseudonym } from "~/modules/exports/award-datasets.server";
import { parseExportFile } from "~/modules/exports/export.server";

describe("award export datasets", () => {
  it("pseudonymises a voter as the first 16 hex digits of HMAC-SHA256 under the edition's secret", () => {
    const voter = "3f2c8a4e-1b7d-4c55-9e0a-6d1f2b3c4d5e";
    const salt = "a-secret-of-this-edition";
    expect(voterPseudonym(salt, voter)).toBe(createHmac("sha256", salt).update(voter).digest("hex").slice(0, 16));
    expect(voterPseudonym(salt, voter)).toMatch(/^[0-9a-f]{16}$/);
    expect(voterPseudonym(salt, voter)).toBe(voterPseudonym(salt, voter));
    expect(voterPseudonym("another-edition", voter)).not.toBe(voterPseudonym(salt, voter));
    expect(voterPseudonym(salt, voter)).not.toContain(voter.slice(0, 8));
  });

  it("has a translated header for every column in Dutch and English, and distinct keys per dataset", () => {
    for (const locale of ["nl", "en"] as const) {
      for (const d of AWARD_DATASETS) {
        const columns = datasetColumns(d, locale);
        expect(new Set(columns.map((c) => c.key)).size).toBe(columns.length);
        for (const c of columns) {
          expect(c.header, `${locale} ${d}.${c.key}`).not.toMatch(/^exports\./);
          expect(c.header.length).toBeGreaterThan(0);
        }
        expect(translator(locale)(`exports.datasets.${d}.name`)).not.toMatch(/^exports\./);
        // Sheet names in XLSX may hold 31 characters.
        expect(translator(locale)(`exports.datasets.${d}.name`).length).toBeLessThanOrEqual(31);
      }
    }
    expect(datasetColumns("stemmen", "nl").map((c) => c.key)).toEqual([...DATASET_COLUMNS.stemmen]);
    // The ballots never carry a column for the voter's identity beside the pseudonym.
    expect(DATASET_COLUMNS.stemmen.filter((k) => /voter|email|ip|device|user/i.test(k))).toEqual(["voter"]);
  });

  it("accepts exactly <dataset>.<format> in the URL", () => {
    expect(parseExportFile("stemmen.csv", AWARD_DATASETS)).toEqual({ dataset: "stemmen", format: "csv", separator: "," });
    expect(parseExportFile("juryuitslag.xlsx", AWARD_DATASETS)).toEqual({ dataset: "juryuitslag", format: "xlsx", separator: "," });
    // The CSV for spreadsheets with Dutch settings (ADR 0019); only CSV has that variant.
    expect(parseExportFile("stemmen.nl.csv", AWARD_DATASETS)).toEqual({ dataset: "stemmen", format: "csv", separator: ";" });
    for (const bad of [
      "stemmen.pdf",
      "auditlog.csv",
      "stemmen",
      "../stemmen.csv",
      "stemmen.csv.json",
      "stemmen.nl.xlsx",
      "stemmen.nl.json",
      "stemmen.en.csv",
      "stemmen.nl.nl.csv",
      "",
      undefined,
    ]) {
      expect(parseExportFile(bad, AWARD_DATASETS)).toBeNull();
    }
  });
});
