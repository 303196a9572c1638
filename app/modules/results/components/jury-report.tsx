import { useTranslation } from "react-i18next";
import { Paragraph } from "~/components/nlds";

/** The jury's motivation of a prize as published in the snapshot; paragraphs kept as written. */
export function JuryReport({ id, prize, text }: { id: string; prize: string; text: string }) {
  const { t } = useTranslation();
  return (
    <figure className="lauwer-jury-report" aria-labelledby={id}>
      <figcaption id={id}>
        <strong>{t("juryReport.motivationOf", { prize })}</strong>
      </figcaption>
      <blockquote>
        {text.split(/\n\s*\n/).map((para, i) => (
          <Paragraph key={i}>{para}</Paragraph>
        ))}
      </blockquote>
    </figure>
  );
}
