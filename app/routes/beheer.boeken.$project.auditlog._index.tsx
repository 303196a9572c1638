import { data, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { AppLink } from "~/components/app-link";
import { Paragraph } from "~/components/nlds";
import { getDb } from "~/db.server";
import { auditViewData } from "~/modules/audit/audit-log.server";
import { AuditLogView } from "~/modules/audit/components/audit-log-view";
import { requireProjectEditor } from "~/modules/book/project.server";
import organizerCss from "~/styles/organizer.css";

/** The audit log of one book project, for its editors. */
export const links: LinksFunction = () => [{ rel: "stylesheet", href: organizerCss }];

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { project } = await requireProjectEditor(request, context, params);
  const base = `/beheer/boeken/${project.slug}`;
  const { status, view } = await auditViewData(
    getDb(),
    new URL(request.url).searchParams,
    { kind: "book_project", projectId: project.id },
    `${base}/auditlog`,
    context.locale,
  );
  return data({ project: { title: project.title, base }, view }, status);
}

export const meta: MetaFunction<typeof loader> = ({ data: d }) => [{ title: d ? `Auditlog — ${d.project.title} — Lauwer` : "Lauwer" }];

export default function BookAuditLog() {
  const { project, view } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  return (
    <AuditLogView
      title={t("auditLog.titleProject", { title: project.title })}
      intro={
        <Paragraph>
          <AppLink to={`${project.base}/export`}>{t("bookExports.title", { title: project.title })}</AppLink> ·{" "}
          <AppLink to={project.base}>{t("bookExports.backToProject")}</AppLink>
        </Paragraph>
      }
      data={view}
    />
  );
}
