import { useTranslation } from "react-i18next";
import { AppLink } from "~/components/app-link";
import { Heading2, Paragraph, UnorderedList, UnorderedListItem } from "~/components/nlds";
import { useNumberFormat } from "~/lib/locale";
import type { RecountRound } from "../snapshot";

/**
 * The recount lists of a published version (ADR 0014): per vote round its counts and the four
 * downloads with their sizes, and the way to the page that explains the checks.
 */
export function RecountDownloads({
  base,
  version,
  recount,
}: {
  /** `/prijzen/<award>/<year>` */
  base: string;
  version: number;
  /** Undefined for a snapshot published before recount lists existed (format 1). */
  recount: RecountRound[] | undefined;
}) {
  const { t, i18n } = useTranslation();
  const number = useNumberFormat({ maximumFractionDigits: 1 });
  const lang = i18n.language === "en" ? "en" : "nl";
  const size = (bytes: number) =>
    bytes < 1000 ? `${number(bytes)} B` : bytes < 1_000_000 ? `${number(bytes / 1000)} kB` : `${number(bytes / 1_000_000)} MB`;
  return (
    <section aria-labelledby="recount-heading">
      <Heading2 id="recount-heading">{t("recount.heading")}</Heading2>
      {recount === undefined ? (
        <Paragraph>{t("recount.older")}</Paragraph>
      ) : recount.length === 0 ? (
        <Paragraph>{t("recount.none")}</Paragraph>
      ) : (
        <>
          <Paragraph>{t("recount.intro")}</Paragraph>
          {recount.map((r) => (
            <div key={r.round} className="lauwer-recount">
              <Paragraph>
                <strong>
                  {t("recount.round", {
                    round: r.name[lang],
                    ballots: number(r.ballots),
                    voided: number(r.receipts.voided),
                  })}
                </strong>
              </Paragraph>
              <UnorderedList>
                {(["ballotsJson", "ballotsCsv", "receiptsJson", "receiptsCsv"] as const).map((key) => (
                  <UnorderedListItem key={key}>
                    <a className="utrecht-link" href={`${base}/uitslag/ronde/${r.round}/${r.files[key].name}?versie=${version}`} download>
                      {t(`recount.${key}`, { size: size(r.files[key].bytes) })}
                    </a>
                  </UnorderedListItem>
                ))}
              </UnorderedList>
            </div>
          ))}
        </>
      )}
      <Paragraph>
        <AppLink to={`${base}/uitslag/controleren?versie=${version}`}>{t("recount.how")}</AppLink>
      </Paragraph>
    </section>
  );
}
