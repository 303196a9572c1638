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
  const { register, handleSubmit, errorOf, failure, watch } = useAppForm<ProposalInput>(schema);
  const optional = t("bookProposals.fields.optional");
  return (
    <>
      <FormError failure={failure} />
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
          <TextField
            name="birthYear"
            label={t("bookProposals.fields.birthYear")}
            required
            registration={register("birthYear")}
            error={errorOf("birthYear")}
          />
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
          <TextField
            name="serviceFrom"
            label={t("bookProposals.fields.serviceFrom")}
            required
            registration={register("serviceFrom")}
            error={errorOf("serviceFrom")}
          />
          <TextField
            name="serviceTo"
            label={t("bookProposals.fields.serviceTo")}
            required
            registration={register("serviceTo")}
            error={errorOf("serviceTo")}
          />
          <TextField
            name="organisation"
            label={t("bookProposals.fields.organisation")}
            required
            registration={register("organisation")}
            error={errorOf("organisation")}
          />
          <TextField name="role" label={t("bookProposals.fields.role")} required registration={register("role")} error={errorOf("role")} />
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
              <TextField
                name={`source${n}Title`}
                label={t("bookProposals.fields.sourceTitle")}
                required={n === 1}
                registration={register(`source${n}Title`)}
                error={errorOf(`source${n}Title`)}
              />
              <TextField
                name={`source${n}Url`}
                label={t("bookProposals.fields.sourceUrl")}
                required={n === 1}
                registration={register(`source${n}Url`)}
                error={errorOf(`source${n}Url`)}
              />
            </fieldset>
          ))}
        </fieldset>
        <SubmitButton>{t("bookProposals.propose.submit")}</SubmitButton>
      </Form>
    </>
  );
}
