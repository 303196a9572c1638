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
import type { ReactNode } from "react";
import { ACTIVITIES } from "~/modules/privacy/processing";
import { backupSentence, basisSentences, recipientsText, retentionSentences, subjectsText } from "~/modules/privacy/processing-text";
import type { LegalSettings, RetentionPeriod } from "../settings.server";
import { ExternalLink, MailLink, Sentence, orNotSet, useDay } from "./statement-parts";

const RIGHTS = ["access", "rectification", "erasure", "restriction", "portability", "objection", "withdraw"] as const;

export interface PrivacyFacts {
  settings: LegalSettings;
  periods: RetentionPeriod[];
  sessionIdleMinutes: number;
  sessionAbsoluteHours: number;
  mailConfigured: boolean;
}

/** One row of an activity's description. */
function Item({ label, children }: { label: string; children: ReactNode }) {
  return (
    <DataListItem>
      <DataListKey>{label}</DataListKey>
      <DataListValue>{children}</DataListValue>
    </DataListItem>
  );
}

/** Sentences of one row: as they are when one, a list when several. */
function Lines({ lines }: { lines: string[] }) {
  if (lines.length === 1) return <>{lines[0]}</>;
  return (
    <UnorderedList>
      {lines.map((line) => (
        <UnorderedListItem key={line}>{line}</UnorderedListItem>
      ))}
    </UnorderedList>
  );
}

/**
 * The privacy statement per AVG art. 13: the organisation's details, and the processing section
 * rendered from the record of processing (app/modules/privacy/processing.ts) with the periods the
 * software enforces and the configured session limits.
 */
export function PrivacyStatement({ settings: s, periods, sessionIdleMinutes, sessionAbsoluteHours, mailConfigured }: PrivacyFacts) {
  const { t } = useTranslation();
  const day = useDay();
  const controller = orNotSet(s.controller, t);
  const organisation = orNotSet(s.organisation, t);
  const session = { idleMinutes: sessionIdleMinutes, absoluteHours: sessionAbsoluteHours };
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
        {ACTIVITIES.map((key) => (
          <section key={key} aria-labelledby={`processing-${key}`} className="lauwer-legal__processing">
            <h3 id={`processing-${key}`} className="utrecht-heading-3">
              {t(`legal.privacy.${key}.heading`)}
            </h3>
            <DataList>
              <Item label={t("legal.privacy.data")}>{t(`legal.privacy.${key}.data`)}</Item>
              <Item label={t("legal.privacy.subjectsLabel")}>{subjectsText(t, key)}</Item>
              <Item label={t("legal.privacy.purpose")}>{t(`legal.privacy.${key}.purpose`)}</Item>
              <Item label={t("legal.privacy.basis")}>
                <Lines lines={basisSentences(t, key)} />
              </Item>
              <Item label={t("legal.privacy.recipientsLabel")}>{recipientsText(t, key, mailConfigured)}</Item>
              <Item label={t("legal.privacy.retention")}>
                <Lines lines={retentionSentences(t, key, session)} />
              </Item>
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
        <Paragraph>{backupSentence(t)}</Paragraph>
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
