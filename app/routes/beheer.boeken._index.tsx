import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { hasPrivilege, requireStaffArea } from "~/auth/guards.server";
import { AppLink } from "~/components/app-link";
import { Heading1, Paragraph, UnorderedList, UnorderedListItem } from "~/components/nlds";
import { getDb } from "~/db.server";
import { titleMeta } from "~/lib/meta";
import { editorProjects } from "~/modules/book/settings.server";

export const meta = titleMeta("book.myProjects");

/** The book projects this user edits (only those: roles are per project). */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireStaffArea(request, context);
  const db = getDb();
  const [projects, isAdmin] = await Promise.all([editorProjects(db, user.id), hasPrivilege(context, { role: "admin" })]);
  return { projects: projects.map((p) => ({ slug: p.slug, title: context.locale === "en" ? p.title_en : p.title_nl })), isAdmin };
}

export default function MyBookProjects() {
  const { projects, isAdmin } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  return (
    <>
      <Heading1>{t("book.myProjects")}</Heading1>
      {projects.length === 0 ? (
        <Paragraph>{t("book.noEditorProjects")}</Paragraph>
      ) : (
        <UnorderedList>
          {projects.map((p) => (
            <UnorderedListItem key={p.slug}>
              <AppLink to={`/beheer/boeken/${p.slug}`}>{t("book.manageProject", { title: p.title })}</AppLink>
            </UnorderedListItem>
          ))}
        </UnorderedList>
      )}
      {isAdmin ? (
        <Paragraph>
          <AppLink to="/beheer/boeken/nieuw">{t("book.newProject")}</AppLink>
        </Paragraph>
      ) : null}
    </>
  );
}
