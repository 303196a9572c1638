import { useTranslation } from "react-i18next";
import { useNumberFormat } from "~/lib/locale";
import { prizeValue, type SnapshotEntry, type SnapshotPrize } from "../snapshot";

const BAR_HEIGHT = 22;
const GAP = 6;
const LABEL = 220;
const WIDTH = 640;

/**
 * A ranking as an SVG bar chart with a text equivalent: the chart carries a title and a summary
 * for screen readers, and the same numbers follow in a table.
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
  const height = ranking.length * (BAR_HEIGHT + GAP);
  const unit = prize.kind === "jury" || prize.kind === "combined" ? t("results.unitScore") : t("results.unitVotes");
  const oneDecimal = useNumberFormat({ minimumFractionDigits: 1, maximumFractionDigits: 1 });
  const fmt = (v: number) => (Number.isInteger(v) ? String(v) : oneDecimal(v));
  const summary = ranking
    .slice(0, 3)
    .map((e, i) => `${e.place}. ${e.name} (${fmt(values[i]!)} ${unit})`)
    .join("; ");
  return (
    <figure className="lauwer-chart" aria-labelledby={`${id}-caption`}>
      <figcaption id={`${id}-caption`}>
        <strong>{caption}</strong>
      </figcaption>
      <svg viewBox={`0 0 ${WIDTH} ${height}`} role="img" aria-labelledby={`${id}-title ${id}-desc`} className="lauwer-chart__svg">
        <title id={`${id}-title`}>{caption}</title>
        <desc id={`${id}-desc`}>{t("results.chartSummary", { summary })}</desc>
        {ranking.map((e, i) => {
          const y = i * (BAR_HEIGHT + GAP);
          const w = Math.max(1, Math.round((values[i]! / top) * (WIDTH - LABEL - 60)));
          return (
            <g key={e.nominee} aria-hidden="true">
              <text x={0} y={y + BAR_HEIGHT * 0.72} className="lauwer-chart__label">
                {e.place}. {e.name.length > 26 ? `${e.name.slice(0, 25)}…` : e.name}
              </text>
              <rect
                x={LABEL}
                y={y}
                width={w}
                height={BAR_HEIGHT}
                className={e.place === 1 ? "lauwer-chart__bar lauwer-chart__bar--first" : "lauwer-chart__bar"}
              />
              <text x={LABEL + w + 6} y={y + BAR_HEIGHT * 0.72} className="lauwer-chart__value">
                {fmt(values[i]!)}
              </text>
            </g>
          );
        })}
      </svg>
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
              <tr key={e.nominee} className="utrecht-table__row">
                <td className="utrecht-table__cell">
                  {e.place}
                  {e.tied ? ` (${t("voting.tie")})` : ""}
                  {e.tieBrokenBy ? ` (${t(`results.tieBrokenBy.${e.tieBrokenBy}`)})` : ""}
                </td>
                <th scope="row" className="utrecht-table__cell">
                  {e.name}
                  {e.organisation ? `, ${e.organisation}` : ""}
                </th>
                {prize.kind !== "jury" ? <td className="utrecht-table__cell">{e.votes ?? 0}</td> : null}
                {prize.kind === "jury" || prize.kind === "combined" ? (
                  <td className="utrecht-table__cell">{e.jury === null || e.jury === undefined ? "—" : fmt(e.jury)}</td>
                ) : null}
                {prize.kind === "combined" ? <td className="utrecht-table__cell">{fmt(e.combined ?? 0)}</td> : null}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </figure>
  );
}
