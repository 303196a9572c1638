import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useLoaderData, useSearchParams } from "@remix-run/react";
import { Alert, Heading1, Paragraph } from "~/components/nlds";
import { useTranslation } from "react-i18next";
import { createSession } from "~/auth/lucia.server";
import { AppLink } from "~/components/app-link";
import { FormError, SubmitButton, TextField, useAppForm } from "~/components/form";
import { getDb } from "~/db.server";
import { formFailure, parseForm } from "~/lib/forms.server";
import { titleMeta } from "~/lib/meta";
import { withNotice } from "~/lib/notice";
import { ResetPasswordSchema, type ResetPasswordInput } from "~/modules/accounts/account.schema";
import { isResetTokenUsable, resetPassword } from "~/modules/accounts/account.server";

export const meta = titleMeta("reset.title");

export async function loader({ request }: LoaderFunctionArgs) {
  const token = new URL(request.url).searchParams.get("token") ?? "";
  return { usable: token.length >= 20 && token.length <= 200 && (await isResetTokenUsable(getDb(), token)) };
}

export async function action({ request }: ActionFunctionArgs) {
  const parsed = await parseForm(request, ResetPasswordSchema);
  if (!parsed.ok) {
    if (parsed.fieldErrors.token) return formFailure(400, { fieldErrors: {}, formError: "reset.invalid" });
    return formFailure(400, parsed);
  }
  const result = await resetPassword(getDb(), parsed.data);
  if (!result.ok) {
    return result.field === "token"
      ? formFailure(400, { fieldErrors: {}, formError: result.error })
      : formFailure(400, { fieldErrors: { password: result.error } });
  }
  const { cookie } = await createSession(result.userId);
  return redirect(withNotice("/account", "reset.done"), { headers: { "Set-Cookie": cookie } });
}

export default function ResetPassword() {
  const { t } = useTranslation();
  const { usable } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  const { register, handleSubmit, errorOf, failure, busy } = useAppForm<ResetPasswordInput>(ResetPasswordSchema, {
    token: params.get("token") ?? "",
  });
  return (
    <>
      <Heading1>{t("reset.title")}</Heading1>
      {!usable && !failure ? (
        <Alert type="error">
          <Paragraph>
            {t("reset.invalid")} <AppLink to="/wachtwoord-vergeten">{t("login.forgot")}</AppLink>
          </Paragraph>
        </Alert>
      ) : (
        <>
          <FormError failure={failure} />
          <Form method="post" onSubmit={handleSubmit} noValidate className="lauwer-form">
            <input type="hidden" {...register("token")} />
            <TextField
              name="password"
              type="password"
              label={t("fields.newPassword")}
              description={t("fields.passwordHint")}
              autoComplete="new-password"
              required
              registration={register("password")}
              error={errorOf("password")}
            />
            <SubmitButton busy={busy}>{t("reset.submit")}</SubmitButton>
          </Form>
        </>
      )}
    </>
  );
}
