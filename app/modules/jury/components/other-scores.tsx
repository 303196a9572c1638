import { useTranslation } from "react-i18next";
import { Heading2 } from "~/components/nlds";

/** Other jurors' scores, as "juror n" (never by name), when the round shows them. */
export function OtherScores({
  scores,
  criterionName,
}: {
  scores: Array<{ juror: number; criterionId: string; score: number; comment: string }>;
  criterionName: (id: string) => string;
}) {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="others-heading">
      <Heading2 id="others-heading">{t("jury.othersHeading")}</Heading2>
      <ul>
        {scores.map((o, i) => (
          <li key={i}>
            {t("jury.otherScore", { juror: o.juror, criterion: criterionName(o.criterionId), score: o.score })}
            {o.comment ? `: ${o.comment}` : ""}
          </li>
        ))}
      </ul>
    </section>
  );
}
