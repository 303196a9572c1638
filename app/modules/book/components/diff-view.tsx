import { useTranslation } from "react-i18next";

export interface DiffPart {
  value: string;
  added: boolean;
  removed: boolean;
}

/**
 * Word differences between two versions as <ins> and <del>. Colour and strike-through are not the
 * only signal: screen readers hear "added:" / "removed:" before each change, and the legend says
 * which mark is which.
 */
export function DiffView({ parts, from, to }: { parts: DiffPart[]; from: number; to: number }) {
  const { t } = useTranslation();
  const changes = parts.filter((p) => p.added || p.removed).length;
  return (
    <div className="lauwer-bw-diff">
      <p className="utrecht-paragraph">
        {changes === 0 ? t("bookWriting.diff.same", { from, to }) : t("bookWriting.diff.summary", { from, to, count: changes })}
      </p>
      {changes ? (
        <p className="utrecht-paragraph lauwer-bw-diff__legend">
          <ins>{t("bookWriting.diff.legendAdded")}</ins> <del>{t("bookWriting.diff.legendRemoved")}</del>
        </p>
      ) : null}
      <div className="lauwer-bw-diff__text">
        {parts.map((p, i) =>
          p.added ? (
            <ins key={i}>
              <span className="lauwer-bw-hidden">{t("bookWriting.diff.added")} </span>
              {p.value}
            </ins>
          ) : p.removed ? (
            <del key={i}>
              <span className="lauwer-bw-hidden">{t("bookWriting.diff.removed")} </span>
              {p.value}
            </del>
          ) : (
            <span key={i}>{p.value}</span>
          ),
        )}
      </div>
    </div>
  );
}
