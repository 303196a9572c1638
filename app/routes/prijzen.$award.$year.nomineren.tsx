import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useFetcher, useLoaderData, useSubmit } from "@remix-run/react";
import { useEffect, useRef } from "react";
import { useTranslation } from "react-i18next";
import { requireUser } from "~/auth/guards.server";
import { AppLink } from "~/components/app-link";
import { FormError, TextareaField, TextField, useAppForm } from "~/components/form";
import { Button, Heading1, Heading2, Paragraph } from "~/components/nlds";
import { getDb, isDatabaseUnavailable, retryWhileUnavailable } from "~/db.server";
import { formFailure, parseForm, type FormFailure } from "~/lib/forms.server";
import { withNotice } from "~/lib/notice";
import { useEdition } from "~/modules/awards/components/use-edition";
import {
  CategoryField,
  MotivationField,
  NominatorFields,
  VideoField,
  type FieldBinding,
} from "~/modules/awards/components/nomination-fields";
import { loadEdition } from "~/modules/awards/edition.server";
import {
  OrganisationNominationSchema,
  PersonNominationSchema,
  PITCH_MAX,
  STORY_MAX,
  STORY_MIN,
  type OrganisationNominationInput,
  type PersonNominationInput,
} from "~/modules/awards/nomination.schema";
import { countOwnNominations, getDraft, nominateOrganisation, nominatePerson, saveDraft } from "~/modules/awards/nomination.server";
import type { loader as suggestionsLoader } from "./prijzen.$award.$year.suggesties";

// eslint-disable-next-line no-control-regex -- removing control characters is the point
const DRAFT_CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g;

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const user = requireUser(request, context);
  const db = getDb();
  const edition = await loadEdition(db, params.award, params.year, context.locale);
  const [draft, used] = await Promise.all([getDraft(db, user.id, edition.id), countOwnNominations(db, user.id, edition.id)]);
  return {
    verified: user.emailVerified,
    open: edition.nomination.state === "current",
    draft: draft ?? null,
    used,
    // Posted with the form (and again after a failed try), so a repeated submit stores one nomination.
    submissionKey: crypto.randomUUID(),
  };
}

/** The database could not store the nomination: say so (503, try again shortly) and keep the form as typed. */
function notStored(values: Record<string, string>) {
  return data<FormFailure>(
    { ok: false, fieldErrors: {}, formError: "nominate.errors.notStored", values },
    { status: 503, headers: { "Retry-After": "5" } },
  );
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const user = requireUser(request, context);
  const draft = new URL(request.url).searchParams.get("intent") === "draft";
  let edition: Awaited<ReturnType<typeof loadEdition>>;
  try {
    edition = await retryWhileUnavailable(() => loadEdition(getDb(), params.award, params.year, context.locale), 2000);
  } catch (error) {
    if (draft || !isDatabaseUnavailable(error)) throw error;
    // The body is still unread: hand the nomination back as typed.
    const form = await request.formData().catch(() => null);
    const values: Record<string, string> = {};
    for (const [k, v] of form?.entries() ?? []) if (typeof v === "string" && !(k in values)) values[k] = v.replace(DRAFT_CONTROL, "");
    return notStored(values);
  }
  const here = `/prijzen/${edition.awardSlug}/${edition.year}/nomineren`;
  if (draft) {
    let form: FormData;
    try {
      form = await request.formData();
    } catch {
      return formFailure(400, { fieldErrors: {}, formError: "errors.badRequest" });
    }
    const data: Record<string, string> = {};
    for (const [k, v] of form.entries()) {
      // Drafts keep text as typed, less control characters (jsonb refuses NUL). Not the submission key:
      // it belongs to the page it was loaded with, and a draft opened elsewhere gets its own.
      if (typeof v === "string" && k !== "submissionKey" && k.length <= 40 && Object.keys(data).length < 40)
        data[k] = v.replace(DRAFT_CONTROL, "");
    }
    if (!(await saveDraft(getDb(), user.id, edition.id, data)))
      return formFailure(413, { fieldErrors: {}, formError: "nominate.errors.draftTooLarge", values: data });
    return redirect(withNotice(here, "nominate.draftSaved"));
  }
  const nominator = { id: user.id, name: user.name, emailVerified: user.emailVerified };
  const parsed =
    edition.nomineeKind === "person"
      ? await parseForm(request, PersonNominationSchema)
      : await parseForm(request, OrganisationNominationSchema);
  if (!parsed.ok) return formFailure(400, parsed);
  const submit = () =>
    edition.nomineeKind === "person"
      ? nominatePerson(getDb(), nominator, edition.id, parsed.data as PersonNominationInput, context.locale)
      : nominateOrganisation(getDb(), nominator, edition.id, parsed.data as OrganisationNominationInput, context.locale);
  let result: Awaited<ReturnType<typeof submit>>;
  try {
    // With a submission key a repeat is safe (it finds the nomination a first try may have stored just
    // before the connection broke), so try again for a moment; without one, a repeat could store twice.
    result = parsed.data.submissionKey ? await retryWhileUnavailable(submit, 2000) : await submit();
  } catch (error) {
    if (!isDatabaseUnavailable(error)) throw error;
    return notStored(parsed.raw);
  }
  if (!result.ok) {
    return formFailure(result.field ? 400 : 409, {
      fieldErrors: result.field ? { [result.field]: result.error } : {},
      formError: result.field ? undefined : result.error,
      values: parsed.raw,
    });
  }
  return redirect(withNotice("/mijn-nominaties", "nominate.done"));
}

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

