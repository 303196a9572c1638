import { describe, expect, it } from "vitest";
import { isHttpsUrl, proposalSchema, sourcesOf, yearIssues } from "~/modules/book/proposal.schema";

const limits = { periodFrom: 1814, periodTo: 2014, currentYear: 2026 };
const years = (birthYear: string, deathYear: string, serviceFrom: string, serviceTo: string) =>
  yearIssues({ birthYear, deathYear, serviceFrom, serviceTo }, limits).map((i) => `${i.path}:${i.message.split(".").pop()}`);

describe("proposal years within reason", () => {
  it("accepts a plausible life and career, also without a year of death", () => {
    expect(years("1798", "1872", "1825", "1872")).toEqual([]);
    expect(years("1950", "", "1975", "2014")).toEqual([]);
    // Service that starts before the period but overlaps it.
    expect(years("1780", "1850", "1800", "1820")).toEqual([]);
  });

  it("refuses each rule at its edge", () => {
    expect(years("1699", "1760", "1720", "1750")).toContain("birthYear:birthYear");
    expect(years("2015", "", "2027", "2028")).toContain("birthYear:birthYear");
    expect(years("1800", "1799", "1820", "1830")).toContain("deathYear:deathYear");
    expect(years("1800", "1916", "1820", "1830")).toContain("deathYear:deathYear");
    expect(years("1800", "1915", "1820", "1830")).toEqual([]);
    expect(years("1950", "2027", "1975", "2000")).toContain("deathYear:deathFuture");
    expect(years("1800", "1880", "1811", "1830")).toContain("serviceFrom:serviceTooYoung");
    expect(years("1800", "1880", "1812", "1830")).toEqual([]);
    expect(years("1800", "1880", "1830", "1829")).toContain("serviceTo:serviceOrder");
    expect(years("1800", "1880", "1830", "1881")).toContain("serviceTo:serviceAfterDeath");
    expect(years("1980", "", "2000", "2030")).toContain("serviceTo:serviceFuture");
    expect(years("1700", "1815", "1720", "1813")).toContain("serviceFrom:outsidePeriod");
    expect(years("1700", "1815", "1720", "1814")).toEqual([]);
  });
});

describe("proposal schema", () => {
  const valid = {
    name: "  Johan Rudolph Thorbecke ",
    birthYear: "1798",
    deathYear: "1872",
    serviceFrom: "1825",
    serviceTo: "1872",
    organisation: "Binnenlandse Zaken",
    role: "Minister",
    motivation: "m".repeat(150),
    themeId: "5b0c7a8e-3f7e-4c55-9d55-0f2f1f0f3a11",
    source1Title: "Biografie",
    source1Url: "https://www.parlement.com/thorbecke",
  };
  it("trims, fills the optional rows, and keeps only complete sources", () => {
    const result = proposalSchema(limits).safeParse(valid);
    expect(result.success).toBe(true);
    if (!result.success) return;
    expect(result.data.name).toBe("Johan Rudolph Thorbecke");
    expect(result.data.confirmDifferent).toBe(false);
    expect(sourcesOf(result.data)).toEqual([{ title: "Biografie", url: "https://www.parlement.com/thorbecke" }]);
  });

  it("names the field of each problem with a translation key", () => {
    const issues = (over: Record<string, string>) => {
      const r = proposalSchema(limits).safeParse({ ...valid, ...over });
      return r.success ? [] : r.error.issues.map((i) => `${String(i.path[0])}:${i.message}`);
    };
    expect(issues({ motivation: "m".repeat(149) })).toContain("motivation:bookProposals.errors.tooShort");
    expect(issues({ motivation: "m".repeat(3001) })).toContain("motivation:bookProposals.errors.tooLong");
    expect(issues({ source1Url: "" })).toContain("source1Url:errors.required");
    expect(issues({ source2Url: "https://example.nl" })).toContain("source2Title:errors.required");
    expect(issues({ source2Title: "T", source2Url: "https://example.nl" })).toContain("source2Title:bookProposals.errors.tooShort");
    expect(issues({ confirmDifferent: "on" })).toEqual([]);
  });

  it("counts characters as PostgreSQL does (code points) and never lets a birth year past 2010 reach the database", () => {
    const issues = (over: Record<string, string>, l = limits) => {
      const r = proposalSchema(l).safeParse({ ...valid, ...over });
      return r.success ? [] : r.error.issues.map((i) => `${String(i.path[0])}:${i.message}`);
    };
    expect(issues({ name: "𝒜" })).toContain("name:bookProposals.errors.tooShort");
    expect(issues({ name: "𝒜".repeat(120) })).toEqual([]);
    expect(issues({ source1Title: "𝒜" })).toContain("source1Title:bookProposals.errors.tooShort");
    const late = { ...limits, periodTo: 2100 };
    expect(issues({ birthYear: "2011", deathYear: "", serviceFrom: "2023", serviceTo: "2025" }, late)).toContain(
      "birthYear:bookProposals.errors.birthYear",
    );
    expect(issues({ birthYear: "2010", deathYear: "", serviceFrom: "2023", serviceTo: "2025" }, late)).toEqual([]);
  });

  it("accepts only https links without credentials", () => {
    expect(isHttpsUrl("https://example.nl/a?b=c")).toBe(true);
    expect(isHttpsUrl("http://example.nl")).toBe(false);
    expect(isHttpsUrl("https://user:pw@example.nl")).toBe(false);
    expect(isHttpsUrl("https://exa mple.nl")).toBe(false);
    expect(isHttpsUrl("javascript:alert(1)")).toBe(false);
    expect(isHttpsUrl(`https://example.nl/${"a".repeat(2000)}`)).toBe(false);
  });
});
