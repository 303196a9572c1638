import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { SelectField, SubmitButton, TextareaField, TextField, useAppForm } from "~/components/form";
import { Paragraph, SelectOption } from "~/components/nlds";
import { EditNomineeSchema, MergeSchema, RejectSchema } from "~/modules/awards/moderation.schema";

// The organizer's forms on a nominee's moderation page (intents "reject", "edit" and "merge").

/** Rejects the nominee, with a reason the nominators are mailed. */
export function RejectForm({ nomineeId }: { nomineeId: string }) {
  const { t } = useTranslation();
  const { register, handleSubmit, errorOf } = useAppForm<{ nomineeId: string; reason: string }>(RejectSchema, { nomineeId });
  return (
    <Form method="post" action="?intent=reject" onSubmit={handleSubmit} noValidate className="lauwer-form">
      <input type="hidden" {...register("nomineeId")} />
      <TextareaField
        name="reason"
        label={t("moderation.rejectReason")}
        registration={register("reason")}
        error={errorOf("reason")}
        rows={3}
      />
      <SubmitButton>{t("moderation.reject")}</SubmitButton>
    </Form>
  );
}

/** Corrects the nominee's name and organisation. */
export function EditForm({ nomineeId, name, organisation }: { nomineeId: string; name: string; organisation: string }) {
  const { t } = useTranslation();
  const { register, handleSubmit, errorOf } = useAppForm<{ nomineeId: string; name: string; organisation: string }>(EditNomineeSchema, {
    nomineeId,
    name,
    organisation,
  });
  return (
    <Form method="post" action="?intent=edit" onSubmit={handleSubmit} noValidate className="lauwer-form">
      <input type="hidden" {...register("nomineeId")} />
      <TextField name="name" label={t("fields.name")} registration={register("name")} error={errorOf("name")} />
      <TextField
        name="organisation"
        label={t("fields.organisation")}
        registration={register("organisation")}
        error={errorOf("organisation")}
      />
      <SubmitButton>{t("moderation.save")}</SubmitButton>
    </Form>
  );
}

/** Merges this nominee (a duplicate) into another one of the edition. */
export function MergeForm({ nomineeId, others }: { nomineeId: string; others: Array<{ id: string; name: string; organisation: string }> }) {
  const { t } = useTranslation();
  const { register, handleSubmit, errorOf } = useAppForm<{ nomineeId: string; survivorId: string }>(MergeSchema, {
    nomineeId,
    survivorId: others[0]?.id ?? "",
  });
  return (
    <Form method="post" action="?intent=merge" onSubmit={handleSubmit} noValidate className="lauwer-form">
      <input type="hidden" {...register("nomineeId")} />
      <Paragraph>{t("moderation.mergeHint")}</Paragraph>
      <SelectField name="survivorId" label={t("moderation.mergeInto")} registration={register("survivorId")} error={errorOf("survivorId")}>
        {others.map((o) => (
          <SelectOption key={o.id} value={o.id}>
            {o.name}
            {o.organisation ? ` (${o.organisation})` : ""}
          </SelectOption>
        ))}
      </SelectField>
      <SubmitButton>{t("moderation.merge")}</SubmitButton>
    </Form>
  );
}
