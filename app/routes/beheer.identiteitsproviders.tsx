import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireAdmin } from "~/auth/guards.server";
import { Heading1, Paragraph } from "~/components/nlds";
import { titleMeta } from "~/lib/meta";
import { ProviderList } from "~/modules/identity/components/provider-list";
import { providerStatuses } from "~/modules/identity/provider-status.server";

export const meta = titleMeta("oidc.admin.title");

/** The configured identity providers and whether they answer now (platform admins; read-only, ADR 0025). */
export async function loader(args: LoaderFunctionArgs) {
  await requireAdmin(args);
  return { providers: await providerStatuses() };
}

export default function IdentityProviders() {
  const { providers } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  return (
    <>
      <Heading1>{t("oidc.admin.title")}</Heading1>
      <Paragraph>{t("oidc.admin.intro")}</Paragraph>
      <ProviderList providers={providers} />
    </>
  );
}
