import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireRole } from "~/auth/guards.server";
import { FormError, SubmitButton, useAppForm } from "~/components/form";
import { Heading1, Paragraph } from "~/components/nlds";
import { getDb } from "~/db.server";
import { handleIntents, intent } from "~/lib/action.server";
import { titleMeta } from "~/lib/meta";
import { withNotice } from "~/lib/notice";
import { actorFrom } from "~/modules/audit/audit.server";
import { SlugAndNameFields } from "~/modules/awards/components/category-form";
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
        <SlugAndNameFields register={register} errorOf={errorOf} />
        <SubmitButton>{t("procedure.createAward")}</SubmitButton>
      </Form>
    </>
  );
}
