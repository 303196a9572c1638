import type { UseFormRegisterReturn } from "react-hook-form";
import { useTranslation } from "react-i18next";
import { CheckboxField, SelectField } from "~/components/form";
import { Paragraph, SelectOption } from "~/components/nlds";
import { ERASURE_REASONS } from "~/modules/privacy/erasure.schema";

/** The part every erasure form shares: the grounds of the request (a category only) and the confirmation. */
export function ErasureGrounds({
  reason,
  confirm,
}: {
  reason: { registration: UseFormRegisterReturn; error?: string };
  confirm: { registration: UseFormRegisterReturn; error?: string };
}) {
  const { t } = useTranslation();
  return (
    <>
      <SelectField name="reason" label={t("erasure.reason")} registration={reason.registration} error={reason.error}>
        <SelectOption value="">{t("erasure.reasonChoose")}</SelectOption>
        {ERASURE_REASONS.map((r) => (
          <SelectOption key={r} value={r}>
            {t(`erasure.reasons.${r}`)}
          </SelectOption>
        ))}
      </SelectField>
      <Paragraph>{t("erasure.reasonHint")}</Paragraph>
      <CheckboxField name="confirm" label={t("erasure.confirm")} registration={confirm.registration} error={confirm.error} />
    </>
  );
}
