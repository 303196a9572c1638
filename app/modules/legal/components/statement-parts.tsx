import "~/i18n/page-texts/legal";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { useDateFormat } from "~/lib/locale";

/** A calendar day (YYYY-MM-DD) as a long date in the reader's language; "(not set yet)" when empty. */
export function useDay() {
  const { t } = useTranslation();
  const date = useDateFormat();
  // Noon UTC is the same calendar day in Amsterdam all year.
  return (day: string) => (day ? date(`${day}T12:00:00Z`, "") : t("legal.notSet"));
}

/** A setting's value, or "(not set yet)" while the admin has not filled it in. */
export function orNotSet(value: string, t: (key: string) => string) {
  return value || t("legal.notSet");
}

/** An e-mail address as a mailto link (plain "(not set yet)" when empty). */
export function MailLink({ email }: { email: string }) {
  const { t } = useTranslation();
  if (!email) return <>{t("legal.notSet")}</>;
  return (
    <a className="utrecht-link" href={`mailto:${email}`}>
      {email}
    </a>
  );
}

/** An external link, its address shown as its text (also readable on paper). */
export function ExternalLink({ href, children }: { href: string; children: ReactNode }) {
  return (
    <a className="utrecht-link" href={href} rel="noopener noreferrer">
      {children}
    </a>
  );
}

/** A sentence with one React node where its placeholder {{name}} stands (a link inside a translated text). */
export function Sentence({ text, name, node }: { text: string; name: string; node: ReactNode }) {
  const marker = `{{${name}}}`;
  const at = text.indexOf(marker);
  if (at < 0) return <>{text}</>;
  return (
    <>
      {text.slice(0, at)}
      {node}
      {text.slice(at + marker.length)}
    </>
  );
}
