import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireRole } from "~/auth/guards.server";
import { FormError, SubmitButton, TextField, useAppForm } from "~/components/form";
import { Heading1, Paragraph } from "~/components/nlds";
import { getDb } from "~/db.server";
import { handleIntents, intent } from "~/lib/action.server";
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

async function guard({ request, context }: ActionFunctionArgs) {
  await requireRole(request, context, { role: "admin" });
  return { db: getDb(), actor: actorFrom(context) };
}

// The page's one form posts no intent: it is the default (""). Success is a 302, as the tests pin it.
export const action = (args: ActionFunctionArgs) =>
  handleIntents(args, guard, {
    "": intent({
      schema: AwardSchema,
      run: (g, input) => createAward(g.db, g.actor, input),
      done: () => redirect(withNotice("/beheer/rollen", "procedure.created")),
    }),
  });

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
