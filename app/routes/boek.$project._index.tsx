import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { hasPrivilege } from "~/auth/guards.server";
import { AppLink } from "~/components/app-link";
import { DataList, Heading1, Heading2, Paragraph, UnorderedList, UnorderedListItem } from "~/components/nlds";
import { Fact } from "~/components/facts";
import { getDb } from "~/db.server";
import { useDateFormat } from "~/lib/locale";
import { ProgressList } from "~/modules/book/components/progress-list";
import { findAuthor, loadProject, projectProgress } from "~/modules/book/project.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.project.title} — Lauwer` : "Lauwer" }];

export async function loader({ params, context }: LoaderFunctionArgs) {
  const db = getDb();
  const project = await loadProject(db, params.project, context.locale);
  const user = context.user;
  const [progress, author, isEditor] = await Promise.all([
    projectProgress(db, project.id),
    user ? findAuthor(db, project.id, user.id) : undefined,
    hasPrivilege(context, { role: "editor", bookProjectId: project.id }),
  ]);
  return {
    project: {
      slug: project.slug,
      title: project.title,
      description: project.description,
      targetCount: project.targetCount,
      periodFrom: project.periodFrom,
      periodTo: project.periodTo,
      proposalsOpen: project.proposalsOpen,
      claimsOpen: project.claimsOpen,
      deadlines: {
        proposalsCloseAt: project.proposalsCloseAt?.toISOString() ?? null,
        claimsCloseAt: project.claimsCloseAt?.toISOString() ?? null,
        draftsDueAt: project.draftsDueAt?.toISOString() ?? null,
        finalDueAt: project.finalDueAt?.toISOString() ?? null,
      },
      themes: project.themes.map((t) => t.name),
    },
    progress,
    isAuthor: author !== undefined,
    isEditor,
  };
}

export default function BookProject() {
  const { project, progress, isAuthor, isEditor } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const date = useDateFormat();
  const base = `/boek/${project.slug}`;
  return (
    <>
      <Heading1>{project.title}</Heading1>
      {project.description
        ? project.description.split(/\n{2,}/).map((para, i) => (
            <Paragraph key={i} lead={i === 0}>
              {para}
            </Paragraph>
          ))
        : null}
      <Paragraph>{t("book.periodLine", { from: project.periodFrom, to: project.periodTo })}</Paragraph>

      <section aria-labelledby="take-part">
        <Heading2 id="take-part">{t("book.takePart")}</Heading2>
        <UnorderedList>
          <UnorderedListItem>
            <AppLink to={`${base}/voordrachten`}>{t("book.links.browse")}</AppLink>
          </UnorderedListItem>
          {project.proposalsOpen ? (
            <UnorderedListItem>
              <AppLink to={`${base}/voordrachten/nieuw`}>{t("book.links.propose")}</AppLink>
            </UnorderedListItem>
          ) : (
            <UnorderedListItem>{t("book.proposalsClosed")}</UnorderedListItem>
          )}
          <UnorderedListItem>
            <AppLink to={`${base}/portretten`}>{t("book.links.portraits")}</AppLink>
          </UnorderedListItem>
          <UnorderedListItem>
            <AppLink to={`${base}/auteur`}>{t("book.links.author")}</AppLink>
          </UnorderedListItem>
          {isAuthor && project.claimsOpen ? (
            <UnorderedListItem>
              <AppLink to={`${base}/wensen`}>{t("book.links.claims")}</AppLink>
            </UnorderedListItem>
          ) : null}
          {isAuthor ? (
            <UnorderedListItem>
              <AppLink to={`${base}/mijn-portretten`}>{t("book.links.mine")}</AppLink>
            </UnorderedListItem>
          ) : null}
          {isEditor ? (
            <UnorderedListItem>
              <AppLink to={`/beheer/boeken/${project.slug}`}>{t("book.links.manage")}</AppLink>
            </UnorderedListItem>
          ) : null}
        </UnorderedList>
      </section>

      <section aria-labelledby="progress">
        <Heading2 id="progress">{t("book.progressHeading")}</Heading2>
        <ProgressList progress={progress} target={project.targetCount} />
      </section>

      <section aria-labelledby="deadlines">
        <Heading2 id="deadlines">{t("book.deadlinesHeading")}</Heading2>
        <DataList>
          {(["proposalsCloseAt", "claimsCloseAt", "draftsDueAt", "finalDueAt"] as const).map((k) => (
            <Fact key={k} label={t(`book.deadline.${k}`)}>
              {date(project.deadlines[k], t("book.noDeadline"))}
            </Fact>
          ))}
        </DataList>
      </section>

      {project.themes.length ? (
        <section aria-labelledby="themes">
          <Heading2 id="themes">{t("book.themesHeading")}</Heading2>
          <UnorderedList>
            {project.themes.map((name) => (
              <UnorderedListItem key={name}>{name}</UnorderedListItem>
            ))}
          </UnorderedList>
        </section>
      ) : null}
    </>
  );
}
