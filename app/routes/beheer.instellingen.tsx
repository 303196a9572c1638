import "~/i18n/page-texts/legal";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireAdmin } from "~/auth/guards.server";
import { AppLink } from "~/components/app-link";
import { Heading1, Paragraph } from "~/components/nlds";
import { handleIntents, intent, redirectWithNotice } from "~/lib/action.server";
import { titleMeta } from "~/lib/meta";
import { LegalSettingsForm } from "~/modules/legal/components/settings-form";
import { LegalSettingsSchema } from "~/modules/legal/settings.schema";
import { getLegalSettings, saveLegalSettings } from "~/modules/legal/settings.server";

// The organisation-specific parts of the privacy and accessibility statements (platform admins).

export const meta = titleMeta("legal.settings.title");

export async function loader(args: LoaderFunctionArgs) {
  const { db } = await requireAdmin(args);
  return { settings: await getLegalSettings(db) };
}

// The page's one form posts no intent: it is the default ("").
export const action = (args: ActionFunctionArgs) =>
  handleIntents(args, requireAdmin, {
    "": intent({
      schema: LegalSettingsSchema,
      run: (g, input) => saveLegalSettings(g.db, g.actor, input),
      done: () => redirectWithNotice("/beheer/instellingen", "legal.notice.saved"),
    }),
  });

export default function LegalSettingsPage() {
  const { settings } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  return (
    <>
      <Heading1>{t("legal.settings.title")}</Heading1>
      <Paragraph>{t("legal.settings.intro")}</Paragraph>
      <Paragraph>
        <AppLink to="/privacy">{t("legal.settings.viewPrivacy")}</AppLink> ·{" "}
        <AppLink to="/toegankelijkheid">{t("legal.settings.viewA11y")}</AppLink>
      </Paragraph>
      <LegalSettingsForm values={settings} />
    </>
  );
}
