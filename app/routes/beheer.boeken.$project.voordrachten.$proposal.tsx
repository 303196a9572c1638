import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { intent, handleIntents, redirectWithNotice } from "~/lib/action.server";
import type { FormFailure } from "~/lib/forms.server";
import { AppLink } from "~/components/app-link";
import { FormError } from "~/components/form";
import { DataList, Heading1, Heading2, Paragraph, UnorderedList, UnorderedListItem } from "~/components/nlds";
import { Fact } from "~/components/facts";
import { getDb } from "~/db.server";
import { useDateFormat } from "~/lib/locale";
import { searchTerm } from "~/lib/query";
import { actorFrom } from "~/modules/audit/audit.server";
import { ProposalComments } from "~/modules/book/components/proposal-comments";
import { EditorialActions } from "~/modules/book/components/proposal-editorial";
import { ProposalFacts } from "~/modules/book/components/proposal-facts";
import { MergeSchema, RejectSchema, STATUS_NOTICE, StatusSchema } from "~/modules/book/editorial.schema";
import { mergeCandidates, mergeProposals, rejectProposal, selectedCount, setStatus } from "~/modules/book/editorial.server";
import { notFound, orNotFound, requireProjectEditor } from "~/modules/book/project.server";
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

async function guard({ request, context, params }: ActionFunctionArgs) {
  const { project } = await requireProjectEditor(request, context, params);
  if (!isUuid(params.proposal)) throw notFound();
  const list = `/beheer/boeken/${project.slug}/voordrachten`;
  return { db: getDb(), project, proposalId: params.proposal, actor: actorFrom(context), list, here: `${list}/${params.proposal}` };
}
type Guarded = Awaited<ReturnType<typeof guard>>;

/** Every form is about the proposal of the page: another id is not found here. */
function ofThisPage(g: Guarded, proposalId: string) {
  if (proposalId !== g.proposalId) throw notFound();
}

export const action = (args: ActionFunctionArgs) =>
  handleIntents(args, guard, {
    reject: intent({
      schema: RejectSchema,
      async run(g, input) {
        ofThisPage(g, input.proposalId);
        return orNotFound(await rejectProposal(g.db, g.actor, g.project, g.proposalId, input.reason));
      },
      done: (g) => redirectWithNotice(g.here, "bookProposals.notice.rejected"),
    }),
    merge: intent({
      schema: MergeSchema,
      async run(g, input) {
        ofThisPage(g, input.proposalId);
        return orNotFound(await mergeProposals(g.db, g.actor, g.project, g.proposalId, input.survivorId));
      },
      done: (g, merged) => redirectWithNotice(`${g.list}/${merged.survivorId}`, "bookProposals.notice.merged"),
    }),
    status: intent({
      schema: StatusSchema,
      async run(g, input) {
        ofThisPage(g, input.proposalId);
        return orNotFound(await setStatus(g.db, g.actor, g.project, g.proposalId, input.status));
      },
      done: (g, status) => redirectWithNotice(g.here, STATUS_NOTICE[status]),
    }),
  });

export default function EditorProposal() {
  const { project, proposal, survivor, sources, comments, candidates, search, selected } = useLoaderData<typeof loader>();
  const actionData = useActionData<FormFailure>();
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
          <Fact label={t("bookProposals.detail.status")}>
            {t(`bookProposals.status.${s}`)} ({t("bookProposals.editor.previousStatus", { date: date(proposal.statusChangedAt) })})
            {proposal.hasAuthor ? ` — ${t("bookProposals.editor.hasAuthor")}` : ""}
          </Fact>
          <ProposalFacts proposal={proposal} />
          <Fact label={t("bookProposals.editor.proposer")}>
            {proposal.proposerName ?? t("bookProposals.detail.formerMember")}, {date(proposal.createdAt)}
          </Fact>
          <Fact label={t("bookProposals.detail.support")}>{t("bookProposals.endorsements", { count: proposal.endorsements })}</Fact>
          {proposal.rejectionReason ? <Fact label={t("bookProposals.editor.rejectedReason")}>{proposal.rejectionReason}</Fact> : null}
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
        <EditorialActions proposalId={proposal.id} status={s} candidates={candidates} search={search} />
      )}

      <ProposalComments comments={comments} />
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
