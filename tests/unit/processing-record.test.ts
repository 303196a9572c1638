import { readFileSync } from "node:fs";
import path from "node:path";
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { I18nextProvider } from "react-i18next";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { createI18n, translator, type Locale } from "~/i18n/i18n";
import { PrivacyStatement, type PrivacyFacts } from "~/modules/legal/components/privacy-statement";
import { ACTIVITIES, PROCESSING, RETENTION } from "~/modules/privacy/processing";
import { registerMarkdown, registerSection } from "~/modules/privacy/processing-text";

// The record of processing (issue #19 item 4, ADR 0044): the privacy statement, docs/privacy.md's
// register and the jobs that enforce a period say the same thing.

// The cleanup job's statements, as PostgreSQL would receive them.
const queries: Array<{ text: string; values: unknown[] }> = [];
vi.mock("~/db.server", () => ({
  getPool: () => ({
    query: (text: string, values: unknown[] = []) => {
      queries.push({ text, values });
      return Promise.resolve({ rows: [], rowCount: 0 });
    },
  }),
}));
const { deleteExpiredRateLimits } = await import("~/modules/rate-limit/rate-limit.server");

const facts: PrivacyFacts = {
  settings: {
    organisation: "Gemeente Voorbeeldstad",
    controller: "Het college van Voorbeeldstad",
    contactEmail: "privacy@voorbeeldstad.nl",
    postalAddress: "",
    dpoName: "Frits",
    dpoEmail: "fg@voorbeeldstad.nl",
    statementDate: "2026-11-30",
    lastCheckDate: "",
    compliance: "initial",
    limitationsNl: "",
    limitationsEn: "",
  },
  periods: [{ edition: "Lauwer 2026", days: 200, anonymised: false }],
  // Not the defaults (60, 12): the statement must quote this installation's settings.
  sessionIdleMinutes: 47,
  sessionAbsoluteHours: 9,
  mailConfigured: true,
};

function render(locale: Locale, overrides: Partial<PrivacyFacts> = {}): string {
  const i18n = createI18n(locale);
  return renderToStaticMarkup(createElement(I18nextProvider, { i18n }, createElement(PrivacyStatement, { ...facts, ...overrides })));
}

/** The text of one activity's section of the statement (from its h3 to the next section), tags removed. */
function sectionText(html: string, key: string): string {
  const start = html.indexOf(`id="processing-${key}"`);
  expect(start, `the statement has a section for ${key}`).toBeGreaterThan(0);
  const end = html.indexOf("</section>", start);
  return html
    .slice(start, end)
    .replace(/<[^>]+>/g, " ")
    .replace(/\s+/g, " ");
}

/** The whole statement as text. */
function text(html: string): string {
  return html.replace(/<[^>]+>/g, " ").replace(/\s+/g, " ");
}

/** Whole numbers in a text (so "9" does not match inside "90"). */
function numbers(s: string): number[] {
  return [...s.matchAll(/\d+/g)].map((m) => Number(m[0]));
}

