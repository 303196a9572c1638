import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { parseForm } from "~/lib/forms.server";
import { hasRole } from "~/auth/guards.server";
import { AppLink } from "~/components/app-link";
import { FormError, SubmitButton, TextareaField, useAppForm } from "~/components/form";
import {
  Button,
  DataList,
  DataListItem,
  DataListKey,
  DataListValue,
  Heading1,
  Heading2,
  Paragraph,
  UnorderedList,
  UnorderedListItem,
} from "~/components/nlds";
import { getDb } from "~/db.server";
import { useDateFormat } from "~/lib/locale";
import { withNotice, type Notice } from "~/lib/notice";
import { ProposalFacts } from "~/modules/book/components/proposal-facts";
import { lifeYears } from "~/modules/book/components/proposal-years";
import { loadProject, notFound, requireProjectMember } from "~/modules/book/project.server";
import { COMMENT_MAX, CommentSchema, type CommentInput } from "~/modules/book/proposal.schema";
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
  const isEditor = user ? await hasRole(db, user.id, { role: "editor", bookProjectId: project.id }) : false;
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

const failure = (status: number, formError: string, values: Record<string, string> = {}) =>
  data({ ok: false as const, fieldErrors: {} as Record<string, string>, formError, values }, status);

export async function action({ request, context, params }: ActionFunctionArgs) {
  const { user, project } = await requireProjectMember(request, context, params);
  if (!isUuid(params.proposal)) throw notFound();
  const proposalId = params.proposal;
  const here = `/boek/${project.slug}/voordrachten/${proposalId}`;
  const intent = new URL(request.url).searchParams.get("intent");
  let notice: Notice;
  if (intent === "comment") {
    const parsed = await parseForm(request, CommentSchema);
    if (!parsed.ok) return data(parsed, 400);
    const result = await addComment(getDb(), user.id, project.id, proposalId, parsed.data.body);
    if (result === "notFound") throw notFound();
    if (result === "closed") return failure(409, "bookProposals.errors.commentClosed", parsed.raw);
    notice = "bookProposals.notice.commented";
  } else if (intent === "withdraw") {
    notice = (await withdrawEndorsement(getDb(), user.id, project.id, proposalId))
      ? "bookProposals.notice.withdrawn"
      : "bookProposals.notice.notEndorsed";
  } else if (intent === "endorse") {
    const result = await endorse(getDb(), user.id, project.id, proposalId);
    if (result === "notFound") throw notFound();
    if (result === "closed") return failure(409, "bookProposals.errors.notEndorsable");
    notice = result === "endorsed" ? "bookProposals.notice.endorsed" : "bookProposals.notice.alreadyEndorsed";
  } else {
    return failure(400, "errors.badRequest");
  }
  return redirect(withNotice(here, notice), 303);
}

function CommentForm() {
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

export default function ProposalPage() {
  const { project, proposal, proposer, viewerIsProposer, sources, comments, viewer, isEditor } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const date = useDateFormat();
  const base = `/boek/${project.slug}/voordrachten`;
  const live = proposal.status !== "rejected";
  const actionData = useActionData<typeof action>();
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
          <DataListItem>
            <DataListKey>{t("bookProposals.detail.status")}</DataListKey>
            <DataListValue>{t(`bookProposals.status.${proposal.status}`)}</DataListValue>
          </DataListItem>
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
      <section aria-labelledby="support-heading">
        <Heading2 id="support-heading">{t("bookProposals.detail.support")}</Heading2>
        <Paragraph data-testid="endorsement-count">{t("bookProposals.endorsements", { count: proposal.endorsements })}</Paragraph>
        {live && viewer.verified ? (
          viewer.endorsed ? (
            <>
              <Paragraph>{t("bookProposals.detail.endorsedByYou")}</Paragraph>
              <Form method="post" action="?intent=withdraw">
                <Button type="submit" appearance="secondary-action-button">
                  {t("bookProposals.detail.withdraw")}
                </Button>
              </Form>
            </>
          ) : (
            <Form method="post" action="?intent=endorse">
              <Button type="submit" appearance="primary-action-button">
                {t("bookProposals.detail.endorse")}
              </Button>
            </Form>
          )
        ) : null}
        {live && !viewer.signedIn ? (
          <Paragraph>
            <AppLink to={`/inloggen?redirectTo=${encodeURIComponent(`${base}/${proposal.id}`)}`}>
              {t("bookProposals.detail.loginToEndorse")}
            </AppLink>
          </Paragraph>
        ) : null}
      </section>
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
        {live && viewer.verified ? <CommentForm /> : null}
      </section>
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