/** Candidates that look like the typed name, so the member can support instead of duplicating. */
function Suggestions({ name }: { name: string }) {
  const { t } = useTranslation();
  const edition = useEdition();
  const fetcher = useFetcher<typeof suggestionsLoader>();
  const { load } = fetcher;
  const base = `/prijzen/${edition.awardSlug}/${edition.year}`;
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);
  useEffect(() => {
    clearTimeout(timer.current);
    if (name.trim().length < 3) return;
    timer.current = setTimeout(() => void load(`${base}/suggesties?naam=${encodeURIComponent(name)}`), 300);
    return () => clearTimeout(timer.current);
  }, [name, base, load]);
  const suggestions = name.trim().length >= 3 ? (fetcher.data?.suggestions ?? []) : [];
  return (
    <div aria-live="polite">
      {suggestions.length ? (
        <section className="lauwer-suggestions" aria-labelledby="suggestions-heading">
          <Heading2 id="suggestions-heading">{t("nominate.suggestionsHeading")}</Heading2>
          <Paragraph>{t("nominate.suggestionsIntro")}</Paragraph>
          <ul>
            {suggestions.map((s) => (
              <li key={s.id}>
                {s.name}
                {s.organisation ? ` (${s.organisation})` : ""}, {s.category} —{" "}
                <AppLink to={`${base}/kandidaten/${s.id}/steunen`}>{t("nominate.support", { name: s.name })}</AppLink>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </div>
  );
}

function FormActions() {
  const { t } = useTranslation();
  return (
    <div className="lauwer-actions">
      <Button type="submit" appearance="primary-action-button">
        {t("nominate.submit")}
      </Button>
      <DraftButton />
    </div>
  );
}

/**
 * The submission key, posted with every try of this nomination: the one a failed try posted (so a
 * repeat is recognised), else the page's. Its value is in the HTML too, for a submit without JavaScript.
 */
function SubmissionKeyField({ bind, value }: { bind: FieldBinding; value: string }) {
  return <input type="hidden" {...bind.register("submissionKey" as never)} defaultValue={value} />;
}

function PersonForm({ defaults }: { defaults: Record<string, string> }) {
  const { t } = useTranslation();
  const edition = useEdition();
  const { register, handleSubmit, errorOf, failure, watch } = useAppForm<PersonNominationInput>(PersonNominationSchema, defaults as never);
  const bind = { register, errorOf } as unknown as FieldBinding;
  return (
    <>
      <FormError failure={failure} />
      <Form method="post" onSubmit={handleSubmit} noValidate className="lauwer-form">
        <SubmissionKeyField bind={bind} value={failure?.values.submissionKey || defaults.submissionKey || ""} />
        <fieldset>
          <legend>{t("nominate.personHeading")}</legend>
          <CategoryField bind={bind} />
          <TextField
            name="name"
            label={t("nominate.fields.name")}
            autoComplete="off"
            required
            registration={register("name")}
            error={errorOf("name")}
          />
          <Suggestions name={watch("name") ?? ""} />
          <TextField
            name="organisation"
            label={t("nominate.fields.organisation")}
            required
            registration={register("organisation")}
            error={errorOf("organisation")}
          />
          <TextField
            name="email"
            type="email"
            label={t("nominate.fields.email")}
            description={t("nominate.fields.emailHint")}
            autoComplete="off"
            required
            registration={register("email")}
            error={errorOf("email")}
          />
          {edition.maxNomineeAge ? (
            <TextField
              name="age"
              label={t("nominate.fields.age")}
              description={t("nominate.fields.ageHint", { age: edition.maxNomineeAge })}
              required
              registration={register("age")}
              error={errorOf("age")}
            />
          ) : null}
        </fieldset>
        <fieldset>
          <legend>{t("nominate.motivationHeading")}</legend>
          <MotivationField bind={bind} length={(watch("motivation") ?? "").length} />
          <VideoField bind={bind} />
          <NominatorFields bind={bind} />
        </fieldset>
        <fieldset>
          <legend>{t("nominate.referencesHeading")}</legend>
          <Paragraph>{t("nominate.referencesIntro")}</Paragraph>
          {([1, 2] as const).map((n) => (
            <fieldset key={n}>
              <legend>{t("nominate.reference", { n })}</legend>
              <TextField
                name={`ref${n}Name`}
                label={t("nominate.fields.refName")}
                registration={register(`ref${n}Name`)}
                error={errorOf(`ref${n}Name`)}
              />
              <TextField
                name={`ref${n}Email`}
                type="email"
                label={t("nominate.fields.refEmail")}
                registration={register(`ref${n}Email`)}
                error={errorOf(`ref${n}Email`)}
              />
              <TextField
                name={`ref${n}Relation`}
                label={t("nominate.fields.refRelation")}
                registration={register(`ref${n}Relation`)}
                error={errorOf(`ref${n}Relation`)}
              />
            </fieldset>
          ))}
        </fieldset>
        <FormActions />
      </Form>
    </>
  );
}

function OrganisationForm({ defaults }: { defaults: Record<string, string> }) {
  const { t } = useTranslation();
  const { register, handleSubmit, errorOf, failure, watch } = useAppForm<OrganisationNominationInput>(
    OrganisationNominationSchema,
    defaults as never,
  );
  const bind = { register, errorOf } as unknown as FieldBinding;
  return (
    <>
      <FormError failure={failure} />
      <Form method="post" onSubmit={handleSubmit} noValidate className="lauwer-form">
        <SubmissionKeyField bind={bind} value={failure?.values.submissionKey || defaults.submissionKey || ""} />
        <fieldset>
          <legend>{t("nominate.organisationHeading")}</legend>
          <CategoryField bind={bind} />
          <TextField
            name="name"
            label={t("nominate.fields.orgName")}
            autoComplete="off"
            required
            registration={register("name")}
            error={errorOf("name")}
          />
          <Suggestions name={watch("name") ?? ""} />
          <TextField
            name="email"
            type="email"
            label={t("nominate.fields.orgEmail")}
            description={t("nominate.fields.emailHint")}
            required
            registration={register("email")}
            error={errorOf("email")}
          />
        </fieldset>
        <fieldset>
          <legend>{t("nominate.motivationHeading")}</legend>
          <TextareaField
            name="pitch"
            label={t("nominate.fields.pitch")}
            description={t("nominate.fields.pitchHint", { max: PITCH_MAX })}
            counter={t("nominate.counter", { count: (watch("pitch") ?? "").length, max: PITCH_MAX })}
            registration={register("pitch")}
            error={errorOf("pitch")}
            rows={2}
          />
          <TextareaField
            name="story"
            label={t("nominate.fields.story")}
            description={t("nominate.fields.storyHint", { min: STORY_MIN, max: STORY_MAX })}
            counter={t("nominate.counter", { count: (watch("story") ?? "").length, max: STORY_MAX })}
            registration={register("story")}
            error={errorOf("story")}
            rows={14}
          />
          <VideoField bind={bind} />
          <NominatorFields bind={bind} />
        </fieldset>
        <FormActions />
      </Form>
    </>
  );
}

export default function Nominate() {
  const { verified, open, draft, used, submissionKey } = useLoaderData<typeof loader>();
  const edition = useEdition();
  const { t } = useTranslation();
  const cap = edition.nominationsPerMember;
  // The page's own submission key, never one from a draft (a failed try's key comes back in useAppForm).
  const defaults = { categoryId: edition.categories[0]?.id ?? "", ...(draft ?? {}), submissionKey };
  return (
    <>
      <Heading1>{t("nominate.title", { award: edition.name })}</Heading1>
      {!open ? (
        <Paragraph>{t("nominate.closed")}</Paragraph>
      ) : !verified ? (
        <Paragraph>
          {t("nominate.verifyFirst")} <AppLink to="/account">{t("layout.account")}</AppLink>
        </Paragraph>
      ) : used >= cap ? (
        <Paragraph>{t("nominate.capReached")}</Paragraph>
      ) : (
        <>
          <Paragraph>{t("nominate.intro", { cap, used })}</Paragraph>
          {draft ? <Paragraph>{t("nominate.draftLoaded")}</Paragraph> : null}
          {edition.nomineeKind === "person" ? <PersonForm defaults={defaults} /> : <OrganisationForm defaults={defaults} />}
        </>
      )}
    </>
  );
}
