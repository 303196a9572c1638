import { useTranslation } from "react-i18next";
import { ButtonLink } from "~/components/button-link";
import { useDateFormat } from "~/lib/locale";
import type { PrimaryAction } from "../primary-action";

/** The button of an edition's current task: "Stem nu — sluit 13 december", "Nomineer", "Bekijk de uitslag". */
export function PrimaryActionButton({ action, describedBy }: { action: PrimaryAction; describedBy?: string }) {
  const { t } = useTranslation();
  const dayMonth = useDateFormat({ day: "numeric", month: "long" });
  if (!action) return null;
  const text =
    action.kind === "vote"
      ? action.closesAt
        ? t("nav.action.voteUntil", { date: dayMonth(action.closesAt) })
        : t("nav.action.vote")
      : action.kind === "nominate"
        ? action.closesAt
          ? t("nav.action.nominateUntil", { date: dayMonth(action.closesAt) })
          : t("nav.action.nominate")
        : t("nav.action.results");
  return <PrimaryButtonLink to={action.href} text={text} describedBy={describedBy} />;
}

/** A primary button to a task, in the page's flow; describedBy names what it is about (a card's title) where several share a page. */
export function PrimaryButtonLink({ to, text, describedBy }: { to: string; text: string; describedBy?: string }) {
  return (
    <p className="lauwer-primary-action">
      <ButtonLink to={to} aria-describedby={describedBy}>
        {text}
      </ButtonLink>
    </p>
  );
}
