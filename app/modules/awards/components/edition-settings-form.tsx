import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { FormError, SelectField, SubmitButton, TextareaField, TextField, useAppForm } from "~/components/form";
import { SelectOption } from "~/components/nlds";
import { EditionSettingsSchema, type EditionSettingsInput } from "~/modules/awards/procedure.schema";

/** The edition's texts, kind of nominee and nomination window (procedure page, intent "settings"). */
export function SettingsForm({ values }: { values: EditionSettingsInput }) {
  const { t } = useTranslation();
  const { register, handleSubmit, errorOf, failure } = useAppForm<EditionSettingsInput>(
    EditionSettingsSchema,
    { ...values, formId: "settings" },
    "settings",
  );
  const text = (name: keyof EditionSettingsInput, type?: "text") => (
    <TextField
      name={`settings-${name}`}
      type={type}
      label={t(`procedure.fields.${name}`)}
      registration={register(name)}
      error={errorOf(name)}
    />
  );
  return (
    <Form method="post" action="?intent=settings" onSubmit={handleSubmit} noValidate className="lauwer-form">
      <FormError failure={failure} />
      <input type="hidden" {...register("formId")} />
      <TextareaField
        name="settings-descriptionNl"
        label={t("procedure.fields.descriptionNl")}
        registration={register("descriptionNl")}
        error={errorOf("descriptionNl")}
        rows={3}
      />
      <TextareaField
        name="settings-descriptionEn"
        label={t("procedure.fields.descriptionEn")}
        registration={register("descriptionEn")}
        error={errorOf("descriptionEn")}
        rows={3}
      />
      {text("themeNl")}
      {text("themeEn")}
      <TextareaField
        name="settings-criteriaNl"
        label={t("procedure.fields.criteriaNl")}
        registration={register("criteriaNl")}
        error={errorOf("criteriaNl")}
        rows={2}
      />
      <TextareaField
        name="settings-criteriaEn"
        label={t("procedure.fields.criteriaEn")}
        registration={register("criteriaEn")}
        error={errorOf("criteriaEn")}
        rows={2}
      />
      <SelectField
        name="settings-nomineeKind"
        label={t("procedure.fields.nomineeKind")}
        registration={register("nomineeKind")}
        error={errorOf("nomineeKind")}
      >
        <SelectOption value="person">{t("awards.nomineeKind.person")}</SelectOption>
        <SelectOption value="organisation">{t("awards.nomineeKind.organisation")}</SelectOption>
      </SelectField>
      {text("maxAge")}
      <DateTimeField
        name="settings-opensAt"
        label={t("procedure.fields.opensAt")}
        registration={register("opensAt")}
        error={errorOf("opensAt")}
      />
      <DateTimeField
        name="settings-closesAt"
        label={t("procedure.fields.closesAt")}
        registration={register("closesAt")}
        error={errorOf("closesAt")}
      />
      {text("perMember")}
      <SubmitButton>{t("procedure.save")}</SubmitButton>
    </Form>
  );
}

function DateTimeField(props: {
  name: string;
  label: string;
  registration: ReturnType<ReturnType<typeof useAppForm>["register"]>;
  error?: string;
}) {
  return <TextField {...props} type="datetime-local" />;
}
