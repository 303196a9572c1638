import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Button } from "~/components/nlds";

/** The nominee's two answers; the token of their link goes along (the link is their authorisation). */
export function ConsentDecisionForm({ token }: { token: string }) {
  const { t } = useTranslation();
  return (
    <Form method="post" className="lauwer-actions">
      <input type="hidden" name="token" value={token} />
      <Button type="submit" name="decision" value="accept" appearance="primary-action-button">
        {t("consent.accept")}
      </Button>
      <Button type="submit" name="decision" value="decline" appearance="secondary-action-button">
        {t("consent.decline")}
      </Button>
    </Form>
  );
}
