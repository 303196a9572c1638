import "~/i18n/page-texts/account";
import { Form } from "@remix-run/react";
import { useEffect } from "react";
import { useTranslation } from "react-i18next";
import { FormError, SubmitButton, TextField, useAppForm } from "~/components/form";
import { Paragraph } from "~/components/nlds";
import { ChangePasswordSchema, type ChangePasswordInput } from "~/modules/accounts/account.schema";

const FORM_ID = "password";

/**
 * The account page's "change password" form (intent "password"): the current password and the new one
 * twice, named by the heading above it. Validated in the browser with the shared schema and again on the server; the passwords are
 * never sent back with a refusal.
 */
export function ChangePasswordForm({ labelledBy }: { labelledBy: string }) {
  const { t } = useTranslation();
  const { register, errorOf, handleSubmit, failure, errors, busy, setValue } = useAppForm<ChangePasswordInput>(
    ChangePasswordSchema,
    { formId: FORM_ID },
    FORM_ID,
  );
  // After a refusal the passwords are typed again, as without JavaScript (the server never echoes them).
  useEffect(() => {
    if (!failure) return;
    for (const field of ["currentPassword", "newPassword", "confirmPassword"] as const) setValue(field, "");
  }, [failure, setValue]);
  return (
    <Form method="post" action="?intent=password" onSubmit={handleSubmit} noValidate className="lauwer-form" aria-labelledby={labelledBy}>
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
