import { data, type LinksFunction, type LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireRole } from "~/auth/guards.server";
import { getDb } from "~/db.server";
import { titleMeta } from "~/lib/meta";
import { auditViewData } from "~/modules/audit/audit-log.server";
import { AuditLogView } from "~/modules/audit/components/audit-log-view";
import organizerCss from "~/styles/organizer.css";

export const meta = titleMeta("auditLog.title");

/** The whole audit log, for platform admins. */
export const links: LinksFunction = () => [{ rel: "stylesheet", href: organizerCss }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  await requireRole(request, context, { role: "admin" });
  const { status, view } = await auditViewData(
    getDb(),
    new URL(request.url).searchParams,
    { kind: "platform" },
    "/beheer/audit",
    context.locale,
  );
  return data({ view }, status);
}

export default function PlatformAuditLog() {
  const { view } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  return <AuditLogView title={t("auditLog.title")} data={view} />;
}
