import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Button, FormField, FormLabel, Heading2, Paragraph } from "~/components/nlds";

/** The invited voters of an invite-only round: how many, and a CSV upload to add more. */
export function InviteVotersForm({ count }: { count: number }) {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="invites-heading">
      <Heading2 id="invites-heading">{t("voting.admin.invitesHeading")}</Heading2>
      <Paragraph>{t("voting.admin.invitesCount", { count })}</Paragraph>
      <Form method="post" action="?intent=invite" encType="multipart/form-data" className="lauwer-form">
        <FormField>
          <div className="utrecht-form-field__label">
            <FormLabel htmlFor="invite-file">{t("voting.admin.inviteFile")}</FormLabel>
          </div>
          <p className="utrecht-form-field-description" id="invite-file-hint">
            {t("voting.admin.inviteFileHint")}
          </p>
          <div className="utrecht-form-field__input">
            <input id="invite-file" type="file" name="file" accept=".csv,text/csv,text/plain" aria-describedby="invite-file-hint" />
          </div>
        </FormField>
        <div>
          <Button type="submit" appearance="primary-action-button">
            {t("voting.admin.inviteSubmit")}
          </Button>
        </div>
      </Form>
    </section>
  );
}
