import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { AppLink } from "~/components/app-link";
import { Paragraph } from "~/components/nlds";

/**
 * The way in for a visitor who opened an invitation link (a role or a jury seat): make the account the
 * invitation is for, or sign in and come back to `here`. The texts say whose address it is.
 */
export function InvitationWayIn({ newAccount, haveAccount, here }: { newAccount: string; haveAccount: string; here: string }) {
  const { t } = useTranslation();
  return (
    <>
      <Paragraph>{newAccount}</Paragraph>
      <Paragraph>
        {/* Styled as ButtonLink is; not imported, so the first page's chunks stay as they are. */}
        <Link
          to="/registreren"
          className="utrecht-button-link utrecht-button-link--html-a utrecht-button-link--primary-action lauwer-button-link"
        >
          {t("teams.invitation.signup")}
        </Link>
      </Paragraph>
      <Paragraph>
        {haveAccount} <AppLink to={`/inloggen?redirectTo=${encodeURIComponent(here)}`}>{t("teams.invitation.login")}</AppLink>
      </Paragraph>
    </>
  );
}
