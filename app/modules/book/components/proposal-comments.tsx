import { Form } from "@remix-run/react";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { SubmitButton, TextareaField, useAppForm } from "~/components/form";
import { Heading2, Paragraph } from "~/components/nlds";
import { useDateFormat } from "~/lib/locale";
import { COMMENT_MAX, CommentSchema, type CommentInput } from "../proposal.schema";

/** A proposal's comments, oldest first; `children` (the comment form) follow the list. */
export function ProposalComments({
  comments,
  children,
}: {
  comments: Array<{ id: string; body: string; author: string | null; at: string }>;
  children?: ReactNode;
}) {
  const { t } = useTranslation();
  const date = useDateFormat();
  return (
    <section aria-labelledby="comments-heading">
      <Heading2 id="comments-heading">{t("bookProposals.detail.comments")}</Heading2>
      {comments.length === 0 ? <Paragraph>{t("bookProposals.detail.noComments")}</Paragraph> : null}
      <ol className="lauwer-book-comments">
        {comments.map((c) => (
          <li key={c.id}>
            <Paragraph className="lauwer-book-comments__meta">
              {t("bookProposals.detail.commentBy", {
                name: c.author ?? t("bookProposals.detail.formerMember"),
                date: date(c.at),
              })}
            </Paragraph>
            <Paragraph className="lauwer-book-text">{c.body}</Paragraph>
          </li>
        ))}
      </ol>
      {children}
    </section>
  );
}

/** A member's comment on a live proposal. */
export function ProposalCommentForm() {
  const { t } = useTranslation();
  const { register, handleSubmit, errorOf, watch } = useAppForm<CommentInput>(CommentSchema, {}, "comment");
  return (
    <Form method="post" action="?intent=comment" onSubmit={handleSubmit} noValidate className="lauwer-form">
      <input type="hidden" name="formId" value="comment" />
      <TextareaField
        name="body"
        label={t("bookProposals.detail.comment")}
        description={t("bookProposals.detail.commentHint", { max: COMMENT_MAX })}
        counter={t("bookProposals.propose.counter", { count: (watch("body") ?? "").length, min: 1, max: COMMENT_MAX })}
        registration={register("body")}
        error={errorOf("body")}
        rows={4}
      />
      <SubmitButton>{t("bookProposals.detail.commentSubmit")}</SubmitButton>
    </Form>
  );
}
