import "~/i18n/page-texts/oidc";
import { useTranslation } from "react-i18next";
import { AppLink } from "~/components/app-link";
import { Alert, Heading1, Paragraph } from "~/components/nlds";

/**
 * Signed out of Lauwer after a session started at an identity provider: signed out there too (the
 * provider sent the browser back), or — `hereOnly` — the provider may still know the person, with its
 * own sign-out when it has one.
 */
export function SignedOut({
  provider,
  hereOnly,
  signOutThere,
  signedIn,
}: {
  provider: string;
  hereOnly: boolean;
  signOutThere: string | null;
  signedIn: boolean;
}) {
  const { t } = useTranslation();
  return (
    <>
      <Heading1>{t("oidc.signedOut.title")}</Heading1>
      {hereOnly ? (
        <>
          <Paragraph lead>{t("oidc.signedOut.here")}</Paragraph>
          <Alert type="warning">
            <Paragraph>{t("oidc.signedOut.providerMayKnow", { provider })}</Paragraph>
            <Paragraph>{t("oidc.signedOut.sharedComputer", { provider })}</Paragraph>
          </Alert>
          {signOutThere ? (
            <Paragraph>
              {/* The provider's own page, a plain link (it is another site). */}
              <a className="utrecht-link" href={signOutThere}>
                {t("oidc.signedOut.signOutThere", { provider })}
              </a>
            </Paragraph>
          ) : null}
        </>
      ) : (
        <>
          <Paragraph lead>{t("oidc.signedOut.both", { provider })}</Paragraph>
          <Paragraph>{t("oidc.signedOut.stayed", { provider })}</Paragraph>
        </>
      )}
      <Paragraph>
        <AppLink to="/">{t("oidc.signedOut.home")}</AppLink>
      </Paragraph>
      {signedIn ? null : (
        <Paragraph>
          <AppLink to="/inloggen">{t("oidc.signedOut.again")}</AppLink>
        </Paragraph>
      )}
    </>
  );
}
