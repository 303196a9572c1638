import { useTranslation } from "react-i18next";
import { AppLink } from "~/components/app-link";
import { Heading1, Heading2, Paragraph, UnorderedList, UnorderedListItem } from "~/components/nlds";
import { useDateFormat } from "~/lib/locale";
import { useEdition } from "~/modules/awards/components/use-edition";
import { PrimaryActionButton } from "~/modules/home/components/primary-action-button";
import { primaryAction } from "~/modules/home/primary-action";

export default function EditionAbout() {
  const edition = useEdition();
  const { t } = useTranslation();
  const date = useDateFormat();
  const dateTime = useDateFormat({ dateStyle: "long", timeStyle: "short" });
  const later = t("awards.dateUnknown");
  return (
    <>
      <Heading1>{edition.name}</Heading1>
      <Paragraph lead>{edition.description}</Paragraph>
      <PrimaryActionButton action={primaryAction(edition)} />
      {edition.theme ? (
        <Paragraph>
          <strong>{t("awards.theme")}:</strong> {edition.theme}
        </Paragraph>
      ) : null}
      {edition.maxNomineeAge ? <Paragraph>{t("awards.maxAge", { age: edition.maxNomineeAge })}</Paragraph> : null}

      <section aria-labelledby="criteria-heading">
        <Heading2 id="criteria-heading">{t("awards.criteria")}</Heading2>
        <Paragraph>{edition.criteria}</Paragraph>
      </section>

      <section aria-labelledby="timeline-heading">
        <Heading2 id="timeline-heading">{t("awards.timeline")}</Heading2>
        <ol className="lauwer-timeline">
          <li
            className={`lauwer-timeline__step lauwer-timeline__step--${edition.nomination.state}`}
            aria-current={edition.nomination.state === "current" ? "step" : undefined}
          >
            <strong>{t("awards.nominationStep")}</strong> ({t(`awards.${edition.nomination.state}`)})
            <br />
            {date(edition.nomination.opensAt, later)} – {date(edition.nomination.closesAt, later)}
          </li>
          {edition.rounds.map((r) => (
            <li
              key={r.id}
              className={`lauwer-timeline__step lauwer-timeline__step--${r.state}`}
              aria-current={r.state === "current" ? "step" : undefined}
            >
              {r.kind === "public_vote" || r.kind === "live_vote" ? (
                <AppLink to={`/prijzen/${edition.awardSlug}/${edition.year}/ronde/${r.position}`}>
                  <strong>{r.name}</strong>
                </AppLink>
              ) : (
                <strong>{r.name}</strong>
              )}{" "}
              — {t(`awards.kind.${r.kind}`)} ({t(`awards.${r.state}`)})
              <br />
              {date(r.opensAt, later)} – {date(r.closesAt, later)}. {t(`awards.advance.${r.advancement}`, { k: r.advanceK })}
            </li>
          ))}
          {edition.ceremony ? (
            <li className="lauwer-timeline__step">
              <strong>
                {edition.ceremony.place
                  ? t("notices.edition.ceremonyAt", { when: dateTime(edition.ceremony.at), place: edition.ceremony.place })
                  : t("notices.edition.ceremony", { when: dateTime(edition.ceremony.at) })}
              </strong>
            </li>
          ) : null}
        </ol>
      </section>

      <section aria-labelledby="categories-heading">
        <Heading2 id="categories-heading">{t("awards.categories")}</Heading2>
        <UnorderedList>
          {edition.categories.map((c) => (
            <UnorderedListItem key={c.id}>{c.name}</UnorderedListItem>
          ))}
        </UnorderedList>
      </section>
    </>
  );
}
