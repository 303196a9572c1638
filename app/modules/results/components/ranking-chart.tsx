import { useTranslation } from "react-i18next";
import { useFormats } from "~/lib/format";
import { prizeValue, type SnapshotEntry, type SnapshotPrize } from "../snapshot";

/** Bars shown in the chart; a longer ranking is complete in the table below it. */
const CHART_ROWS = 10;
/** A longer table is folded (closed) so a results page with many categories stays short on a phone. */
const OPEN_TABLE_ROWS = 10;

/**
 * A ranking as a bar chart with a text equivalent: HTML bars (the text keeps the page's size on a
 * phone), a title and a summary for screen readers, and the same numbers in a table; the winner is
 * marked in both with a word, not by colour alone.
 */
export function RankingChart({
  id,
  caption,
  prize,
  ranking,
}: {
  id: string;
  caption: string;
  prize: SnapshotPrize;
  ranking: SnapshotEntry[];
}) {
  const { t } = useTranslation();
  const values = ranking.map((e) => prizeValue(prize, e));
  const top = Math.max(1, ...values);
  const unit = prize.kind === "jury" || prize.kind === "combined" ? t("results.unitScore") : t("results.unitVotes");
  const fmt = useFormats().score;
  const summary = ranking
    .slice(0, 3)
    .map((e, i) => `${e.place}. ${e.name} (${fmt(values[i]!)} ${unit})`)
    .join("; ");
  const shown = ranking.slice(0, CHART_ROWS);
  const table = <RankingTable id={id} caption={caption} prize={prize} ranking={ranking} fmt={fmt} />;
  return (
    <figure className="lauwer-chart" id={id} aria-labelledby={`${id}-caption`}>
      <figcaption id={`${id}-caption`}>
        <strong>{caption}</strong>
      </figcaption>
      <div role="img" aria-labelledby={`${id}-title`} aria-describedby={`${id}-desc`}>
        <span id={`${id}-title`} hidden>
          {caption}
        </span>
        <span id={`${id}-desc`} hidden>
          {t("results.chartSummary", { summary })}
        </span>
        <ol className="lauwer-bars" aria-hidden="true">
          {shown.map((e, i) => (
            <li key={e.nominee} className={e.place === 1 ? "lauwer-bars__row lauwer-bars__row--first" : "lauwer-bars__row"}>
              <span className="lauwer-bars__name">
                {e.place}. {e.name}
              </span>
              <span className="lauwer-bars__track">
                <svg className="lauwer-bars__bar" viewBox="0 0 1000 10" preserveAspectRatio="none" focusable="false">
                  <rect x="0" y="0" height="10" width={Math.max(4, Math.round((values[i]! / top) * 1000))} />
                </svg>
                <span className="lauwer-bars__value">{fmt(values[i]!)}</span>
              </span>
            </li>
          ))}
        </ol>
      </div>
      {ranking.length > CHART_ROWS ? (
        <p className="lauwer-counter">{t("look.chartTop", { count: CHART_ROWS, total: ranking.length })}</p>
      ) : null}
      {ranking.length > OPEN_TABLE_ROWS ? (
        <details className="lauwer-chart__more">
          <summary>{t("look.allFigures", { caption, count: ranking.length })}</summary>
          {table}
        </details>
      ) : (
        table
      )}
    </figure>
  );
}

function RankingTable({
  id,
  caption,
  prize,
  ranking,
  fmt,
}: {
  id: string;
  caption: string;
  prize: SnapshotPrize;
  ranking: SnapshotEntry[];
  fmt: (v: number) => string;
}) {
  const { t } = useTranslation();
  return (
    <>
      {/* Five columns (a combined prize) do not fit a phone: the table scrolls on its own, by keyboard too. */}
      <div className="lauwer-table-wrap" role="region" aria-labelledby={`${id}-table`} tabIndex={0}>
        <table className="utrecht-table lauwer-chart__table">
          <caption className="utrecht-table__caption" id={`${id}-table`}>
            {t("results.tableCaption", { caption })}
          </caption>
          <thead className="utrecht-table__header">
            <tr className="utrecht-table__row">
              <th scope="col" className="utrecht-table__header-cell">
                {t("voting.place")}
              </th>
              <th scope="col" className="utrecht-table__header-cell">
                {t("voting.candidate")}
              </th>
              {prize.kind !== "jury" ? (
                <th scope="col" className="utrecht-table__header-cell">
                  {t("voting.votes")}
                </th>
              ) : null}
              {prize.kind === "jury" || prize.kind === "combined" ? (
                <th scope="col" className="utrecht-table__header-cell">
                  {t("results.juryScore")}
                </th>
              ) : null}
              {prize.kind === "combined" ? (
                <th scope="col" className="utrecht-table__header-cell">
                  {t("results.combinedScore")}
                </th>
              ) : null}
            </tr>
          </thead>
          <tbody className="utrecht-table__body">
            {ranking.map((e) => (
              <tr key={e.nominee} className={e.place === 1 ? "utrecht-table__row lauwer-result--winner" : "utrecht-table__row"}>
                <td className="utrecht-table__cell">
                  {e.place}
                  {e.tied ? ` (${t("voting.tie")})` : ""}
                  {e.tieBrokenBy ? ` (${t(`results.tieBrokenBy.${e.tieBrokenBy}`)})` : ""}
                </td>
                <th scope="row" className="utrecht-table__cell">
                  {e.name}
                  {e.organisation ? `, ${e.organisation}` : ""}
                  {e.place === 1 ? <span className="lauwer-result__badge">{t("look.winner")}</span> : null}
                </th>
                {prize.kind !== "jury" ? <td className="utrecht-table__cell">{fmt(e.votes ?? 0)}</td> : null}
                {prize.kind === "jury" || prize.kind === "combined" ? (
                  <td className="utrecht-table__cell">{e.jury === null || e.jury === undefined ? "—" : fmt(e.jury)}</td>
                ) : null}
                {prize.kind === "combined" ? <td className="utrecht-table__cell">{fmt(e.combined ?? 0)}</td> : null}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
