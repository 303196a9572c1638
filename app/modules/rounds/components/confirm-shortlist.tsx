import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Button, Heading2, Paragraph } from "~/components/nlds";
import { useDateFormat } from "~/lib/locale";

/** "Shortlist bevestigen en bekendmaken": one button, or the moment it was confirmed (intent "confirm"). */
export function ConfirmShortlist({ confirmedAt, canConfirm }: { confirmedAt: string | null; canConfirm: boolean }) {
  const { t } = useTranslation();
  const date = useDateFormat();
  return (
    <section aria-labelledby="confirm-heading">
      <Heading2 id="confirm-heading">{t("rounds.confirmHeading")}</Heading2>
      {confirmedAt ? (
        <Paragraph>{t("rounds.confirmedOn", { date: date(confirmedAt, "") })}</Paragraph>
      ) : (
        <>
          <Paragraph>{t("rounds.confirmIntro")}</Paragraph>
          {canConfirm ? (
            <Form method="post" action="?intent=confirm">
              <Button type="submit" appearance="primary-action-button">
                {t("rounds.confirm")}
              </Button>
            </Form>
          ) : null}
        </>
      )}
    </section>
  );
}
