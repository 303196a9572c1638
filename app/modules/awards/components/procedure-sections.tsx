import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { AppLink } from "~/components/app-link";
import { Button, Paragraph } from "~/components/nlds";
import type { RoundInput } from "../procedure.schema";
import { RoundForm } from "./round-form";

/** Links to the page's sections, so a long procedure is read by concern. */
export function JumpLinks({ sections }: { sections: ReadonlyArray<readonly [id: string, label: string]> }) {
  const { t } = useTranslation();
  return (
    <nav aria-label={t("control.procedure.jump")} className="lauwer-jump">
      <ul>
        {sections.map(([id, label]) => (
          <li key={id}>
            <a className="utrecht-link" href={`#${id}`}>
              {label}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}

/**
 * One round of the procedure, folded into a line with its name, kind and whether it is locked; open,
 * its own form, the link to its organizer page and (until it opens) its delete button.
 */
export function RoundItem({
  base,
  round,
  open,
}: {
  base: string;
  round: { position: number; opened: boolean; values: RoundInput };
  open: boolean;
}) {
  const { t } = useTranslation();
  const { position, opened, values } = round;
  return (
    <details id={`round-${position}-item`} className="lauwer-fold lauwer-round" open={open || undefined}>
      <summary>
        {t("control.procedure.roundSummary", { position, name: values.nameNl, kind: t(`awards.kind.${values.kind}`) })}
        {opened ? ` — ${t("control.procedure.opened")}` : null}
      </summary>
      <RoundForm id={`round-${position}`} title={t("procedure.round", { position, name: values.nameNl })} values={values} opened={opened} />
      {values.kind === "jury" ? (
        <Paragraph>
          <AppLink to={`${base}/jury/${position}`}>{t("jury.admin.roundLink", { name: values.nameNl })}</AppLink>
        </Paragraph>
      ) : null}
      {values.kind === "organizer_selection" ? (
        <Paragraph>
          <AppLink to={`${base}/selectie/${position}`}>{t("rounds.selectionLink", { name: values.nameNl })}</AppLink>
        </Paragraph>
      ) : null}
      {values.kind === "public_vote" || values.kind === "live_vote" ? (
        <Paragraph>
          <AppLink to={`${base}/stemmen/${position}`}>
            {t("procedure.manageVoting")}: {values.nameNl}
          </AppLink>
        </Paragraph>
      ) : null}
      {!opened ? (
        <Form method="post" action="?intent=delete-round">
          <input type="hidden" name="formId" value={`round-${position}`} />
          <input type="hidden" name="roundId" value={values.roundId} />
          <Button type="submit" appearance="secondary-action-button" aria-label={`${t("procedure.deleteRound")}: ${values.nameNl}`}>
            {t("procedure.deleteRound")}
          </Button>
        </Form>
      ) : null}
    </details>
  );
}
