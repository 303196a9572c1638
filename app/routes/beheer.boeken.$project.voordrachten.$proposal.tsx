import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { parseForm } from "~/lib/forms.server";
import { AppLink } from "~/components/app-link";
import { FormError, SelectField, SubmitButton, TextareaField, useAppForm } from "~/components/form";
import {
  Button,
  DataList,
  DataListItem,
  DataListKey,
  DataListValue,
  FormField,
  FormLabel,
  Heading1,
  Heading2,
  Paragraph,
  SelectOption,
  Textbox,
  UnorderedList,
  UnorderedListItem,
} from "~/components/nlds";
import { getDb } from "~/db.server";
import { useDateFormat } from "~/lib/locale";
import { withNotice, type Notice } from "~/lib/notice";
import { searchTerm } from "~/lib/query";
import { actorFrom } from "~/modules/audit/audit.server";
import { ProposalFacts } from "~/modules/book/components/proposal-facts";
import { lifeYears } from "~/modules/book/components/proposal-years";
import { MergeSchema, RejectSchema, StatusSchema, type MergeInput, type RejectInput } from "~/modules/book/editorial.schema";
import {
  mergeCandidates,
  mergeProposals,
  rejectProposal,
  selectedCount,
  setStatus,
  type EditorResult,
} from "~/modules/book/editorial.server";
import { notFound, requireProjectEditor } from "~/modules/book/project.server";
import { getProposal, isUuid, listComments, listSources } from "~/modules/book/proposal.server";

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { project } = await requireProjectEditor(request, context, params);
  if (!isUuid(params.proposal)) throw notFound();
  const db = getDb();
  const proposal = await getProposal(db, project.id, params.proposal, context.locale);
  if (!proposal) throw notFound();
  const search = searchTerm(new URL(request.url).searchParams.get("zoek"));
  const [sources, comments, candidates, selected, survivor] = await Promise.all([
    listSources(db, proposal.id),
    listComments(db, proposal.id),
    proposal.status === "merged" || proposal.status === "selected"
      ? Promise.resolve([])
      : mergeCandidates(db, project.id, proposal, search),
    selectedCount(db, project.id),
    proposal.mergedIntoId ? getProposal(db, project.id, proposal.mergedIntoId, context.locale) : Promise.resolve(undefined),
  ]);
  return {
    project: { slug: project.slug, title: project.title, target: project.targetCount },
    proposal: { ...proposal, createdAt: proposal.createdAt.toISOString(), statusChangedAt: proposal.statusChangedAt.toISOString() },
    survivor: survivor ? { id: survivor.id, name: survivor.name } : null,
    sources,
    comments: comments.map((c) => ({ id: c.id, body: c.body, author: c.author_name, at: c.created_at.toISOString() })),
    candidates: candidates.map((c) => ({
      id: c.id,
      name: c.name,
      birthYear: c.birthYear,
      deathYear: c.deathYear,
      organisation: c.organisation,
    })),
    search,
    selected,
  };
}

export const meta: MetaFunction<typeof loader> = ({ data: d }) => [
  { title: d ? `${d.proposal.name} — ${d.project.title} — Lauwer` : "Lauwer" },
];

const NOTICE_OF_STATUS: Record<string, Notice> = {
  proposed: "bookProposals.notice.proposedAgain",
  shortlisted: "bookProposals.notice.shortlisted",
  selected: "bookProposals.notice.selected",
};

