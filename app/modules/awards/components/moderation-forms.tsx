import "~/i18n/page-texts/organizer";
import { Form } from "@remix-run/react";
import type { FormEventHandler, ReactNode } from "react";
import type { UseFormRegisterReturn } from "react-hook-form";
import { useTranslation } from "react-i18next";
import { SubmitButton, TextareaField, TextField, useAppForm } from "~/components/form";
import { Button, FormField, FormFieldDescription, FormFieldErrorMessage, FormLabel, Paragraph, Textbox } from "~/components/nlds";
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

/** A nominee the merge picker offers. */
export interface MergeTarget {
  id: string;
  name: string;
  organisation: string;
  category: string;
  status: "pending" | "approved" | "rejected" | "merged";
}

/**
 * Merges this nominee (a duplicate) into another one of the edition. A search field filters the
 * list with a GET request (no JavaScript needed; with it, the page updates in place), and the
 * matches are radio buttons with name, organisation, category and status, so similar names are
 * told apart.
 */
export function MergePicker({
  nomineeId,
  search,
  total,
  targets,
}: {
  nomineeId: string;
  search: string;
  total: number;
  targets: MergeTarget[];
}) {
  const { t } = useTranslation();
  const { register, handleSubmit, errorOf } = useAppForm<{ nomineeId: string; survivorId: string }>(MergeSchema, { nomineeId });
  const error = errorOf("survivorId");
  return (
    <>
      <Paragraph>{t("moderation.mergeHint")}</Paragraph>
      <Form
        method="get"
        role="search"
        aria-label={t("organizer.merge.searchLabel")}
        preventScrollReset
        className="lauwer-search lauwer-merge-search"
      >
        <FormField type="text">
          <div className="utrecht-form-field__label">
            <FormLabel htmlFor="merge-search">{t("organizer.merge.search")}</FormLabel>
          </div>
          <FormFieldDescription id="merge-search-hint">{t("organizer.merge.searchHint")}</FormFieldDescription>
          <div className="utrecht-form-field__input">
            <Textbox id="merge-search" type="search" name="zoek" defaultValue={search} aria-describedby="merge-search-hint" />
          </div>
        </FormField>
        <div>
          <Button type="submit" appearance="secondary-action-button">
            {t("organizer.merge.searchButton")}
          </Button>
        </div>
      </Form>
      <Paragraph role="status">
        {total === 0
          ? t("organizer.merge.none")
          : !search
            ? t("organizer.merge.alike", { count: targets.length })
            : total > targets.length
              ? t("organizer.merge.someOf", { count: targets.length, total })
              : t("organizer.merge.found", { count: total })}
      </Paragraph>
      {targets.length ? (
        <Form method="post" action="?intent=merge" onSubmit={handleSubmit} noValidate className="lauwer-form">
          <input type="hidden" {...register("nomineeId")} />
          <fieldset className="lauwer-merge-options" aria-describedby={error ? "field-survivorId-error" : undefined}>
            <legend>{t("moderation.mergeInto")}</legend>
            {error ? <FormFieldErrorMessage id="field-survivorId-error">{t(error)}</FormFieldErrorMessage> : null}
            {targets.map((o, i) => (
              <div key={o.id} className="lauwer-merge-option">
                <input
                  type="radio"
                  id={i === 0 ? "field-survivorId" : `merge-${o.id}`}
                  value={o.id}
                  aria-invalid={error ? true : undefined}
                  {...register("survivorId")}
                />
                <label htmlFor={i === 0 ? "field-survivorId" : `merge-${o.id}`}>
                  <strong>{o.name}</strong>
                  {o.organisation ? ` (${o.organisation})` : ""} · {o.category} · {t(`moderation.statusValue.${o.status}`)}
                </label>
              </div>
            ))}
          </fieldset>
          <SubmitButton>{t("moderation.merge")}</SubmitButton>
        </Form>
      ) : null}
    </>
  );
}
