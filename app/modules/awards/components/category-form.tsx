import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { FormError, SubmitButton, TextField, useAppForm } from "~/components/form";
import { CategorySchema, type CategoryInput } from "~/modules/awards/procedure.schema";

/** A new category of the edition (procedure page, intent "category"). */
export function CategoryForm() {
  const { t } = useTranslation();
  const { register, handleSubmit, errorOf, failure } = useAppForm<CategoryInput>(CategorySchema, { formId: "category" }, "category");
  return (
    <Form method="post" action="?intent=category" onSubmit={handleSubmit} noValidate className="lauwer-form">
      <FormError failure={failure} />
      <input type="hidden" {...register("formId")} />
      <TextField
        name="category-slug"
        label={t("procedure.fields.slug")}
        description={t("procedure.fields.slugHint")}
        registration={register("slug")}
        error={errorOf("slug")}
      />
      <TextField name="category-nameNl" label={t("procedure.fields.nameNl")} registration={register("nameNl")} error={errorOf("nameNl")} />
      <TextField name="category-nameEn" label={t("procedure.fields.nameEn")} registration={register("nameEn")} error={errorOf("nameEn")} />
      <SubmitButton>{t("procedure.addCategory")}</SubmitButton>
    </Form>
  );
}
