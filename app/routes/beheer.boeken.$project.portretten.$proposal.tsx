import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { diffWords } from "diff";
import { useTranslation } from "react-i18next";
import "~/i18n/page-texts/departed";
import { AppLink } from "~/components/app-link";
import { FormError } from "~/components/form";
import { Heading1, Heading2, Paragraph } from "~/components/nlds";
import { config } from "~/config.server";
import { getDb } from "~/db.server";
import { writingTitle } from "~/modules/book/components/manuscript-parts";
import { intent, handleIntents, redirectWithNotice } from "~/lib/action.server";
import type { FormFailure } from "~/lib/forms.server";
import { ok } from "~/lib/outcome";
import { actorFrom } from "~/modules/audit/audit.server";
import { useDateFormat } from "~/lib/locale";
import { UUID_PATTERN } from "~/modules/book/author.schema";
import type { DiffPart } from "~/modules/book/components/diff-view";
import { ManuscriptHistory } from "~/modules/book/components/manuscript-history";
import { DiffSection, StatusActions, VersionCommentForm } from "~/modules/book/components/manuscript-review";
import { CommentSchema, EditorActionSchema, ReturnSchema, type EditorAction } from "~/modules/book/manuscript.schema";
import {
  commentOnVersion,
  editorAction,
  loadManuscript,
  manuscriptHistory,
  manuscriptSummary,
  returnToAuthor,
  versionBodies,
} from "~/modules/book/manuscript.server";
import { renderMarkdown } from "~/modules/book/markdown.server";
import { notFound, requireProjectEditor } from "~/modules/book/project.server";
import { lengthVerdict } from "~/modules/book/words";

async function editorManuscript(request: Request, context: LoaderFunctionArgs["context"], params: LoaderFunctionArgs["params"]) {
  const { project } = await requireProjectEditor(request, context, params);
  if (!params.proposal || !UUID_PATTERN.test(params.proposal)) throw notFound();
  const manuscript = await loadManuscript(getDb(), project.id, params.proposal, context.locale);
  if (!manuscript) throw notFound();
  return { project, manuscript };
}

const DIFF_TIMEOUT_MS = 500;

const versionParam = (v: string | null, max: number) => (v && /^\d{1,6}$/.test(v) && Number(v) >= 1 && Number(v) <= max ? Number(v) : null);

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { project, manuscript: m } = await editorManuscript(request, context, params);
  const url = new URL(request.url);
  const latest = m.versions[0];
  const count = latest?.version ?? 0;
  const to = versionParam(url.searchParams.get("naar"), count) ?? count;
  const from = versionParam(url.searchParams.get("van"), count) ?? Math.max(1, to - 1);
  let diff: { from: number; to: number; parts: DiffPart[] | null } | null = null;
  if (count >= 2 || (count === 1 && from !== to)) {
    const bodies = await versionBodies(getDb(), m.proposalId, [...new Set([from, to])]);
    // Word diffs grow with the product of the lengths when texts differ a lot: give up after half a
    // second (the page then says so) rather than hold up the server.
    const parts = diffWords(bodies.get(from) ?? "", bodies.get(to) ?? "", { timeout: DIFF_TIMEOUT_MS });
    diff = { from, to, parts: parts ? parts.map((p) => ({ value: p.value, added: p.added, removed: p.removed })) : null };
  }
  return {
    project: { slug: project.slug, title: project.title, wordsMin: project.wordsMin, wordsMax: project.wordsMax },
    manuscript: {
      ...manuscriptSummary(m),
      authorName: m.authorName,
      publishedAt: m.publishedAt?.toISOString() ?? null,
    },
    latest: latest
      ? {
          id: latest.id,
          version: latest.version,
          words: latest.word_count,
          verdict: lengthVerdict(latest.word_count, project.wordsMin, project.wordsMax),
          html: renderMarkdown(m.latestBody),
        }
      : null,
    diff,
    ...manuscriptHistory(m),
  };
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) =>
  writingTitle(matches, "bookWriting.manuscript.actions", data?.manuscript.subject);

