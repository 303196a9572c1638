import "~/i18n/page-texts/oidc";
import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { CheckboxField, FormError, SelectField, SubmitButton, TextField, useAppForm } from "~/components/form";
import { Paragraph, SelectOption } from "~/components/nlds";
import {
  ADVANCEMENTS,
  BALLOT_MODES,
  ELIGIBILITIES,
  JURY_VISIBILITIES,
  ROUND_KINDS,
  RoundSchema,
  TIE_BREAKS,
  type RoundInput,
} from "~/modules/awards/procedure.schema";

/**
 * One round of the procedure, or a new one without `values` (procedure page, intent "round"). Once the
 * round has opened its fields are disabled: the procedure is locked.
 */
export function RoundForm({ id, title, values, opened }: { id: string; title: string; values?: RoundInput; opened?: boolean }) {
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
    providers: "",
    organisations: "",
    tieBreak: "include_all",
    juryVisibility: "after_close",
    blind: false,
    showVotePosition: false,
    aggregation: "mean",
    normalize: false,
    showMotivations: false,
    minScores: "3",
  };
  const { register, handleSubmit, errorOf, failure, errors } = useAppForm<RoundInput>(RoundSchema, { ...defaults, formId: id }, id);
  return (
    <Form method="post" action="?intent=round" onSubmit={handleSubmit} noValidate className="lauwer-form">
      <fieldset disabled={opened}>
        <legend>{title}</legend>
        {opened ? <Paragraph>{t("procedure.locked")}</Paragraph> : null}
        <FormError failure={failure} errors={errors} />
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
          description={t("rounds.advanceKHint")}
          registration={register("advanceK")}
          error={errorOf("advanceK")}
        />
        <CheckboxField name={`${id}-showMotivations`} label={t("rounds.showMotivations")} registration={register("showMotivations")} />
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
          <TextField
            name={`${id}-providers`}
            label={t("oidc.eligibility.providers")}
            registration={register("providers")}
            error={errorOf("providers")}
          />
          <TextField
            name={`${id}-organisations`}
            label={t("oidc.eligibility.organisations")}
            description={t("oidc.eligibility.organisationsHint")}
            registration={register("organisations")}
            error={errorOf("organisations")}
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
