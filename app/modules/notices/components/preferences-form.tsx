import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { CheckboxField, FormError, SubmitButton, useAppForm } from "~/components/form";
import { Paragraph } from "~/components/nlds";
import { ACCOUNT_TOPICS, NoticePreferencesSchema, type NoticePreferencesInput, type Topic } from "~/modules/notices/notice.schema";

/** The account page's choice of mail: one checkbox per topic, saved together (intent "notices"). */
export function NoticePreferencesForm({ values }: { values: Record<Topic, boolean> }) {
  const { t } = useTranslation();
  const defaults = Object.fromEntries(ACCOUNT_TOPICS.map((topic) => [topic, values[topic]])) as NoticePreferencesInput;
  // The account page has other forms: this one takes back only its own failures.
  const { register, handleSubmit, failure, errors, busy } = useAppForm<NoticePreferencesInput>(
    NoticePreferencesSchema,
    defaults,
    "notices",
  );
  return (
    <Form method="post" action="?intent=notices" onSubmit={handleSubmit} noValidate className="lauwer-form">
      <input type="hidden" name="formId" value="notices" />
      <FormError failure={failure} errors={errors} />
      <Paragraph>{t("notices.account.intro")}</Paragraph>
      <fieldset className="utrecht-form-fieldset">
        <legend className="utrecht-form-fieldset__legend">{t("notices.account.legend")}</legend>
        {ACCOUNT_TOPICS.map((topic) => (
          <CheckboxField key={topic} name={topic} label={t(`notices.topics.${topic}`)} registration={register(topic)} />
        ))}
      </fieldset>
      <SubmitButton busy={busy}>{t("notices.account.save")}</SubmitButton>
    </Form>
  );
}

/** The unsubscribe page's one button: posts the link's token back to the same address. */
export function UnsubscribeForm({ token }: { token: string }) {
  const { t } = useTranslation();
  return (
    <Form method="post" action={`/afmelden?token=${encodeURIComponent(token)}`}>
      <input type="hidden" name="token" value={token} />
      <SubmitButton>{t("notices.unsubscribe.button")}</SubmitButton>
    </Form>
  );
}
