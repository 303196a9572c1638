import { Form } from "@remix-run/react";
import type { FormEventHandler, ReactNode } from "react";
import type { UseFormRegisterReturn } from "react-hook-form";
import { useTranslation } from "react-i18next";
import { SelectField, SubmitButton, TextareaField, TextField, useAppForm } from "~/components/form";
import { Paragraph, SelectOption } from "~/components/nlds";
import { EditNomineeSchema, MergeSchema, RejectSchema } from "~/modules/awards/moderation.schema";

// The organizer's forms on a nominee's moderation page (intents "reject", "edit" and "merge").

/** One of them: it posts its intent and the nominee's id (hidden), then its own fields. */
function NomineeForm(props: {
  intent: "reject" | "edit" | "merge";
  nomineeId: UseFormRegisterReturn;
  onSubmit: FormEventHandler<HTMLFormElement>;
  submit: string;
  children: ReactNode;
}) {
  return (
    <Form method="post" action={`?intent=${props.intent}`} onSubmit={props.onSubmit} noValidate className="lauwer-form">
      <input type="hidden" {...props.nomineeId} />
      {props.children}
      <SubmitButton>{props.submit}</SubmitButton>
    </Form>
  );
}

/** Rejects the nominee, with a reason the nominators are mailed. */
export function RejectForm({ nomineeId }: { nomineeId: string }) {
  const { t } = useTranslation();
  const { register, handleSubmit, errorOf } = useAppForm<{ nomineeId: string; reason: string }>(RejectSchema, { nomineeId });
  return (
    <NomineeForm intent="reject" nomineeId={register("nomineeId")} onSubmit={handleSubmit} submit={t("moderation.reject")}>
      <TextareaField
        name="reason"
        label={t("moderation.rejectReason")}
        registration={register("reason")}
        error={errorOf("reason")}
        rows={3}
      />
    </NomineeForm>
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
    <NomineeForm intent="edit" nomineeId={register("nomineeId")} onSubmit={handleSubmit} submit={t("moderation.save")}>
      {(["name", "organisation"] as const).map((field) => (
        <TextField key={field} name={field} label={t(`fields.${field}`)} registration={register(field)} error={errorOf(field)} />
      ))}
    </NomineeForm>
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
    <NomineeForm intent="merge" nomineeId={register("nomineeId")} onSubmit={handleSubmit} submit={t("moderation.merge")}>
      <Paragraph>{t("moderation.mergeHint")}</Paragraph>
      <SelectField name="survivorId" label={t("moderation.mergeInto")} registration={register("survivorId")} error={errorOf("survivorId")}>
        {others.map((o) => (
          <SelectOption key={o.id} value={o.id}>
            {o.name}
            {o.organisation ? ` (${o.organisation})` : ""}
          </SelectOption>
        ))}
      </SelectField>
    </NomineeForm>
  );
}
