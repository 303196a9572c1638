import "~/i18n/page-texts/oidc";
import { useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ButtonLink } from "~/components/button-link";
import { Heading2, Paragraph } from "~/components/nlds";

/**
 * "Continue with <organisation>": one button per configured identity provider, for the page whose
 * loader answers `{ sso }` (visitorsWithProviders). A link, not a form: the answer is a redirect to the
 * provider, which the Content-Security-Policy's form-action 'self' would block after a form post.
 * Nothing when no provider is configured.
 */
export function SsoButtons() {
  const { t } = useTranslation();
  const data = useLoaderData<{ sso?: Array<{ slug: string; name: string }> } | null>();
  const [params] = useSearchParams();
  const providers = data?.sso ?? [];
  if (providers.length === 0) return null;
  const redirectTo = params.get("redirectTo");
  const query = redirectTo ? `?${new URLSearchParams({ redirectTo })}` : "";
  return (
    <section aria-labelledby="sso-heading" className="lauwer-sso">
      <Heading2 id="sso-heading">{t("oidc.buttons.heading")}</Heading2>
      <Paragraph>{t("oidc.buttons.intro")}</Paragraph>
      {providers.map((p) => (
        <Paragraph key={p.slug}>
          <ButtonLink to={`/inloggen/sso/${p.slug}${query}`} appearance="secondary" reloadDocument>
            {t("oidc.buttons.signIn", { name: p.name })}
          </ButtonLink>
        </Paragraph>
      ))}
    </section>
  );
}
