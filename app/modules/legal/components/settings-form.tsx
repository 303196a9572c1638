import "~/i18n/page-texts/legal";
import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { FormError, SelectField, SubmitButton, TextareaField, TextField, useAppForm } from "~/components/form";
import { SelectOption } from "~/components/nlds";
import { COMPLIANCE, LegalSettingsSchema, type LegalSettingsInput } from "../settings.schema";

/** The platform admin's form for the organisation-specific parts of the privacy and accessibility statements. */
export function LegalSettingsForm({ values }: { values: LegalSettingsInput }) {
  const { t } = useTranslation();
  const { register, handleSubmit, errorOf, failure, busy } = useAppForm<LegalSettingsInput>(LegalSettingsSchema, values);
  const optional = t("legal.settings.optional");
  const field = (
    name: keyof LegalSettingsInput,
    extra: { type?: "email"; description?: string; optional?: boolean; autoComplete?: string } = {},
  ) => (
    <TextField
      name={name}
      type={extra.type}
      label={t(`legal.settings.${name}`)}
      description={extra.description}
      optionalLabel={extra.optional ? optional : undefined}
      required={!extra.optional}
      autoComplete={extra.autoComplete}
      registration={register(name)}
      error={errorOf(name)}
    />
  );
  return (
    <>
      <FormError failure={failure} />
      <Form method="post" onSubmit={handleSubmit} noValidate className="lauwer-form">
        <fieldset>
          <legend>{t("legal.settings.organisationHeading")}</legend>
          {field("organisation", { autoComplete: "organization" })}
          {field("controller", { description: t("legal.settings.controllerHint") })}
          {field("contactEmail", { type: "email", autoComplete: "email" })}
          {field("postalAddress", { optional: true })}
        </fieldset>
        <fieldset>
          <legend>{t("legal.settings.dpoHeading")}</legend>
          {field("dpoName")}
          {field("dpoEmail", { type: "email" })}
        </fieldset>
        <fieldset>
          <legend>{t("legal.settings.a11yHeading")}</legend>
          {field("statementDate", { description: t("legal.settings.dateHint") })}
          {field("lastCheckDate", { description: t("legal.settings.dateHint") })}
          <SelectField
            name="compliance"
            label={t("legal.settings.compliance")}
            registration={register("compliance")}
            error={errorOf("compliance")}
          >
            {COMPLIANCE.map((c) => (
              <SelectOption key={c} value={c}>
                {t(`legal.compliance.${c}`)}
              </SelectOption>
            ))}
          </SelectField>
          <TextareaField
            name="limitationsNl"
            label={`${t("legal.settings.limitationsNl")} ${optional}`}
            description={t("legal.settings.limitationsHint")}
            registration={register("limitationsNl")}
            error={errorOf("limitationsNl")}
          />
          <TextareaField
            name="limitationsEn"
            label={`${t("legal.settings.limitationsEn")} ${optional}`}
            registration={register("limitationsEn")}
            error={errorOf("limitationsEn")}
          />
        </fieldset>
        <SubmitButton busy={busy}>{t("legal.settings.save")}</SubmitButton>
      </Form>
    </>
  );
}
