import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { AppLink } from "~/components/app-link";
import { FormError } from "~/components/form";
import { Heading1, Paragraph } from "~/components/nlds";
import { getDb } from "~/db.server";
import { writingTitle } from "~/modules/book/components/manuscript-parts";
import { intent, handleIntents, redirectWithNotice } from "~/lib/action.server";
import type { FormFailure } from "~/lib/forms.server";
import { actorFrom } from "~/modules/audit/audit.server";
import { useDateFormat } from "~/lib/locale";
import { UUID_PATTERN } from "~/modules/book/author.schema";
import { ManuscriptEditor } from "~/modules/book/components/manuscript-editor";
import { ManuscriptHistory } from "~/modules/book/components/manuscript-history";
import { ManuscriptSchema } from "~/modules/book/manuscript.schema";
import { loadManuscript, manuscriptHistory, manuscriptSummary, saveManuscript } from "~/modules/book/manuscript.server";
import { notFound, requireProjectMember } from "~/modules/book/project.server";

/** The portrait for its assigned author only; anyone else gets 404 (visitors log in first). */
async function ownManuscript(request: Request, context: LoaderFunctionArgs["context"], params: LoaderFunctionArgs["params"]) {
  const { user, project } = await requireProjectMember(request, context, params);
  if (!params.proposal || !UUID_PATTERN.test(params.proposal)) throw notFound();
  const manuscript = await loadManuscript(getDb(), project.id, params.proposal, context.locale);
  if (!manuscript || manuscript.authorId !== user.id) throw notFound();
  return { user, project, manuscript };
}

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { project, manuscript: m } = await ownManuscript(request, context, params);
  return {
    project: { slug: project.slug, title: project.title, wordsMin: project.wordsMin, wordsMax: project.wordsMax },
    manuscript: {
      ...manuscriptSummary(m),
      published: m.publishedAt !== null,
      latest: m.latestBody,
      editable: m.status === "assigned" || m.status === "returned",
    },
    ...manuscriptHistory(m),
  };
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) =>
  writingTitle(matches, "bookWriting.editor.label", data?.manuscript.subject);

async function guard({ request, context, params }: ActionFunctionArgs) {
  const { user, project, manuscript } = await ownManuscript(request, context, params);
  return {
    db: getDb(),
    user,
    project,
    proposalId: manuscript.proposalId,
    actor: actorFrom(context),
    here: `/boek/${project.slug}/mijn-portretten/${manuscript.proposalId}`,
  };
}
type Guarded = Awaited<ReturnType<typeof guard>>;
/** The editor's two buttons post intent "save" or "submit". */
const save = (g: Guarded, body: string, step: "save" | "submit") =>
  saveManuscript(g.db, g.actor, g.project, g.proposalId, g.user.id, body, step);

export const action = (args: ActionFunctionArgs) =>
  handleIntents(args, guard, {
    save: intent({
      schema: ManuscriptSchema,
      run: (g, input) => save(g, input.body, "save"),
      done: (g, { saved }) => redirectWithNotice(g.here, saved ? "bookWriting.notice.versionSaved" : "bookWriting.notice.unchanged"),
    }),
    submit: intent({
      schema: ManuscriptSchema,
      run: (g, input) => save(g, input.body, "submit"),
      done: (g) => redirectWithNotice(g.here, "bookWriting.notice.submitted"),
    }),
  });

export default function AuthorManuscript() {
  const { project, manuscript: m, versions, comments } = useLoaderData<typeof loader>();
  const failure = useActionData<FormFailure>();
  const { t } = useTranslation();
  const date = useDateFormat();
  const base = `/boek/${project.slug}`;
  return (
    <>
      <Heading1>{m.subject}</Heading1>
      <Paragraph>
        {m.role}, {m.organisation} ({m.serviceFrom}–{m.serviceTo}) — {m.theme}
      </Paragraph>
      <Paragraph>
        {t("bookWriting.statusLabel")}: <strong>{t(`bookWriting.status.${m.status}`)}</strong>
        {m.published ? ` (${t("bookWriting.published")})` : ""} · {t("bookWriting.dueOn", { date: date(m.dueAt, t("bookWriting.noDue")) })}
      </Paragraph>
      <Paragraph>{t(`bookWriting.editor.statusHelp.${m.status}`)}</Paragraph>
      <Paragraph>
        <AppLink to={`${base}/mijn-portretten`}>{t("bookWriting.mine.title")}</AppLink>
      </Paragraph>
      {/* Every failure is also summed up above the editor, the text's own message included. */}
      <FormError
        failure={
          failure && {
            formError: failure.formError ?? failure.fieldErrors.body,
            formErrorParams: { min: project.wordsMin, max: project.wordsMax },
          }
        }
      />
      <ManuscriptEditor
        key={versions[0]?.id ?? "new"}
        initial={failure?.values.body ?? m.latest}
        wordsMin={project.wordsMin}
        wordsMax={project.wordsMax}
        error={failure?.fieldErrors.body}
        editable={m.editable}
      />
      <ManuscriptHistory versions={versions} comments={comments} />
    </>
  );
}
