import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { SelectField, SubmitButton, TextareaField, useAppForm } from "~/components/form";
import { Button, FormField, FormLabel, Heading2, Paragraph, SelectOption, Textbox } from "~/components/nlds";
import { MergeSchema, RejectSchema, type MergeInput, type RejectInput } from "../editorial.schema";
import type { ProposalStatus } from "../proposal.schema";
import { useFormId } from "./form-id";
import { lifeYears } from "./proposal-years";

// The editors' forms on one proposal: status steps, rejecting, merging a duplicate.

type Candidate = { id: string; name: string; birthYear: number; deathYear: number | null; organisation: string };

/** What an editor can do with a live proposal: move its status, reject it, merge it into another. */
export function EditorialActions({
  proposalId,
  status,
  candidates,
  search,
}: {
  proposalId: string;
  status: ProposalStatus;
  candidates: Candidate[];
  search: string;
}) {
  const { t } = useTranslation();
  return (
    <>
      <ProposalStatusActions proposalId={proposalId} status={status} />
      {status !== "rejected" ? (
        <section aria-labelledby="reject-heading">
          <Heading2 id="reject-heading">{t("bookProposals.editor.reject")}</Heading2>
          <RejectForm proposalId={proposalId} />
        </section>
      ) : null}
      <section aria-labelledby="merge-heading">
        <Heading2 id="merge-heading">{t("bookProposals.editor.merge")}</Heading2>
        {status === "selected" ? (
          <Paragraph>{t("bookProposals.editor.cannotMerge")}</Paragraph>
        ) : (
          <MergeForm proposalId={proposalId} candidates={candidates} search={search} />
        )}
      </section>
    </>
  );
}

/** The status steps an editor can take from the proposal's current status. */
function ProposalStatusActions({ proposalId, status: s }: { proposalId: string; status: ProposalStatus }) {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="status-heading">
      <Heading2 id="status-heading">{t("bookProposals.editor.statusHeading")}</Heading2>
      <div className="lauwer-book-actions">
        {s !== "shortlisted" ? (
          <StatusButton
            proposalId={proposalId}
            status="shortlisted"
            label={s === "selected" ? t("bookProposals.editor.toShortlist") : t("bookProposals.editor.shortlist")}
          />
        ) : null}
        {s !== "selected" ? <StatusButton proposalId={proposalId} status="selected" label={t("bookProposals.editor.select")} /> : null}
        {s !== "proposed" ? <StatusButton proposalId={proposalId} status="proposed" label={t("bookProposals.editor.toProposed")} /> : null}
      </div>
    </section>
  );
}

function StatusButton({ proposalId, status, label }: { proposalId: string; status: string; label: string }) {
  return (
    <Form method="post" action="?intent=status">
      <input type="hidden" name="proposalId" value={proposalId} />
      <input type="hidden" name="status" value={status} />
      <Button type="submit" appearance="secondary-action-button">
        {label}
      </Button>
    </Form>
  );
}

/** Rejects with a reason (mailed to the proposer). */
function RejectForm({ proposalId }: { proposalId: string }) {
  const { t } = useTranslation();
  const { register, handleSubmit, errorOf } = useAppForm<RejectInput>(RejectSchema, { proposalId }, useFormId("reject", "reason"));
  return (
    <Form method="post" action="?intent=reject" onSubmit={handleSubmit} noValidate className="lauwer-form">
      <input type="hidden" name="formId" value="reject" />
      <input type="hidden" {...register("proposalId")} />
      <TextareaField
        name="reason"
        label={t("bookProposals.editor.rejectReason")}
        registration={register("reason")}
        error={errorOf("reason")}
        rows={3}
      />
      <SubmitButton>{t("bookProposals.editor.reject")}</SubmitButton>
    </Form>
  );
}

/** Finds a proposal to merge this duplicate into, and merges it. */
function MergeForm({ proposalId, candidates, search }: { proposalId: string; candidates: Candidate[]; search: string }) {
  const { t } = useTranslation();
  const { register, handleSubmit, errorOf } = useAppForm<MergeInput>(
    MergeSchema,
    { proposalId, survivorId: candidates[0]?.id ?? "" },
    useFormId("merge", "survivorId"),
  );
  return (
    <>
      <Paragraph>{t("bookProposals.editor.mergeHint")}</Paragraph>
      <Form method="get" role="search" className="lauwer-search" aria-label={t("bookProposals.editor.mergeSearch")}>
        <FormField type="text">
          <div className="utrecht-form-field__label">
            <FormLabel htmlFor="merge-search">{t("bookProposals.editor.mergeSearch")}</FormLabel>
          </div>
          <div className="utrecht-form-field__input">
            <Textbox id="merge-search" name="zoek" type="search" defaultValue={search} />
          </div>
        </FormField>
        <div>
          <Button type="submit" appearance="secondary-action-button">
            {t("bookProposals.editor.mergeSearchButton")}
          </Button>
        </div>
      </Form>
      {candidates.length ? (
        <Form method="post" action="?intent=merge" onSubmit={handleSubmit} noValidate className="lauwer-form">
          <input type="hidden" name="formId" value="merge" />
          <input type="hidden" {...register("proposalId")} />
          <SelectField
            name="survivorId"
            label={t("bookProposals.editor.mergeInto")}
            registration={register("survivorId")}
            error={errorOf("survivorId")}
          >
            {candidates.map((c) => (
              <SelectOption key={c.id} value={c.id}>
                {c.name} ({lifeYears(t, c.birthYear, c.deathYear)}), {c.organisation}
              </SelectOption>
            ))}
          </SelectField>
          <SubmitButton>{t("bookProposals.editor.merge")}</SubmitButton>
        </Form>
      ) : (
        <Paragraph>{t("bookProposals.editor.noCandidates")}</Paragraph>
      )}
    </>
  );
}
