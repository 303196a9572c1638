import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { AppLink } from "~/components/app-link";
import { HeadedTable, Heading1, Paragraph, TableCell, TableRow } from "~/components/nlds";
import { getDb } from "~/db.server";
import { writingTitle } from "~/modules/book/components/manuscript-parts";
import { useDateFormat } from "~/lib/locale";
import { myAssignments } from "~/modules/book/manuscript.server";
import { findAuthor, requireProjectMember } from "~/modules/book/project.server";

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { user, project } = await requireProjectMember(request, context, params);
  const db = getDb();
  const [author, rows] = await Promise.all([findAuthor(db, project.id, user.id), myAssignments(db, project.id, user.id)]);
  return {
    project: { slug: project.slug, title: project.title, wordsMin: project.wordsMin, wordsMax: project.wordsMax },
    isAuthor: Boolean(author),
    rows: rows.map((r) => ({
      id: r.proposal_id,
      name: r.name,
      status: r.status,
      dueAt: r.due_at?.toISOString() ?? null,
      published: r.published_at !== null,
      words: r.words,
    })),
  };
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) =>
  writingTitle(matches, "bookWriting.mine.title", data?.project.title);

export default function MyPortraits() {
  const { project, isAuthor, rows } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const date = useDateFormat();
  const base = `/boek/${project.slug}`;
  return (
    <>
      <Heading1>{t("bookWriting.mine.title")}</Heading1>
      {!isAuthor ? (
        <Paragraph>
          {t("bookWriting.claims.signUpFirst")} <AppLink to={`${base}/auteur`}>{t("bookWriting.author.title")}</AppLink>
        </Paragraph>
      ) : rows.length === 0 ? (
        <Paragraph>
          {t("bookWriting.mine.none")} <AppLink to={`${base}/wensen`}>{t("bookWriting.claims.title")}</AppLink>
        </Paragraph>
      ) : (
        <>
          <Paragraph>{t("bookWriting.mine.intro", { min: project.wordsMin, max: project.wordsMax })}</Paragraph>
          <HeadedTable
            headers={[t("bookWriting.subject"), t("bookWriting.statusLabel"), t("bookWriting.due"), t("bookWriting.wordsLabel")]}
          >
            {rows.map((r) => (
              <TableRow key={r.id}>
                <TableCell>
                  <AppLink to={`${base}/mijn-portretten/${r.id}`}>{r.name}</AppLink>
                </TableCell>
                <TableCell>
                  {t(`bookWriting.status.${r.status}`)}
                  {r.published ? ` (${t("bookWriting.published")})` : ""}
                </TableCell>
                <TableCell>{date(r.dueAt, t("bookWriting.noDue"))}</TableCell>
                <TableCell>{r.words === null ? t("bookWriting.noText") : t("bookWriting.words", { count: r.words })}</TableCell>
              </TableRow>
            ))}
          </HeadedTable>
        </>
      )}
    </>
  );
}
