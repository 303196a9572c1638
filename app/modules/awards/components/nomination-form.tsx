import { Form, useSubmit } from "@remix-run/react";
import type { ReactNode } from "react";
import type { FieldValues } from "react-hook-form";
import { useTranslation } from "react-i18next";
import { FormError, useAppForm } from "~/components/form";
import { Button, Paragraph } from "~/components/nlds";
import {
  OrganisationNominationSchema,
  PersonNominationSchema,
  PITCH_MAX,
  STORY_MAX,
  STORY_MIN,
  type OrganisationNominationInput,
  type PersonNominationInput,
} from "../nomination.schema";
import {
  BoundTextareaField,
  BoundTextField,
  CategoryField,
  MotivationField,
  NomineeEmailField,
  NominatorFields,
  VideoField,
  type FieldBinding,
} from "./nomination-fields";
import { NominationSuggestions } from "./nomination-suggestions";
import { useEdition } from "./use-edition";

function DraftButton() {
  const { t } = useTranslation();
  const submit = useSubmit();
  return (
    <Button
      type="submit"
      appearance="secondary-action-button"
      formAction="?intent=draft"
      formNoValidate
      onClick={(e) => {
        // Drafts are saved as typed, without validation (react-hook-form validates only real submissions).
        e.preventDefault();
        if (e.currentTarget.form) submit(e.currentTarget.form, { method: "post", action: "?intent=draft" });
      }}
    >
      {t("nominate.saveDraft")}
    </Button>
  );
}

/**
 * A kind's nomination form state: the binding its field groups take, the typed length of a field (for
 * the counters), and what the frame needs (the typed name for the suggestions, the page's submission key).
 */
function useNominationForm<T extends FieldValues>(schema: Parameters<typeof useAppForm<T>>[0], defaults: Record<string, string>) {
  const { register, handleSubmit, errorOf, failure, errors, watch } = useAppForm<T>(schema, defaults as never);
  const bind = { register, errorOf } as unknown as FieldBinding;
  const typed = (name: string) => String(watch(name as never) ?? "");
  const frame = { bind, handleSubmit, failure, errors, name: typed("name"), submissionKey: defaults.submissionKey ?? "" };
  return { bind, length: (name: string) => typed(name).length, frame };
}

type NominationFormState = ReturnType<typeof useNominationForm>["frame"];

/**
 * The frame both nomination forms share: the submission key, the nominee's category and name (with
 * the look-alike candidates), the nominator's part, and the submit and draft buttons.
 *
 * The submission key is posted with every try of this nomination: the one a failed try posted (so a
 * repeat is recognised), else the page's. Its value is in the HTML too, for a submit without JavaScript.
 */
function NominationFrame({
  form,
  heading,
  nameLabel,
  nominee,
  motivation,
  children,
}: {
  form: NominationFormState;
  heading: string;
  nameLabel: string;
  /** The nominee's fields after the name. */
  nominee: ReactNode;
  /** The fields before the video link (the motivation, or the pitch and story). */
  motivation: ReactNode;
  /** Fieldsets after the nominator's part (a person's references). */
  children?: ReactNode;
}) {
  const { t } = useTranslation();
  const { bind, failure } = form;
  return (
    <>
      <FormError failure={failure} errors={form.errors} />
      <Form method="post" onSubmit={form.handleSubmit} noValidate className="lauwer-form">
        <input
          type="hidden"
          {...bind.register("submissionKey" as never)}
          defaultValue={failure?.values.submissionKey || form.submissionKey}
        />
        <fieldset>
          <legend>{heading}</legend>
          <CategoryField bind={bind} />
          <BoundTextField bind={bind} name="name" label={nameLabel} autoComplete="off" required />
          <NominationSuggestions name={form.name} />
          {nominee}
        </fieldset>
        <fieldset>
          <legend>{t("nominate.motivationHeading")}</legend>
          {motivation}
          <VideoField bind={bind} />
          <NominatorFields bind={bind} />
        </fieldset>
        {children}
        <div className="lauwer-actions">
          <Button type="submit" appearance="primary-action-button">
            {t("nominate.submit")}
          </Button>
          <DraftButton />
        </div>
      </Form>
    </>
  );
}

function PersonForm({ defaults }: { defaults: Record<string, string> }) {
  const { t } = useTranslation();
  const edition = useEdition();
  const { bind, length, frame } = useNominationForm<PersonNominationInput>(PersonNominationSchema, defaults);
  return (
    <NominationFrame
      form={frame}
      heading={t("nominate.personHeading")}
      nameLabel={t("nominate.fields.name")}
      nominee={
        <>
          <BoundTextField bind={bind} name="organisation" label={t("nominate.fields.organisation")} required />
          <NomineeEmailField bind={bind} label={t("nominate.fields.email")} autoComplete="off" />
          {edition.maxNomineeAge ? (
            <BoundTextField
              bind={bind}
              name="age"
              label={t("nominate.fields.age")}
              description={t("nominate.fields.ageHint", { age: edition.maxNomineeAge })}
              required
            />
          ) : null}
        </>
      }
      motivation={<MotivationField bind={bind} length={length("motivation")} />}
    >
      <fieldset>
        <legend>{t("nominate.referencesHeading")}</legend>
        <Paragraph>{t("nominate.referencesIntro")}</Paragraph>
        {([1, 2] as const).map((n) => (
          <fieldset key={n}>
            <legend>{t("nominate.reference", { n })}</legend>
            <BoundTextField bind={bind} name={`ref${n}Name`} label={t("nominate.fields.refName")} />
            <BoundTextField bind={bind} name={`ref${n}Email`} type="email" label={t("nominate.fields.refEmail")} />
            <BoundTextField bind={bind} name={`ref${n}Relation`} label={t("nominate.fields.refRelation")} />
          </fieldset>
        ))}
      </fieldset>
    </NominationFrame>
  );
}

function OrganisationForm({ defaults }: { defaults: Record<string, string> }) {
  const { t } = useTranslation();
  const { bind, length, frame } = useNominationForm<OrganisationNominationInput>(OrganisationNominationSchema, defaults);
  return (
    <NominationFrame
      form={frame}
      heading={t("nominate.organisationHeading")}
      nameLabel={t("nominate.fields.orgName")}
      nominee={<NomineeEmailField bind={bind} label={t("nominate.fields.orgEmail")} />}
      motivation={
        <>
          <BoundTextareaField
            bind={bind}
            name="pitch"
            label={t("nominate.fields.pitch")}
            description={t("nominate.fields.pitchHint", { max: PITCH_MAX })}
            counter={t("nominate.counter", { count: length("pitch"), max: PITCH_MAX })}
            rows={2}
          />
          <BoundTextareaField
            bind={bind}
            name="story"
            label={t("nominate.fields.story")}
            description={t("nominate.fields.storyHint", { min: STORY_MIN, max: STORY_MAX })}
            counter={t("nominate.counter", { count: length("story"), max: STORY_MAX })}
            rows={14}
          />
        </>
      }
    />
  );
}

/**
 * The nomination form of the edition's kind of nominee. `defaults` are the draft's fields and the
 * page's own submission key (a failed try's values and key come back through useAppForm).
 */
export function NominationForm({ defaults }: { defaults: Record<string, string> }) {
  const edition = useEdition();
  return edition.nomineeKind === "person" ? <PersonForm defaults={defaults} /> : <OrganisationForm defaults={defaults} />;
}
