import "~/i18n/page-texts/oidc";
import { Form, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Button, Heading2, Paragraph } from "~/components/nlds";

/**
 * "Continue with <organisation>": one button per configured identity provider, for the page whose
 * loader answers `{ sso }` (visitorsWithProviders). A plain form post: the answer leaves for the
 * provider's own page. Nothing when no provider is configured.
 */
export function SsoButtons() {
  const { t } = useTranslation();
  const data = useLoaderData<{ sso?: Array<{ slug: string; name: string }> } | null>();
  const [params] = useSearchParams();
  const providers = data?.sso ?? [];
  if (providers.length === 0) return null;
  return (
    <section aria-labelledby="sso-heading" className="sso-buttons">
      <Heading2 id="sso-heading">{t("oidc.buttons.heading")}</Heading2>
      <Paragraph>{t("oidc.buttons.intro")}</Paragraph>
      {providers.map((p) => (
        <Form key={p.slug} method="post" action={`/inloggen/sso/${p.slug}`} reloadDocument>
          <input type="hidden" name="redirectTo" value={params.get("redirectTo") ?? ""} />
          <Button type="submit" appearance="secondary-action-button">
            {t("oidc.buttons.signIn", { name: p.name })}
          </Button>
        </Form>
      ))}
    </section>
  );
}
