import { Form } from "@remix-run/react";
import type { FormEventHandler, ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { FormError, SubmitButton, TextField, useAppForm } from "~/components/form";
import { Heading1, Paragraph } from "~/components/nlds";
import { AwardSchema, NewEditionSchema, type AwardInput } from "~/modules/awards/procedure.schema";
import { SlugAndNameFields } from "./category-form";

// The pages that start something: a new award (platform admins) and a new yearly edition (organizers).

/** The page's heading, intro, form-level error and its one form. */
function CreatePage(props: {
  title: string;
  intro: string;
  failure?: { formError?: string };
  onSubmit: FormEventHandler<HTMLFormElement>;
  submit: string;
  children: ReactNode;
}) {
  return (
    <>
      <Heading1>{props.title}</Heading1>
      <Paragraph>{props.intro}</Paragraph>
      <FormError failure={props.failure} />
      <Form method="post" onSubmit={props.onSubmit} noValidate className="lauwer-form">
        {props.children}
        <SubmitButton>{props.submit}</SubmitButton>
      </Form>
    </>
  );
}

/** A new award: its short name and its Dutch and English names. */
export function NewAwardForm() {
  const { t } = useTranslation();
  const { register, handleSubmit, errorOf, failure } = useAppForm<AwardInput>(AwardSchema);
  return (
    <CreatePage
      title={t("procedure.newAward")}
      intro={t("procedure.newAwardIntro")}
      failure={failure}
      onSubmit={handleSubmit}
      submit={t("procedure.createAward")}
    >
      <SlugAndNameFields register={register} errorOf={errorOf} />
    </CreatePage>
  );
}

/** A new edition of an award: its year (next year unless typed otherwise). */
export function NewEditionForm({ award }: { award: string }) {
  const { t } = useTranslation();
  const { register, handleSubmit, errorOf, failure } = useAppForm<{ year: string }>(NewEditionSchema, {
    year: String(new Date().getFullYear() + 1),
  });
  return (
    <CreatePage
      title={t("procedure.newEdition", { award })}
      intro={t("procedure.newEditionIntro")}
      failure={failure}
      onSubmit={handleSubmit}
      submit={t("procedure.createEdition")}
    >
      <TextField name="year" label={t("procedure.yearLabel")} registration={register("year")} error={errorOf("year")} />
    </CreatePage>
  );
}
