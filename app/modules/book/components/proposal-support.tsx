import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { AppLink } from "~/components/app-link";
import { Button, Heading2, Paragraph } from "~/components/nlds";

/**
 * A proposal's endorsement count with the member's endorse or withdraw button (verified members,
 * live proposals), or the way to log in for visitors.
 */
export function ProposalSupport({
  endorsements,
  live,
  viewer,
  loginTo,
}: {
  endorsements: number;
  live: boolean;
  viewer: { signedIn: boolean; verified: boolean; endorsed: boolean };
  loginTo: string;
}) {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="support-heading">
      <Heading2 id="support-heading">{t("bookProposals.detail.support")}</Heading2>
      <Paragraph data-testid="endorsement-count">{t("bookProposals.endorsements", { count: endorsements })}</Paragraph>
      {live && viewer.verified ? (
        viewer.endorsed ? (
          <>
            <Paragraph>{t("bookProposals.detail.endorsedByYou")}</Paragraph>
            <Form method="post" action="?intent=withdraw">
              <Button type="submit" appearance="secondary-action-button">
                {t("bookProposals.detail.withdraw")}
              </Button>
            </Form>
          </>
        ) : (
          <Form method="post" action="?intent=endorse">
            <Button type="submit" appearance="primary-action-button">
              {t("bookProposals.detail.endorse")}
            </Button>
          </Form>
        )
      ) : null}
      {live && !viewer.signedIn ? (
        <Paragraph>
          <AppLink to={loginTo}>{t("bookProposals.detail.loginToEndorse")}</AppLink>
        </Paragraph>
      ) : null}
    </section>
  );
}
