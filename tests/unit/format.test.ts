import { describe, expect, it } from "vitest";
import { formats } from "~/lib/format";

describe("number and date formats", () => {
  const nl = formats("nl");
  const en = formats("en");

  it("writes counts with the page's thousands separator", () => {
    expect(nl.count(1234)).toBe("1.234");
    expect(en.count(1234)).toBe("1,234");
    expect(nl.count(37)).toBe("37");
  });

  it("writes a score with a decimal comma on Dutch pages, and whole scores without decimals", () => {
    expect(nl.score(81.5)).toBe("81,5");
    expect(en.score(81.5)).toBe("81.5");
    expect(nl.score(64.4444)).toBe("64,4");
    expect(nl.score(80)).toBe("80");
  });

  it("writes shares as percentages", () => {
    expect(nl.percent(0.815)).toBe("81,5%");
    expect(en.percent(0.815)).toBe("81.5%");
  });

  it("writes dates and times in Amsterdam time, in the page's language", () => {
    const closes = new Date("2026-12-13T16:00:00Z"); // 17:00 in Amsterdam (winter time)
    expect(nl.date(closes)).toBe("13 december 2026");
    expect(en.date(closes)).toBe("13 December 2026");
    expect(nl.shortDate(closes)).toBe("13 december");
    expect(nl.dateTime(closes)).toBe("13 december 2026 om 17:00");
    expect(en.dateTime(closes)).toBe("13 December 2026 at 17:00");
    // Late on New Year's Eve in UTC is already the next day in Amsterdam.
    expect(nl.date("2026-12-31T23:30:00Z")).toBe("1 januari 2027");
  });
});
