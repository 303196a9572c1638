import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Heading2, Paragraph } from "~/components/nlds";
import { useDateFormat } from "~/lib/locale";
import type { NextAction, TimelineStep } from "../control-room.server";

const DATE_TIME: Intl.DateTimeFormatOptions = { dateStyle: "medium", timeStyle: "short" };

/** One next action as a sentence with its count, e.g. "12 nominations wait for moderation". */
function useActionText() {
  const { t } = useTranslation();
  return (a: NextAction) => t(`control.action.${a.key}`, { count: a.count, position: a.round?.position ?? "", name: a.round?.name ?? "" });
}

/**
 * What the organizer does next, most urgent first: the first is the page's one primary button, the
 * rest are listed below it as links.
 */
export function NextActions({ actions }: { actions: NextAction[] }) {
  const { t } = useTranslation();
  const text = useActionText();
  const [first, ...rest] = actions;
  return (
    <section aria-labelledby="next-heading" className="lauwer-control__next">
      <Heading2 id="next-heading">{t("control.nextHeading")}</Heading2>
      {!first ? (
        <Paragraph>{t("control.nothingToDo")}</Paragraph>
      ) : (
        <>
          <Paragraph>{text(first)}</Paragraph>
          <Paragraph>
            <Link
              to={first.href}

              className="utrecht-button-link utrecht-button-link--html-a utrecht-button-link--primary-action"
            >
              {t(`control.button.${first.key}`)}
            </Link>
          </Paragraph>
          {rest.length ? (
            <ul className="lauwer-control__more">
              {rest.map((a) => (
                <li key={`${a.key}-${a.round?.position ?? ""}`}>
                  <Link to={a.href} className="utrecht-link">
                    {text(a)}
                  </Link>
                </li>
              ))}
            </ul>
          ) : null}
        </>
      )}
    </section>
  );
}

/** The edition from nominations to the last round, each step with its window and where it stands. */
export function Timeline({ steps }: { steps: TimelineStep[] }) {
  const { t } = useTranslation();
  const date = useDateFormat(DATE_TIME);
  return (
    <section aria-labelledby="timeline-heading">
      <Heading2 id="timeline-heading">{t("control.timelineHeading")}</Heading2>
      <ol className="lauwer-timeline">
        {steps.map((s) => {
          const title = s.kind === "nominations" ? t("control.nominations") : `${s.position}. ${s.name}`;
          return (
            <li key={s.position ?? "nominations"} className={`lauwer-timeline__step lauwer-timeline__step--${s.status}`}>
              <span className="lauwer-timeline__title">
                {s.href ? (
                  <Link to={s.href} className="utrecht-link">
                    {title}
                  </Link>
                ) : (
                  title
                )}
              </span>
              {s.kind !== "nominations" ? <span className="lauwer-timeline__kind"> · {t(`awards.kind.${s.kind}`)}</span> : null}
              <span className="lauwer-timeline__status">{t(`control.status.${s.status}`)}</span>
              <span className="lauwer-timeline__window">
                {s.opensAt || s.closesAt
                  ? t("control.window", { opens: date(s.opensAt, t("control.noDate")), closes: date(s.closesAt, t("control.noDate")) })
                  : t(s.kind === "live_vote" ? "control.liveWindow" : "control.noWindow")}
              </span>
            </li>
          );
        })}
      </ol>
    </section>
  );
}
