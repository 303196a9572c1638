import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { AppLink } from "~/components/app-link";
import { FormError, SubmitButton, TextareaField, TextField, useAppForm } from "~/components/form";
import {
  Button,
  HeadedTable,
  Heading1,
  Heading2,
  Paragraph,
  TableCell,
  TableRow,
  UnorderedList,
  UnorderedListItem,
} from "~/components/nlds";
import { getDb } from "~/db.server";
import { formFailure, parseForm } from "~/lib/forms.server";
import { withNotice } from "~/lib/notice";
import { actorFrom } from "~/modules/audit/audit.server";
import { ProgressList } from "~/modules/book/components/progress-list";
import { projectProgress, requireProjectEditor } from "~/modules/book/project.server";
import {
  ProjectSettingsSchema,
  ThemeIdSchema,
  ThemeSchema,
  type ProjectSettingsInput,
  type ThemeInput,
} from "~/modules/book/settings.schema";
import { addTheme, deleteTheme, settingsFormValues, updateSettings, type SettingsResult } from "~/modules/book/settings.server";
import { writingTitle } from "~/modules/book/components/manuscript-parts";

// The heading names the project already.
export const meta: MetaFunction<typeof loader> = ({ data, matches }) =>
  data ? writingTitle(matches, "book.dashboard.title", undefined, { title: data.project.title }) : [{ title: "Lauwer" }];

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { project } = await requireProjectEditor(request, context, params);
  const db = getDb();
  const [progress, settings] = await Promise.all([projectProgress(db, project.id), settingsFormValues(db, project.id)]);
  return {
    project: { slug: project.slug, title: project.title, targetCount: project.targetCount },
    themes: project.themes.map((t) => ({ id: t.id, slug: t.slug, nameNl: t.nameNl, nameEn: t.nameEn })),
    progress,
    settings,
  };
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const { project } = await requireProjectEditor(request, context, params);
  const actor = actorFrom(context);
  const intent = new URL(request.url).searchParams.get("intent");
  let result: SettingsResult;
  let notice: "book.notice.settingsSaved" | "book.notice.themeAdded" | "book.notice.themeDeleted";
  if (intent === "settings") {
    const parsed = await parseForm(request, ProjectSettingsSchema);
    if (!parsed.ok) return formFailure(400, parsed);
    result = await updateSettings(getDb(), actor, project.id, parsed.data);
    notice = "book.notice.settingsSaved";
  } else if (intent === "theme") {
    const parsed = await parseForm(request, ThemeSchema);
    if (!parsed.ok) return formFailure(400, parsed);
    result = await addTheme(getDb(), actor, project.id, parsed.data);
    notice = "book.notice.themeAdded";
  } else if (intent === "delete-theme") {
    const parsed = await parseForm(request, ThemeIdSchema);
    if (!parsed.ok) return formFailure(400, { fieldErrors: {}, formError: "book.errors.themeNotFound", values: { formId: "themes" } });
    result = await deleteTheme(getDb(), actor, project.id, parsed.data.themeId);
    notice = "book.notice.themeDeleted";
  } else {
    throw new Response("Not found", { status: 404 });
  }
  if (!result.ok) {
    const formId = intent === "delete-theme" ? "themes" : intent;
    return formFailure(result.field ? 400 : 409, {
      fieldErrors: result.field ? { [result.field]: result.error } : {},
      formError: result.field ? undefined : result.error,
      formErrorParams: result.params,
      values: { formId },
    });
  }
  return redirect(withNotice(`/beheer/boeken/${project.slug}`, notice));
}

function SettingsForm({ values }: { values: Omit<ProjectSettingsInput, "formId"> }) {
  const { t } = useTranslation();
  const { register, handleSubmit, errorOf, failure } = useAppForm<ProjectSettingsInput>(
    ProjectSettingsSchema,
    { ...values, formId: "settings" },
    "settings",
  );
  const text = (name: Exclude<keyof ProjectSettingsInput, "formId">, type?: "datetime-local", description?: string) => (
    <TextField
      name={`settings-${name}`}
      type={type}
      label={t(`book.fields.${name}`)}
      description={description}
      registration={register(name)}
      error={errorOf(name)}
    />
  );
  return (
    <Form method="post" action="?intent=settings" onSubmit={handleSubmit} noValidate className="lauwer-form">
      <FormError failure={failure} />
      <input type="hidden" {...register("formId")} />
      {text("titleNl")}
      {text("titleEn")}
      <TextareaField
        name="settings-descriptionNl"
        label={t("book.fields.descriptionNl")}
        registration={register("descriptionNl")}
        error={errorOf("descriptionNl")}
        rows={4}
      />
      <TextareaField
        name="settings-descriptionEn"
        label={t("book.fields.descriptionEn")}
        registration={register("descriptionEn")}
        error={errorOf("descriptionEn")}
        rows={4}
      />
      {text("targetCount")}
      {text("periodFrom")}
      {text("periodTo")}
      {text("wordsMin")}
      {text("wordsMax")}
      {text("proposalsCloseAt", "datetime-local", t("book.fields.deadlineHint"))}
      {text("claimsCloseAt", "datetime-local", t("book.fields.deadlineHint"))}
      {text("draftsDueAt", "datetime-local", t("book.fields.deadlineHint"))}
      {text("finalDueAt", "datetime-local", t("book.fields.deadlineHint"))}
      <SubmitButton>{t("book.dashboard.save")}</SubmitButton>
    </Form>
  );
}

