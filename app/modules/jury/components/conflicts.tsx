import "~/i18n/page-texts/departed";
import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { FormError, SelectField, SubmitButton, TextareaField, useAppForm } from "~/components/form";
import { Button, Heading2, Paragraph, SelectOption } from "~/components/nlds";
import { RecordConflictSchema, type RecordConflictInput } from "../conflicts.schema";

interface Option {
  value: string;
  label: string;
}

/** The organizer records that a juror does not judge a candidate, with a reason. */
export function RecordConflictForm({ rounds, jurors, candidates }: { rounds: Option[]; jurors: Option[]; candidates: Option[] }) {
  const { t } = useTranslation();
  const id = "record";
  const { register, handleSubmit, errorOf, failure, errors } = useAppForm<RecordConflictInput>(
    RecordConflictSchema,
    { formId: id, round: rounds.length === 1 ? rounds[0]!.value : "", jurorId: "", nomineeId: "", reason: "" },
    id,
  );
  const choose = <SelectOption value="">{t("control.conflicts.choose")}</SelectOption>;
  return (
    <section aria-labelledby="record-heading">
      <Heading2 id="record-heading">{t("control.conflicts.recordHeading")}</Heading2>
      {rounds.length === 0 ? (
        <Paragraph>{t("control.conflicts.noOpenRounds")}</Paragraph>
      ) : (
        <Form method="post" onSubmit={handleSubmit} noValidate className="lauwer-form">
          <FormError failure={failure} errors={errors} />
          <input type="hidden" {...register("formId")} />
          <SelectField name="round" label={t("control.conflicts.round")} registration={register("round")} error={errorOf("round")}>
            {rounds.length > 1 ? choose : null}
            {rounds.map((r) => (
              <SelectOption key={r.value} value={r.value}>
                {r.label}
              </SelectOption>
            ))}
          </SelectField>
          <SelectField name="jurorId" label={t("control.conflicts.juror")} registration={register("jurorId")} error={errorOf("jurorId")}>
            {choose}
            {jurors.map((j) => (
              <SelectOption key={j.value} value={j.value}>
                {j.label}
              </SelectOption>
            ))}
          </SelectField>
          <SelectField
            name="nomineeId"
            label={t("control.conflicts.candidate")}
            registration={register("nomineeId")}
            error={errorOf("nomineeId")}
          >
            {choose}
            {candidates.map((c) => (
              <SelectOption key={c.value} value={c.value}>
                {c.label}
              </SelectOption>
            ))}
          </SelectField>
          <TextareaField
            name="reason"
            label={t("control.conflicts.reason")}
            description={t("control.conflicts.reasonHint")}
            rows={2}
            registration={register("reason")}
            error={errorOf("reason")}
          />
          <SubmitButton>{t("control.conflicts.submit")}</SubmitButton>
        </Form>
      )}
    </section>
  );
}

export interface SuggestionView {
  round: string;
  position: number;
  jurorId: string;
  juror: string;
  nomineeId: string;
  nominee: string;
  why: "domain" | "organisation";
  match: string;
}

/** Likely conflicts Lauwer found; each is recorded only when an organizer confirms it. */
export function ConflictSuggestions({ suggestions }: { suggestions: SuggestionView[] }) {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="suggestions-heading">
      <Heading2 id="suggestions-heading">{t("control.conflicts.suggestionsHeading")}</Heading2>
      <Paragraph>{t("control.conflicts.suggestionsIntro")}</Paragraph>
      {suggestions.length === 0 ? (
        <Paragraph>{t("control.conflicts.noSuggestions")}</Paragraph>
      ) : (
        <ul className="lauwer-card-list">
          {suggestions.map((s) => {
            const reason = t(`control.conflicts.why_${s.why}`, { match: s.match });
            return (
              <li key={`${s.position}-${s.jurorId}-${s.nomineeId}`}>
                <Paragraph>
                  <strong>{t("control.conflicts.pair", { juror: s.juror, nominee: s.nominee })}</strong>
                </Paragraph>
                <Paragraph>
                  {reason}
                  <br />
                  {s.round}
                </Paragraph>
                <Form method="post">
                  <input type="hidden" name="formId" value="suggestion" />
                  <input type="hidden" name="round" value={s.position} />
                  <input type="hidden" name="jurorId" value={s.jurorId} />
                  <input type="hidden" name="nomineeId" value={s.nomineeId} />
                  <input type="hidden" name="reason" value={reason} />
                  <Button
                    type="submit"
                    appearance="secondary-action-button"
                    aria-label={t("control.conflicts.confirmLabel", { juror: s.juror, nominee: s.nominee })}
                  >
                    {t("control.conflicts.confirm")}
                  </Button>
                </Form>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}

/** The conflicts on record, whoever declared them (a juror whose account was deleted has no name). */
export function ConflictList({
  rows,
}: {
  rows: Array<{ key: string; round: string; juror: string | null; nominee: string; reason: string }>;
}) {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="recorded-heading">
      <Heading2 id="recorded-heading">{t("control.conflicts.recordedHeading")}</Heading2>
      {rows.length === 0 ? (
        <Paragraph>{t("control.conflicts.noneRecorded")}</Paragraph>
      ) : (
        <ul className="lauwer-card-list">
          {rows.map((r) => (
            <li key={r.key}>
              <Paragraph>
                <strong>{t("control.conflicts.pair", { juror: r.juror ?? t("departed.juror"), nominee: r.nominee })}</strong>
              </Paragraph>
              <Paragraph>
                {r.reason}
                <br />
                {r.round}
              </Paragraph>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
