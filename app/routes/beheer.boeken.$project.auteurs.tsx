import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { AppLink } from "~/components/app-link";
import { DataList, Heading1, Heading2, Paragraph, UnorderedList, UnorderedListItem } from "~/components/nlds";
import { Fact } from "~/components/facts";
import { getDb } from "~/db.server";
import { writingTitle } from "~/modules/book/components/manuscript-parts";
import { listAuthors } from "~/modules/book/author.server";
import { requireProjectEditor } from "~/modules/book/project.server";

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { project } = await requireProjectEditor(request, context, params);
  const authors = await listAuthors(getDb(), project);
  return { project: { slug: project.slug, title: project.title }, authors };
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) =>
  writingTitle(matches, "bookWriting.authors.titleShort", data?.project.title);

export default function EditorAuthors() {
  const { project, authors } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const admin = `/beheer/boeken/${project.slug}`;
  return (
    <>
      <Heading1>{t("bookWriting.authors.title", { project: project.title })}</Heading1>
      <Paragraph>
        <AppLink to={admin}>{t("bookWriting.backToProject")}</AppLink> ·{" "}
        <AppLink to={`${admin}/toewijzing`}>{t("bookWriting.assign.title")}</AppLink> ·{" "}
        <AppLink to={`${admin}/portretten`}>{t("bookWriting.overview.title")}</AppLink>
      </Paragraph>
      <Paragraph role="status">{t("bookWriting.authors.count", { count: authors.length })}</Paragraph>
      {authors.map((a) => (
        <section key={a.userId} aria-labelledby={`author-${a.userId}`} className="lauwer-bw-card">
          <Heading2 id={`author-${a.userId}`}>{a.name}</Heading2>
          <DataList>
            <Fact label={t("bookWriting.author.bio")} className="lauwer-bw-prewrap">
              {a.bio}
            </Fact>
            <Fact label={t("bookWriting.author.themes")}>{a.themes.length ? a.themes.join(", ") : t("bookWriting.none")}</Fact>
            <Fact label={t("bookWriting.author.periods")}>
              {a.periodFrom === null && a.periodTo === null ? t("bookWriting.none") : `${a.periodFrom ?? "…"}–${a.periodTo ?? "…"}`}
            </Fact>
            <Fact label={t("bookWriting.author.writingUrl")}>
              {a.writingUrl ? (
                <a className="utrecht-link" href={a.writingUrl} rel="noopener noreferrer nofollow">
                  {a.writingUrl}
                </a>
              ) : (
                t("bookWriting.none")
              )}
            </Fact>
            <Fact label={t("bookWriting.authors.load")}>
              {t("bookWriting.authors.loadValue", { assigned: a.assigned, capacity: a.capacity })}
            </Fact>
            <Fact label={t("bookWriting.author.availability")} className="lauwer-bw-prewrap">
              {a.availability || t("bookWriting.none")}
            </Fact>
            <Fact label={t("bookWriting.authors.claims")}>
              {a.claims.length === 0 ? (
                t("bookWriting.none")
              ) : (
                <UnorderedList>
                  {a.claims.map((c) => (
                    <UnorderedListItem key={c.proposalId}>
                      <strong>
                        {t(`bookWriting.rank.${c.rank}`)}: {c.name}
                      </strong>
                      {c.assignedTo === a.userId
                        ? ` — ${t("bookWriting.authors.assignedToThem")}`
                        : c.assignedTo
                          ? ` — ${t("bookWriting.authors.assignedToOther")}`
                          : ""}
                      <div className="lauwer-bw-prewrap">{c.motivation}</div>
                    </UnorderedListItem>
                  ))}
                </UnorderedList>
              )}
            </Fact>
          </DataList>
        </section>
      ))}
    </>
  );
}
