import "~/i18n/page-texts/oidc";
import { useTranslation } from "react-i18next";
import { Alert, Heading1, Paragraph } from "~/components/nlds";
import { AppLink } from "~/components/app-link";

/** The error page of a single sign-on that did not work: what happened, in words, and the ways on. */
export function SsoFailure({ error, retry }: { error: string; retry: string | null }) {
  const { t } = useTranslation();
  return (
    <>
      <Heading1>{t("oidc.error.title")}</Heading1>
      <Alert type="error">
        <Paragraph>{t(error)}</Paragraph>
      </Alert>
      {retry ? (
        <Paragraph>
          <AppLink to={retry}>{t("oidc.error.again")}</AppLink>
        </Paragraph>
      ) : null}
      <Paragraph>
        <AppLink to="/inloggen">{t("oidc.error.other")}</AppLink>
      </Paragraph>
    </>
  );
}
