import type { LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Heading1 } from "~/components/nlds";
import { config } from "~/config.server";
import { getDb } from "~/db.server";
import { titleMeta } from "~/lib/meta";
import { AccessibilityStatement } from "~/modules/legal/components/accessibility-statement";
import { getLegalSettings } from "~/modules/legal/settings.server";
import { printLinks } from "~/lib/print";
import legalCss from "~/styles/legal.css";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: legalCss }, ...printLinks()];

export const meta = titleMeta("a11y.title");

export async function loader({ context }: LoaderFunctionArgs) {
  return { settings: await getLegalSettings(getDb()), site: new URL(config().origin).host, locale: context.locale };
}

export default function Accessibility() {
  const { settings, site, locale } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  return (
    <>
      <Heading1>{t("a11y.title")}</Heading1>
      <AccessibilityStatement settings={settings} site={site} locale={locale} />
    </>
  );
}
