import type { Locale } from "~/i18n/i18n";
import { translator } from "~/i18n/i18n";
import { formatDate, pick } from "~/lib/locale";

// A lifecycle notice as a mail: plain text and plain, accessible HTML (language set, real paragraphs,
// one descriptive link, no images or tables), with the one-click unsubscribe of RFC 8058.

/** A value in a notice: plain text, a text in both languages, or a moment shown in the reader's language. */
export type Param = string | { nl: string; en: string } | Date;

const escape = (s: string) =>
  s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#39;");

export function resolveParams(locale: Locale, params: Record<string, Param>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(params).map(([k, v]) => [
      k,
      v instanceof Date
        ? formatDate(locale, v, { dateStyle: "long", timeStyle: "short" })
        : typeof v === "string"
          ? v
          : pick(locale, v.nl, v.en),
    ]),
  );
}

export interface RenderedNotice {
  subject: string;
  text: string;
  html: string;
  headers: Record<string, string>;
}

export function renderNotice(n: {
  kind: string;
  locale: Locale;
  name: string;
  params: Record<string, Param>;
  link: string;
  unsubscribeLink: string;
}): RenderedNotice {
  const t = translator(n.locale);
  const params = resolveParams(n.locale, n.params);
  const subject = t(`notices.mail.${n.kind}.subject`, params);
  const greeting = t("mail.greeting", { name: n.name });
  const body = t(`notices.mail.${n.kind}.body`, params);
  const action = t(`notices.mail.${n.kind}.action`, params);
  const signature = t("mail.signature");
  const why = t(`notices.mail.${n.kind}.why`, params);
  const stop = t("notices.mail.unsubscribe");
  const text = [greeting, body, `${action}: ${n.link}`, signature, `—\n${why} ${stop}: ${n.unsubscribeLink}`].join("\n\n");
  const paragraphs = (s: string) =>
    s
      .split(/\n{2,}/)
      .map((p) => `<p>${escape(p).replace(/\n/g, "<br>")}</p>`)
      .join("\n");
  const html = [
    `<!doctype html>`,
    `<html lang="${n.locale}">`,
    `<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escape(subject)}</title></head>`,
    `<body style="font-family: Arial, Helvetica, sans-serif; font-size: 16px; line-height: 1.5; color: #1a1a1a; max-width: 40em; margin: 0 auto; padding: 16px;">`,
    paragraphs(greeting),
    paragraphs(body),
    `<p><a href="${escape(n.link)}" style="color: #0b57d0;">${escape(action)}</a></p>`,
    paragraphs(signature),
    `<hr>`,
    `<p style="font-size: 14px;">${escape(why)} <a href="${escape(n.unsubscribeLink)}" style="color: #0b57d0;">${escape(stop)}</a></p>`,
    `</body>`,
    `</html>`,
  ].join("\n");
  return {
    subject,
    text,
    html,
    headers: { "List-Unsubscribe": `<${n.unsubscribeLink}>`, "List-Unsubscribe-Post": "List-Unsubscribe=One-Click" },
  };
}
