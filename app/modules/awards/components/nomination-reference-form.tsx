import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { FormError, SubmitButton, useAppForm } from "~/components/form";
import { ReferenceStatementSchema } from "../nomination.schema";
import { BoundTextareaField, type FieldBinding } from "./nomination-fields";

/** A reference's statement about a nominee; the token of their link goes along (the link is their authorisation). */
export function NominationReferenceForm({ token }: { token: string }) {
  const { t } = useTranslation();
  const { register, handleSubmit, errorOf, failure } = useAppForm<{ token: string; statement: string }>(ReferenceStatementSchema, {
    token,
  });
  const bind = { register, errorOf } as unknown as FieldBinding;
  // A link that is malformed, used or expired is said above the form, as one message.
  const refused = errorOf("token") ? { formError: "reference.invalid" } : failure;
  return (
    <>
      <FormError failure={refused} />
      <Form method="post" onSubmit={handleSubmit} noValidate className="lauwer-form">
        <input type="hidden" {...register("token")} />
        <BoundTextareaField bind={bind} name="statement" label={t("reference.statement")} description={t("reference.statementHint")} />
        <SubmitButton>{t("reference.submit")}</SubmitButton>
      </Form>
    </>
  );
}
