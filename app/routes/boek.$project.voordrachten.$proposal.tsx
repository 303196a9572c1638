import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { intent, handleIntents, redirectWithNotice } from "~/lib/action.server";
import type { FormFailure } from "~/lib/forms.server";
import { hasPrivilege } from "~/auth/guards.server";
import { AppLink } from "~/components/app-link";
import { FormError } from "~/components/form";
import { DataList, Heading1, Heading2, Paragraph, UnorderedList, UnorderedListItem } from "~/components/nlds";
import { Fact } from "~/components/facts";
import { getDb } from "~/db.server";
import { useDateFormat } from "~/lib/locale";
import { ProposalCommentForm, ProposalComments } from "~/modules/book/components/proposal-comments";
import { ProposalFacts } from "~/modules/book/components/proposal-facts";
import { ProposalSupport } from "~/modules/book/components/proposal-support";
import { lifeYears } from "~/modules/book/components/proposal-years";
import { loadProject, notFound, orNotFound, requireProjectMember } from "~/modules/book/project.server";
import { CommentSchema } from "~/modules/book/proposal.schema";
import {
  addComment,
  endorse,
  getProposal,
  hasEndorsed,
  isUuid,
  listComments,
  listSources,
  survivorOf,
  withdrawEndorsement,
} from "~/modules/book/proposal.server";

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const db = getDb();
  const project = await loadProject(db, params.project, context.locale);
  if (!isUuid(params.proposal)) throw notFound();
  const proposal = await getProposal(db, project.id, params.proposal, context.locale);
  if (!proposal) throw notFound();
  const base = `/boek/${project.slug}/voordrachten`;
  if (proposal.status === "merged") {
    const survivor = await survivorOf(db, project.id, proposal.id);
    if (!survivor) throw notFound();
    throw redirect(`${base}/${survivor}${new URL(request.url).search}`, 301);
  }
  const user = context.user;
  const isEditor = await hasPrivilege(context, { role: "editor", bookProjectId: project.id });
  // A rejected proposal is seen only by its proposer (with the reason) and the editors.
  if (proposal.status === "rejected" && !isEditor && (!user || user.id !== proposal.proposerId)) throw notFound();
  const [sources, comments, endorsed] = await Promise.all([
    listSources(db, proposal.id),
    listComments(db, proposal.id),
    user ? hasEndorsed(db, proposal.id, user.id) : Promise.resolve(false),
  ]);
  // Who proposed someone is for the editors; the proposer sees it is theirs. Nobody else gets the id or name.
  const { proposerId, proposerName, ...shown } = proposal;
  return {
    project: { slug: project.slug, title: project.title },
    proposal: {
      ...shown,
      createdAt: proposal.createdAt.toISOString(),
      statusChangedAt: proposal.statusChangedAt.toISOString(),
    },
    proposer: isEditor ? { name: proposerName } : null,
    viewerIsProposer: Boolean(user && proposerId && user.id === proposerId),
    sources,
    comments: comments.map((c) => ({ id: c.id, body: c.body, author: c.author_name, at: c.created_at.toISOString() })),
    viewer: user ? { signedIn: true, verified: user.emailVerified, endorsed } : { signedIn: false, verified: false, endorsed: false },
    isEditor,
  };
}

export const meta: MetaFunction<typeof loader> = ({ data: d }) => [
  { title: d ? `${d.proposal.name} — ${d.project.title} — Lauwer` : "Lauwer" },
];

async function guard({ request, context, params }: ActionFunctionArgs) {
  const { user, project } = await requireProjectMember(request, context, params);
  if (!isUuid(params.proposal)) throw notFound();
  return { db: getDb(), user, project, proposalId: params.proposal, here: `/boek/${project.slug}/voordrachten/${params.proposal}` };
}

