import { Form } from "@remix-run/react";
import type { UseFormRegisterReturn } from "react-hook-form";
import { useTranslation } from "react-i18next";
import { FormError, SubmitButton, TextField, useAppForm } from "~/components/form";
import { CategorySchema, type CategoryInput } from "~/modules/awards/procedure.schema";

type SlugAndName = "slug" | "nameNl" | "nameEn";

/**
 * A short name for the address and the Dutch and English names: of a category, or of a new award.
 * `prefix` keeps the field names apart when a page has several forms ("category-slug").
 */
export function SlugAndNameFields({
  prefix = "",
  register,
  errorOf,
}: {
  prefix?: string;
  register: (name: SlugAndName) => UseFormRegisterReturn;
  errorOf: (name: SlugAndName) => string | undefined;
}) {
  const { t } = useTranslation();
  return (
    <>
      {(["slug", "nameNl", "nameEn"] as const).map((name) => (
        <TextField
          key={name}
          name={`${prefix}${name}`}
          label={t(`procedure.fields.${name}`)}
          description={name === "slug" ? t("procedure.fields.slugHint") : undefined}
          registration={register(name)}
          error={errorOf(name)}
        />
      ))}
    </>
  );
}

/** A new category of the edition (procedure page, intent "category"). */
export function CategoryForm() {
  const { t } = useTranslation();
  const { register, handleSubmit, errorOf, failure, errors } = useAppForm<CategoryInput>(
    CategorySchema,
    { formId: "category" },
    "category",
  );
  return (
    <Form method="post" action="?intent=category" onSubmit={handleSubmit} noValidate className="lauwer-form">
      <FormError failure={failure} errors={errors} />
      <input type="hidden" {...register("formId")} />
      <SlugAndNameFields prefix="category-" register={register} errorOf={errorOf} />
      <SubmitButton>{t("procedure.addCategory")}</SubmitButton>
    </Form>
  );
}
