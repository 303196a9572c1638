import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { useEffect } from "react";
import { useTranslation } from "react-i18next";
import { AppLink } from "~/components/app-link";
import { FormError } from "~/components/form";
import { HeadedTable, Heading1, Heading2, Paragraph } from "~/components/nlds";
import { config } from "~/config.server";
import { getDb } from "~/db.server";
import { dateTimeLocalValue } from "~/lib/locale";
import { writingTitle } from "~/modules/book/components/manuscript-parts";
import { intent, handleIntents, redirectWithNotice } from "~/lib/action.server";
import type { FormFailure } from "~/lib/forms.server";
import { actorFrom } from "~/modules/audit/audit.server";
import { AssignmentSuggestion, PortraitRow } from "~/modules/book/components/assignment-board";
import { applySuggestion, assign, assignmentBoard, suggestionFor, unassign } from "~/modules/book/assignment.server";
import { AssignSchema, ProposalIdSchema } from "~/modules/book/manuscript.schema";
import { requireProjectEditor } from "~/modules/book/project.server";
import * as z from "zod/mini";

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { project } = await requireProjectEditor(request, context, params);
  const board = await assignmentBoard(getDb(), project, context.locale);
  const s = suggestionFor(board);
  const portraitName = new Map(board.portraits.map((p) => [p.id, p.name]));
  const authorName = new Map(board.authors.map((a) => [a.userId, a.name]));
  return {
    project: { slug: project.slug, title: project.title, defaultDue: dateTimeLocalValue(project.draftsDueAt) },
    board: {
      portraits: board.portraits.map((p) => ({
        ...p,
        author: p.author ? { ...p.author, dueAt: p.author.dueAt?.toISOString() ?? null } : null,
      })),
      authors: board.authors,
    },
    suggestion: {
      fingerprint: s.fingerprint,
      byRank: s.byRank,
      pairs: s.pairs.map((p) => ({ ...p, portrait: portraitName.get(p.proposalId) ?? "", author: authorName.get(p.userId) ?? "" })),
      unclaimed: s.unclaimed.map((id) => portraitName.get(id) ?? ""),
      unmatched: s.unmatched.map((id) => portraitName.get(id) ?? ""),
      authorsAtCap: s.authorsAtCap.map((id) => authorName.get(id) ?? ""),
    },
  };
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) =>
  writingTitle(matches, "bookWriting.assign.title", data?.project.title);

/** The suggestion as the editor saw it; any other fingerprint is a suggestion that changed. */
const SUGGESTION_CHANGED = "bookWriting.errors.suggestionChanged";
const ApplySchema = z.object({
  fingerprint: z.string({ error: SUGGESTION_CHANGED }).check(z.regex(/^[0-9a-f]{32}$/, { error: SUGGESTION_CHANGED })),
});

async function guard({ request, context, params }: ActionFunctionArgs) {
  const { project } = await requireProjectEditor(request, context, params);
  return {
    db: getDb(),
    project,
    actor: actorFrom(context),
    mail: { origin: config().origin },
    locale: context.locale,
    here: `/beheer/boeken/${project.slug}/toewijzing`,
  };
}

// The board's forms have no field-level messages: every error is shown above the board.
export const action = (args: ActionFunctionArgs) =>
  handleIntents(args, guard, {
    assign: intent({
      schema: AssignSchema,
      errorsOnForm: true,
      run: (g, input) => assign(g.db, g.actor, g.project, input, g.mail),
      done: (g) => redirectWithNotice(g.here, "bookWriting.notice.assigned"),
    }),
    unassign: intent({
      schema: ProposalIdSchema,
      errorsOnForm: true,
      run: (g, input) => unassign(g.db, g.actor, g.project, input.proposalId),
      done: (g) => redirectWithNotice(g.here, "bookWriting.notice.unassigned"),
    }),
    apply: intent({
      schema: ApplySchema,
      errorsOnForm: true,
      run: (g, input) => applySuggestion(g.db, g.actor, g.project, input.fingerprint, g.mail, g.locale),
      done: (g) => redirectWithNotice(g.here, "bookWriting.notice.suggestionApplied"),
    }),
  });

export default function Assignment() {
  const data = useLoaderData<typeof loader>();
  const failure = useActionData<FormFailure>();
  const { t } = useTranslation();
  const admin = `/beheer/boeken/${data.project.slug}`;
  useEffect(() => {
    if (failure) document.getElementById("form-error")?.focus();
  }, [failure]);
  return (
    <>
      <Heading1>{t("bookWriting.assign.title")}</Heading1>
      <Paragraph>
        <AppLink to={admin}>{t("bookWriting.backToProject")}</AppLink> ·{" "}
        <AppLink to={`${admin}/auteurs`}>{t("bookWriting.authors.titleShort")}</AppLink> ·{" "}
        <AppLink to={`${admin}/portretten`}>{t("bookWriting.overview.title")}</AppLink>
      </Paragraph>
      <FormError failure={failure} />
      <AssignmentSuggestion suggestion={data.suggestion} />
      <section aria-labelledby="portraits-heading">
        <Heading2 id="portraits-heading">{t("bookWriting.assign.portraitsHeading", { count: data.board.portraits.length })}</Heading2>
        <HeadedTable headers={[t("bookWriting.subject"), t("bookWriting.assign.claimants"), t("bookWriting.assign.author")]}>
          {data.board.portraits.map((p) => (
            <PortraitRow key={p.id} portrait={p} authors={data.board.authors} defaultDue={data.project.defaultDue} />
          ))}
        </HeadedTable>
      </section>
    </>
  );
}
