import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { handleIntents, intent, redirectWithNotice } from "~/lib/action.server";
import type { FormFailure } from "~/lib/forms.server";
import { refuse } from "~/lib/outcome";
import { AppLink } from "~/components/app-link";
import { FormError } from "~/components/form";
import { Pagination } from "~/components/pagination";
import { HeadedTable, Heading1, Paragraph, TableCell, TableRow } from "~/components/nlds";
import { getDb } from "~/db.server";
import { searchTerm } from "~/lib/query";
import { actorFrom } from "~/modules/audit/audit.server";
import { STATUS_NOTICE, StatusSchema } from "~/modules/book/editorial.schema";
import { selectedCount, setStatus } from "~/modules/book/editorial.server";
import { requireProjectEditor } from "~/modules/book/project.server";
import { ALL_STATUSES, SORTS } from "~/modules/book/proposal.schema";
import { listProposals, PAGE_SIZE, pageParam } from "~/modules/book/proposal.server";
import { SelectionButtons } from "~/modules/book/components/editor-proposal-list";
import { ProposalFilters, proposalListHref } from "~/modules/book/components/proposal-filters";
import { writingTitle } from "~/modules/book/components/manuscript-parts";

/** Without a status filter the editors see every proposal except merged ones. */
const DEFAULT_STATUSES = ["proposed", "shortlisted", "selected", "rejected"] as const;

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { project } = await requireProjectEditor(request, context, params);
  const db = getDb();
  const url = new URL(request.url);
  const q = searchTerm(url.searchParams.get("q"));
  const theme = project.themes.find((t) => t.slug === url.searchParams.get("thema"));
  const status = ALL_STATUSES.find((s) => s === url.searchParams.get("status"));
  const sort = SORTS.find((s) => s === url.searchParams.get("sorteer")) ?? "steun";
  const [{ rows, total, page }, selected] = await Promise.all([
    listProposals(
      db,
      project.id,
      { q, themeId: theme?.id, statuses: status ? [status] : DEFAULT_STATUSES, sort, page: pageParam(url.searchParams.get("pagina")) },
      context.locale,
    ),
    selectedCount(db, project.id),
  ]);
  return {
    project: {
      slug: project.slug,
      title: project.title,
      target: project.targetCount,
      themes: project.themes.map((t) => ({ slug: t.slug, name: t.name })),
    },
    filters: { q, theme: theme?.slug ?? "", status: status ?? "", sort },
    selected,
    page,
    pages: Math.max(1, Math.ceil(total / PAGE_SIZE)),
    total,
    proposals: rows.map((r) => ({ ...r, createdAt: r.createdAt.toISOString() })),
  };
}

export const meta: MetaFunction<typeof loader> = ({ data: d, matches }) =>
  writingTitle(matches, "bookProposals.editor.title", d?.project.title);

async function guard({ request, context, params }: ActionFunctionArgs) {
  const { project } = await requireProjectEditor(request, context, params);
  return { db: getDb(), project, actor: actorFrom(context) };
}

export const action = (args: ActionFunctionArgs) =>
  handleIntents(args, guard, {
    // The row buttons post without an intent; a malformed post is one message above the list.
    "": intent({
      async run(g, typed) {
        const input = StatusSchema.safeParse(typed);
        if (!input.success) return refuse(400, "errors.badRequest");
        return setStatus(g.db, g.actor, g.project, input.data.proposalId, input.data.status);
      },
      done(g, status) {
        // Back to the same page of the list, with its filters.
        const back = new URL(args.request.url);
        back.searchParams.delete("melding");
        return redirectWithNotice(back.pathname + back.search, STATUS_NOTICE[status]);
      },
    }),
  });

export default function EditorProposals() {
  const { project, filters, selected, page, pages, total, proposals } = useLoaderData<typeof loader>();
  const failure = useActionData<FormFailure>();
  const { t } = useTranslation();
  const base = `/beheer/boeken/${project.slug}`;
  return (
    <>
      <Paragraph className="lauwer-preheading">{project.title}</Paragraph>
      <Heading1>{t("bookProposals.editor.title")}</Heading1>
      <Paragraph>{t("bookProposals.editor.intro")}</Paragraph>
      <Paragraph className="lauwer-book-counter" role="status">
        <strong>{t("bookProposals.editor.counter", { count: selected, target: project.target })}</strong>
      </Paragraph>
      <Paragraph>
        <AppLink to={`${base}/balans`}>{t("bookProposals.editor.balance")}</AppLink> ·{" "}
        <AppLink to={`/boek/${project.slug}/voordrachten`}>{t("bookProposals.editor.public")}</AppLink>
      </Paragraph>
      <FormError failure={failure} />
      <ProposalFilters filters={filters} themes={project.themes} statuses={ALL_STATUSES} editors />
      <Paragraph>{t("bookProposals.list.count", { count: total })}</Paragraph>
      <div className="lauwer-table-wrap">
        <HeadedTable
          headers={[
            t("bookProposals.editor.name"),
            t("bookProposals.editor.theme"),
            t("bookProposals.editor.service"),
            t("bookProposals.editor.endorsements"),
            t("bookProposals.editor.status"),
            t("bookProposals.editor.actions"),
          ]}
        >
          {proposals.map((p) => (
            <TableRow key={p.id}>
              <TableCell>
                <AppLink to={`${base}/voordrachten/${p.id}`} aria-label={t("bookProposals.editor.open", { name: p.name })}>
                  {p.name}
                </AppLink>
                <div>{p.organisation}</div>
              </TableCell>
              <TableCell>{p.theme}</TableCell>
              <TableCell>
                {p.serviceFrom}–{p.serviceTo}
              </TableCell>
              <TableCell>{p.endorsements}</TableCell>
              <TableCell>{t(`bookProposals.status.${p.status}`)}</TableCell>
              <TableCell>
                <SelectionButtons proposal={p} />
              </TableCell>
            </TableRow>
          ))}
        </HeadedTable>
      </div>
      <Pagination page={page} pages={pages} href={(p) => proposalListHref(`${base}/voordrachten`, filters, p)} />
    </>
  );
}
