import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { AppLink } from "~/components/app-link";
import { Heading1, Paragraph } from "~/components/nlds";
import { getDb } from "~/db.server";
import { requireEditionOrganizer } from "~/modules/awards/guard.server";
import { SentNoticesTable } from "~/modules/notices/components/sent-notices";
import { listEditionNotices } from "~/modules/notices/notices.server";

// What Lauwer mailed on its own about an edition (ADR 0013): for its organizers only.

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { edition } = await requireEditionOrganizer(request, context, params);
  const { sent, optedOut } = await listEditionNotices(getDb(), edition.id);
  return {
    edition: { name: edition.name, base: `/beheer/prijzen/${edition.awardSlug}/${edition.year}` },
    optedOut,
    notices: sent.map((n) => ({
      kind: n.kind,
      subject: n.subject,
      recipients: n.recipients,
      to: n.to,
      firstAt: new Date(n.first_at).toISOString(),
      lastAt: new Date(n.last_at).toISOString(),
    })),
  };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.edition.name} — Lauwer` : "Lauwer" }];

export default function SentNotices() {
  const { edition, notices, optedOut } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  return (
    <>
      <Heading1>{t("notices.admin.title", { edition: edition.name })}</Heading1>
      <Paragraph>{t("notices.admin.intro")}</Paragraph>
      <SentNoticesTable notices={notices} />
      {optedOut ? <Paragraph>{t("notices.admin.optedOut", { count: optedOut })}</Paragraph> : null}
      <Paragraph>
        <AppLink to={`${edition.base}/procedure`}>{t("notices.admin.back")}</AppLink>
      </Paragraph>
    </>
  );
}
