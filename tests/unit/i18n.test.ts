import { describe, expect, it } from "vitest";
import { createI18n, translator } from "~/i18n/i18n";
import { localeFromCookieHeader, localeCookie } from "~/i18n/locale.server";
import { ALL_MESSAGES } from "~/i18n/messages.server";
import { NOTICES, noticeFrom, withNotice } from "~/lib/notice";
import { renderMail } from "~/modules/mail/outbox.server";

function keys(obj: object, prefix = ""): string[] {
  return Object.entries(obj).flatMap(([k, v]) => (typeof v === "string" ? [`${prefix}${k}`] : keys(v as object, `${prefix}${k}.`)));
}

// Every text, the pages' own texts (app/i18n/page-texts) included.
const { nl, en } = ALL_MESSAGES;

describe("translations", () => {
  it("have the same keys in Dutch and English, none empty", () => {
    expect(keys(en).sort()).toEqual(keys(nl).sort());
    for (const k of keys(nl)) {
      expect(translator("nl")(k), k).not.toBe("");
      expect(translator("en")(k), k).not.toBe("");
    }
  });

  it("use the same interpolation variables in both languages", () => {
    const vars = (s: string) => [...s.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();
    for (const k of keys(nl)) expect(vars(translator("en")(k)), k).toEqual(vars(translator("nl")(k)));
  });

  it("every notice key exists", () => {
    for (const n of NOTICES) expect(translator("nl")(n), n).not.toBe(n);
  });

  it("interpolates without HTML-escaping (React escapes; mails are plain text)", () => {
    expect(createI18n("nl").t("layout.loggedInAs", { name: "Ö & <b>" })).toBe("Ingelogd als Ö & <b>");
  });
});

describe("locale choice", () => {
  it("is Dutch unless the visitor chose English", () => {
    expect(localeFromCookieHeader(undefined)).toBe("nl");
    expect(localeFromCookieHeader("a=b; lauwer_lang=en")).toBe("en");
    expect(localeFromCookieHeader("lauwer_lang=fr")).toBe("nl");
  });

  it("remembers the choice for a year, Secure in production", () => {
    expect(localeCookie("en", false)).toBe("lauwer_lang=en; Path=/; Max-Age=31536000; SameSite=Lax");
    expect(localeCookie("nl", true)).toMatch(/; Secure$/);
  });
});

describe("notices", () => {
  it("only known keys are shown", () => {
    expect(noticeFrom(new URL(`http://x${withNotice("/a?b=1", "login.done")}`))).toBe("login.done");
    expect(noticeFrom(new URL("http://x/?melding=<script>"))).toBeNull();
  });
});

describe("mail templates", () => {
  it("render in the recipient's language with greeting, link and signature", () => {
    const nlMail = renderMail({ locale: "nl", template: "verify", name: "Kees", link: "http://l/x" });
    expect(nlMail.subject).toBe("Bevestig je e-mailadres voor Lauwer");
    expect(nlMail.body).toMatch(/^Beste Kees,/);
    expect(nlMail.body).toContain("http://l/x");
    const enMail = renderMail({ locale: "en", template: "passwordChanged", name: "Kees", link: "http://l/y" });
    expect(enMail.subject).toBe("Your Lauwer password has been changed");
    expect(enMail.body).toContain("Kind regards");
  });
});
