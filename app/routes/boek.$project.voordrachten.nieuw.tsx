import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useMemo } from "react";
import { useTranslation } from "react-i18next";
import { getDb } from "~/db.server";
import { parseForm } from "~/lib/forms.server";
import { AppLink } from "~/components/app-link";
import { CheckboxField, FormError, SelectField, SubmitButton, TextareaField, TextField, useAppForm } from "~/components/form";
import { Heading1, Paragraph, SelectOption } from "~/components/nlds";
import { withNotice } from "~/lib/notice";
import { ProposalSuggestions, type SuggestionItem } from "~/modules/book/components/proposal-suggestions";
import { requireProjectMember, type ProjectView } from "~/modules/book/project.server";
import {
  MOTIVATION_MAX,
  MOTIVATION_MIN,
  proposalSchema,
  SOURCE_ROWS,
  type ProposalInput,
  type YearLimits,
} from "~/modules/book/proposal.schema";
import { createProposal } from "~/modules/book/proposal.server";
import { writingTitle } from "~/modules/book/components/manuscript-parts";

const limitsOf = (project: ProjectView): YearLimits => ({
  periodFrom: project.periodFrom,
  periodTo: project.periodTo,
  currentYear: project.now.getUTCFullYear(),
});

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { project } = await requireProjectMember(request, context, params);
  return {
    project: { slug: project.slug, title: project.title, themes: project.themes.map((t) => ({ id: t.id, name: t.name })) },
    limits: limitsOf(project),
    open: project.proposalsOpen,
  };
}

export const meta: MetaFunction<typeof loader> = ({ data: d, matches }) =>
  writingTitle(matches, "bookProposals.propose.title", d?.project.title);

export async function action({ request, context, params }: ActionFunctionArgs) {
  const { user, project } = await requireProjectMember(request, context, params);
  if (!project.proposalsOpen)
    return data({ ok: false as const, fieldErrors: {}, formError: "bookProposals.errors.closed", values: {} }, 409);
  const parsed = await parseForm(request, proposalSchema(limitsOf(project)));
  if (!parsed.ok) return data({ ...parsed, matches: [] as SuggestionItem[] }, 400);
  const result = await createProposal(getDb(), user, project.id, parsed.data);
  if (!result.ok) {
    return data(
      {
        ok: false as const,
        fieldErrors: result.field ? { [result.field]: result.error } : {},
        formError: result.field ? undefined : result.error,
        values: parsed.raw,
        matches: result.matches ?? [],
      },
      result.status,
    );
  }
  return redirect(withNotice(`/boek/${project.slug}/voordrachten/${result.id}`, "bookProposals.notice.proposed"), 303);
}

function ProposalForm({ limits, themes, base }: { limits: YearLimits; themes: Array<{ id: string; name: string }>; base: string }) {
  const { t } = useTranslation();
  const schema = useMemo(() => proposalSchema(limits), [limits]);
  const actionData = useActionData<typeof action>();
  const matches = actionData && "matches" in actionData ? actionData.matches : [];
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

export default function ProposeCivilServant() {
  const { project, limits, open } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const base = `/boek/${project.slug}/voordrachten`;
  return (
    <>
      <Paragraph className="lauwer-preheading">{project.title}</Paragraph>
      <Heading1>{t("bookProposals.propose.title")}</Heading1>
      {open ? (
        <>
          <Paragraph>
            {t("bookProposals.propose.intro", { project: project.title, from: limits.periodFrom, to: limits.periodTo })}
          </Paragraph>
          <ProposalForm limits={limits} themes={project.themes} base={base} />
        </>
      ) : (
        <Paragraph>{t("bookProposals.propose.closed")}</Paragraph>
      )}
      <Paragraph>
        <AppLink to={base}>{t("bookProposals.detail.back")}</AppLink>
      </Paragraph>
    </>
  );
}
