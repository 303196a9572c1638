import { data, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { getDb } from "~/db.server";
import { auditViewData } from "~/modules/audit/audit-log.server";
import { requireAwardOrganizer } from "~/modules/awards/guard.server";
import { AuditLogView } from "~/modules/audit/components/audit-log-view";
import organizerCss from "~/styles/organizer.css";

/** The audit log of one award (all its editions), for the award's organizers. */
export const links: LinksFunction = () => [{ rel: "stylesheet", href: organizerCss }];

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { award } = await requireAwardOrganizer(request, context, params);
  const { status, view } = await auditViewData(
    getDb(),
    new URL(request.url).searchParams,
    { kind: "award", awardId: award.id },
    `/beheer/prijzen/${award.slug}/auditlog`,
    context.locale,
  );
  return data({ award: { name: award.name }, view }, status);
}

export const meta: MetaFunction<typeof loader> = ({ data: d }) => [{ title: d ? `Auditlog — ${d.award.name} — Lauwer` : "Lauwer" }];

export default function AwardAuditLog() {
  const { award, view } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  return <AuditLogView title={t("auditLog.titleAward", { name: award.name })} data={view} />;
}
