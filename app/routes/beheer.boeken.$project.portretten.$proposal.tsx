import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { diffWords } from "diff";
import { useTranslation } from "react-i18next";
import { AppLink } from "~/components/app-link";
import { FormError, SelectField, SubmitButton, TextareaField, useAppForm } from "~/components/form";
import { Button, FormField, FormLabel, Heading1, Heading2, Paragraph, Select, SelectOption } from "~/components/nlds";
import { config } from "~/config.server";
import { getDb } from "~/db.server";
import { writingTitle } from "~/modules/book/components/manuscript-parts";
import { formFailure, parseForm } from "~/lib/forms.server";
import { withNotice } from "~/lib/notice";
import { actorFrom } from "~/modules/audit/audit.server";
import { useDateFormat } from "~/lib/locale";
import { UUID_PATTERN } from "~/modules/book/author.schema";
import { DiffView, type DiffPart } from "~/modules/book/components/diff-view";
import { ManuscriptHistory } from "~/modules/book/components/manuscript-history";
import { CommentSchema, COMMENT_MAX, EditorActionSchema, ReturnSchema, type EditorAction } from "~/modules/book/manuscript.schema";
import { commentOnVersion, editorAction, loadManuscript, returnToAuthor, versionBodies } from "~/modules/book/manuscript.server";
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
      proposalId: m.proposalId,
      subject: m.subject,
      role: m.role,
      organisation: m.organisation,
      serviceFrom: m.serviceFrom,
      serviceTo: m.serviceTo,
      theme: m.theme,
      authorName: m.authorName,
      status: m.status,
      dueAt: m.dueAt?.toISOString() ?? null,
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
    versions: m.versions.map((v) => ({
      id: v.id,
      version: v.version,
      word_count: v.word_count,
      submitted: v.submitted,
      created_at: v.created_at.toISOString(),
    })),
    comments: m.comments.map((c) => ({
      id: c.id,
      version_id: c.version_id,
      body: c.body,
      created_at: c.created_at.toISOString(),
      author_name: c.author_name,
    })),
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

export async function action({ request, context, params }: ActionFunctionArgs) {
  const { project, manuscript } = await editorManuscript(request, context, params);
  const intent = new URL(request.url).searchParams.get("intent");
  const db = getDb();
  const actor = actorFrom(context);
  const mail = { origin: config().origin };
  const here = `/beheer/boeken/${project.slug}/portretten/${manuscript.proposalId}`;
  if (intent === "status") {
    const parsed = await parseForm(request, EditorActionSchema);
    if (!parsed.ok) return formFailure(400, { fieldErrors: {}, formError: "errors.badRequest" });
    const r = await editorAction(db, actor, project, manuscript.proposalId, parsed.data.action, mail);
    if (!r.ok) return formFailure(r.status, { fieldErrors: {}, formError: r.error });
    return redirect(withNotice(here, `bookWriting.notice.${NOTICE[parsed.data.action]}`), 303);
  }
  if (intent === "return") {
    const parsed = await parseForm(request, ReturnSchema);
    if (!parsed.ok) return formFailure(400, parsed);
    const r = await returnToAuthor(db, actor, project, manuscript.proposalId, parsed.data.body, mail);
    if (!r.ok) return formFailure(r.status, { fieldErrors: {}, formError: r.error, values: parsed.raw });
    return redirect(withNotice(here, "bookWriting.notice.returned"), 303);
  }
  if (intent === "comment") {
    const parsed = await parseForm(request, CommentSchema);
    if (!parsed.ok) return formFailure(400, parsed);
    const r = await commentOnVersion(db, actor, project, manuscript.proposalId, parsed.data.versionId, parsed.data.body);
    if (!r.ok) return formFailure(r.status, { fieldErrors: r.field ? { [r.field]: r.error } : {}, formError: r.error, values: parsed.raw });
    return redirect(withNotice(here, "bookWriting.notice.commented"), 303);
  }
  return formFailure(400, { fieldErrors: {}, formError: "errors.badRequest" });
}

type Data = ReturnType<typeof useLoaderData<typeof loader>>;

export default function EditorManuscript() {
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
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
        {t("bookWriting.manuscript.byline", { name: m.authorName })} · {t("bookWriting.statusLabel")}:{" "}
        <strong>{t(`bookWriting.status.${m.status}`)}</strong>
        {m.publishedAt ? ` (${t("bookWriting.publishedOn", { date: date(m.publishedAt, "") })})` : ""} ·{" "}
        {t("bookWriting.dueOn", { date: date(m.dueAt, t("bookWriting.noDue")) })}
      </Paragraph>
      <FormError failure={statusFailure} />
      <StatusActions data={data} />
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
      {data.versions.length >= 2 ? <DiffSection data={data} /> : null}
      {data.latest ? <CommentForm data={data} /> : null}
      <ManuscriptHistory versions={data.versions} comments={data.comments} />
    </>
  );
}

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

function StatusActions({ data }: { data: Data }) {
  const { t } = useTranslation();
  const m = data.manuscript;
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

function CommentForm({ data }: { data: Data }) {
  const { t } = useTranslation();
  const { register, handleSubmit, errorOf, failure, watch } = useAppForm(
    CommentSchema,
    { formId: "comment", versionId: data.latest?.id ?? "", body: "" },
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
          {data.versions.map((v) => (
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

function DiffSection({ data }: { data: Data }) {
  const { t } = useTranslation();
  const diff = data.diff;
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
              {data.versions.map((v) => (
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
