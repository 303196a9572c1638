import "~/i18n/page-texts/mfa";
import { Form } from "@remix-run/react";
import { useEffect } from "react";
import { useTranslation } from "react-i18next";
import { FormError, SubmitButton, TextField, useAppForm } from "~/components/form";
import { CodeSchema, type CodeInput } from "../mfa.schema";

/**
 * The code of the second factor: 6 digits from the app or a recovery code. Used by the sign-in step and
 * (with its own intent and form id) to turn the second factor off. The typed code leaves the field after
 * a refusal, as it would without JavaScript.
 */
export function CodeForm({
  submit,
  redirectTo = "",
  intent,
  formId,
  secondary,
  description,
}: {
  submit: string;
  redirectTo?: string;
  intent?: string;
  formId?: string;
  /** Another way above it is the page's main action (a passkey). */
  secondary?: boolean;
  /** What the field takes, when not "6 digits from your app, or a recovery code". */
  description?: string;
}) {
  const { t } = useTranslation();
  const { register, handleSubmit, errorOf, failure, errors, busy, setValue } = useAppForm<CodeInput>(
    CodeSchema,
    { redirectTo, ...(formId ? { formId } : {}) },
    formId,
  );
  useEffect(() => {
    if (failure) setValue("code", "");
  }, [failure, setValue]);
  return (
    <>
      <FormError failure={failure} errors={errors} />
      <Form method="post" action={intent ? `?intent=${intent}` : undefined} onSubmit={handleSubmit} noValidate className="lauwer-form">
        <input type="hidden" {...register("redirectTo")} />
        {formId ? <input type="hidden" {...register("formId")} /> : null}
        <TextField
          name="code"
          label={t("mfa.step.code")}
          description={description ?? t("mfa.step.codeDescription")}
          autoComplete="one-time-code"
          registration={register("code")}
          error={errorOf("code")}
          required
        />
        <SubmitButton busy={busy} secondary={secondary}>
          {submit}
        </SubmitButton>
      </Form>
    </>
  );
}
