import { useTranslation } from "react-i18next";
import { useDateFormat } from "~/lib/locale";
import { Heading2, Paragraph, VersionHeading } from "./manuscript-parts";

export interface HistoryVersion {
  id: string;
  version: number;
  word_count: number;
  submitted: boolean;
  created_at: string;
}
export interface HistoryComment {
  id: string;
  version_id: string;
  body: string;
  created_at: string;
  author_name: string | null;
}

/** Every version (newest first) with its words, whether it was submitted, and the editors' comments on it. */
export function ManuscriptHistory({ versions, comments }: { versions: HistoryVersion[]; comments: HistoryComment[] }) {
  const { t } = useTranslation();
  const when = useDateFormat({ dateStyle: "medium", timeStyle: "short" });
  return (
    <section aria-labelledby="history-heading">
      <Heading2 id="history-heading">{t("bookWriting.history.title")}</Heading2>
      {versions.length === 0 ? (
        <Paragraph>{t("bookWriting.history.none")}</Paragraph>
      ) : (
        <ol className="lauwer-bw-history" reversed>
          {versions.map((v) => {
            const own = comments.filter((c) => c.version_id === v.id);
            return (
              <li key={v.id}>
                <VersionHeading>
                  {t("bookWriting.history.version", { n: v.version })} — {when(v.created_at)} —{" "}
                  {t("bookWriting.words", { count: v.word_count })}
                  {v.submitted ? ` — ${t("bookWriting.history.submitted")}` : ""}
                </VersionHeading>
                {own.length ? (
                  <ul className="lauwer-bw-comments" aria-label={t("bookWriting.history.commentsOn", { n: v.version })}>
                    {own.map((c) => (
                      <li key={c.id}>
                        <div className="lauwer-bw-comment-meta">
                          {t("bookWriting.history.commentBy", {
                            name: c.author_name ?? t("bookWriting.history.editor"),
                            date: when(c.created_at),
                          })}
                        </div>
                        <div className="lauwer-bw-prewrap">{c.body}</div>
                      </li>
                    ))}
                  </ul>
                ) : null}
              </li>
            );
          })}
        </ol>
      )}
    </section>
  );
}
