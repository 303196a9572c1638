import { useTranslation } from "react-i18next";

export interface TallyTableRow {
  id: string;
  name: string;
  votes: number;
  points: number;
  place: number;
  tied: boolean;
}

/** A category's tally as a table: place, candidate, votes (and points for ranked ballots), with a bar drawn by CSS. */
export function TallyTable({
  caption,
  ballots,
  rows,
  ranked,
}: {
  caption: string;
  ballots: number;
  rows: TallyTableRow[];
  ranked: boolean;
}) {
  const { t } = useTranslation();
  const top = Math.max(1, ...rows.map((r) => (ranked ? r.points : r.votes)));
  return (
    <table className="utrecht-table lauwer-tally">
      <caption className="utrecht-table__caption">
        {caption} — {t("voting.ballotsCount", { count: ballots })}
      </caption>
      <thead className="utrecht-table__header">
        <tr className="utrecht-table__row">
          <th scope="col" className="utrecht-table__header-cell">
            {t("voting.place")}
          </th>
          <th scope="col" className="utrecht-table__header-cell">
            {t("voting.candidate")}
          </th>
          <th scope="col" className="utrecht-table__header-cell">
            {t("voting.votes")}
          </th>
          {ranked ? (
            <th scope="col" className="utrecht-table__header-cell">
              {t("voting.points")}
            </th>
          ) : null}
        </tr>
      </thead>
      <tbody className="utrecht-table__body">
        {rows.map((r) => {
          const value = ranked ? r.points : r.votes;
          return (
            <tr key={r.id} className="utrecht-table__row" data-nominee={r.id}>
              <td className="utrecht-table__cell">
                {r.place}
                {r.tied ? ` (${t("voting.tie")})` : ""}
              </td>
              <th scope="row" className="utrecht-table__cell">
                {r.name}
              </th>
              <td className="utrecht-table__cell lauwer-tally__votes">
                <svg className="lauwer-tally__bar" viewBox="0 0 100 10" preserveAspectRatio="none" aria-hidden="true" focusable="false">
                  <rect x="0" y="0" height="10" width={Math.round((value / top) * 100)} />
                </svg>
                <span data-votes={r.votes}>{r.votes}</span>
              </td>
              {ranked ? <td className="utrecht-table__cell">{r.points}</td> : null}
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
