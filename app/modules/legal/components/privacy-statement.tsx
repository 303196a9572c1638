import "~/i18n/page-texts/legal";
import { useTranslation } from "react-i18next";
import {
  DataList,
  DataListItem,
  DataListKey,
  DataListValue,
  Heading2,
  Paragraph,
  UnorderedList,
  UnorderedListItem,
} from "~/components/nlds";
import type { LegalSettings, RetentionPeriod } from "../settings.server";
import { ExternalLink, MailLink, Sentence, orNotSet, useDay } from "./statement-parts";

/** The kinds of processing, each with its data, purpose, legal basis and retention (AVG art. 13). */
const PROCESSING = ["account", "nominations", "votes", "jury", "portraits", "mail", "audit"] as const;
const RIGHTS = ["access", "rectification", "erasure", "restriction", "portability", "objection", "withdraw"] as const;

export interface PrivacyFacts {
  settings: LegalSettings;
  periods: RetentionPeriod[];
  sessionIdleMinutes: number;
  sessionAbsoluteHours: number;
  mailConfigured: boolean;
}

/** The privacy statement per AVG art. 13, with the organisation's details and the real retention figures. */
export function PrivacyStatement({ settings: s, periods, sessionIdleMinutes, sessionAbsoluteHours, mailConfigured }: PrivacyFacts) {
  const { t } = useTranslation();
  const day = useDay();
  const controller = orNotSet(s.controller, t);
  const organisation = orNotSet(s.organisation, t);
  return (
    <div className="lauwer-legal">
      <Paragraph lead>{t("legal.privacy.intro")}</Paragraph>

      <section aria-labelledby="controller-heading">
        <Heading2 id="controller-heading">{t("legal.privacy.controllerHeading")}</Heading2>
        <Paragraph>{t("legal.privacy.controller", { controller, organisation })}</Paragraph>
        <Paragraph>
          <Sentence text={t("legal.privacy.contact", { email: "{{email}}" })} name="email" node={<MailLink email={s.contactEmail} />} />
        </Paragraph>
        {s.postalAddress ? <Paragraph>{t("legal.privacy.address", { address: s.postalAddress })}</Paragraph> : null}
      </section>

      <section aria-labelledby="dpo-heading">
        <Heading2 id="dpo-heading">{t("legal.privacy.dpoHeading")}</Heading2>
        <Paragraph>
          <Sentence
            text={t("legal.privacy.dpo", { name: orNotSet(s.dpoName, t), email: "{{email}}" })}
            name="email"
            node={<MailLink email={s.dpoEmail} />}
          />
        </Paragraph>
      </section>

      <section aria-labelledby="processing-heading">
        <Heading2 id="processing-heading">{t("legal.privacy.processingHeading")}</Heading2>
        {PROCESSING.map((kind) => (
          <section key={kind} aria-labelledby={`processing-${kind}`} className="lauwer-legal__processing">
            <h3 id={`processing-${kind}`} className="utrecht-heading-3">
              {t(`legal.privacy.${kind}.heading`)}
            </h3>
            <DataList>
              {(["data", "purpose", "basis", "retention"] as const).map((part) => (
                <DataListItem key={part}>
                  <DataListKey>{t(`legal.privacy.${part}`)}</DataListKey>
                  <DataListValue>
                    {t(`legal.privacy.${kind}.${part}`, { idle: sessionIdleMinutes, hours: sessionAbsoluteHours })}
                  </DataListValue>
                </DataListItem>
              ))}
            </DataList>
          </section>
        ))}
      </section>

      <section aria-labelledby="periods-heading">
        <Heading2 id="periods-heading">{t("legal.privacy.periodsHeading")}</Heading2>
        <Paragraph>{t("legal.privacy.periodsIntro")}</Paragraph>
        {periods.length === 0 ? (
          <Paragraph>{t("legal.privacy.periodsNone")}</Paragraph>
        ) : (
          <UnorderedList>
            {periods.map((p) => (
              <UnorderedListItem key={p.edition}>
                {p.anonymised
                  ? t("legal.privacy.periodDone", { edition: p.edition })
                  : p.days === null
                    ? t("legal.privacy.periodKept", { edition: p.edition })
                    : t("legal.privacy.periodDays", { edition: p.edition, count: p.days })}
              </UnorderedListItem>
            ))}
          </UnorderedList>
        )}
      </section>

      <section aria-labelledby="recipients-heading">
        <Heading2 id="recipients-heading">{t("legal.privacy.recipientsHeading")}</Heading2>
        <Paragraph>{t("legal.privacy.recipients")}</Paragraph>
        <Paragraph>{t("legal.privacy.processors", { controller })}</Paragraph>
        {mailConfigured ? null : <Paragraph>{t("legal.privacy.processorsNoMail")}</Paragraph>}
        <Paragraph>{t("legal.privacy.transfers")}</Paragraph>
      </section>

      <section aria-labelledby="security-heading">
        <Heading2 id="security-heading">{t("legal.privacy.securityHeading")}</Heading2>
        <Paragraph>{t("legal.privacy.security")}</Paragraph>
        <Paragraph>{t("legal.privacy.cookies")}</Paragraph>
      </section>

      <section aria-labelledby="rights-heading">
        <Heading2 id="rights-heading">{t("legal.privacy.rightsHeading")}</Heading2>
        <Paragraph>{t("legal.privacy.rightsIntro")}</Paragraph>
        <UnorderedList>
          {RIGHTS.map((r) => (
            <UnorderedListItem key={r}>{t(`legal.privacy.rights.${r}`)}</UnorderedListItem>
          ))}
        </UnorderedList>
        <Paragraph>
          <Sentence text={t("legal.privacy.rightsHow", { email: "{{email}}" })} name="email" node={<MailLink email={s.contactEmail} />} />
        </Paragraph>
      </section>

      <section aria-labelledby="complaint-heading">
        <Heading2 id="complaint-heading">{t("legal.privacy.complaintHeading")}</Heading2>
        <Paragraph>
          {t("legal.privacy.complaint")}{" "}
          <ExternalLink href="https://autoriteitpersoonsgegevens.nl/">{t("legal.privacy.complaintLink")}</ExternalLink>.
        </Paragraph>
      </section>

      <section aria-labelledby="automated-heading">
        <Heading2 id="automated-heading">{t("legal.privacy.automatedHeading")}</Heading2>
        <Paragraph>{t("legal.privacy.automated")}</Paragraph>
      </section>

      <Paragraph>{t("legal.privacy.dated", { date: day(s.statementDate) })}</Paragraph>
    </div>
  );
}
