import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { AppLink } from "~/components/app-link";
import { CheckboxField, FormError, SelectField, SubmitButton, TextareaField, TextField, useAppForm } from "~/components/form";
import { Button, Heading1, Heading2, Paragraph, SelectOption, UnorderedList, UnorderedListItem } from "~/components/nlds";
import { getDb } from "~/db.server";
import { formFailure, parseForm } from "~/lib/forms.server";
import { withNotice } from "~/lib/notice";
import { actorFrom } from "~/modules/audit/audit.server";
import { requireEditionOrganizer } from "~/modules/awards/guard.server";
import {
  ADVANCEMENTS,
  BALLOT_MODES,
  ELIGIBILITIES,
  TIE_BREAKS,
  JURY_VISIBILITIES,
  CategorySchema,
  DeleteRoundSchema,
  EditionSettingsSchema,
  ROUND_KINDS,
  RoundSchema,
  type CategoryInput,
  type EditionSettingsInput,
  type RoundInput,
} from "~/modules/awards/procedure.schema";
import {
  addCategory,
  addRound,
  deleteRound,
  getProcedureSettings,
  listProcedureRounds,
  updateEditionSettings,
  updateRound,
  type ProcedureResult,
} from "~/modules/awards/procedure.server";

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { edition } = await requireEditionOrganizer(request, context, params);
  const db = getDb();
  const [settings, rounds] = await Promise.all([getProcedureSettings(db, edition.id), listProcedureRounds(db, edition.id)]);
  return {
    edition: { name: edition.name, categories: edition.categories, base: `/beheer/prijzen/${edition.awardSlug}/${edition.year}` },
    settings: {
      descriptionNl: settings.description_nl,
      descriptionEn: settings.description_en,
      themeNl: settings.theme_nl,
      themeEn: settings.theme_en,
      criteriaNl: settings.criteria_nl,
      criteriaEn: settings.criteria_en,
      nomineeKind: settings.nominee_kind,
      maxAge: settings.max_nominee_age?.toString() ?? "",
      opensAt: settings.opens ?? "",
      closesAt: settings.closes ?? "",
      perMember: String(settings.nominations_per_member),
    },
    rounds: rounds.map((r) => ({
      position: r.position,
      opened: r.opened,
      values: {
        roundId: r.id,
        kind: r.kind,
        nameNl: r.name_nl,
        nameEn: r.name_en,
        opensAt: r.opens ?? "",
        closesAt: r.closes ?? "",
        source: r.source,
        advancement: r.advancement,
        advanceK: r.advance_k?.toString() ?? "",
        ballotMode: r.ballot_mode,
        maxChoices: String(r.max_choices),
        allowChange: r.allow_change,
        showLiveTotals: r.show_live_totals,
        eligibility: r.eligibility,
        domains: r.eligible_domains.join(", "),
        tieBreak: r.tie_break,
        juryVisibility: r.jury_visibility,
        blind: r.blind,
        showVotePosition: r.show_vote_position,
        aggregation: r.aggregation,
        normalize: r.normalize,
        minScores: String(r.min_scores),
      },
    })),
  };
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const { edition } = await requireEditionOrganizer(request, context, params);
  const actor = actorFrom(context);
  const intent = new URL(request.url).searchParams.get("intent");
  let result: ProcedureResult;
  let formId = intent ?? "";
  if (intent === "settings") {
    const parsed = await parseForm(request, EditionSettingsSchema);
    if (!parsed.ok) return formFailure(400, parsed);
    result = await updateEditionSettings(getDb(), actor, edition.id, parsed.data);
  } else if (intent === "category") {
    const parsed = await parseForm(request, CategorySchema);
    if (!parsed.ok) return formFailure(400, parsed);
    result = await addCategory(getDb(), actor, edition.id, parsed.data);
  } else if (intent === "delete-round") {
    const parsed = await parseForm(request, DeleteRoundSchema);
    if (!parsed.ok) return formFailure(400, parsed);
    formId = parsed.data.formId ?? "";
    result = await deleteRound(getDb(), actor, edition.id, parsed.data.roundId);
  } else if (intent === "round") {
    const parsed = await parseForm(request, RoundSchema);
    if (!parsed.ok) return formFailure(400, parsed);
    formId = parsed.data.formId ?? "";
    result = parsed.data.roundId
      ? await updateRound(getDb(), actor, edition.id, parsed.data)
      : await addRound(getDb(), actor, edition.id, parsed.data);
  } else {
    throw new Response("Not found", { status: 404 });
  }
  if (!result.ok) {
    return formFailure(result.field ? 400 : 409, {
      fieldErrors: result.field ? { [result.field]: result.error } : {},
      formError: result.field ? undefined : result.error,
      values: { formId },
    });
  }
  return redirect(withNotice(`/beheer/prijzen/${edition.awardSlug}/${edition.year}/procedure`, "procedure.saved"));
}