function ThemeForm() {
  const { t } = useTranslation();
  const { register, handleSubmit, errorOf, failure } = useAppForm<ThemeInput>(ThemeSchema, { formId: "theme" }, "theme");
  return (
    <Form method="post" action="?intent=theme" onSubmit={handleSubmit} noValidate className="lauwer-form">
      <FormError failure={failure} />
      <input type="hidden" {...register("formId")} />
      <TextField
        name="theme-slug"
        label={t("book.fields.themeSlug")}
        description={t("book.fields.themeSlugHint")}
        registration={register("slug")}
        error={errorOf("slug")}
      />
      <TextField name="theme-nameNl" label={t("book.fields.themeNl")} registration={register("nameNl")} error={errorOf("nameNl")} />
      <TextField name="theme-nameEn" label={t("book.fields.themeEn")} registration={register("nameEn")} error={errorOf("nameEn")} />
      <SubmitButton>{t("book.dashboard.addTheme")}</SubmitButton>
    </Form>
  );
}

function ThemeDeleteError() {
  // The delete buttons share one failure slot (formId "themes").
  const { failure } = useAppForm(ThemeIdSchema, {}, "themes");
  return <FormError failure={failure} />;
}

export default function BookDashboard() {
  const { project, themes, progress, settings } = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation();
  const base = `/beheer/boeken/${project.slug}`;
  return (
    <>
      <Heading1>{t("book.dashboard.title", { title: project.title })}</Heading1>
      <Paragraph>{t("book.dashboard.intro")}</Paragraph>
      <nav aria-labelledby="work">
        <Heading2 id="work">{t("book.dashboard.work")}</Heading2>
        <UnorderedList>
          <UnorderedListItem>
            <AppLink to={`${base}/voordrachten`}>{t("book.manageLinks.proposals")}</AppLink>
          </UnorderedListItem>
          <UnorderedListItem>
            <AppLink to={`${base}/balans`}>{t("book.manageLinks.balance")}</AppLink>
          </UnorderedListItem>
          <UnorderedListItem>
            <AppLink to={`${base}/auteurs`}>{t("book.manageLinks.authors")}</AppLink>
          </UnorderedListItem>
          <UnorderedListItem>
            <AppLink to={`${base}/toewijzing`}>{t("book.manageLinks.assignment")}</AppLink>
          </UnorderedListItem>
          <UnorderedListItem>
            <AppLink to={`${base}/portretten`}>{t("book.manageLinks.manuscripts")}</AppLink>
          </UnorderedListItem>
          <UnorderedListItem>
            <AppLink to={`${base}/export`}>{t("book.manageLinks.exports")}</AppLink>
          </UnorderedListItem>
          <UnorderedListItem>
            <AppLink to={`${base}/auditlog`}>{t("book.manageLinks.auditLog")}</AppLink>
          </UnorderedListItem>
          <UnorderedListItem>
            <AppLink to={`/boek/${project.slug}`}>{t("book.dashboard.publicPage")}</AppLink>
          </UnorderedListItem>
        </UnorderedList>
      </nav>
      <section aria-labelledby="progress">
        <Heading2 id="progress">{t("book.progressHeading")}</Heading2>
        <ProgressList progress={progress} target={project.targetCount} />
      </section>
      <section aria-labelledby="settings">
        <Heading2 id="settings">{t("book.dashboard.settingsHeading")}</Heading2>
        <SettingsForm values={settings} />
      </section>
      <section aria-labelledby="themes">
        <Heading2 id="themes">{t("book.dashboard.themesHeading")}</Heading2>
        <ThemeDeleteError />
        <HeadedTable
          headers={[
            t("book.dashboard.themeColumns.slug"),
            t("book.dashboard.themeColumns.nl"),
            t("book.dashboard.themeColumns.en"),
            t("book.dashboard.themeColumns.actions"),
          ]}
        >
          {themes.map((theme) => (
            <TableRow key={theme.id}>
              <TableCell>{theme.slug}</TableCell>
              <TableCell>{theme.nameNl}</TableCell>
              <TableCell>{theme.nameEn}</TableCell>
              <TableCell>
                <Form method="post" action="?intent=delete-theme">
                  <input type="hidden" name="formId" value="themes" />
                  <input type="hidden" name="themeId" value={theme.id} />
                  <Button
                    type="submit"
                    appearance="secondary-action-button"
                    aria-label={t("book.dashboard.deleteThemeLabel", { name: i18n.language === "en" ? theme.nameEn : theme.nameNl })}
                  >
                    {t("book.dashboard.deleteTheme")}
                  </Button>
                </Form>
              </TableCell>
            </TableRow>
          ))}
        </HeadedTable>
        <ThemeForm />
      </section>
    </>
  );
}
