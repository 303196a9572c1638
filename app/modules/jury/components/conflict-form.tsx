import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Button, FormField, FormFieldErrorMessage, FormLabel, Heading2, Paragraph, Textarea } from "~/components/nlds";

/** A juror declares a conflict of interest with a reason, and is recused from the candidate. */
export function ConflictForm({ error }: { error?: string }) {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="conflict-heading">
      <Heading2 id="conflict-heading">{t("jury.conflictHeading")}</Heading2>
      <Paragraph>{t("jury.conflictIntro")}</Paragraph>
      <Form method="post" action="?intent=conflict" className="lauwer-form">
        <FormField>
          <div className="utrecht-form-field__label">
            <FormLabel htmlFor="conflict-reason">{t("jury.conflictReason")}</FormLabel>
          </div>
          {error ? <FormFieldErrorMessage id="conflict-reason-error">{t(error)}</FormFieldErrorMessage> : null}
          <div className="utrecht-form-field__input">
            <Textarea
              id="conflict-reason"
              name="reason"
              rows={2}
              invalid={Boolean(error)}
              aria-describedby={error ? "conflict-reason-error" : undefined}
            />
          </div>
        </FormField>
        <div>
          <Button type="submit" appearance="secondary-action-button">
            {t("jury.conflictSubmit")}
          </Button>
        </div>
      </Form>
    </section>
  );
}
