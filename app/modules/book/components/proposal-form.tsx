import { Form, useActionData } from "@remix-run/react";
import { useMemo } from "react";
import { useTranslation } from "react-i18next";
import { CheckboxField, FormError, SelectField, SubmitButton, TextareaField, TextField, useAppForm } from "~/components/form";
import { Paragraph, SelectOption } from "~/components/nlds";
import { MOTIVATION_MAX, MOTIVATION_MIN, proposalSchema, SOURCE_ROWS, type ProposalInput, type YearLimits } from "../proposal.schema";
import { ProposalSuggestions, type SuggestionItem } from "./proposal-suggestions";

/**
 * A proposal of a civil servant: the person, their service, why they belong in the book and sources.
 * Close matches the server found are listed under the name, with the box to confirm it is someone else.
 */
export function ProposalForm({ limits, themes, base }: { limits: YearLimits; themes: Array<{ id: string; name: string }>; base: string }) {
  const { t } = useTranslation();
  const schema = useMemo(() => proposalSchema(limits), [limits]);
  const actionData = useActionData<{ matches?: SuggestionItem[] }>();
  const matches = actionData?.matches ?? [];
  const { register, handleSubmit, errorOf, failure, errors, watch } = useAppForm<ProposalInput>(schema);
  const optional = t("bookProposals.fields.optional");
  /** A required text field of the form, labelled by its name. */
  const required = (name: "birthYear" | "serviceFrom" | "serviceTo" | "organisation" | "role") => (
    <TextField name={name} label={t(`bookProposals.fields.${name}`)} required registration={register(name)} error={errorOf(name)} />
  );
  return (
    <>
      <FormError failure={failure} errors={errors} />
      <Form method="post" onSubmit={handleSubmit} noValidate className="lauwer-form">
        <fieldset>
          <legend>{t("bookProposals.propose.personHeading")}</legend>
          <TextField
            name="name"
            label={t("bookProposals.fields.name")}
            description={t("bookProposals.fields.nameHint")}
            autoComplete="off"
            required
            registration={register("name")}
            error={errorOf("name")}
          />
          <ProposalSuggestions base={base} name={watch("name") ?? ""} serverMatches={matches} />
          {matches.length ? (
            <CheckboxField
              name="confirmDifferent"
              label={t("bookProposals.propose.confirmDifferent")}
              registration={register("confirmDifferent")}
            />
          ) : null}
          {required("birthYear")}
          <TextField
            name="deathYear"
            label={t("bookProposals.fields.deathYear")}
            optionalLabel={optional}
            description={t("bookProposals.fields.deathYearHint")}
            registration={register("deathYear")}
            error={errorOf("deathYear")}
          />
        </fieldset>
        <fieldset>
          <legend>{t("bookProposals.propose.serviceHeading")}</legend>
          {required("serviceFrom")}
          {required("serviceTo")}
          {required("organisation")}
          {required("role")}
          <SelectField name="themeId" label={t("bookProposals.fields.theme")} registration={register("themeId")} error={errorOf("themeId")}>
            <SelectOption value="">{t("bookProposals.fields.chooseTheme")}</SelectOption>
            {themes.map((theme) => (
              <SelectOption key={theme.id} value={theme.id}>
                {theme.name}
              </SelectOption>
            ))}
          </SelectField>
        </fieldset>
        <fieldset>
          <legend>{t("bookProposals.propose.motivationHeading")}</legend>
          <TextareaField
            name="motivation"
            label={t("bookProposals.fields.motivation")}
            description={t("bookProposals.fields.motivationHint", { min: MOTIVATION_MIN, max: MOTIVATION_MAX })}
            counter={t("bookProposals.propose.counter", {
              count: (watch("motivation") ?? "").length,
              min: MOTIVATION_MIN,
              max: MOTIVATION_MAX,
            })}
            registration={register("motivation")}
            error={errorOf("motivation")}
            rows={10}
          />
        </fieldset>
        <fieldset>
          <legend>{t("bookProposals.propose.sourcesHeading")}</legend>
          <Paragraph>{t("bookProposals.propose.sourcesIntro")}</Paragraph>
          {SOURCE_ROWS.map((n) => (
            <fieldset key={n}>
              <legend>{n === 1 ? t("bookProposals.propose.source", { n }) : t("bookProposals.propose.sourceOptional", { n })}</legend>
              {(["Title", "Url"] as const).map((part) => (
                <TextField
                  key={part}
                  name={`source${n}${part}`}
                  label={t(`bookProposals.fields.source${part}`)}
                  required={n === 1}
                  registration={register(`source${n}${part}`)}
                  error={errorOf(`source${n}${part}`)}
                />
              ))}
            </fieldset>
          ))}
        </fieldset>
        <SubmitButton>{t("bookProposals.propose.submit")}</SubmitButton>
      </Form>
    </>
  );
}
