import "~/i18n/page-texts/oidc";
import { useTranslation } from "react-i18next";
import { ButtonLink } from "~/components/button-link";

/**
 * A vote round limited to identity providers, for someone whose session did not sign in through one of
 * them: which providers, and a button per provider that signs in there and comes back to `to` (the
 * ballot). A link, not a form: the answer is a redirect to the provider (see SsoButtons).
 */
export function SignInToVote({
  providers,
  to,
  describedBy,
  className,
}: {
  providers: Array<{ slug: string; name: string }>;
  to: string;
  describedBy?: string;
  className?: string;
}) {
  const { t, i18n } = useTranslation();
  if (providers.length === 0) return null;
  const names = new Intl.ListFormat(i18n.language, { type: "disjunction" }).format(providers.map((p) => p.name));
  return (
    <>
      <p className={className}>{t("oidc.vote.onlyWith", { providers: names })}</p>
      {providers.map((p) => (
        <p key={p.slug} className="lauwer-primary-action">
          <ButtonLink
            to={`/inloggen/sso/${p.slug}?${new URLSearchParams({ redirectTo: to })}`}
            reloadDocument
            aria-describedby={describedBy}
          >
            {t("oidc.vote.signIn", { name: p.name })}
          </ButtonLink>
        </p>
      ))}
    </>
  );
}
