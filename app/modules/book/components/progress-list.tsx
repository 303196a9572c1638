import { useTranslation } from "react-i18next";
import { FactList, type FactRow } from "~/components/facts";

export interface Progress {
  proposals: number;
  endorsements: number;
  selected: number;
  authors: number;
  assigned: number;
  written: number;
  final: number;
  published: number;
}

/** The project's figures as a definition list plus a native progress bar (final portraits of the target). */
export function ProgressList({ progress, target }: { progress: Progress; target: number }) {
  const { t } = useTranslation();
  const rows: FactRow[] = [
    [t("book.progress.proposals"), String(progress.proposals)],
    [t("book.progress.endorsements"), String(progress.endorsements)],
    [t("book.progress.selected"), t("book.progress.selectedOf", { selected: progress.selected, target })],
    [t("book.progress.authors"), String(progress.authors)],
    [t("book.progress.assigned"), String(progress.assigned)],
    [t("book.progress.written"), String(progress.written)],
    [t("book.progress.final"), String(progress.final)],
    [t("book.progress.published"), String(progress.published)],
  ];
  return (
    <>
      <FactList facts={rows} />
      <div className="lauwer-book-progress">
        <label htmlFor="book-progress">{t("book.progressLabel", { done: progress.final, target })}</label>
        <progress id="book-progress" max={target} value={Math.min(progress.final, target)}>
          {t("book.progressLabel", { done: progress.final, target })}
        </progress>
      </div>
    </>
  );
}
