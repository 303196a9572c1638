import type { LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Heading1 } from "~/components/nlds";
import { config } from "~/config.server";
import { getDb } from "~/db.server";
import { titleMeta } from "~/lib/meta";
import { PrivacyStatement } from "~/modules/legal/components/privacy-statement";
import { getLegalSettings, listRetentionPeriods } from "~/modules/legal/settings.server";
import { printLinks } from "~/lib/print";
import legalCss from "~/styles/legal.css";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: legalCss }, ...printLinks()];

export const meta = titleMeta("privacy.title");

export async function loader({ context }: LoaderFunctionArgs) {
  const db = getDb();
  const c = config();
  const [settings, periods] = await Promise.all([getLegalSettings(db), listRetentionPeriods(db, context.locale)]);
  return {
    settings,
    periods,
    sessionIdleMinutes: c.SESSION_IDLE_MINUTES,
    sessionAbsoluteHours: c.SESSION_ABSOLUTE_HOURS,
    mailConfigured: Boolean(c.SMTP_URL),
  };
}

export default function Privacy() {
  const facts = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  return (
    <>
      <Heading1>{t("privacy.title")}</Heading1>
      <PrivacyStatement {...facts} />
    </>
  );
}
