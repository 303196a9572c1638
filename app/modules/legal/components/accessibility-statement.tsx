import "~/i18n/page-texts/legal";
import { useTranslation } from "react-i18next";
import { Heading2, Paragraph, UnorderedList, UnorderedListItem } from "~/components/nlds";
import type { LegalSettings } from "../settings.server";
import { ExternalLink, MailLink, Sentence, orNotSet, useDay } from "./statement-parts";

/** The accessibility statement in the model format of digitoegankelijk.nl. */
export function AccessibilityStatement({ settings: s, site, locale }: { settings: LegalSettings; site: string; locale: string }) {
  const { t } = useTranslation();
  const day = useDay();
  const organisation = orNotSet(s.organisation, t);
  const limitations = ((locale === "en" && s.limitationsEn) || s.limitationsNl)
    .split("\n")
    .map((l) => l.trim())
    .filter(Boolean);
  return (
    <div className="lauwer-legal">
      <Paragraph lead>{t("legal.a11y.intro", { organisation })}</Paragraph>

      <section aria-labelledby="scope-heading">
        <Heading2 id="scope-heading">{t("legal.a11y.scopeHeading")}</Heading2>
        <Paragraph>{t("legal.a11y.scope", { site, organisation })}</Paragraph>
      </section>

      <section aria-labelledby="status-heading">
        <Heading2 id="status-heading">{t("legal.a11y.statusHeading")}</Heading2>
        <Paragraph>
          <strong>{t(`legal.compliance.${s.compliance}`)}.</strong>{" "}
          {t("legal.a11y.status", { status: t(`legal.a11y.statusWord.${s.compliance}`) })}
        </Paragraph>
      </section>

      <section aria-labelledby="check-heading">
        <Heading2 id="check-heading">{t("legal.a11y.checkHeading")}</Heading2>
        <Paragraph>{t("legal.a11y.checked", { date: day(s.lastCheckDate) })}</Paragraph>
        <Paragraph>{t("legal.a11y.method")}</Paragraph>
      </section>

      <section aria-labelledby="limitations-heading">
        <Heading2 id="limitations-heading">{t("legal.a11y.limitationsHeading")}</Heading2>
        {limitations.length === 0 ? (
          <Paragraph>{t("legal.a11y.limitationsNone")}</Paragraph>
        ) : (
          <UnorderedList>
            {limitations.map((l, i) => (
              <UnorderedListItem key={i}>{l}</UnorderedListItem>
            ))}
          </UnorderedList>
        )}
      </section>

      <section aria-labelledby="contact-heading">
        <Heading2 id="contact-heading">{t("legal.a11y.contactHeading")}</Heading2>
        <Paragraph>
          <Sentence text={t("legal.a11y.contact", { email: "{{email}}" })} name="email" node={<MailLink email={s.contactEmail} />} />
        </Paragraph>
      </section>

      <section aria-labelledby="complaint-heading">
        <Heading2 id="complaint-heading">{t("legal.a11y.complaintHeading")}</Heading2>
        <Paragraph>
          {t("legal.a11y.complaint", { organisation })}{" "}
          <ExternalLink href="https://www.nationaleombudsman.nl/">{t("legal.a11y.complaintLink")}</ExternalLink>.
        </Paragraph>
      </section>

      <Paragraph>{t("legal.a11y.dated", { date: day(s.statementDate) })}</Paragraph>
    </div>
  );
}
