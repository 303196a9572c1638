import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { FormError, SubmitButton, TextField, useAppForm } from "~/components/form";
import { Paragraph } from "~/components/nlds";
import { ChangePasswordSchema, type ChangePasswordInput } from "~/modules/accounts/account.schema";

const FORM_ID = "password";

/**
 * The account page's "change password" form (intent "password"): the current password and the new one
 * twice. Validated in the browser with the shared schema and again on the server; the passwords are
 * never sent back with a refusal.
 */
export function ChangePasswordForm() {
  const { t } = useTranslation();
  const { register, errorOf, handleSubmit, failure, errors, busy } = useAppForm<ChangePasswordInput>(
    ChangePasswordSchema,
    { formId: FORM_ID },
    FORM_ID,
  );
  return (
    <Form method="post" action="?intent=password" onSubmit={handleSubmit} noValidate className="lauwer-form">
      <FormError failure={failure} errors={errors} />
      <Paragraph>{t("accounts.password.intro")}</Paragraph>
      <input type="hidden" {...register("formId")} />
      <TextField
        name="currentPassword"
        type="password"
        label={t("accounts.password.current")}
        autoComplete="current-password"
        registration={register("currentPassword")}
        error={errorOf("currentPassword")}
        required
      />
      <TextField
        name="newPassword"
        type="password"
        label={t("fields.newPassword")}
        description={t("fields.passwordHint")}
        autoComplete="new-password"
        registration={register("newPassword")}
        error={errorOf("newPassword")}
        required
      />
      <TextField
        name="confirmPassword"
        type="password"
        label={t("accounts.password.confirm")}
        autoComplete="new-password"
        registration={register("confirmPassword")}
        error={errorOf("confirmPassword")}
        required
      />
      <SubmitButton busy={busy}>{t("accounts.password.submit")}</SubmitButton>
    </Form>
  );
}
