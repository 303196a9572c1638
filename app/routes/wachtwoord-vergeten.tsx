import { redirect, type ActionFunctionArgs } from "@remix-run/node";
import { Form } from "@remix-run/react";
import { Heading1, Paragraph } from "~/components/nlds";
import { useTranslation } from "react-i18next";
import { FormError, SubmitButton, TextField, useAppForm } from "~/components/form";
import { getDb } from "~/db.server";
import { formFailure, parseForm } from "~/lib/forms.server";
import { titleMeta } from "~/lib/meta";
import { withNotice } from "~/lib/notice";
import { ForgotPasswordSchema, type ForgotPasswordInput } from "~/modules/accounts/account.schema";
import { requestPasswordReset } from "~/modules/accounts/account.server";

export const meta = titleMeta("forgot.title");

export async function action({ request, context }: ActionFunctionArgs) {
  const parsed = await parseForm(request, ForgotPasswordSchema);
  if (!parsed.ok) return formFailure(400, parsed);
  await requestPasswordReset(getDb(), parsed.data, context.ip);
  // The same answer whether or not the account exists.
  return redirect(withNotice("/wachtwoord-vergeten", "forgot.done"));
}

export default function ForgotPassword() {
  const { t } = useTranslation();
  const { register, handleSubmit, errorOf, failure, busy } = useAppForm<ForgotPasswordInput>(ForgotPasswordSchema);
  return (
    <>
      <Heading1>{t("forgot.title")}</Heading1>
      <Paragraph>{t("forgot.intro")}</Paragraph>
      <FormError failure={failure} />
      <Form method="post" onSubmit={handleSubmit} noValidate className="lauwer-form">
        <TextField
          name="email"
          type="email"
          label={t("fields.email")}
          autoComplete="email"
          required
          registration={register("email")}
          error={errorOf("email")}
        />
        <SubmitButton busy={busy}>{t("forgot.submit")}</SubmitButton>
      </Form>
    </>
  );
}
