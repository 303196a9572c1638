import { Form } from "@remix-run/react";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { Button } from "~/components/nlds";

/**
 * The nominee's two answers; the token of their link goes along (the link is their authorisation).
 * `children` are further fields posted with the answer (the photo consent and photo, ADR 0017).
 */
export function ConsentDecisionForm({ token, children }: { token: string; children?: ReactNode }) {
  const { t } = useTranslation();
  return (
    <Form method="post" encType="multipart/form-data" noValidate>
      <input type="hidden" name="token" value={token} />
      {children}
      <div className="lauwer-actions">
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
      </div>
    </Form>
  );
}
