import { describe, expect, it } from "vitest";
import { canonicalJson } from "~/modules/results/canonical";

describe("canonical JSON", () => {
  it("sorts keys at every level and leaves out whitespace", () => {
    expect(canonicalJson({ b: 1, a: [{ d: "x", c: null }], é: true, A: 2 })).toBe('{"A":2,"a":[{"c":null,"d":"x"}],"b":1,"é":true}');
  });

  it("gives the same bytes whatever order the keys were built in", () => {
    const one = { year: 2026, prizes: [{ name: { nl: "Juryprijs", en: "Jury prize" }, places: 3 }] };
    const two = { prizes: [{ places: 3, name: { en: "Jury prize", nl: "Juryprijs" } }], year: 2026 };
    expect(canonicalJson(one)).toBe(canonicalJson(two));
  });

  it("refuses numbers JSON cannot carry", () => {
    expect(() => canonicalJson({ score: Number.NaN })).toThrow(RangeError);
    expect(() => canonicalJson([Number.POSITIVE_INFINITY])).toThrow(RangeError);
  });
});
