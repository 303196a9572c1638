import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { FormError, SubmitButton, useAppForm } from "~/components/form";
import { SupportSchema, type SupportInput } from "../nomination.schema";
import { MotivationField, NominatorFields, type FieldBinding } from "./nomination-fields";

/** A member's motivation for a candidate already nominated (a supporting nomination). */
export function NominationSupportForm() {
  const { t } = useTranslation();
  const { register, handleSubmit, errorOf, failure, errors, watch } = useAppForm<SupportInput>(SupportSchema);
  const motivation = watch("motivation") ?? "";
  const bind = { register, errorOf } as unknown as FieldBinding;
  return (
    <>
      <FormError failure={failure} errors={errors} />
      <Form method="post" onSubmit={handleSubmit} noValidate className="lauwer-form">
        <MotivationField bind={bind} length={motivation.length} />
        <NominatorFields bind={bind} />
        <SubmitButton>{t("nominate.supportSubmit")}</SubmitButton>
      </Form>
    </>
  );
}
