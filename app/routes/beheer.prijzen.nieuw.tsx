import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireRole } from "~/auth/guards.server";
import { FormError, SubmitButton, TextField, useAppForm } from "~/components/form";
import { Heading1, Paragraph } from "~/components/nlds";
import { getDb } from "~/db.server";
import { formFailure, parseForm } from "~/lib/forms.server";
import { titleMeta } from "~/lib/meta";
import { withNotice } from "~/lib/notice";
import { actorFrom } from "~/modules/audit/audit.server";
import { AwardSchema, type AwardInput } from "~/modules/awards/procedure.schema";
import { createAward } from "~/modules/awards/procedure.server";

export const meta = titleMeta("procedure.newAward");

export async function loader({ request, context }: LoaderFunctionArgs) {
  await requireRole(request, context, { role: "admin" });
  return null;
}

export async function action({ request, context }: ActionFunctionArgs) {
  await requireRole(request, context, { role: "admin" });
  const parsed = await parseForm(request, AwardSchema);
  if (!parsed.ok) return formFailure(400, parsed);
  const result = await createAward(getDb(), actorFrom(context), parsed.data);
  if (!result.ok) return formFailure(400, { fieldErrors: { [result.field ?? "slug"]: result.error }, values: parsed.raw });
  return redirect(withNotice("/beheer/rollen", "procedure.created"));
}

export default function NewAward() {
  const { t } = useTranslation();
  const { register, handleSubmit, errorOf, failure } = useAppForm<AwardInput>(AwardSchema);
  return (
    <>
      <Heading1>{t("procedure.newAward")}</Heading1>
      <Paragraph>{t("procedure.newAwardIntro")}</Paragraph>
      <FormError failure={failure} />
      <Form method="post" onSubmit={handleSubmit} noValidate className="lauwer-form">
        <TextField
          name="slug"
          label={t("procedure.fields.slug")}
          description={t("procedure.fields.slugHint")}
          registration={register("slug")}
          error={errorOf("slug")}
        />
        <TextField name="nameNl" label={t("procedure.fields.nameNl")} registration={register("nameNl")} error={errorOf("nameNl")} />
        <TextField name="nameEn" label={t("procedure.fields.nameEn")} registration={register("nameEn")} error={errorOf("nameEn")} />
        <SubmitButton>{t("procedure.createAward")}</SubmitButton>
      </Form>
    </>
  );
}
