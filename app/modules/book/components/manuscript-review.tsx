import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { FormError, SelectField, SubmitButton, TextareaField, useAppForm } from "~/components/form";
import { Button, FormField, FormLabel, Heading2, Paragraph, Select, SelectOption } from "~/components/nlds";
import { CommentSchema, COMMENT_MAX, ReturnSchema, type EditorAction, type ManuscriptStatusName } from "../manuscript.schema";
import { DiffView, type DiffPart } from "./diff-view";

// The editors' side of one manuscript: status steps, returning it, comments on a version, the diff.

interface Version {
  id: string;
  version: number;
}

/** One status step as a button (the action of the editor's status form). */
function StatusButton({ action, label }: { action: EditorAction; label: string }) {
  return (
    <Form method="post" action="?intent=status">
      <input type="hidden" name="action" value={action} />
      <Button type="submit" appearance="secondary-action-button">
        {label}
      </Button>
    </Form>
  );
}

/** The status steps the portrait allows now, and the return form while the text is with the editors. */
export function StatusActions({ manuscript: m }: { manuscript: { status: ManuscriptStatusName; publishedAt: string | null } }) {
  const { t } = useTranslation();
  const canReturn = m.status === "submitted" || m.status === "in_edit";
  return (
    <section aria-labelledby="actions-heading">
      <Heading2 id="actions-heading">{t("bookWriting.manuscript.actions")}</Heading2>
      <Paragraph>{t(`bookWriting.manuscript.statusHelp.${m.status}`)}</Paragraph>
      <div className="lauwer-actions">
        {m.status === "submitted" ? <StatusButton action="startEdit" label={t("bookWriting.manuscript.startEdit")} /> : null}
        {canReturn ? <StatusButton action="makeFinal" label={t("bookWriting.manuscript.makeFinal")} /> : null}
        {m.status === "final" && !m.publishedAt ? <StatusButton action="publish" label={t("bookWriting.manuscript.publish")} /> : null}
        {m.status === "final" && !m.publishedAt ? <StatusButton action="reopen" label={t("bookWriting.manuscript.reopen")} /> : null}
        {m.publishedAt ? <StatusButton action="unpublish" label={t("bookWriting.manuscript.unpublish")} /> : null}
      </div>
      {canReturn ? <ReturnForm /> : null}
    </section>
  );
}

/** Returns the text to its author with a comment. */
function ReturnForm() {
  const { t } = useTranslation();
  const { register, handleSubmit, errorOf, failure, watch } = useAppForm(ReturnSchema, { formId: "return", body: "" }, "return");
  return (
    <>
      <FormError failure={failure} />
      <Form method="post" action="?intent=return" onSubmit={handleSubmit} noValidate className="lauwer-form">
        <input type="hidden" {...register("formId")} />
        <TextareaField
          name="body"
          label={t("bookWriting.manuscript.returnComment")}
          description={t("bookWriting.manuscript.returnHint")}
          counter={t("bookWriting.counter", { count: (watch("body") ?? "").length, max: COMMENT_MAX })}
          registration={register("body")}
          error={errorOf("body")}
          rows={5}
        />
        <SubmitButton>{t("bookWriting.manuscript.return")}</SubmitButton>
      </Form>
    </>
  );
}

/** An editor's comment on one version (the latest chosen). */
export function VersionCommentForm({ latestId, versions }: { latestId: string; versions: Version[] }) {
  const { t } = useTranslation();
  const { register, handleSubmit, errorOf, failure, watch } = useAppForm(
    CommentSchema,
    { formId: "comment", versionId: latestId, body: "" },
    "comment",
  );
  return (
    <section aria-labelledby="comment-heading">
      <Heading2 id="comment-heading">{t("bookWriting.manuscript.commentHeading")}</Heading2>
      <FormError failure={failure} />
      <Form method="post" action="?intent=comment" onSubmit={handleSubmit} noValidate className="lauwer-form">
        <input type="hidden" {...register("formId")} />
        <SelectField
          name="versionId"
          label={t("bookWriting.manuscript.commentVersion")}
          registration={register("versionId")}
          error={errorOf("versionId")}
        >
          {versions.map((v) => (
            <SelectOption key={v.id} value={v.id}>
              {t("bookWriting.history.version", { n: v.version })}
            </SelectOption>
          ))}
        </SelectField>
        <TextareaField
          name="comment-body"
          label={t("bookWriting.manuscript.comment")}
          counter={t("bookWriting.counter", { count: (watch("body") ?? "").length, max: COMMENT_MAX })}
          registration={register("body")}
          error={errorOf("body")}
          rows={4}
        />
        <SubmitButton>{t("bookWriting.manuscript.addComment")}</SubmitButton>
      </Form>
    </section>
  );
}

/** Two versions to compare, and their word diff (or why there is none). */
export function DiffSection({
  diff,
  versions,
}: {
  diff: { from: number; to: number; parts: DiffPart[] | null } | null;
  versions: Version[];
}) {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="diff-heading">
      <Heading2 id="diff-heading">{t("bookWriting.diff.title")}</Heading2>
      <Form method="get" className="lauwer-search" aria-label={t("bookWriting.diff.choose")}>
        {(["van", "naar"] as const).map((name) => (
          <FormField type="text" key={name}>
            <div className="utrecht-form-field__label">
              <FormLabel htmlFor={`diff-${name}`}>{t(`bookWriting.diff.${name === "van" ? "from" : "to"}`)}</FormLabel>
            </div>
            <Select id={`diff-${name}`} name={name} defaultValue={String(name === "van" ? diff?.from : diff?.to)}>
              {versions.map((v) => (
                <SelectOption key={v.id} value={String(v.version)}>
                  {t("bookWriting.history.version", { n: v.version })}
                </SelectOption>
              ))}
            </Select>
          </FormField>
        ))}
        <div>
          <Button type="submit" appearance="secondary-action-button">
            {t("bookWriting.diff.show")}
          </Button>
        </div>
      </Form>
      {diff?.parts ? <DiffView parts={diff.parts} from={diff.from} to={diff.to} /> : null}
      {diff && !diff.parts ? <Paragraph>{t("bookWriting.diff.tooDifferent", { from: diff.from, to: diff.to })}</Paragraph> : null}
    </section>
  );
}
