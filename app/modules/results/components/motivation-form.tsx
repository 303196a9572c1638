import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { FormError, SubmitButton, TextareaField, useAppForm } from "~/components/form";
import { Paragraph } from "~/components/nlds";
import { MOTIVATION_MAX, MotivationSchema, type MotivationInput } from "../results.schema";

export interface MotivationPrize {
  id: string;
  name: string;
  motivationNl: string;
  motivationEn: string;
  /** Differs from what the latest published snapshot says. */
  unpublished: boolean;
}

/** The jury's motivation of one prize, in Dutch and English (results page, intent "motivation"). */
export function MotivationForm({ prize }: { prize: MotivationPrize }) {
  const { t } = useTranslation();
  const formId = `motivation-${prize.id}`;
  const { register, handleSubmit, errorOf, failure, watch } = useAppForm<MotivationInput>(
    MotivationSchema,
    { formId, prizeId: prize.id, motivationNl: prize.motivationNl, motivationEn: prize.motivationEn },
    formId,
  );
  const counter = (name: "motivationNl" | "motivationEn") =>
    t("juryReport.admin.counter", { count: (watch(name) ?? "").length, max: MOTIVATION_MAX });
  return (
    <Form method="post" action="?intent=motivation" onSubmit={handleSubmit} noValidate className="lauwer-form">
      <fieldset>
        <legend>{t("juryReport.motivationOf", { prize: prize.name })}</legend>
        {/* A tampered prize id has no field to show its error on: it is the form's error. */}
        <FormError failure={failure?.fieldErrors.prizeId ? { formError: failure.fieldErrors.prizeId } : failure} />
        {prize.unpublished ? <Paragraph>{t("juryReport.admin.unpublished")}</Paragraph> : null}
        <input type="hidden" {...register("formId")} />
        <input type="hidden" {...register("prizeId")} />
        <TextareaField
          name={`${formId}-nl`}
          label={t("juryReport.admin.fieldNl")}
          rows={4}
          registration={register("motivationNl")}
          error={errorOf("motivationNl")}
          counter={counter("motivationNl")}
        />
        <TextareaField
          name={`${formId}-en`}
          label={t("juryReport.admin.fieldEn")}
          rows={4}
          registration={register("motivationEn")}
          error={errorOf("motivationEn")}
          counter={counter("motivationEn")}
        />
        <SubmitButton>{t("juryReport.admin.save")}</SubmitButton>
      </fieldset>
    </Form>
  );
}
