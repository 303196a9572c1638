import { useTranslation } from "react-i18next";

export interface BalanceItem {
  key: string;
  label: string;
  selected: number;
  shortlisted: number;
}

const ROW = 22;
const GAP = 6;
const LABEL = 200;
const WIDTH = 640;

/**
 * Selected (and shortlisted) proposals per group as an SVG bar chart with a text equivalent: the
 * chart has a title and a summary for screen readers, and the same numbers follow in a table.
 * Zero rows stay visible so gaps stand out. Sizes are SVG attributes (no inline styles).
 */
export function BalanceChart({
  id,
  caption,
  groupLabel,
  items,
}: {
  id: string;
  caption: string;
  groupLabel: string;
  items: BalanceItem[];
}) {
  const { t } = useTranslation();
  const top = Math.max(1, ...items.map((i) => i.selected + i.shortlisted));
  const height = Math.max(1, items.length) * (ROW + GAP);
  const scale = (n: number) => Math.round((n / top) * (WIDTH - LABEL - 60));
  const selected = items.reduce((sum, i) => sum + i.selected, 0);
  const shortlisted = items.reduce((sum, i) => sum + i.shortlisted, 0);
  const most = Math.max(0, ...items.map((i) => i.selected));
  const gaps = items.filter((i) => i.selected === 0).map((i) => i.label);
  const summary = [
    selected
      ? t("bookProposals.balance.summary", {
          selected,
          shortlisted,
          top: items
            .filter((i) => i.selected === most)
            .map((i) => i.label)
            .join(", "),
        })
      : t("bookProposals.balance.summaryEmpty"),
    gaps.length ? t("bookProposals.balance.gaps", { list: gaps.join(", ") }) : t("bookProposals.balance.noGaps"),
  ].join(" ");
  return (
    <figure className="lauwer-chart" aria-labelledby={`${id}-caption`}>
      <figcaption id={`${id}-caption`}>
        <strong>{caption}</strong>
      </figcaption>
      <svg viewBox={`0 0 ${WIDTH} ${height}`} role="img" aria-labelledby={`${id}-title ${id}-desc`} className="lauwer-chart__svg">
        <title id={`${id}-title`}>{caption}</title>
        <desc id={`${id}-desc`}>{summary}</desc>
        {items.map((item, i) => {
          const y = i * (ROW + GAP);
          const ws = scale(item.selected);
          const wl = scale(item.shortlisted);
          return (
            <g key={item.key} aria-hidden="true">
              <text x={0} y={y + ROW * 0.72} className="lauwer-chart__label">
                {item.label.length > 24 ? `${item.label.slice(0, 23)}…` : item.label}
              </text>
              {ws > 0 ? <rect x={LABEL} y={y} width={ws} height={ROW} className="lauwer-chart__bar lauwer-balance__selected" /> : null}
              {wl > 0 ? <rect x={LABEL + ws} y={y} width={wl} height={ROW} className="lauwer-balance__shortlisted" /> : null}
              <text
                x={LABEL + ws + wl + 6}
                y={y + ROW * 0.72}
                className={item.selected === 0 ? "lauwer-chart__value lauwer-balance__gap" : "lauwer-chart__value"}
              >
                {item.selected}
                {item.shortlisted ? ` (+${item.shortlisted})` : ""}
              </text>
            </g>
          );
        })}
      </svg>
      <Summary text={summary} />
      <table className="utrecht-table lauwer-chart__table">
        <caption className="utrecht-table__caption">{t("bookProposals.balance.tableCaption", { caption })}</caption>
        <thead className="utrecht-table__header">
          <tr className="utrecht-table__row">
            <th scope="col" className="utrecht-table__header-cell">
              {groupLabel}
            </th>
            <th scope="col" className="utrecht-table__header-cell">
              {t("bookProposals.balance.selected")}
            </th>
            <th scope="col" className="utrecht-table__header-cell">
              {t("bookProposals.balance.shortlisted")}
            </th>
          </tr>
        </thead>
        <tbody className="utrecht-table__body">
          {items.map((item) => (
            <tr key={item.key} className={item.selected === 0 ? "utrecht-table__row lauwer-balance__gap-row" : "utrecht-table__row"}>
              <th scope="row" className="utrecht-table__cell">
                {item.label}
              </th>
              <td className="utrecht-table__cell">{item.selected}</td>
              <td className="utrecht-table__cell">{item.shortlisted}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}

function Summary({ text }: { text: string }) {
  return <p className="utrecht-paragraph lauwer-balance__summary">{text}</p>;
}
