import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useLoaderData, useSubmit } from "@remix-run/react";
import type { FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { AppLink } from "~/components/app-link";
import { FormError, SelectField, SubmitButton, TextareaField, TextField, useAppForm } from "~/components/form";
import { Heading1, Paragraph, SelectOption } from "~/components/nlds";
import { getDb } from "~/db.server";
import { writingTitle } from "~/modules/book/components/manuscript-parts";
import { handleIntents, intent, redirectWithNotice } from "~/lib/action.server";
import { AuthorSchema, AVAILABILITY_MAX, BIO_MAX, BIO_MIN, type AuthorInput } from "~/modules/book/author.schema";
import { assignedCount, authorFormValues, saveAuthor } from "~/modules/book/author.server";
import { findAuthor, projectMemberGuard, requireProjectMember } from "~/modules/book/project.server";
import ballotCss from "~/styles/ballot.css";

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { user, project } = await requireProjectMember(request, context, params);
  const db = getDb();
  const author = await findAuthor(db, project.id, user.id);
  return {
    project: {
      slug: project.slug,
      title: project.title,
      periodFrom: project.periodFrom,
      periodTo: project.periodTo,
      themes: project.themes,
    },
    author: author ? authorFormValues(author) : null,
    assigned: author ? await assignedCount(db, project.id, user.id) : 0,
  };
}

// The option cards (.lauwer-ballot__option) of its checkbox lists.
export const links: LinksFunction = () => [{ rel: "stylesheet", href: ballotCss }];

export const meta: MetaFunction<typeof loader> = ({ data, matches }) =>
  writingTitle(matches, "bookWriting.author.title", data?.project.title);

export const action = (args: ActionFunctionArgs) =>
  handleIntents(args, projectMemberGuard, {
    // The page's one form posts without an intent; its theme checkboxes are read beside the schema.
    "": intent({
      schema: AuthorSchema,
      run(g, input, { raw }) {
        const themeIds = Object.keys(raw)
          .filter((k) => k.startsWith("theme-"))
          .map((k) => k.slice("theme-".length));
        return saveAuthor(g.db, g.project, g.user.id, input, themeIds);
      },
      done: (g) => redirectWithNotice(`/boek/${g.project.slug}/auteur`, "bookWriting.notice.authorSaved"),
    }),
  });

export default function AuthorSignUp() {
  const { project, author, assigned } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const defaults: Partial<AuthorInput> = author?.values ?? { capacity: "1" };
  const { register, trigger, errorOf, failure, watch } = useAppForm(AuthorSchema, defaults);
  const submit = useSubmit();
  // The theme checkboxes are not part of the schema: validate in the browser, then post the whole form.
  const onSubmit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = e.currentTarget;
    if (await trigger(undefined, { shouldFocus: true })) submit(form);
  };
  const chosen = new Set(
    failure
      ? Object.keys(failure.values)
          .filter((k) => k.startsWith("theme-"))
          .map((k) => k.slice(6))
      : (author?.themeIds ?? []),
  );
  const base = `/boek/${project.slug}`;
  return (
    <>
      <Heading1>{author ? t("bookWriting.author.editTitle") : t("bookWriting.author.title")}</Heading1>
      <Paragraph>{t("bookWriting.author.intro", { project: project.title })}</Paragraph>
      {author ? (
        <Paragraph>
          <AppLink to={`${base}/wensen`}>{t("bookWriting.claims.title")}</AppLink> ·{" "}
          <AppLink to={`${base}/mijn-portretten`}>{t("bookWriting.mine.title")}</AppLink>
        </Paragraph>
      ) : null}
      <FormError failure={failure} />
      <Form method="post" onSubmit={onSubmit} noValidate className="lauwer-form">
        <TextareaField
          name="bio"
          label={t("bookWriting.author.bio")}
          description={t("bookWriting.author.bioHint", { min: BIO_MIN, max: BIO_MAX })}
          counter={t("bookWriting.counter", { count: (watch("bio") ?? "").length, max: BIO_MAX })}
          registration={register("bio")}
          error={errorOf("bio")}
        />
        <fieldset aria-describedby={errorOf("themes") ? "themes-error" : undefined}>
          <legend>{t("bookWriting.author.themes")}</legend>
          {errorOf("themes") ? (
            <p id="themes-error" className="utrecht-form-field-error-message">
              {t(errorOf("themes")!)}
            </p>
          ) : null}
          {project.themes.map((theme) => (
            <label key={theme.id} htmlFor={`theme-${theme.id}`} className="lauwer-ballot__option">
              <input type="checkbox" id={`theme-${theme.id}`} name={`theme-${theme.id}`} value="on" defaultChecked={chosen.has(theme.id)} />
              {theme.name}
            </label>
          ))}
        </fieldset>
        <fieldset>
          <legend>{t("bookWriting.author.periods")}</legend>
          <p className="utrecht-form-field-description">
            {t("bookWriting.author.periodsHint", { from: project.periodFrom, to: project.periodTo })}
          </p>
          <TextField
            name="periodFrom"
            label={t("bookWriting.author.periodFrom")}
            optionalLabel={t("bookWriting.optional")}
            registration={register("periodFrom")}
            error={errorOf("periodFrom")}
          />
          <TextField
            name="periodTo"
            label={t("bookWriting.author.periodTo")}
            optionalLabel={t("bookWriting.optional")}
            registration={register("periodTo")}
            error={errorOf("periodTo")}
          />
        </fieldset>
        <TextField
          name="writingUrl"
          label={t("bookWriting.author.writingUrl")}
          optionalLabel={t("bookWriting.optional")}
          description={t("bookWriting.author.writingUrlHint")}
          registration={register("writingUrl")}
          error={errorOf("writingUrl")}
        />
        <SelectField
          name="capacity"
          label={t("bookWriting.author.capacity")}
          registration={register("capacity")}
          error={errorOf("capacity")}
        >
          {(["1", "2", "3"] as const).map((n) => (
            <SelectOption key={n} value={n}>
              {t("bookWriting.author.capacityValue", { count: Number(n) })}
            </SelectOption>
          ))}
        </SelectField>
        {assigned > 0 ? <Paragraph>{t("bookWriting.author.assignedNow", { count: assigned })}</Paragraph> : null}
        <TextareaField
          name="availability"
          label={t("bookWriting.author.availability")}
          description={t("bookWriting.author.availabilityHint", { max: AVAILABILITY_MAX })}
          counter={t("bookWriting.counter", { count: (watch("availability") ?? "").length, max: AVAILABILITY_MAX })}
          registration={register("availability")}
          error={errorOf("availability")}
          rows={3}
        />
        <SubmitButton>{author ? t("bookWriting.author.save") : t("bookWriting.author.signUp")}</SubmitButton>
      </Form>
    </>
  );
}
