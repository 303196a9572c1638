import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { FormError, SubmitButton, TextareaField, TextField, useAppForm } from "~/components/form";
import { Button, HeadedTable, TableCell, TableRow } from "~/components/nlds";
import { ProjectSettingsSchema, ThemeIdSchema, ThemeSchema, type ProjectSettingsInput, type ThemeInput } from "../settings.schema";
import { useFormId } from "./form-id";

// The editors' dashboard forms: the project's settings and its themes.

/** The project's settings: titles, descriptions, target, period, word range and deadlines. */
export function SettingsForm({ values }: { values: Omit<ProjectSettingsInput, "formId"> }) {
  const { t } = useTranslation();
  const { register, handleSubmit, errorOf, failure } = useAppForm<ProjectSettingsInput>(
    ProjectSettingsSchema,
    { ...values, formId: "settings" },
    "settings",
  );
  const text = (name: Exclude<keyof ProjectSettingsInput, "formId">, type?: "datetime-local", description?: string) => (
    <TextField
      name={`settings-${name}`}
      type={type}
      label={t(`book.fields.${name}`)}
      description={description}
      registration={register(name)}
      error={errorOf(name)}
    />
  );
  return (
    <Form method="post" action="?intent=settings" onSubmit={handleSubmit} noValidate className="lauwer-form">
      <FormError failure={failure} />
      <input type="hidden" {...register("formId")} />
      {text("titleNl")}
      {text("titleEn")}
      <TextareaField
        name="settings-descriptionNl"
        label={t("book.fields.descriptionNl")}
        registration={register("descriptionNl")}
        error={errorOf("descriptionNl")}
        rows={4}
      />
      <TextareaField
        name="settings-descriptionEn"
        label={t("book.fields.descriptionEn")}
        registration={register("descriptionEn")}
        error={errorOf("descriptionEn")}
        rows={4}
      />
      {text("targetCount")}
      {text("periodFrom")}
      {text("periodTo")}
      {text("wordsMin")}
      {text("wordsMax")}
      {text("proposalsCloseAt", "datetime-local", t("book.fields.deadlineHint"))}
      {text("claimsCloseAt", "datetime-local", t("book.fields.deadlineHint"))}
      {text("draftsDueAt", "datetime-local", t("book.fields.deadlineHint"))}
      {text("finalDueAt", "datetime-local", t("book.fields.deadlineHint"))}
      <SubmitButton>{t("book.dashboard.save")}</SubmitButton>
    </Form>
  );
}

/** Adds a theme. */
export function ThemeForm() {
  const { t } = useTranslation();
  const { register, handleSubmit, errorOf, failure } = useAppForm<ThemeInput>(ThemeSchema, { formId: "theme" }, "theme");
  return (
    <Form method="post" action="?intent=theme" onSubmit={handleSubmit} noValidate className="lauwer-form">
      <FormError failure={failure} />
      <input type="hidden" {...register("formId")} />
      <TextField
        name="theme-slug"
        label={t("book.fields.themeSlug")}
        description={t("book.fields.themeSlugHint")}
        registration={register("slug")}
        error={errorOf("slug")}
      />
      <TextField name="theme-nameNl" label={t("book.fields.themeNl")} registration={register("nameNl")} error={errorOf("nameNl")} />
      <TextField name="theme-nameEn" label={t("book.fields.themeEn")} registration={register("nameEn")} error={errorOf("nameEn")} />
      <SubmitButton>{t("book.dashboard.addTheme")}</SubmitButton>
    </Form>
  );
}

function ThemeDeleteError() {
  // The delete buttons share one failure slot (formId "themes").
  const { failure } = useAppForm(ThemeIdSchema, {}, useFormId("themes", "themeId"));
  return <FormError failure={failure} />;
}

/** The themes, each with a delete button; the buttons share one message above the table. */
export function ThemeList({ themes }: { themes: Array<{ id: string; slug: string; nameNl: string; nameEn: string }> }) {
  const { t, i18n } = useTranslation();
  return (
    <>
      <ThemeDeleteError />
      <HeadedTable
        headers={[
          t("book.dashboard.themeColumns.slug"),
          t("book.dashboard.themeColumns.nl"),
          t("book.dashboard.themeColumns.en"),
          t("book.dashboard.themeColumns.actions"),
        ]}
      >
        {themes.map((theme) => (
          <TableRow key={theme.id}>
            <TableCell>{theme.slug}</TableCell>
            <TableCell>{theme.nameNl}</TableCell>
            <TableCell>{theme.nameEn}</TableCell>
            <TableCell>
              <Form method="post" action="?intent=delete-theme">
                <input type="hidden" name="formId" value="themes" />
                <input type="hidden" name="themeId" value={theme.id} />
                <Button
                  type="submit"
                  appearance="secondary-action-button"
                  aria-label={t("book.dashboard.deleteThemeLabel", { name: i18n.language === "en" ? theme.nameEn : theme.nameNl })}
                >
                  {t("book.dashboard.deleteTheme")}
                </Button>
              </Form>
            </TableCell>
          </TableRow>
        ))}
      </HeadedTable>
    </>
  );
}
