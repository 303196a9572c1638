import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import {
  Button,
  HeadedTable,
  TableCell,
  TableRow,
  FormField,
  FormFieldDescription,
  FormFieldErrorMessage,
  FormLabel,
  Heading2,
  Paragraph,
  Textarea,
} from "~/components/nlds";
import { MOTIVATION_MAX, MOTIVATION_MIN } from "../selection.schema";

export interface SelectionCategory {
  id: string;
  name: string;
  candidates: Array<{ id: string; name: string; organisation: string; picked: boolean; motivation: string }>;
}

/**
 * The organizers' selection (intent "select"): per category every candidate with a checkbox and a
 * motivation. After a refusal it shows what was typed, with the error at its motivation.
 */
export function SelectionForm({
  categories,
  readOnly,
  failure,
}: {
  categories: SelectionCategory[];
  readOnly: boolean;
  failure?: {
    fieldErrors?: Record<string, string | undefined>;
    formErrorParams?: Record<string, string | number>;
    values?: Record<string, string>;
  };
}) {
  const { t } = useTranslation();
  const typed = failure?.values;
  // Once it can no longer change, the selection reads as a list: who was chosen, and why.
  if (readOnly)
    return (
      <>
        {categories.map((c) => (
          <section key={c.id} aria-labelledby={`selection-${c.id}`}>
            <Heading2 id={`selection-${c.id}`}>{c.name}</Heading2>
            {c.candidates.some((n) => n.picked) ? (
              <HeadedTable headers={[t("voting.candidate"), t("rounds.motivationColumn")]}>
                {c.candidates
                  .filter((n) => n.picked)
                  .map((n) => (
                    <TableRow key={n.id}>
                      <TableCell>
                        {n.name}
                        {n.organisation ? ` — ${n.organisation}` : ""}
                      </TableCell>
                      <TableCell>{n.motivation}</TableCell>
                    </TableRow>
                  ))}
              </HeadedTable>
            ) : (
              <Paragraph>{t("rounds.nothingPicked")}</Paragraph>
            )}
          </section>
        ))}
      </>
    );
  return (
    <Form method="post" action="?intent=select" className="lauwer-form">
      {categories.map((c) => (
        <fieldset key={c.id}>
          <legend>
            <Heading2>{c.name}</Heading2>
          </legend>
          {c.candidates.map((n) => {
            const field = `motivation-${n.id}`;
            const error = failure?.fieldErrors?.[field];
            const checked = typed ? typed[`pick-${n.id}`] !== undefined : n.picked;
            return (
              <div key={n.id} className="lauwer-round">
                <label htmlFor={`pick-${n.id}`} className="lauwer-ballot__option">
                  <input type="checkbox" id={`pick-${n.id}`} name={`pick-${n.id}`} value="on" defaultChecked={checked} />
                  {n.name}
                  {n.organisation ? ` — ${n.organisation}` : ""}
                </label>
                <FormField invalid={Boolean(error)}>
                  <div className="utrecht-form-field__label">
                    <FormLabel htmlFor={field}>{t("rounds.motivation", { name: n.name })}</FormLabel>
                  </div>
                  <FormFieldDescription id={`${field}-hint`}>
                    {t("rounds.motivationHint", { min: MOTIVATION_MIN, max: MOTIVATION_MAX })}
                  </FormFieldDescription>
                  {error ? <FormFieldErrorMessage id={`${field}-error`}>{t(error, failure?.formErrorParams)}</FormFieldErrorMessage> : null}
                  <div className="utrecht-form-field__input">
                    <Textarea
                      id={field}
                      name={field}
                      rows={2}
                      maxLength={MOTIVATION_MAX}
                      defaultValue={typed ? (typed[field] ?? "") : n.motivation}
                      invalid={Boolean(error)}
                      aria-invalid={error ? true : undefined}
                      aria-describedby={error ? `${field}-hint ${field}-error` : `${field}-hint`}
                    />
                  </div>
                </FormField>
              </div>
            );
          })}
          {c.candidates.length === 0 ? <Paragraph>{t("rounds.noCandidates")}</Paragraph> : null}
        </fieldset>
      ))}
      <div>
        <Button type="submit" appearance="primary-action-button">
          {t("rounds.saveSelection")}
        </Button>
      </div>
    </Form>
  );
}
