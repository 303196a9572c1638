import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { FormError, SelectField, SubmitButton, TextareaField, TextField, useAppForm } from "~/components/form";
import { SelectOption } from "~/components/nlds";
import { EditionSettingsSchema, type EditionSettingsInput } from "~/modules/awards/procedure.schema";

/** The edition's texts, kind of nominee and nomination window (procedure page, intent "settings"). */
export function SettingsForm({ values }: { values: EditionSettingsInput }) {
  const { t } = useTranslation();
  const { register, handleSubmit, errorOf, failure, errors } = useAppForm<EditionSettingsInput>(
    EditionSettingsSchema,
    { ...values, formId: "settings" },
    "settings",
  );
  // Each field by its name: a text box (a date and time where asked), or a text area of `rows` lines.
  const field = (
    name: Exclude<keyof EditionSettingsInput, "ceremonyAt" | "ceremonyPlace" | "juryReminderDays">,
    as: { rows?: number; type?: "datetime-local" } = {},
  ) => {
    const props = { name: `settings-${name}`, label: t(`procedure.fields.${name}`), registration: register(name), error: errorOf(name) };
    return as.rows ? <TextareaField {...props} rows={as.rows} /> : <TextField {...props} type={as.type} />;
  };
  return (
    <Form method="post" action="?intent=settings" onSubmit={handleSubmit} noValidate className="lauwer-form">
      <FormError failure={failure} errors={errors} />
      <input type="hidden" {...register("formId")} />
      {field("descriptionNl", { rows: 3 })}
      {field("descriptionEn", { rows: 3 })}
      {field("themeNl")}
      {field("themeEn")}
      {field("criteriaNl", { rows: 2 })}
      {field("criteriaEn", { rows: 2 })}
      <SelectField
        name="settings-nomineeKind"
        label={t("procedure.fields.nomineeKind")}
        registration={register("nomineeKind")}
        error={errorOf("nomineeKind")}
      >
        <SelectOption value="person">{t("awards.nomineeKind.person")}</SelectOption>
        <SelectOption value="organisation">{t("awards.nomineeKind.organisation")}</SelectOption>
      </SelectField>
      {field("maxAge")}
      {field("opensAt", { type: "datetime-local" })}
      {field("closesAt", { type: "datetime-local" })}
      {field("perMember")}
      <TextField
        name="settings-ceremonyAt"
        type="datetime-local"
        label={t("notices.settings.ceremonyAt")}
        registration={register("ceremonyAt")}
        error={errorOf("ceremonyAt")}
      />
      <TextField
        name="settings-ceremonyPlace"
        label={t("notices.settings.ceremonyPlace")}
        registration={register("ceremonyPlace")}
        error={errorOf("ceremonyPlace")}
      />
      <TextField
        name="settings-juryReminderDays"
        label={t("notices.settings.juryReminderDays")}
        registration={register("juryReminderDays")}
        error={errorOf("juryReminderDays")}
      />
      <SubmitButton>{t("procedure.save")}</SubmitButton>
    </Form>
  );
}
