import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireAdmin } from "~/auth/guards.server";
import { FormError, SubmitButton, TextField, useAppForm } from "~/components/form";
import { Heading1, Paragraph } from "~/components/nlds";
import { handleIntents, intent } from "~/lib/action.server";
import { titleMeta } from "~/lib/meta";
import { withNotice } from "~/lib/notice";
import { NewProjectSchema, type NewProjectInput } from "~/modules/book/settings.schema";
import { createProject } from "~/modules/book/settings.server";

export const meta = titleMeta("book.newProject");

export async function loader(args: LoaderFunctionArgs) {
  await requireAdmin(args);
  return null;
}

export const action = (args: ActionFunctionArgs) =>
  handleIntents(args, requireAdmin, {
    // The page's one form posts without an intent.
    "": intent({
      schema: NewProjectSchema,
      run: (g, input) => createProject(g.db, g.actor, input),
      // A 302, the status the tests pin for this action (redirectWithNotice would answer 303).
      done: () => redirect(withNotice("/beheer/rollen", "book.notice.projectCreated")),
    }),
  });

export default function NewBookProject() {
  const { t } = useTranslation();
  const { register, handleSubmit, errorOf, failure, errors } = useAppForm<NewProjectInput>(NewProjectSchema);
  return (
    <>
      <Heading1>{t("book.newProject")}</Heading1>
      <Paragraph>{t("book.newProjectIntro")}</Paragraph>
      <FormError failure={failure} errors={errors} />
      <Form method="post" onSubmit={handleSubmit} noValidate className="lauwer-form">
        <TextField
          name="slug"
          label={t("book.fields.slug")}
          description={t("book.fields.slugHint")}
          registration={register("slug")}
          error={errorOf("slug")}
        />
        <TextField name="titleNl" label={t("book.fields.titleNl")} registration={register("titleNl")} error={errorOf("titleNl")} />
        <TextField name="titleEn" label={t("book.fields.titleEn")} registration={register("titleEn")} error={errorOf("titleEn")} />
        <SubmitButton>{t("book.createProject")}</SubmitButton>
      </Form>
    </>
  );
}
