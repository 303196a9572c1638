import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import "~/i18n/page-texts/teams";
import { AppLink } from "~/components/app-link";
import { Heading1, Heading2, Paragraph, UnorderedList, UnorderedListItem } from "~/components/nlds";
import { getDb } from "~/db.server";
import { intent, handleIntents } from "~/lib/action.server";
import { withNotice, type Notice } from "~/lib/notice";
import { refuse } from "~/lib/outcome";
import { actorFrom } from "~/modules/audit/audit.server";
import { ProgressList } from "~/modules/book/components/progress-list";
import { SettingsForm, ThemeForm, ThemeList } from "~/modules/book/components/project-settings";
import { projectProgress, requireProjectEditor } from "~/modules/book/project.server";
import { ProjectSettingsSchema, ThemeIdSchema, ThemeSchema } from "~/modules/book/settings.schema";
import { addTheme, deleteTheme, settingsFormValues, updateSettings } from "~/modules/book/settings.server";
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

async function guard({ request, context, params }: ActionFunctionArgs) {
  const { project } = await requireProjectEditor(request, context, params);
  return { db: getDb(), project, actor: actorFrom(context), here: `/beheer/boeken/${project.slug}` };
}
type Guarded = Awaited<ReturnType<typeof guard>>;
// Back to the dashboard with a notice, as a 302 (the status the tests pin; redirectWithNotice answers 303).
const back = (notice: Notice) => (g: Guarded) => redirect(withNotice(g.here, notice));

export const action = (args: ActionFunctionArgs) =>
  handleIntents(args, guard, {
    settings: intent({
      schema: ProjectSettingsSchema,
      run: (g, input) => updateSettings(g.db, g.actor, g.project.id, input),
      done: back("book.notice.settingsSaved"),
    }),
    theme: intent({
      schema: ThemeSchema,
      run: (g, input) => addTheme(g.db, g.actor, g.project.id, input),
      done: back("book.notice.themeAdded"),
    }),
    "delete-theme": intent({
      // The delete buttons share one message above the table: a malformed id is a theme that is not there.
      run(g, raw) {
        const parsed = ThemeIdSchema.safeParse(raw);
        if (!parsed.success) return Promise.resolve(refuse(400, "book.errors.themeNotFound"));
        return deleteTheme(g.db, g.actor, g.project.id, parsed.data.themeId);
      },
      done: back("book.notice.themeDeleted"),
    }),
  });

export default function BookDashboard() {
  const { project, themes, progress, settings } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
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
            <AppLink to={`${base}/team`}>{t("teams.menu.bookTeam")}</AppLink>
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
        <ThemeList themes={themes} />
        <ThemeForm />
      </section>
    </>
  );
}
