import { useTranslation } from "react-i18next";
import { Heading2, Paragraph } from "~/components/nlds";

export interface DossierNomination {
  id: string;
  motivation: string;
  videoUrl: string | null;
  relation: string;
  nominator: string | null;
  references: Array<{ name: string; relation: string; statement: string }>;
}

/** What a juror reads before scoring: the vote position, pitch, story and every nomination with its references. */
export function CandidateDossier({
  candidate,
  nominations,
  votePosition,
  selection = null,
  blind,
}: {
  candidate: { pitch: string | null; story: string | null };
  nominations: DossierNomination[];
  votePosition: { place: number; of: number; votes: number } | null;
  /** The organizers' motivation when they selected the candidate for this round. */
  selection?: { round: string; motivation: string } | null;
  blind: boolean;
}) {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="dossier-heading">
      <Heading2 id="dossier-heading">{t("jury.dossier")}</Heading2>
      {votePosition ? <Paragraph>{t("jury.votePosition", votePosition)}</Paragraph> : null}
      {selection ? (
        <Paragraph>
          <strong>{t("rounds.dossierSelection", { round: selection.round })}</strong> {selection.motivation}
        </Paragraph>
      ) : null}
      {candidate.pitch ? <Paragraph lead>{candidate.pitch}</Paragraph> : null}
      {candidate.story ? <Paragraph>{candidate.story}</Paragraph> : null}
      {nominations.map((n, i) => (
        <article key={n.id} className="lauwer-round" aria-label={t("jury.nominationN", { n: i + 1 })}>
          <Paragraph>
            <strong>
              {blind || !n.nominator ? t("jury.nominatorHidden") : t("jury.nominatedBy", { name: n.nominator, relation: n.relation })}
            </strong>
          </Paragraph>
          <Paragraph>{n.motivation}</Paragraph>
          {n.videoUrl ? (
            <Paragraph>
              <a className="utrecht-link" href={n.videoUrl} rel="noopener noreferrer">
                {t("jury.pitchVideo")}
              </a>
            </Paragraph>
          ) : null}
          {n.references.map((r, j) => (
            <blockquote key={j} className="lauwer-quote">
              <Paragraph>{r.statement}</Paragraph>
              <Paragraph>
                — {r.name}
                {r.relation ? ` (${r.relation})` : ""}
              </Paragraph>
            </blockquote>
          ))}
        </article>
      ))}
    </section>
  );
}
