import { describe, expect, it } from "vitest";
import { activeFilters, EMPTY_FILTERS, filterQuery, isoDate, parseAuditFilters } from "~/modules/audit/audit-filters";

const parse = (q: string) => parseAuditFilters(new URLSearchParams(q));

describe("audit filters", () => {
  it("read every filter from its Dutch query name", () => {
    const { filters, errors, page } = parse(
      "wie=Anna&actie=round.publish&soort=round&onderwerp=abc&van=2026-03-01&tot=2026-03-31&pagina=3",
    );
    expect(errors).toEqual({});
    expect(filters).toEqual({
      actor: "Anna",
      action: "round.publish",
      entityType: "round",
      entityId: "abc",
      from: "2026-03-01",
      to: "2026-03-31",
    });
    expect(page).toBe(3);
  });

  it("trim text, strip control characters and bound the actor search", () => {
    const { filters } = parse(`wie=${encodeURIComponent("  a\u0000b\n ")}&onderwerp=${encodeURIComponent(" x ")}`);
    expect(filters.actor).toBe("a b");
    expect(filters.entityId).toBe("x");
    expect(parse(`wie=${"y".repeat(300)}`).filters.actor).toHaveLength(100);
  });

  it("give an error key for values that do not fit", () => {
    expect(parse("actie=DROP TABLE").errors).toEqual({ action: "auditLog.errors.action" });
    expect(parse("soort=round-1").errors).toEqual({ entityType: "auditLog.errors.entityType" });
    expect(parse(`onderwerp=${"x".repeat(101)}`).errors).toEqual({ entityId: "auditLog.errors.entityId" });
    expect(parse("van=2026-02-29").errors).toEqual({ from: "auditLog.errors.date" }); // not a leap year
    expect(parse("tot=01-03-2026").errors).toEqual({ to: "auditLog.errors.date" });
    expect(parse("van=2026-03-02&tot=2026-03-01").errors).toEqual({ to: "auditLog.errors.range" });
    expect(parse("van=2026-03-01&tot=2026-03-01").errors).toEqual({});
  });

  it("calendar dates only, years 2000–2999", () => {
    expect(isoDate("2028-02-29")).toBe("2028-02-29");
    expect(isoDate("2026-13-01")).toBeNull();
    expect(isoDate("1999-12-31")).toBeNull();
    expect(isoDate("2026-1-1")).toBeNull();
  });

  it("bad page numbers mean page 1", () => {
    for (const p of ["0", "-1", "abc", "1.5", "9999999", ""]) expect(parse(`pagina=${p}`).page).toBe(1);
  });

  it("write the same query back, leaving empty filters out", () => {
    const { filters } = parse("wie=a b&actie=export&van=2026-01-01");
    expect(filterQuery(filters)).toBe("?wie=a+b&actie=export&van=2026-01-01");
    expect(filterQuery(filters, 2)).toBe("?wie=a+b&actie=export&van=2026-01-01&pagina=2");
    expect(filterQuery(EMPTY_FILTERS)).toBe("");
    expect(activeFilters(filters)).toEqual({ actor: "a b", action: "export", from: "2026-01-01" });
  });
});
