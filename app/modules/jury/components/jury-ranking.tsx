import { useTranslation } from "react-i18next";
import { HeadedTable, Heading2, Paragraph, TableCell, TableRow } from "~/components/nlds";
import { useNumberFormat } from "~/lib/locale";

export interface RankingRow {
  id: string;
  name: string;
  place: number | null;
  score: number | null;
  jurors: number;
  min: number | null;
  max: number | null;
  stdev: number | null;
  tooFew: boolean;
  done: number;
  expected: number;
}

/** The live ranking of a jury round as aggregated, for organizers only. */
export function JuryRanking({
  aggregation,
  normalize,
  minScores,
  rows,
}: {
  aggregation: string;
  normalize: boolean;
  minScores: number;
  rows: RankingRow[];
}) {
  const { t } = useTranslation();
  // One decimal in the page's language: 82,2 on a Dutch page, 82.2 on an English one.
  const oneDecimal = useNumberFormat({ minimumFractionDigits: 1, maximumFractionDigits: 1 });
  const fmt = (n: number | null) => (n === null ? "—" : oneDecimal(n));
  return (
    <section aria-labelledby="ranking-heading">
      <Heading2 id="ranking-heading">{t("jury.admin.rankingHeading")}</Heading2>
      <Paragraph>
        {t(`jury.aggregation.${aggregation}`)} {normalize ? t("jury.aggregation.normalized") : ""} {t("jury.admin.rankingPrivate")}
      </Paragraph>
      <HeadedTable
        headers={[t("voting.place"), t("voting.candidate"), t("jury.admin.score"), t("jury.admin.sheets"), t("jury.admin.spread")]}
      >
        {rows.map((r) => (
          <TableRow key={r.id}>
            <TableCell>{r.place ?? "—"}</TableCell>
            <TableCell>
              {r.name}
              {r.tooFew ? (
                <>
                  {" "}
                  <span className="lauwer-flag">{t("jury.admin.tooFew", { min: minScores })}</span>
                </>
              ) : null}
            </TableCell>
            <TableCell>{fmt(r.score)}</TableCell>
            <TableCell>{t("jury.progress", { scored: r.done, total: r.expected })}</TableCell>
            <TableCell>{r.jurors ? t("jury.admin.spreadValue", { min: fmt(r.min), max: fmt(r.max), sd: fmt(r.stdev) }) : "—"}</TableCell>
          </TableRow>
        ))}
      </HeadedTable>
    </section>
  );
}
