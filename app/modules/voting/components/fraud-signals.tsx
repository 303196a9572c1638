import "~/i18n/page-texts/organizer";
import { useTranslation } from "react-i18next";
import { AppLink } from "~/components/app-link";
import { FactList } from "~/components/facts";
import { HeadedTable, Heading2, Paragraph, TableCell, TableRow } from "~/components/nlds";
import { useDateFormat, useNumberFormat } from "~/lib/locale";
import { LIVE_SIGNAL_BALLOTS, SIGNAL_WINDOW_MINUTES, THRESHOLDS, type Signal, type SignalKind } from "../fraud-rules";

const KINDS: SignalKind[] = ["newAccounts", "ip", "network", "device"];

/** The round's fraud signals for organizers, each with a link to the ballots behind it, and what each signal means. */
export function FraudSignals({
  signals,
  computedAt,
  pending,
  ballotsPage,
}: {
  signals: Signal[];
  /** When a large round's kept signals were computed (ADR 0038); null: computed for this view. */
  computedAt: string | null;
  /** A large round's first signals are being computed by another request. */
  pending: boolean;
  ballotsPage: string;
}) {
  const { t } = useTranslation();
  const date = useDateFormat({ dateStyle: "medium", timeStyle: "short" });
  const percent = useNumberFormat({ style: "percent", maximumFractionDigits: 0 });
  const number = useNumberFormat();
  const params = {
    minutes: SIGNAL_WINDOW_MINUTES,
    ip: THRESHOLDS.ip,
    network: THRESHOLDS.network,
    device: THRESHOLDS.device,
    count: THRESHOLDS.newAccounts,
    hours: THRESHOLDS.newAccountHours,
    share: percent(THRESHOLDS.newAccountsMinShare),
    factor: THRESHOLDS.newAccountsFactor,
    baselineMin: THRESHOLDS.baselineMinBallots,
  };
  return (
    <section aria-labelledby="signals-heading">
      <Heading2 id="signals-heading">{t("voting.admin.signalsHeading")}</Heading2>
      <Paragraph>{t("voting.admin.signalsIntro")}</Paragraph>
      {computedAt ? (
        <Paragraph>
          {t("organizer.fraud.computedAt", { ballots: number(LIVE_SIGNAL_BALLOTS) })} <time dateTime={computedAt}>{date(computedAt)}</time>
        </Paragraph>
      ) : null}
      {pending ? (
        <Paragraph>{t("organizer.fraud.pending")}</Paragraph>
      ) : signals.length === 0 ? (
        <Paragraph>{t("organizer.fraud.none")}</Paragraph>
      ) : (
        <HeadedTable
          headers={[t("voting.admin.signal"), t("voting.admin.accounts"), t("voting.admin.ballotsColumn"), t("organizer.fraud.from"), ""]}
        >
          {signals.map((s) => (
            <TableRow key={`${s.kind}-${s.key}-${s.from}`}>
              <TableCell>
                {t(`voting.admin.signalKind.${s.kind}`, { label: s.label })}
                {s.kind === "newAccounts" && s.share !== undefined && s.baseline !== undefined ? (
                  <div>
                    {t("organizer.fraud.shareOf", {
                      share: percent(s.share),
                      baseline: percent(s.baseline),
                      minutes: SIGNAL_WINDOW_MINUTES,
                    })}
                  </div>
                ) : null}
              </TableCell>
              <TableCell>{s.accounts}</TableCell>
              <TableCell>{s.ballots}</TableCell>
              <TableCell>
                <time dateTime={s.from}>{date(s.from)}</time>
              </TableCell>
              <TableCell>
                <AppLink
                  to={`${ballotsPage}?signaal=${s.kind}&sleutel=${encodeURIComponent(s.key)}`}
                  aria-label={t("organizer.fraud.inspectLabel", { signal: t(`voting.admin.signalKind.${s.kind}`, { label: s.label }) })}
                >
                  {t("voting.admin.inspect")}
                </AppLink>
              </TableCell>
            </TableRow>
          ))}
        </HeadedTable>
      )}
      <h3 className="utrecht-heading-3">{t("organizer.fraud.howHeading")}</h3>
      <FactList facts={KINDS.map((kind) => [t(`organizer.fraud.rules.${kind}.title`), t(`organizer.fraud.rules.${kind}.text`, params)])} />
    </section>
  );
}
