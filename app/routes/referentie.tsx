import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { FormError, SubmitButton, TextareaField, useAppForm } from "~/components/form";
import { Alert, Heading1, Paragraph } from "~/components/nlds";
import { getDb } from "~/db.server";
import { formFailure, parseForm } from "~/lib/forms.server";
import { titleMeta } from "~/lib/meta";
import { withNotice } from "~/lib/notice";
import { referenceContext, submitReference } from "~/modules/awards/consent.server";
import { ReferenceStatementSchema } from "~/modules/awards/nomination.schema";

export const meta = titleMeta("reference.statement");

// References have no account: the single-use link is their authorisation.
export async function loader({ request, context }: LoaderFunctionArgs) {
  const token = new URL(request.url).searchParams.get("token") ?? "";
  const ctx = token.length >= 20 && token.length <= 200 ? await referenceContext(getDb(), token) : undefined;
  if (!ctx) return { valid: false as const };
  return {
    valid: true as const,
    name: ctx.reference_name,
    nominee: ctx.nominee_name,
    award: `${context.locale === "en" ? ctx.name_en : ctx.name_nl} ${ctx.year}`,
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const parsed = await parseForm(request, ReferenceStatementSchema);
  if (!parsed.ok) {
    if (parsed.fieldErrors.token) return formFailure(400, { fieldErrors: {}, formError: "reference.invalid" });
    return formFailure(400, parsed);
  }
  if (!(await submitReference(getDb(), parsed.data.token, parsed.data.statement)))
    return formFailure(400, { fieldErrors: {}, formError: "reference.invalid" });
  return redirect(withNotice("/", "reference.done"));
}

export default function Reference() {
  const data = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  const { t } = useTranslation();
  const { register, handleSubmit, errorOf, failure } = useAppForm<{ token: string; statement: string }>(ReferenceStatementSchema, {
    token: params.get("token") ?? "",
  });
  if (!data.valid) {
    return (
      <>
        <Heading1>{t("reference.statement")}</Heading1>
        <Alert type="error">
          <Paragraph>{t("reference.invalid")}</Paragraph>
        </Alert>
      </>
    );
  }
  return (
    <>
      <Heading1>{t("reference.title", { nominee: data.nominee })}</Heading1>
      <Paragraph>{t("reference.intro", { name: data.name, nominee: data.nominee, award: data.award })}</Paragraph>
      <FormError failure={failure} />
      <Form method="post" onSubmit={handleSubmit} noValidate className="lauwer-form">
        <input type="hidden" {...register("token")} />
        <TextareaField
          name="statement"
          label={t("reference.statement")}
          description={t("reference.statementHint")}
          registration={register("statement")}
          error={errorOf("statement")}
        />
        <SubmitButton>{t("reference.submit")}</SubmitButton>
      </Form>
    </>
  );
}
