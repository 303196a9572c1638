import { describe, expect, it } from "vitest";
import { auditChanges, changesText, valueText } from "~/modules/audit/audit-diff";

describe("audit diff", () => {
  it("lists only the keys whose value changed, after's keys first", () => {
    const changes = auditChanges(
      { status: "proposed", name: "Anna", tags: ["a"], gone: 1 },
      { status: "selected", name: "Anna", tags: ["a", "b"], added: { x: 1 } },
    );
    expect(changes).toEqual([
      { key: "status", before: "proposed", after: "selected" },
      { key: "tags", before: '["a"]', after: '["a","b"]' },
      { key: "added", before: null, after: '{"x":1}' },
      { key: "gone", before: "1", after: null },
    ]);
  });

  it("a creation lists every key of after, a removal every key of before; nothing is nothing", () => {
    expect(auditChanges(null, { a: 1, b: "x" })).toEqual([
      { key: "a", before: null, after: "1" },
      { key: "b", before: null, after: "x" },
    ]);
    expect(auditChanges({ a: true }, undefined)).toEqual([{ key: "a", before: "true", after: null }]);
    expect(auditChanges(null, null)).toEqual([]);
    expect(auditChanges({ a: 1 }, { a: 1 })).toEqual([]);
  });

  it("null and absent count as the same; non-objects are compared whole", () => {
    expect(auditChanges({ a: null }, {})).toEqual([]);
    expect(auditChanges([1], [1, 2])).toEqual([{ key: "", before: "[1]", after: "[1,2]" }]);
    expect(auditChanges("x", "x")).toEqual([]);
  });

  it("cuts long values and writes a one-line summary for exports", () => {
    expect(valueText("x".repeat(500))).toHaveLength(300);
    expect(valueText("x".repeat(500))!.endsWith("…")).toBe(true);
    expect(changesText(auditChanges({ s: "a" }, { s: "b", n: 2 }))).toBe("s: a → b; n: ∅ → 2");
    expect(changesText(auditChanges(1, 2))).toBe("1 → 2");
  });
});
