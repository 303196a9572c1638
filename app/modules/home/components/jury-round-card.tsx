import { useTranslation } from "react-i18next";
import { AppLink } from "~/components/app-link";
import { useDateFormat } from "~/lib/locale";
import { PrimaryButtonLink } from "./primary-action-button";

export interface JuryRoundCardData {
  href: string;
  award: string;
  name: string;
  state: "open" | "waiting" | "closed";
  awaiting: boolean;
  opensAt: string | null;
  closesAt: string | null;
  done: number;
  expected: number;
}

/** One jury round of a juror: its state, deadline and how far they got; an open round has a button to score. */
export function JuryRoundCard({ round: r, headingLevel = 3 }: { round: JuryRoundCardData; headingLevel?: 2 | 3 }) {
  const { t } = useTranslation();
  const date = useDateFormat();
  const Heading = headingLevel === 2 ? "h2" : "h3";
  const title = `${r.award}: ${r.name}`;
  const when =
    r.state === "closed"
      ? r.closesAt
        ? t("nav.juryRounds.closed", { date: date(r.closesAt) })
        : null
      : r.state === "open"
        ? r.closesAt
          ? t("nav.juryRounds.closes", { date: date(r.closesAt) })
          : null
        : r.opensAt
          ? t("nav.juryRounds.opens", { date: date(r.opensAt) })
          : t("nav.juryRounds.noDate");
  return (
    <li className={`lauwer-task lauwer-task--${r.state}`}>
      <Heading className="lauwer-task__title">
        <AppLink to={r.href}>{title}</AppLink>
      </Heading>
      <p className="lauwer-task__meta">
        <span className="lauwer-state">
          <span className="lauwer-visually-hidden">{t("nav.juryRounds.stateLabel")}: </span>
          {t(`nav.juryRounds.state.${r.state}`)}
        </span>
        {when ? <> {when}</> : null}
      </p>
      {r.state === "waiting" ? (
        r.awaiting ? (
          <p className="lauwer-task__meta">{t("nav.juryRounds.waiting")}</p>
        ) : null
      ) : (
        <p className="lauwer-task__meta">
          {t("nav.juryRounds.progress", { done: r.done, expected: r.expected })}
          <progress className="lauwer-progress" max={Math.max(r.expected, 1)} value={r.done} aria-hidden="true" />
        </p>
      )}
      {r.state === "open" ? <PrimaryButtonLink to={r.href} text={t("nav.juryRounds.score", { round: r.name })} /> : null}
    </li>
  );
}