describe("the record of processing", () => {
  beforeEach(() => {
    queries.length = 0;
  });

  it("docs/privacy.md's register (art. 30) is what the record renders now (run npm run privacy:register)", () => {
    const doc = readFileSync(path.resolve(__dirname, "../../docs/privacy.md"), "utf8");
    const section = registerSection(doc);
    expect(section, "docs/privacy.md has the register between its markers").not.toBeNull();
    expect(section).toBe(registerMarkdown(translator("en")));
  });

  it("docs/privacy.md's and deploy.md's own text quote the record's backup and default edition periods", () => {
    const doc = readFileSync(path.resolve(__dirname, "../../docs/privacy.md"), "utf8");
    const prose = doc.slice(0, doc.indexOf("<!-- processing-register:start"));
    expect(numbers(prose.match(/at most \*\*(\d+) days\*\*/)?.[1] ?? "")).toEqual([RETENTION.backupDays]);
    expect(numbers(prose.match(/default (\d+) days/)?.[1] ?? "")).toEqual([RETENTION.editionDefaultDays]);
    const deploy = readFileSync(path.resolve(__dirname, "../../docs/deploy.md"), "utf8");
    expect(numbers(deploy.match(/delete copies older than (\d+) days/)?.[1] ?? "")).toEqual([RETENTION.backupDays]);
  });

  it("the login cleanup forgets known places and login counts after the periods the statement quotes", async () => {
    await deleteExpiredRateLimits();
    const knownPlaces = queries.find((q) => q.text.includes("login_known_ip"));
    const attempts = queries.find((q) => q.text.includes("login_throttle"));
    expect(knownPlaces?.text).toContain("make_interval(days => $1)");
    expect(attempts?.text).toContain("make_interval(secs => $1)");
    const knownPlaceDays = knownPlaces!.values[0] as number;
    const attemptDays = (attempts!.values[0] as number) / 86_400;
    expect(knownPlaceDays).toBe(RETENTION.knownPlaceDays);
    expect(attemptDays).toBe(RETENTION.loginAttemptDays);

    for (const locale of ["nl", "en"] as const) {
      const signIn = numbers(sectionText(render(locale), "signIn"));
      expect(signIn, locale).toContain(knownPlaceDays);
      expect(signIn, locale).toContain(attemptDays);
    }
  });

  it("the statement quotes every fixed period of the record where the activity is, and the configured session limits", () => {
    for (const locale of ["nl", "en"] as const) {
      const html = render(locale);
      for (const key of ACTIVITIES) {
        const found = numbers(sectionText(html, key));
        for (const rule of PROCESSING[key].retention) {
          const p = rule.period;
          if (p.kind === "afterLastUse") expect(found, `${locale} ${key} ${rule.what}`).toContain(p.days);
          if (p.kind === "validFor") expect(found, `${locale} ${key} ${rule.what}`).toContain(p.hours);
          if (p.kind === "edition") expect(found, `${locale} ${key} ${rule.what}`).toContain(RETENTION.editionDefaultDays);
          if (p.kind === "session") expect(found, `${locale} ${key}`).toEqual(expect.arrayContaining([47, 9]));
        }
      }
      expect(numbers(sectionText(html, "account")), locale).toEqual(
        expect.arrayContaining([RETENTION.confirmationLinkHours, RETENTION.resetLinkHours]),
      );
      expect(numbers(sectionText(html, "nominations")), locale).toContain(RETENTION.editionDefaultDays);
      // Backups, and each edition's own period as its organizers set it.
      expect(numbers(text(html)), locale).toEqual(expect.arrayContaining([RETENTION.backupDays, 200]));
    }
  });

  it("every activity shows its data, subjects, purpose, basis, recipients and retention in both languages, no key untranslated", () => {
    for (const locale of ["nl", "en"] as const) {
      const html = render(locale);
      for (const key of ACTIVITIES) {
        expect(html.match(new RegExp(`id="processing-${key}"`, "g")), key).toHaveLength(1);
        const section = html.slice(
          html.indexOf(`id="processing-${key}"`),
          html.indexOf("</section>", html.indexOf(`id="processing-${key}"`)),
        );
        expect(section.match(/utrecht-data-list__item-key/g), `${locale} ${key}`).toHaveLength(6);
      }
      expect(text(html)).not.toMatch(/legal\.privacy\./);
      expect(text(html)).toContain(locale === "nl" ? "art. 6 lid 1 sub f AVG" : "GDPR art. 6(1)(f)");
    }
    expect(registerMarkdown(translator("en"))).not.toMatch(/legal\.privacy\./);
  });

  it("without a mail provider the statement names no mail processor; the register says where one is set", () => {
    const t = translator("nl");
    expect(sectionText(render("nl"), "mail")).toContain(t("legal.privacy.processor.mail"));
    expect(sectionText(render("nl", { mailConfigured: false }), "mail")).not.toContain(t("legal.privacy.processor.mail"));
    expect(text(render("nl", { mailConfigured: false }))).toContain(t("legal.privacy.processorsNoMail"));
    expect(registerMarkdown(translator("en"))).toContain(translator("en")("legal.privacy.processor.mailWhereSet"));
  });
});
