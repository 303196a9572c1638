import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Button } from "~/components/nlds";

/** The nominee's two answers; the token of their link goes along (the link is their authorisation). */
export function ConsentDecisionForm({ token }: { token: string }) {
  const { t } = useTranslation();
  return (
    <Form method="post" className="lauwer-actions">
      <input type="hidden" name="token" value={token} />
      {(["accept", "decline"] as const).map((decision) => (
        <Button
          key={decision}
          type="submit"
          name="decision"
          value={decision}
          appearance={decision === "accept" ? "primary-action-button" : "secondary-action-button"}
        >
          {t(`consent.${decision}`)}
        </Button>
      ))}
    </Form>
  );
}
