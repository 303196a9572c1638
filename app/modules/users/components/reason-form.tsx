import "~/i18n/page-texts/users";
import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Heading2, Paragraph } from "~/components/nlds";
import { FormError, SubmitButton, TextareaField, useAppForm } from "~/components/form";
import { BlockUserSchema, REASON_MAX, ResetSecondFactorSchema } from "../user.schema";

/**
 * Blocking or releasing an account, or removing its second factor: what it does, the required reason,
 * one button; its refusals (a missing reason, oneself, the last admin) are shown above it.
 */
export function ReasonForm({ intent }: { intent: "block" | "unblock" | "resetMfa" }) {
  const { t } = useTranslation();
  // Each form on the page has its own field name, so each label, error link and field id is its own.
  const field = intent === "resetMfa" ? "mfaReason" : "reason";
  const schema = intent === "resetMfa" ? ResetSecondFactorSchema : BlockUserSchema;
  const { register, handleSubmit, errorOf, failure, errors, busy, watch } = useAppForm<Record<string, string>>(
    schema,
    { [field]: "" },
    intent,
  );
  const length = (watch(field) ?? "").length;
  const heading = `${intent}-heading`;
  return (
    <section aria-labelledby={heading}>
      <Heading2 id={heading}>{t(`users.person.${intent}Heading`)}</Heading2>
      <Paragraph>{t(`users.person.${intent}Intro`)}</Paragraph>
      <FormError failure={failure} errors={errors} />
      <Form method="post" action={`?intent=${intent}`} onSubmit={handleSubmit} noValidate className="lauwer-form">
        <input type="hidden" name="formId" value={intent} />
        <TextareaField
          name={field}
          label={t("users.person.reason")}
          description={t(`users.person.${intent}ReasonHint`)}
          registration={register(field)}
          error={errorOf(field)}
          counter={t("nominate.counter", { count: length, max: REASON_MAX })}
          rows={4}
        />
        <SubmitButton busy={busy}>{t(`users.person.${intent}`)}</SubmitButton>
      </Form>
    </section>
  );
}
