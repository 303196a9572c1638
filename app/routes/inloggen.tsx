import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useSearchParams } from "@remix-run/react";
import { Heading1, Paragraph } from "~/components/nlds";
import { useEffect } from "react";
import { useTranslation } from "react-i18next";
import { requireAnonymous } from "~/auth/guards.server";
import { createSession } from "~/auth/lucia.server";
import { AppLink } from "~/components/app-link";
import { FormError, SubmitButton, TextField, useAppForm } from "~/components/form";
import { getDb } from "~/db.server";
import { formFailure, parseForm } from "~/lib/forms.server";
import { titleMeta } from "~/lib/meta";
import { withNotice } from "~/lib/notice";
import { LoginSchema, safeRedirect, type LoginInput } from "~/modules/accounts/account.schema";
import { login } from "~/modules/accounts/account.server";

export const meta = titleMeta("login.title");

export async function loader({ context }: LoaderFunctionArgs) {
  requireAnonymous(context);
  return null;
}

export async function action({ request, context }: ActionFunctionArgs) {
  requireAnonymous(context);
  const parsed = await parseForm(request, LoginSchema);
  if (!parsed.ok) return formFailure(400, parsed);
  const result = await login(getDb(), parsed.data, context.ip);
  if (!result.ok) {
    if (result.reason === "throttled") {
      return formFailure(429, {
        fieldErrors: {},
        formError: "login.throttled",
        formErrorParams: { minutes: Math.ceil(result.retryAfterSeconds / 60) },
        values: parsed.raw,
      });
    }
    return formFailure(400, { fieldErrors: {}, formError: "login.failed", values: parsed.raw });
  }
  // Always a fresh session id: no id that existed before login is ever promoted to a signed-in one.
  const { cookie } = await createSession(result.userId);
  return redirect(withNotice(safeRedirect(parsed.data.redirectTo), "login.done"), { headers: { "Set-Cookie": cookie } });
}

export default function Login() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const { register, handleSubmit, errorOf, failure, busy, setValue } = useAppForm<LoginInput>(LoginSchema, {
    redirectTo: params.get("redirectTo") ?? "",
  });
  // After a failed attempt the password is typed again, as without JavaScript (the server never echoes it).
  useEffect(() => {
    if (failure) setValue("password", "");
  }, [failure, setValue]);
  return (
    <>
      <Heading1>{t("login.title")}</Heading1>
      <FormError failure={failure} />
      <Form method="post" onSubmit={handleSubmit} noValidate className="lauwer-form">
        <input type="hidden" {...register("redirectTo")} />
        <TextField
          name="email"
          type="email"
          label={t("fields.email")}
          autoComplete="username"
          required
          registration={register("email")}
          error={errorOf("email")}
        />
        <TextField
          name="password"
          type="password"
          label={t("fields.password")}
          autoComplete="current-password"
          required
          registration={register("password")}
          error={errorOf("password")}
        />
        <SubmitButton busy={busy}>{t("login.submit")}</SubmitButton>
      </Form>
      <Paragraph>
        <AppLink to="/wachtwoord-vergeten">{t("login.forgot")}</AppLink>
      </Paragraph>
      <Paragraph>
        {t("login.noAccount")} <AppLink to="/registreren">{t("layout.signup")}</AppLink>
      </Paragraph>
    </>
  );
}