export async function action({ request, context, params }: ActionFunctionArgs) {
  const { project } = await requireProjectEditor(request, context, params);
  if (!isUuid(params.proposal)) throw notFound();
  const actor = actorFrom(context);
  const intent = new URL(request.url).searchParams.get("intent");
  const list = `/beheer/boeken/${project.slug}/voordrachten`;
  let result: EditorResult;
  let notice: Notice;
  let target = `${list}/${params.proposal}`;
  if (intent === "reject") {
    const parsed = await parseForm(request, RejectSchema);
    if (!parsed.ok) return data({ ...parsed, values: { ...parsed.values, formId: "reject" } }, 400);
    if (parsed.data.proposalId !== params.proposal) throw notFound();
    result = await rejectProposal(getDb(), actor, project, params.proposal, parsed.data.reason);
    notice = "bookProposals.notice.rejected";
  } else if (intent === "merge") {
    const parsed = await parseForm(request, MergeSchema);
    if (!parsed.ok) return data({ ...parsed, values: { ...parsed.values, formId: "merge" } }, 400);
    if (parsed.data.proposalId !== params.proposal) throw notFound();
    result = await mergeProposals(getDb(), actor, project, params.proposal, parsed.data.survivorId);
    notice = "bookProposals.notice.merged";
    target = `${list}/${parsed.data.survivorId}`;
  } else if (intent === "status") {
    const parsed = await parseForm(request, StatusSchema);
    if (!parsed.ok) return data({ ...parsed, formError: "errors.badRequest" }, 400);
    if (parsed.data.proposalId !== params.proposal) throw notFound();
    result = await setStatus(getDb(), actor, project, params.proposal, parsed.data.status);
    notice = NOTICE_OF_STATUS[parsed.data.status]!;
  } else {
    return data({ ok: false as const, fieldErrors: {}, formError: "errors.badRequest", values: {} }, 400);
  }
  if (!result.ok) {
    if (result.status === 404) throw notFound();
    return data(
      { ok: false as const, fieldErrors: {}, formError: result.error, formErrorParams: result.params, values: { formId: intent } },
      result.status,
    );
  }
  return redirect(withNotice(target, notice), 303);
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

function RejectForm({ proposalId }: { proposalId: string }) {
  const { t } = useTranslation();
  const { register, handleSubmit, errorOf } = useAppForm<RejectInput>(RejectSchema, { proposalId }, "reject");
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

function MergeForm({
  proposalId,
  candidates,
  search,
}: {
  proposalId: string;
  candidates: Array<{ id: string; name: string; birthYear: number; deathYear: number | null; organisation: string }>;
  search: string;
}) {
  const { t } = useTranslation();
  const { register, handleSubmit, errorOf } = useAppForm<MergeInput>(
    MergeSchema,
    { proposalId, survivorId: candidates[0]?.id ?? "" },
    "merge",
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

export default function EditorProposal() {
  const { project, proposal, survivor, sources, comments, candidates, search, selected } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation();
  const date = useDateFormat();
  const list = `/beheer/boeken/${project.slug}/voordrachten`;
  const s = proposal.status;
  return (
    <>
      <Paragraph className="lauwer-preheading">
        <AppLink to={list}>{t("bookProposals.editor.title")}</AppLink> — {project.title}
      </Paragraph>
      <Heading1>{proposal.name}</Heading1>
      <Paragraph className="lauwer-book-counter">
        <strong>{t("bookProposals.editor.counter", { count: selected, target: project.target })}</strong>
      </Paragraph>
      <FormError failure={actionData && !Object.keys(actionData.fieldErrors).length ? actionData : undefined} />
      <section aria-labelledby="details-heading">
        <Heading2 id="details-heading">{t("bookProposals.editor.details")}</Heading2>
        <DataList>
          <DataListItem>
            <DataListKey>{t("bookProposals.detail.status")}</DataListKey>
            <DataListValue>
              {t(`bookProposals.status.${s}`)} ({t("bookProposals.editor.previousStatus", { date: date(proposal.statusChangedAt) })})
              {proposal.hasAuthor ? ` — ${t("bookProposals.editor.hasAuthor")}` : ""}
            </DataListValue>
          </DataListItem>
          <ProposalFacts proposal={proposal} />
          <DataListItem>
            <DataListKey>{t("bookProposals.editor.proposer")}</DataListKey>
            <DataListValue>
              {proposal.proposerName ?? t("bookProposals.detail.formerMember")}, {date(proposal.createdAt)}
            </DataListValue>
          </DataListItem>
          <DataListItem>
            <DataListKey>{t("bookProposals.detail.support")}</DataListKey>
            <DataListValue>{t("bookProposals.endorsements", { count: proposal.endorsements })}</DataListValue>
          </DataListItem>
          {proposal.rejectionReason ? (
            <DataListItem>
              <DataListKey>{t("bookProposals.editor.rejectedReason")}</DataListKey>
              <DataListValue>{proposal.rejectionReason}</DataListValue>
            </DataListItem>
          ) : null}
        </DataList>
        <Heading2>{t("bookProposals.detail.motivation")}</Heading2>
        {proposal.motivation.split(/\n{2,}/).map((para, i) => (
          <Paragraph key={i} className="lauwer-book-text">
            {para}
          </Paragraph>
        ))}
        <Heading2>{t("bookProposals.detail.sources")}</Heading2>
        <UnorderedList>
          {sources.map((src) => (
            <UnorderedListItem key={src.id}>
              <a href={src.url} className="utrecht-link" rel="noopener noreferrer nofollow">
                {src.title}
              </a>{" "}
              <span className="lauwer-book-url">({src.url})</span>
            </UnorderedListItem>
          ))}
        </UnorderedList>
      </section>

      {s === "merged" ? (
        <Paragraph>
          {t("bookProposals.editor.mergedInto")}{" "}
          {survivor ? (
            <AppLink to={`${list}/${survivor.id}`}>
              {t("bookProposals.editor.openSurvivor")}: {survivor.name}
            </AppLink>
          ) : null}
        </Paragraph>
      ) : (
        <>
          <section aria-labelledby="status-heading">
            <Heading2 id="status-heading">{t("bookProposals.editor.statusHeading")}</Heading2>
            <div className="lauwer-book-actions">
              {s !== "shortlisted" ? (
                <StatusButton
                  proposalId={proposal.id}
                  status="shortlisted"
                  label={s === "selected" ? t("bookProposals.editor.toShortlist") : t("bookProposals.editor.shortlist")}
                />
              ) : null}
              {s !== "selected" ? (
                <StatusButton proposalId={proposal.id} status="selected" label={t("bookProposals.editor.select")} />
              ) : null}
              {s !== "proposed" ? (
                <StatusButton proposalId={proposal.id} status="proposed" label={t("bookProposals.editor.toProposed")} />
              ) : null}
            </div>
          </section>
          {s !== "rejected" ? (
            <section aria-labelledby="reject-heading">
              <Heading2 id="reject-heading">{t("bookProposals.editor.reject")}</Heading2>
              <RejectForm proposalId={proposal.id} />
            </section>
          ) : null}
          <section aria-labelledby="merge-heading">
            <Heading2 id="merge-heading">{t("bookProposals.editor.merge")}</Heading2>
            {s === "selected" ? (
              <Paragraph>{t("bookProposals.editor.cannotMerge")}</Paragraph>
            ) : (
              <MergeForm proposalId={proposal.id} candidates={candidates} search={search} />
            )}
          </section>
        </>
      )}

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
      </section>
      <Paragraph>
        <AppLink to={list}>{t("bookProposals.editor.back")}</AppLink> ·{" "}
        <AppLink to={`/beheer/boeken/${project.slug}/balans`}>{t("bookProposals.editor.balance")}</AppLink>
        {s !== "merged" ? (
          <>
            {" · "}
            <AppLink to={`/boek/${project.slug}/voordrachten/${proposal.id}`}>{t("bookProposals.editor.public")}</AppLink>
          </>
        ) : null}
      </Paragraph>
    </>
  );
}
