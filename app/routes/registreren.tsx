import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form } from "@remix-run/react";
import { Heading1, Paragraph } from "~/components/nlds";
import { AppLink } from "~/components/app-link";
import { getDb } from "~/db.server";
import { titleMeta } from "~/lib/meta";
import { useTranslation } from "react-i18next";
import { requireAnonymous } from "~/auth/guards.server";
import { createSession } from "~/auth/lucia.server";
import { FormError, SubmitButton, TextField, useAppForm } from "~/components/form";
import { formFailure, parseForm } from "~/lib/forms.server";
import { withNotice } from "~/lib/notice";
import { SignupSchema, type SignupInput } from "~/modules/accounts/account.schema";
import { signUp } from "~/modules/accounts/account.server";

export const meta = titleMeta("signup.title");

export async function loader({ context }: LoaderFunctionArgs) {
  requireAnonymous(context);
  return null;
}

export async function action({ request, context }: ActionFunctionArgs) {
  requireAnonymous(context);
  const parsed = await parseForm(request, SignupSchema);
  if (!parsed.ok) return formFailure(400, parsed);
  const result = await signUp(getDb(), parsed.data, context.locale, context.ip);
  if (!result.ok)
    return formFailure(result.error === "errors.tooMany" ? 429 : 400, {
      fieldErrors: { [result.field]: result.error },
      values: parsed.raw,
    });
  const { cookie } = await createSession(result.userId);
  return redirect(withNotice("/account", "signup.done"), { headers: { "Set-Cookie": cookie } });
}

export default function Signup() {
  const { t } = useTranslation();
  const { register, handleSubmit, errorOf, failure, busy } = useAppForm<SignupInput>(SignupSchema);
  return (
    <>
      <Heading1>{t("signup.title")}</Heading1>
      <Paragraph>{t("signup.intro")}</Paragraph>
      <FormError failure={failure} />
      <Form method="post" onSubmit={handleSubmit} noValidate className="lauwer-form">
        <TextField
          name="name"
          label={t("fields.name")}
          autoComplete="name"
          required
          registration={register("name")}
          error={errorOf("name")}
        />
        <TextField
          name="email"
          type="email"
          label={t("fields.email")}
          autoComplete="email"
          required
          registration={register("email")}
          error={errorOf("email")}
        />
        <TextField
          name="organisation"
          label={t("fields.organisation")}
          optionalLabel={t("fields.optional")}
          description={t("fields.organisationHint")}
          autoComplete="organization"
          registration={register("organisation")}
          error={errorOf("organisation")}
        />
        <TextField
          name="password"
          type="password"
          label={t("fields.password")}
          description={t("fields.passwordHint")}
          autoComplete="new-password"
          required
          registration={register("password")}
          error={errorOf("password")}
        />
        <SubmitButton busy={busy}>{t("signup.submit")}</SubmitButton>
      </Form>
      <Paragraph>
        {t("signup.haveAccount")} <AppLink to="/inloggen">{t("layout.login")}</AppLink>
      </Paragraph>
    </>
  );
}