export const action = (args: ActionFunctionArgs) =>
  handleIntents(args, guard, {
    comment: intent({
      schema: CommentSchema,
      run: async (g, input) => orNotFound(await addComment(g.db, g.user.id, g.project.id, g.proposalId, input.body)),
      done: (g) => redirectWithNotice(g.here, "bookProposals.notice.commented"),
    }),
    withdraw: intent({
      run: (g) => withdrawEndorsement(g.db, g.user.id, g.project.id, g.proposalId),
      done: (g, { removed }) => redirectWithNotice(g.here, removed ? "bookProposals.notice.withdrawn" : "bookProposals.notice.notEndorsed"),
    }),
    endorse: intent({
      run: async (g) => orNotFound(await endorse(g.db, g.user.id, g.project.id, g.proposalId)),
      done: (g, { added }) => redirectWithNotice(g.here, added ? "bookProposals.notice.endorsed" : "bookProposals.notice.alreadyEndorsed"),
    }),
  });

export default function ProposalPage() {
  const { project, proposal, proposer, viewerIsProposer, sources, comments, viewer, isEditor } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const date = useDateFormat();
  const base = `/boek/${project.slug}/voordrachten`;
  const live = proposal.status !== "rejected";
  const actionData = useActionData<FormFailure>();
  return (
    <>
      <Paragraph className="lauwer-preheading">
        <AppLink to={base}>{project.title}</AppLink>
      </Paragraph>
      <Heading1>{proposal.name}</Heading1>
      <Paragraph lead>
        {lifeYears(t, proposal.birthYear, proposal.deathYear)} · {proposal.role}, {proposal.organisation}
      </Paragraph>
      <FormError failure={actionData && !Object.keys(actionData.fieldErrors).length ? actionData : undefined} />
      {proposal.status === "rejected" ? (
        <div className="lauwer-book-rejected">
          <Paragraph>{t("bookProposals.detail.rejected")}</Paragraph>
          <Paragraph>{proposal.rejectionReason}</Paragraph>
        </div>
      ) : null}
      <section aria-labelledby="life-heading">
        <Heading2 id="life-heading">{t("bookProposals.detail.lifeAndService")}</Heading2>
        <DataList>
          <ProposalFacts proposal={proposal} />
          <Fact label={t("bookProposals.detail.status")}>{t(`bookProposals.status.${proposal.status}`)}</Fact>
        </DataList>
        <Paragraph>
          {proposer
            ? `${t("bookProposals.detail.proposedBy", { name: proposer.name ?? t("bookProposals.detail.formerMember") })}, ${date(proposal.createdAt)}`
            : t(viewerIsProposer ? "bookProposals.detail.proposedByYou" : "bookProposals.detail.proposedOn", {
                date: date(proposal.createdAt),
              })}
        </Paragraph>
      </section>
      <section aria-labelledby="motivation-heading">
        <Heading2 id="motivation-heading">{t("bookProposals.detail.motivation")}</Heading2>
        {proposal.motivation.split(/\n{2,}/).map((para, i) => (
          <Paragraph key={i} className="lauwer-book-text">
            {para}
          </Paragraph>
        ))}
      </section>
      <section aria-labelledby="sources-heading">
        <Heading2 id="sources-heading">{t("bookProposals.detail.sources")}</Heading2>
        <UnorderedList>
          {sources.map((s) => (
            <UnorderedListItem key={s.id}>
              <a href={s.url} className="utrecht-link" rel="noopener noreferrer nofollow">
                {s.title}
              </a>
            </UnorderedListItem>
          ))}
        </UnorderedList>
      </section>
      <ProposalSupport
        endorsements={proposal.endorsements}
        live={live}
        viewer={viewer}
        loginTo={`/inloggen?redirectTo=${encodeURIComponent(`${base}/${proposal.id}`)}`}
      />
      <ProposalComments comments={comments}>{live && viewer.verified ? <ProposalCommentForm /> : null}</ProposalComments>
      <Paragraph>
        <AppLink to={base}>{t("bookProposals.detail.back")}</AppLink>
        {isEditor ? (
          <>
            {" · "}
            <AppLink to={`/beheer/boeken/${project.slug}/voordrachten/${proposal.id}`}>{t("bookProposals.detail.manage")}</AppLink>
          </>
        ) : null}
      </Paragraph>
    </>
  );
}
