import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { AppLink } from "~/components/app-link";
import { Heading1, Heading2, Paragraph } from "~/components/nlds";
import { getDb } from "~/db.server";
import { titleMeta } from "~/lib/meta";
import { listProjects } from "~/modules/book/settings.server";

export const meta = titleMeta("book.projectsTitle");

export async function loader({ context }: LoaderFunctionArgs) {
  const projects = await listProjects(getDb());
  return {
    projects: projects.map((p) => ({
      slug: p.slug,
      title: context.locale === "en" ? p.title_en : p.title_nl,
      description: context.locale === "en" && p.description_en ? p.description_en : p.description_nl,
    })),
  };
}

export default function BookProjects() {
  const { projects } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  return (
    <>
      <Heading1>{t("book.projectsTitle")}</Heading1>
      <Paragraph lead>{t("book.projectsIntro")}</Paragraph>
      {projects.length === 0 ? <Paragraph>{t("book.noProjects")}</Paragraph> : null}
      {projects.map((p) => (
        <section key={p.slug} aria-labelledby={`project-${p.slug}`}>
          <Heading2 id={`project-${p.slug}`}>{p.title}</Heading2>
          {p.description ? <Paragraph>{p.description}</Paragraph> : null}
          <Paragraph>
            <AppLink to={`/boek/${p.slug}`}>{t("book.open", { title: p.title })}</AppLink>
          </Paragraph>
        </section>
      ))}
    </>
  );
}
