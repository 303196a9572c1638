import "~/i18n/page-texts/privacy-people";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireAdmin, requireRole } from "~/auth/guards.server";
import { AppLink } from "~/components/app-link";
import { FilterForm, FilterSearch } from "~/components/filter-form";
import { FormError, SubmitButton, useAppForm } from "~/components/form";
import { Alert, Heading1, Heading2, Paragraph } from "~/components/nlds";
import { getDb } from "~/db.server";
import { handleIntents, intent, redirectWithNotice } from "~/lib/action.server";
import { titleMeta } from "~/lib/meta";
import { searchTerm } from "~/lib/query";
import { ErasureGrounds } from "~/modules/privacy/components/erasure-grounds";
import { foundAnything, PersonPlacesList } from "~/modules/privacy/components/person-places";
import { PersonEraseSchema, PersonSearchSchema } from "~/modules/privacy/erasure.schema";
import { erasePersonEverywhere, findPerson } from "~/modules/privacy/person.server";

export const meta = titleMeta("privacyPeople.title");

/**
 * A platform admin finds a person by name and/or address, with or without an account (AVG art. 15,
 * 17), sees every place they appear, and erases them everywhere (issue #19, ADR 0042).
 */
export async function loader({ request, context }: LoaderFunctionArgs) {
  await requireRole(request, context, { role: "admin" });
  const url = new URL(request.url);
  // Control characters (a NUL PostgreSQL refuses) become spaces, as in every search (searchTerm).
  const raw = { name: searchTerm(url.searchParams.get("naam"), 200), email: searchTerm(url.searchParams.get("email"), 254) };
  // Not searched yet (the page as opened); an empty search is an error like any other bad input.
  if (!url.searchParams.has("naam") && !url.searchParams.has("email")) return { search: raw, error: null, places: null };
  const parsed = PersonSearchSchema.safeParse(raw);
  if (!parsed.success) return { search: raw, error: parsed.error.issues[0]?.message ?? "errors.invalid", places: null };
  const places = await findPerson(getDb(), {
    names: parsed.data.name ? [parsed.data.name] : [],
    emails: parsed.data.email ? [parsed.data.email] : [],
  });
  return { search: parsed.data, error: null, places };
}

export const action = (args: ActionFunctionArgs) =>
  handleIntents(args, requireAdmin, {
    "": intent({
      schema: PersonEraseSchema,
      run: (g, input) =>
        erasePersonEverywhere(
          g.db,
          g.actor,
          { names: input.name ? [input.name] : [], emails: input.email ? [input.email] : [] },
          input.reason,
          { action: "person.erase", entityType: "person", entityId: null },
        ),
      done: () => redirectWithNotice("/beheer/privacy", "erasure.notice.personErased"),
    }),
  });

export default function PrivacyPeople() {
  const { search, error, places } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  return (
    <>
      <Heading1>{t("privacyPeople.title")}</Heading1>
      <Paragraph>{t("privacyPeople.intro")}</Paragraph>
      <Paragraph>
        <AppLink to="/beheer/privacy/verzoeken">{t("privacyPeople.requestsLink")}</AppLink>
      </Paragraph>
      <FilterForm label={t("privacyPeople.searchLabel")} submit={t("privacyPeople.search")} primary={!places} search>
        <FilterSearch id="person-name" name="naam" label={t("privacyPeople.name")} defaultValue={search.name} />
        <FilterSearch id="person-email" name="email" label={t("privacyPeople.email")} defaultValue={search.email} />
      </FilterForm>
      {error ? (
        <Alert type="error">
          <Paragraph>{t(error)}</Paragraph>
        </Alert>
      ) : null}
      {places ? (
        <section aria-labelledby="places-heading">
          <Heading2 id="places-heading" tabIndex={-1}>
            {t("privacyPeople.resultsHeading")}
          </Heading2>
          <PersonPlacesList places={places} />
          {foundAnything(places) ? <EraseForm name={search.name} email={search.email} /> : null}
        </section>
      ) : null}
    </>
  );
}

function EraseForm({ name, email }: { name: string; email: string }) {
  const { t } = useTranslation();
  const { register, handleSubmit, errorOf, errors, failure, busy } = useAppForm<{
    name: string;
    email: string;
    reason: string;
    confirm: string;
  }>(PersonEraseSchema, { name, email, reason: "" });
  return (
    <section aria-labelledby="erase-heading">
      <Heading2 id="erase-heading">{t("privacyPeople.eraseHeading")}</Heading2>
      <Paragraph>{t("privacyPeople.eraseIntro")}</Paragraph>
      <FormError failure={failure} errors={errors} />
      <Form method="post" onSubmit={handleSubmit} noValidate className="lauwer-form">
        <input type="hidden" {...register("name")} />
        <input type="hidden" {...register("email")} />
        <ErasureGrounds
          reason={{ registration: register("reason"), error: errorOf("reason") }}
          confirm={{ registration: register("confirm"), error: errorOf("confirm") }}
        />
        <SubmitButton busy={busy}>{t("privacyPeople.submit")}</SubmitButton>
      </Form>
    </section>
  );
}
