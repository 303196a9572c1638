import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { FormError, SubmitButton, TextareaField, TextField, useAppForm } from "~/components/form";
import { Button } from "~/components/nlds";
import { CriterionSchema, type CriterionInput } from "../jury.schema";

const NEW_CRITERION: CriterionInput = {
  criterionId: "",
  nameNl: "",
  nameEn: "",
  descriptionNl: "",
  descriptionEn: "",
  weight: "1",
  scaleMin: "1",
  scaleMax: "10",
  commentBelow: "",
  anchors: "",
};

/** A criterion of a jury round: added or changed until the round opens, shown read-only after. */
export function CriterionForm({ id, title, values, locked }: { id: string; title: string; values?: CriterionInput; locked: boolean }) {
  const { t } = useTranslation();
  const { register, handleSubmit, errorOf, failure, errors } = useAppForm<CriterionInput>(
    CriterionSchema,
    { ...(values ?? NEW_CRITERION), formId: id },
    id,
  );
  const field = (name: "nameNl" | "nameEn" | "weight" | "scaleMin" | "scaleMax", label: string) => (
    <TextField name={`${id}-${name}`} label={label} registration={register(name)} error={errorOf(name)} />
  );
  const described = (name: "descriptionNl" | "descriptionEn", label: string) => (
    <TextareaField name={`${id}-${name}`} label={label} rows={2} registration={register(name)} error={errorOf(name)} />
  );
  const hinted = (name: "commentBelow" | "anchors", label: string, description: string) => (
    <TextField name={`${id}-${name}`} label={label} description={description} registration={register(name)} error={errorOf(name)} />
  );
  return (
    <Form method="post" action="?intent=criterion" onSubmit={handleSubmit} noValidate className="lauwer-form">
      <fieldset disabled={locked}>
        <legend>{title}</legend>
        <FormError failure={failure} errors={errors} />
        <input type="hidden" {...register("formId")} />
        <input type="hidden" {...register("criterionId")} />
        {field("nameNl", t("procedure.fields.nameNl"))}
        {field("nameEn", t("procedure.fields.nameEn"))}
        {described("descriptionNl", t("procedure.fields.descriptionNl"))}
        {described("descriptionEn", t("procedure.fields.descriptionEn"))}
        {field("weight", t("jury.fields.weight"))}
        {field("scaleMin", t("jury.fields.scaleMin"))}
        {field("scaleMax", t("jury.fields.scaleMax"))}
        {hinted("commentBelow", t("jury.fields.commentBelow"), t("jury.fields.commentBelowHint"))}
        {hinted("anchors", t("jury.fields.anchors"), t("jury.fields.anchorsHint"))}
        {!locked ? <SubmitButton>{values ? t("procedure.save") : t("jury.admin.addCriterion")}</SubmitButton> : null}
      </fieldset>
    </Form>
  );
}

/** Removes a criterion before the round opens; a refusal is shown above the forms. */
export function DeleteCriterionButton({ formId, criterionId, name }: { formId: string; criterionId: string; name: string }) {
  const { t } = useTranslation();
  return (
    <Form method="post" action="?intent=delete-criterion">
      <input type="hidden" name="formId" value={formId} />
      <input type="hidden" name="criterionId" value={criterionId} />
      <Button type="submit" appearance="secondary-action-button" aria-label={`${t("jury.admin.deleteCriterion")}: ${name}`}>
        {t("jury.admin.deleteCriterion")}
      </Button>
    </Form>
  );
}
