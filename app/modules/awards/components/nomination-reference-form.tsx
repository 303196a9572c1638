import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { FormError, SubmitButton, TextareaField, useAppForm } from "~/components/form";
import { ReferenceStatementSchema } from "../nomination.schema";

/** A reference's statement about a nominee; the token of their link goes along (the link is their authorisation). */
export function NominationReferenceForm({ token }: { token: string }) {
  const { t } = useTranslation();
  const { register, handleSubmit, errorOf, failure } = useAppForm<{ token: string; statement: string }>(ReferenceStatementSchema, {
    token,
  });
  // A link that is malformed, used or expired is said above the form, as one message.
  const refused = errorOf("token") ? { formError: "reference.invalid" } : failure;
  return (
    <>
      <FormError failure={refused} />
      <Form method="post" onSubmit={handleSubmit} noValidate className="lauwer-form">
        <input type="hidden" {...register("token")} />
        <TextareaField
          name="statement"
          label={t("reference.statement")}
          description={t("reference.statementHint")}
          registration={register("statement")}
          error={errorOf("statement")}
        />
        <SubmitButton>{t("reference.submit")}</SubmitButton>
      </Form>
    </>
  );
}
