import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { organizerEn } from "~/i18n/locales/organizer.en";
import { organizerNl } from "~/i18n/locales/organizer.nl";
import { AUDIT_ACTIONS, auditWordChanges, collectIds, fieldName, type RefName } from "~/modules/audit/audit-words";
import { STATUS_TARGETS } from "~/modules/book/editorial.schema";
import { EDITOR_ACTIONS } from "~/modules/book/manuscript.schema";

async function sourceFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const nested = await Promise.all(
    entries.map((e) => {
      const full = path.join(dir, e.name);
      if (e.isDirectory()) return sourceFiles(full);
      return Promise.resolve(/\.(ts|tsx)$/.test(e.name) ? [full] : []);
    }),
  );
  return nested.flat();
}

const key = (code: string) => code.replace(/\./g, "_");

describe("audit actions in words", () => {
  it("every action code the app writes is declared, and every declared code has a Dutch and an English text", async () => {
    const found = new Set<string>();
    const files = [...(await sourceFiles(path.resolve("app"))), ...(await sourceFiles(path.resolve("seed")))].filter(
      (f) => !f.startsWith(path.resolve("app/modules/audit")),
    );
    for (const file of files) {
      const text = await readFile(file, "utf8");
      if (!/writeAudit|changeNominee|recordExport|insertInto\("audit_log"\)/.test(text)) continue;
      for (const m of text.matchAll(/action:\s*(?:latest \? )?"([a-z]+\.[a-zA-Z_.]+)"(?:\s*:\s*"([a-z]+\.[a-zA-Z_.]+)")?/g)) {
        found.add(m[1]!);
        if (m[2]) found.add(m[2]);
      }
      // A code chosen by a condition: action: x ? "a.b" : "c.d".
      for (const m of text.matchAll(/action:\s*[\w.!]+\s*\?\s*"([a-z]+\.[a-zA-Z_.]+)"\s*:\s*"([a-z]+\.[a-zA-Z_.]+)"/g)) {
        found.add(m[1]!);
        found.add(m[2]!);
      }
      // Moderation passes its code as an argument.
      for (const m of text.matchAll(/changeNominee\([^;]*?"(nominee\.[a-z]+)",/g)) found.add(m[1]!);
    }
    // The codes built from a variable.
    for (const to of STATUS_TARGETS) found.add(`book.proposal.${to}`);
    for (const a of EDITOR_ACTIONS) found.add(`book.manuscript.${a}`);
    for (const a of ["open", "close", "reveal"]) found.add(`round.live.${a}`);
    found.add("export");
    // Sanity: the scan sees the writers.
    expect(found).toContain("round.select");
    expect(found).toContain("nominee.approve");
    expect(found).toContain("results.supersede");
    expect(found).toContain("seed.demo");
    const declared = new Set<string>(AUDIT_ACTIONS);
    expect([...found].filter((c) => !declared.has(c))).toEqual([]);
    const nlActions = organizerNl.audit.actions as Record<string, string>;
    const enActions = organizerEn.audit.actions as Record<string, string>;
    for (const code of AUDIT_ACTIONS) {
      expect(nlActions[key(code)], code).toBeTruthy();
      expect(enActions[key(code)], code).toBeTruthy();
    }
  });

  it("names ids, keeps times and yes/no typed, and labels fields by their snake_case name", () => {
    const round = "3dd0a1b2-0000-4000-8000-000000000001";
    const gone = "3dd0a1b2-0000-4000-8000-000000000002";
    const names = new Map<string, RefName>([[round, { kind: "round", name: "Ronde 3 – Shortlist" }]]);
    const before = { jury_round_id: null, blind: false };
    const after = { jury_round_id: round, blind: true, opensAt: "2026-12-03T13:02:00.000Z", removed: gone };
    expect(collectIds(after, new Set())).toEqual(new Set([round, gone]));
    expect(auditWordChanges(before, after, names)).toEqual([
      { key: "jury_round_id", before: null, after: { t: "ref", kind: "round", name: "Ronde 3 – Shortlist" } },
      { key: "blind", before: { t: "bool", v: false }, after: { t: "bool", v: true } },
      { key: "opensAt", before: null, after: { t: "time", v: "2026-12-03T13:02:00.000Z" } },
      { key: "removed", before: null, after: { t: "ref", kind: "unknown", name: null } },
    ]);
    expect(fieldName("opensAt")).toBe("opens_at");
    expect(organizerNl.audit.fields.jury_round_id).toBe("Juryronde");
  });
});
