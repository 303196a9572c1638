import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireAdmin, requireRole } from "~/auth/guards.server";
import { Breadcrumbs } from "~/components/breadcrumbs";
import { Alert, Heading1, Heading2, Paragraph } from "~/components/nlds";
import { getDb } from "~/db.server";
import { handleIntents, intent, redirectWithNotice } from "~/lib/action.server";
import { usePageLocale } from "~/lib/locale";
import { titleMeta } from "~/lib/meta";
import { ClosedRequestsTable, OpenRequestsTable, RegisterRequestForm, requestView } from "~/modules/privacy/components/requests";
import { RegisterRequestSchema } from "~/modules/privacy/requests.schema";
import { listRequests, registerRequest } from "~/modules/privacy/requests.server";
import organizerCss from "~/styles/organizer.css";

export const meta = titleMeta("privacyRequests.title");
export const links: LinksFunction = () => [{ rel: "stylesheet", href: organizerCss }];

/** The register of privacy requests (issue #19 item 3): open ones by due day, overdue marked, and a form to add one. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  await requireRole(request, context, { role: "admin" });
  const { open, closed } = await listRequests(getDb());
  return { open: open.map(requestView), closed: closed.map(requestView) };
}

export const action = (args: ActionFunctionArgs) =>
  handleIntents(args, requireAdmin, {
    "": intent({
      schema: RegisterRequestSchema,
      run: (g, input) => registerRequest(g.db, g.actor, input),
      done: (_, { id }) => redirectWithNotice(`/beheer/privacy/verzoeken/${id}`, "privacyRequests.notice.registered"),
    }),
  });

export default function PrivacyRequests() {
  const { open, closed } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const locale = usePageLocale();
  const overdue = open.filter((r) => r.overdue).length;
  return (
    <>
      <Breadcrumbs items={[{ to: "/mijn-lauwer", label: t("nav.myLauwer") }, { label: t("privacyRequests.title") }]} />
      <Heading1>{t("privacyRequests.title")}</Heading1>
      <Paragraph>{t("privacyRequests.intro")}</Paragraph>
      <section aria-labelledby="open-heading">
        <Heading2 id="open-heading">{t("privacyRequests.openHeading")}</Heading2>
        {overdue ? (
          <Alert type="warning">
            <Paragraph>{t("privacyRequests.overdueCount", { count: overdue })}</Paragraph>
          </Alert>
        ) : null}
        {open.length ? <OpenRequestsTable requests={open} /> : <Paragraph>{t("privacyRequests.openNone")}</Paragraph>}
      </section>
      <section aria-labelledby="register-heading">
        <Heading2 id="register-heading">{t("privacyRequests.registerHeading")}</Heading2>
        <Paragraph>{t("privacyRequests.registerIntro")}</Paragraph>
        <RegisterRequestForm locale={locale} />
      </section>
      <section aria-labelledby="closed-heading">
        <Heading2 id="closed-heading">{t("privacyRequests.closedHeading")}</Heading2>
        {closed.length ? <ClosedRequestsTable requests={closed} /> : <Paragraph>{t("privacyRequests.closedNone")}</Paragraph>}
      </section>
    </>
  );
}