function SettingsForm({ values }: { values: EditionSettingsInput }) {
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

function CategoryForm() {
  const { t } = useTranslation();
  const { register, handleSubmit, errorOf, failure } = useAppForm<CategoryInput>(CategorySchema, { formId: "category" }, "category");
  return (
    <Form method="post" action="?intent=category" onSubmit={handleSubmit} noValidate className="lauwer-form">
      <FormError failure={failure} />
      <input type="hidden" {...register("formId")} />
      <TextField
        name="category-slug"
        label={t("procedure.fields.slug")}
        description={t("procedure.fields.slugHint")}
        registration={register("slug")}
        error={errorOf("slug")}
      />
      <TextField name="category-nameNl" label={t("procedure.fields.nameNl")} registration={register("nameNl")} error={errorOf("nameNl")} />
      <TextField name="category-nameEn" label={t("procedure.fields.nameEn")} registration={register("nameEn")} error={errorOf("nameEn")} />
      <SubmitButton>{t("procedure.addCategory")}</SubmitButton>
    </Form>
  );
}

function RoundForm({ id, title, values, opened }: { id: string; title: string; values?: RoundInput; opened?: boolean }) {
  const { t } = useTranslation();
  const defaults = values ?? {
    roundId: "",
    kind: "jury",
    nameNl: "",
    nameEn: "",
    opensAt: "",
    closesAt: "",
    source: "previous",
    advancement: "top_k",
    advanceK: "",
    ballotMode: "single",
    maxChoices: "1",
    allowChange: false,
    showLiveTotals: false,
    eligibility: "verified",
    domains: "",
    tieBreak: "include_all",
    juryVisibility: "after_close",
    blind: false,
    showVotePosition: false,
    aggregation: "mean",
    normalize: false,
    minScores: "3",
  };
  const { register, handleSubmit, errorOf, failure } = useAppForm<RoundInput>(RoundSchema, { ...defaults, formId: id }, id);
  return (
    <Form method="post" action="?intent=round" onSubmit={handleSubmit} noValidate className="lauwer-form">
      <fieldset disabled={opened}>
        <legend>{title}</legend>
        {opened ? <Paragraph>{t("procedure.locked")}</Paragraph> : null}
        <FormError failure={failure} />
        <input type="hidden" {...register("formId")} />
        <input type="hidden" {...register("roundId")} />
        <SelectField name={`${id}-kind`} label={t("procedure.fields.kind")} registration={register("kind")} error={errorOf("kind")}>
          {ROUND_KINDS.map((k) => (
            <SelectOption key={k} value={k}>
              {t(`awards.kind.${k}`)}
            </SelectOption>
          ))}
        </SelectField>
        <TextField name={`${id}-nameNl`} label={t("procedure.fields.nameNl")} registration={register("nameNl")} error={errorOf("nameNl")} />
        <TextField name={`${id}-nameEn`} label={t("procedure.fields.nameEn")} registration={register("nameEn")} error={errorOf("nameEn")} />
        <TextField
          name={`${id}-opensAt`}
          type="datetime-local"
          label={t("procedure.fields.roundOpensAt")}
          description={t("procedure.fields.windowHint")}
          registration={register("opensAt")}
          error={errorOf("opensAt")}
        />
        <TextField
          name={`${id}-closesAt`}
          type="datetime-local"
          label={t("procedure.fields.roundClosesAt")}
          registration={register("closesAt")}
          error={errorOf("closesAt")}
        />
        <SelectField name={`${id}-source`} label={t("procedure.fields.source")} registration={register("source")} error={errorOf("source")}>
          <SelectOption value="all">{t("procedure.source.all")}</SelectOption>
          <SelectOption value="previous">{t("procedure.source.previous")}</SelectOption>
        </SelectField>
        <SelectField
          name={`${id}-advancement`}
          label={t("procedure.fields.advancement")}
          registration={register("advancement")}
          error={errorOf("advancement")}
        >
          {ADVANCEMENTS.map((a) => (
            <SelectOption key={a} value={a}>
              {t(`awards.advance.${a}`, { k: "K" })}
            </SelectOption>
          ))}
        </SelectField>
        <TextField
          name={`${id}-advanceK`}
          label={t("procedure.fields.advanceK")}
          registration={register("advanceK")}
          error={errorOf("advanceK")}
        />
        <fieldset>
          <legend>{t("procedure.votingRules")}</legend>
          <p className="utrecht-form-field-description">{t("procedure.votingRulesHint")}</p>
          <SelectField
            name={`${id}-ballotMode`}
            label={t("procedure.fields.ballotMode")}
            registration={register("ballotMode")}
            error={errorOf("ballotMode")}
          >
            {BALLOT_MODES.map((m) => (
              <SelectOption key={m} value={m}>
                {t(`procedure.ballotMode.${m}`)}
              </SelectOption>
            ))}
          </SelectField>
          <TextField
            name={`${id}-maxChoices`}
            label={t("procedure.fields.maxChoices")}
            description={t("procedure.fields.maxChoicesHint")}
            registration={register("maxChoices")}
            error={errorOf("maxChoices")}
          />
          <CheckboxField name={`${id}-allowChange`} label={t("procedure.fields.allowChange")} registration={register("allowChange")} />
          <CheckboxField
            name={`${id}-showLiveTotals`}
            label={t("procedure.fields.showLiveTotals")}
            registration={register("showLiveTotals")}
          />
          <SelectField
            name={`${id}-eligibility`}
            label={t("procedure.fields.eligibility")}
            registration={register("eligibility")}
            error={errorOf("eligibility")}
          >
            {ELIGIBILITIES.map((m) => (
              <SelectOption key={m} value={m}>
                {t(`procedure.eligibility.${m}`)}
              </SelectOption>
            ))}
          </SelectField>
          <TextField
            name={`${id}-domains`}
            label={t("procedure.fields.domains")}
            description={t("procedure.fields.domainsHint")}
            registration={register("domains")}
            error={errorOf("domains")}
          />
          <SelectField
            name={`${id}-tieBreak`}
            label={t("procedure.fields.tieBreak")}
            registration={register("tieBreak")}
            error={errorOf("tieBreak")}
          >
            {TIE_BREAKS.map((m) => (
              <SelectOption key={m} value={m}>
                {t(`procedure.tieBreak.${m}`)}
              </SelectOption>
            ))}
          </SelectField>
        </fieldset>
        <fieldset>
          <legend>{t("procedure.juryRules")}</legend>
          <p className="utrecht-form-field-description">{t("procedure.juryRulesHint")}</p>
          <SelectField
            name={`${id}-juryVisibility`}
            label={t("procedure.fields.juryVisibility")}
            registration={register("juryVisibility")}
            error={errorOf("juryVisibility")}
          >
            {JURY_VISIBILITIES.map((m) => (
              <SelectOption key={m} value={m}>
                {t(`procedure.juryVisibility.${m}`)}
              </SelectOption>
            ))}
          </SelectField>
          <CheckboxField name={`${id}-blind`} label={t("procedure.fields.blind")} registration={register("blind")} />
          <CheckboxField
            name={`${id}-showVotePosition`}
            label={t("procedure.fields.showVotePosition")}
            registration={register("showVotePosition")}
          />
          <SelectField
            name={`${id}-aggregation`}
            label={t("procedure.fields.aggregation")}
            registration={register("aggregation")}
            error={errorOf("aggregation")}
          >
            <SelectOption value="mean">{t("procedure.aggregation.mean")}</SelectOption>
            <SelectOption value="median">{t("procedure.aggregation.median")}</SelectOption>
          </SelectField>
          <CheckboxField name={`${id}-normalize`} label={t("procedure.fields.normalize")} registration={register("normalize")} />
          <TextField
            name={`${id}-minScores`}
            label={t("procedure.fields.minScores")}
            registration={register("minScores")}
            error={errorOf("minScores")}
          />
        </fieldset>
        {!opened ? <SubmitButton>{values ? t("procedure.save") : t("procedure.addRound")}</SubmitButton> : null}
      </fieldset>
    </Form>
  );
}

export default function Procedure() {
  const { edition, settings, rounds } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation();
  return (
    <>
      <Heading1>{t("procedure.title", { edition: edition.name })}</Heading1>
      <Paragraph>
        <AppLink to={`${edition.base}/moderatie`}>{t("procedure.moderationLink")}</AppLink> ·{" "}
        <AppLink to={`${edition.base}/bewaartermijn`}>{t("erasure.retentionTitle")}</AppLink>
      </Paragraph>
      {actionData && !actionData.values.formId ? <FormError failure={actionData} /> : null}
      <section aria-labelledby="settings-heading">
        <Heading2 id="settings-heading">{t("procedure.settingsHeading")}</Heading2>
        <SettingsForm values={settings as EditionSettingsInput} />
      </section>
      <section aria-labelledby="categories-heading">
        <Heading2 id="categories-heading">{t("procedure.categoriesHeading")}</Heading2>
        <UnorderedList>
          {edition.categories.map((c) => (
            <UnorderedListItem key={c.id}>
              {c.name} ({c.slug})
            </UnorderedListItem>
          ))}
        </UnorderedList>
        <CategoryForm />
      </section>
      <section aria-labelledby="rounds-heading">
        <Heading2 id="rounds-heading">{t("procedure.roundsHeading")}</Heading2>
        <Paragraph>{t("procedure.roundsIntro")}</Paragraph>
        {rounds.map((r) => (
          <div key={r.values.roundId} className="lauwer-round">
            <RoundForm
              id={`round-${r.position}`}
              title={t("procedure.round", { position: r.position, name: r.values.nameNl })}
              values={r.values as RoundInput}
              opened={r.opened}
            />
            {r.values.kind === "jury" ? (
              <Paragraph>
                <AppLink to={`${edition.base}/jury/${r.position}`}>{t("jury.admin.roundLink", { name: r.values.nameNl })}</AppLink>
              </Paragraph>
            ) : null}
            {r.values.kind === "public_vote" || r.values.kind === "live_vote" ? (
              <Paragraph>
                <AppLink to={`${edition.base}/stemmen/${r.position}`}>
                  {t("procedure.manageVoting")}: {r.values.nameNl}
                </AppLink>
              </Paragraph>
            ) : null}
            {!r.opened ? (
              <Form method="post" action="?intent=delete-round">
                <input type="hidden" name="formId" value={`round-${r.position}`} />
                <input type="hidden" name="roundId" value={r.values.roundId} />
                <Button type="submit" appearance="secondary-action-button" aria-label={`${t("procedure.deleteRound")}: ${r.values.nameNl}`}>
                  {t("procedure.deleteRound")}
                </Button>
              </Form>
            ) : null}
          </div>
        ))}
        <RoundForm id="round-new" title={t("procedure.newRound")} />
      </section>
    </>
  );
}
