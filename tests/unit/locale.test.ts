import { describe, expect, it } from "vitest";
import { dateTimeLocalValue, formatDate, formatNumber, intlLocale, isoDay, pick, TIME_ZONE } from "~/lib/locale";

describe("locale helpers", () => {
  it("picks the English text on English pages only when there is one", () => {
    expect(pick("en", "Prijs", "Award")).toBe("Award");
    expect(pick("en", "Prijs", "")).toBe("Prijs");
    expect(pick("nl", "Prijs", "Award")).toBe("Prijs");
  });

  it("maps page languages to Intl locales", () => {
    expect(intlLocale("nl")).toBe("nl-NL");
    expect(intlLocale("en")).toBe("en-GB");
    expect(TIME_ZONE).toBe("Europe/Amsterdam");
  });

  it("formats numbers the Dutch way on Dutch pages", () => {
    expect(formatNumber("nl", 81.5)).toBe("81,5");
    expect(formatNumber("en", 81.5)).toBe("81.5");
    expect(formatNumber("nl", 1234)).toBe("1.234");
    expect(formatNumber("nl", 64.4444, { minimumFractionDigits: 1, maximumFractionDigits: 1 })).toBe("64,4");
  });

  it("shows dates in Amsterdam time, whatever the machine's zone", () => {
    // 23:30 UTC on 31 December is already New Year's Day in Amsterdam.
    const instant = new Date("2026-12-31T23:30:00Z");
    expect(formatDate("nl", instant)).toBe("1 januari 2027");
    expect(formatDate("en", instant)).toBe("1 January 2027");
    expect(formatDate("nl", instant.toISOString(), { timeStyle: "short" })).toBe("00:30");
  });

  it("gives machine values in Amsterdam wall-clock time, across daylight saving time", () => {
    expect(isoDay(new Date("2026-12-31T23:30:00Z"))).toBe("2027-01-01");
    expect(dateTimeLocalValue(new Date("2026-07-01T10:05:00Z"))).toBe("2026-07-01T12:05");
    expect(dateTimeLocalValue(new Date("2026-01-01T00:00:00Z"))).toBe("2026-01-01T01:00");
    expect(dateTimeLocalValue(null)).toBe("");
  });
});
