import { useTranslation } from "react-i18next";
import { AppLink } from "~/components/app-link";
import { HeadedTable, Heading2, Paragraph, TableCell, TableRow } from "~/components/nlds";
import { useDateFormat } from "~/lib/locale";
import type { Signal } from "../fraud.server";

/** The round's fraud signals for organizers, each with a link to the ballots behind it. */
export function FraudSignals({ signals, ballotsPage }: { signals: Signal[]; ballotsPage: string }) {
  const { t } = useTranslation();
  const date = useDateFormat();
  return (
    <section aria-labelledby="signals-heading">
      <Heading2 id="signals-heading">{t("voting.admin.signalsHeading")}</Heading2>
      <Paragraph>{t("voting.admin.signalsIntro")}</Paragraph>
      {signals.length === 0 ? (
        <Paragraph>{t("voting.admin.noSignals")}</Paragraph>
      ) : (
        <HeadedTable
          headers={[t("voting.admin.signal"), t("voting.admin.accounts"), t("voting.admin.ballotsColumn"), t("voting.when"), ""]}
        >
          {signals.map((s) => (
            <TableRow key={`${s.kind}-${s.key}-${s.from}`}>
              <TableCell>{t(`voting.admin.signalKind.${s.kind}`, { label: s.label })}</TableCell>
              <TableCell>{s.accounts}</TableCell>
              <TableCell>{s.ballots}</TableCell>
              <TableCell>{date(s.from, "")}</TableCell>
              <TableCell>
                <AppLink to={`${ballotsPage}?signaal=${s.kind}&sleutel=${encodeURIComponent(s.key)}`}>{t("voting.admin.inspect")}</AppLink>
              </TableCell>
            </TableRow>
          ))}
        </HeadedTable>
      )}
    </section>
  );
}
