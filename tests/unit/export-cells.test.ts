import { describe, expect, it } from "vitest";
import { cellText, isoAmsterdam, neutralise, neutraliseCsv } from "~/modules/exports/cells";

describe("neutralise (OWASP CSV injection)", () => {
  it.each([
    ["=1+2", "'=1+2"],
    ['=HYPERLINK("https://evil.example","klik")', `'=HYPERLINK("https://evil.example","klik")`],
    ["+31 6 12345678", "'+31 6 12345678"],
    ["-2+3", "'-2+3"],
    ["@SUM(A1:A9)", "'@SUM(A1:A9)"],
    ["\t=1", "'\t=1"],
    ["\r=1", "'\r=1"],
    ["Jan de Vries", "Jan de Vries"],
    ["", ""],
    ["a=b", "a=b"],
  ])("%j → %j", (input, output) => {
    expect(neutralise(input)).toBe(output);
  });

  it("leaves numbers, booleans and empty values alone", () => {
    expect(cellText(-3)).toBe("-3");
    expect(cellText(true)).toBe("true");
    expect(cellText(null)).toBe("");
    expect(cellText(undefined)).toBe("");
  });
});

describe("neutraliseCsv (formula starts after every separator a reader may split on, ADR 0019)", () => {
  it.each([
    ["=1+2", "'=1+2"],
    ["ok;=1+1", "ok;'=1+1"],
    ['x;=HYPERLINK("http://evil.example";"klik")', `x;'=HYPERLINK("http://evil.example";"klik")`],
    ["a,=1", "a,'=1"],
    ["regel\n=2*3", "regel\n'=2*3"],
    ["regel\r=2*3", "regel\r'=2*3"],
    ["regel\r\n@SUM(1)", "regel\r\n'@SUM(1)"],
    ["tab\t+1", "tab\t'+1"],
    ["\t=1", "'\t'=1"],
    ["\r=1", "'\r'=1"],
    ["a; =1", "a;' =1"],
    ["＝1+1", "'＝1+1"],
    ["a;＠x", "a;'＠x"],
    ["-1", "'-1"],
    ["Jan de Vries; Anna", "Jan de Vries; Anna"],
    ["a - b = c", "a - b = c"],
    ["", ""],
  ])("%j → %j", (input, output) => {
    expect(neutraliseCsv(input)).toBe(output);
  });

  it("is what cellText writes for text", () => {
    expect(cellText("ok;=1+1")).toBe("ok;'=1+1");
  });
});

describe("isoAmsterdam", () => {
  it("gives wall-clock time with the offset, winter and summer", () => {
    expect(isoAmsterdam(new Date("2026-11-23T17:30:05Z"))).toBe("2026-11-23T18:30:05+01:00");
    expect(isoAmsterdam(new Date("2026-07-01T10:00:00.999Z"))).toBe("2026-07-01T12:00:00+02:00");
  });
  it("handles the night the clocks go back (two instants, two offsets)", () => {
    expect(isoAmsterdam(new Date("2026-10-25T00:30:00Z"))).toBe("2026-10-25T02:30:00+02:00");
    expect(isoAmsterdam(new Date("2026-10-25T01:30:00Z"))).toBe("2026-10-25T02:30:00+01:00");
  });
  it("is what cellText writes for dates", () => {
    expect(cellText(new Date("2026-01-01T00:00:00Z"))).toBe("2026-01-01T01:00:00+01:00");
  });
  it("equals Intl's own Amsterdam wall-clock time at every instant tried, 2025–2027 and around each clock change", () => {
    const intl = new Intl.DateTimeFormat("sv-SE", { timeZone: "Europe/Amsterdam", dateStyle: "short", timeStyle: "medium" });
    const offsetOf = (d: Date) => {
      const name = new Intl.DateTimeFormat("en-GB", { timeZone: "Europe/Amsterdam", timeZoneName: "longOffset" })
        .formatToParts(d)
        .find((p) => p.type === "timeZoneName")!.value;
      return name.replace("GMT", "");
    };
    const instants: Date[] = [];
    for (let t = Date.UTC(2025, 0, 1); t < Date.UTC(2028, 0, 1); t += 7_919_000) instants.push(new Date(t));
    for (const y of [2025, 2026, 2027])
      for (const m of [2, 9])
        for (let d = 24; d <= 31; d++) for (let s = -2; s <= 2; s++) instants.push(new Date(Date.UTC(y, m, d, 1, 0, 0) + s * 1000 + 999));
    for (const d of instants) {
      const whole = new Date(Math.floor(d.getTime() / 1000) * 1000);
      expect(isoAmsterdam(d), d.toISOString()).toBe(`${intl.format(whole).replace(" ", "T")}${offsetOf(whole)}`);
    }
  });
});