const NOTICE: Record<EditorAction, "startedEdit" | "madeFinal" | "reopened" | "published" | "unpublished"> = {
  startEdit: "startedEdit",
  makeFinal: "madeFinal",
  reopen: "reopened",
  publish: "published",
  unpublish: "unpublished",
};

async function guard({ request, context, params }: ActionFunctionArgs) {
  const { project, manuscript } = await editorManuscript(request, context, params);
  return {
    db: getDb(),
    project,
    proposalId: manuscript.proposalId,
    actor: actorFrom(context),
    mail: { origin: config().origin },
    here: `/beheer/boeken/${project.slug}/portretten/${manuscript.proposalId}`,
  };
}

export const action = (args: ActionFunctionArgs) =>
  handleIntents(args, guard, {
    status: intent({
      schema: EditorActionSchema,
      // The status buttons have no fields: their message is shown above the actions.
      errorsOnForm: true,
      async run(g, input) {
        const outcome = await editorAction(g.db, g.actor, g.project, g.proposalId, input.action, g.mail);
        return outcome.ok ? ok(input.action) : outcome;
      },
      done: (g, action) => redirectWithNotice(g.here, `bookWriting.notice.${NOTICE[action]}`),
    }),
    return: intent({
      schema: ReturnSchema,
      run: (g, input) => returnToAuthor(g.db, g.actor, g.project, g.proposalId, input.body, g.mail),
      done: (g) => redirectWithNotice(g.here, "bookWriting.notice.returned"),
    }),
    comment: intent({
      schema: CommentSchema,
      run: (g, input) => commentOnVersion(g.db, g.actor, g.project, g.proposalId, input.versionId, input.body),
      done: (g) => redirectWithNotice(g.here, "bookWriting.notice.commented"),
    }),
  });

export default function EditorManuscript() {
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<FormFailure>();
  const { t } = useTranslation();
  const date = useDateFormat();
  const m = data.manuscript;
  const admin = `/beheer/boeken/${data.project.slug}`;
  const statusFailure = actionData && !actionData.values.formId ? actionData : undefined;
  return (
    <>
      <Heading1>{m.subject}</Heading1>
      <Paragraph>
        <AppLink to={`${admin}/portretten`}>{t("bookWriting.overview.title")}</AppLink>
      </Paragraph>
      <Paragraph>
        {m.role}, {m.organisation} ({m.serviceFrom}–{m.serviceTo}) — {m.theme}
      </Paragraph>
      <Paragraph>
        {t("bookWriting.manuscript.byline", { name: m.authorName ?? t("departed.member") })} · {t("bookWriting.statusLabel")}:{" "}
        <strong>{t(`bookWriting.status.${m.status}`)}</strong>
        {m.publishedAt ? ` (${t("bookWriting.publishedOn", { date: date(m.publishedAt, "") })})` : ""} ·{" "}
        {t("bookWriting.dueOn", { date: date(m.dueAt, t("bookWriting.noDue")) })}
      </Paragraph>
      <FormError failure={statusFailure} />
      <StatusActions manuscript={m} />
      <section aria-labelledby="preview-heading">
        <Heading2 id="preview-heading">
          {data.latest ? t("bookWriting.manuscript.preview", { n: data.latest.version }) : t("bookWriting.manuscript.previewNone")}
        </Heading2>
        {data.latest ? (
          <>
            <Paragraph>
              {t("bookWriting.words", { count: data.latest.words })} — {t(`bookWriting.editor.verdict.${data.latest.verdict}`)}
            </Paragraph>
            {/* Rendered by markdown-it with raw HTML escaped and unsafe links refused: safe to insert. */}
            <article className="lauwer-bw-preview" dangerouslySetInnerHTML={{ __html: data.latest.html }} />
          </>
        ) : null}
      </section>
      {data.versions.length >= 2 ? <DiffSection diff={data.diff} versions={data.versions} /> : null}
      {data.latest ? <VersionCommentForm latestId={data.latest.id} versions={data.versions} /> : null}
      <ManuscriptHistory versions={data.versions} comments={data.comments} />
    </>
  );
}
