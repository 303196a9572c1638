import { useTranslation } from "react-i18next";

export interface BalanceItem {
  key: string;
  label: string;
  selected: number;
  shortlisted: number;
}

/** Bar lengths are drawn in an SVG this many units wide, stretched to the row (no inline styles). */
const SCALE = 1000;

/**
 * Selected (and shortlisted) proposals per group as a bar chart with a text equivalent: HTML rows
 * (text at the page's size on a phone) with SVG bars, a title and a summary for screen readers, and
 * the same numbers in a table. Zero rows stay visible so gaps stand out. Sizes are SVG attributes
 * (no inline styles).
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
  const scale = (n: number) => Math.round((n / top) * SCALE);
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
      <div role="img" aria-labelledby={`${id}-title`} aria-describedby={`${id}-desc`}>
        <span id={`${id}-title`} hidden>
          {caption}
        </span>
        <span id={`${id}-desc`} hidden>
          {summary}
        </span>
        <ol className="lauwer-bars" aria-hidden="true">
          {items.map((item) => {
            const ws = scale(item.selected);
            const wl = scale(item.shortlisted);
            return (
              <li key={item.key} className="lauwer-bars__row">
                <span className="lauwer-bars__name">{item.label}</span>
                <span className="lauwer-bars__track">
                  <svg className="lauwer-bars__bar" viewBox={`0 0 ${SCALE} 10`} preserveAspectRatio="none" focusable="false">
                    {ws > 0 ? <rect x="0" y="0" width={ws} height="10" className="lauwer-balance__selected" /> : null}
                    {wl > 0 ? <rect x={ws} y="0" width={wl} height="10" className="lauwer-balance__shortlisted" /> : null}
                  </svg>
                  <span className={item.selected === 0 ? "lauwer-bars__value lauwer-balance__gap" : "lauwer-bars__value"}>
                    {item.selected}
                    {item.shortlisted ? ` (+${item.shortlisted})` : ""}
                  </span>
                </span>
              </li>
            );
          })}
        </ol>
      </div>
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
