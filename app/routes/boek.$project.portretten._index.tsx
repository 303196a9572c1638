import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import "~/i18n/page-texts/departed";
import { AppLink } from "~/components/app-link";
import { HeadedTable, Heading1, Paragraph, TableCell, TableRow } from "~/components/nlds";
import { lifeYears } from "~/modules/book/components/proposal-years";
import { getDb } from "~/db.server";
import { loadProject } from "~/modules/book/project.server";
import { selectedSubjects } from "~/modules/book/public.server";
import { writingTitle } from "~/modules/book/components/manuscript-parts";

// The heading names the project already.
export const meta: MetaFunction<typeof loader> = ({ data, matches }) =>
  data ? writingTitle(matches, "book.portraitsTitle", undefined, { title: data.title }) : [{ title: "Lauwer" }];

export async function loader({ params, context }: LoaderFunctionArgs) {
  const db = getDb();
  const project = await loadProject(db, params.project, context.locale);
  const subjects = await selectedSubjects(db, project.id, context.locale);
  return { slug: project.slug, title: project.title, subjects };
}

export default function Portraits() {
  const { slug, title, subjects } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  return (
    <>
      <Heading1>{t("book.portraitsTitle", { title })}</Heading1>
      <Paragraph>
        <AppLink to={`/boek/${slug}`}>{title}</AppLink>
      </Paragraph>
      {subjects.length === 0 ? (
        <Paragraph>{t("book.portraitsEmpty")}</Paragraph>
      ) : (
        <>
          <Paragraph>{t("book.portraitsIntro", { count: subjects.length })}</Paragraph>
          <HeadedTable
            headers={[
              t("book.portraitColumns.subject"),
              t("book.portraitColumns.service"),
              t("book.portraitColumns.organisation"),
              t("book.portraitColumns.theme"),
              t("book.portraitColumns.portrait"),
            ]}
          >
            {subjects.map((s) => (
              <TableRow key={s.id}>
                <TableCell>
                  {s.name}
                  <div>{lifeYears(t, s.birthYear, s.deathYear)}</div>
                </TableCell>
                <TableCell>
                  {s.serviceFrom}–{s.serviceTo}
                </TableCell>
                <TableCell>
                  {s.organisation}, {s.role}
                </TableCell>
                <TableCell>{s.theme}</TableCell>
                <TableCell>
                  {s.published ? (
                    <>
                      <AppLink to={s.id}>{t("book.readPortrait", { name: s.name })}</AppLink>
                      <div>{t("book.portrait.byline", { author: s.author ?? t("departed.member") })}</div>
                    </>
                  ) : (
                    t("book.notYetPublished")
                  )}
                </TableCell>
              </TableRow>
            ))}
          </HeadedTable>
        </>
      )}
    </>
  );
}
