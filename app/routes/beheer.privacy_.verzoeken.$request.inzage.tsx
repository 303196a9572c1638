import type { LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireAdmin } from "~/auth/guards.server";
import { Breadcrumbs } from "~/components/breadcrumbs";
import { Heading1, Paragraph } from "~/components/nlds";
import { useDateFormat } from "~/lib/locale";
import { titleMeta } from "~/lib/meta";
import { printLinks } from "~/lib/print";
import { AccessReportView } from "~/modules/privacy/components/requests";
import { requestReport } from "~/modules/privacy/requests.server";

export const meta = titleMeta("privacyRequests.request.readable");
export const links: LinksFunction = printLinks;

/** What Lauwer holds about a request's person, as a readable page to print or send (AVG art. 15); recorded like the download. */
export async function loader(args: LoaderFunctionArgs) {
  const g = await requireAdmin(args);
  const outcome = await requestReport(g.db, g.actor, args.params.request ?? "", true);
  if (!outcome.ok) throw new Response(outcome.status === 404 ? "Not Found" : "Conflict", { status: outcome.status });
  const { request, report } = outcome.value;
  return { id: request.id, kind: request.kind, name: request.name || request.email || "", report };
}

export default function AccessReportPage() {
  const { id, kind, name, report } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const date = useDateFormat();
  return (
    <>
      <Breadcrumbs
        items={[
          { to: "/mijn-lauwer", label: t("nav.myLauwer") },
          { to: "/beheer/privacy/verzoeken", label: t("privacyRequests.title") },
          { to: `/beheer/privacy/verzoeken/${id}`, label: t(`privacyRequests.kinds.${kind}`) },
        ]}
      />
      <Heading1>{t("privacyRequests.readable.title", { name })}</Heading1>
      <Paragraph>{t("privacyRequests.readable.intro", { date: date(report.madeAt) })}</Paragraph>
      <AccessReportView report={report} />
    </>
  );
}
