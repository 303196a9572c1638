import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { hasPrivilege } from "~/auth/guards.server";
import { AppLink } from "~/components/app-link";
import { Pagination } from "~/components/pagination";
import { Heading1, Paragraph } from "~/components/nlds";
import { getDb } from "~/db.server";
import { searchTerm } from "~/lib/query";
import { lifeYears } from "~/modules/book/components/proposal-years";
import { loadProject } from "~/modules/book/project.server";
import { PUBLIC_STATUSES, SORTS } from "~/modules/book/proposal.schema";
import { ProposalFilters, proposalListHref } from "~/modules/book/components/proposal-filters";
import { listProposals, PAGE_SIZE, pageParam, yearParam } from "~/modules/book/proposal.server";
import { writingTitle } from "~/modules/book/components/manuscript-parts";

export async function loader({ params, request, context }: LoaderFunctionArgs) {
  const db = getDb();
  const project = await loadProject(db, params.project, context.locale);
  const url = new URL(request.url);
  const q = searchTerm(url.searchParams.get("q"));
  const theme = project.themes.find((t) => t.slug === url.searchParams.get("thema"));
  const status = PUBLIC_STATUSES.find((s) => s === url.searchParams.get("status"));
  const sort = SORTS.find((s) => s === url.searchParams.get("sorteer")) ?? "steun";
  const from = yearParam(url.searchParams.get("van"));
  const to = yearParam(url.searchParams.get("tot"));
  const { rows, total, page } = await listProposals(
    db,
    project.id,
    {
      q,
      themeId: theme?.id,
      statuses: status ? [status] : PUBLIC_STATUSES,
      from,
      to,
      sort,
      page: pageParam(url.searchParams.get("pagina")),
    },
    context.locale,
  );
  const isEditor = await hasPrivilege(context, { role: "editor", bookProjectId: project.id });
  return {
    project: {
      slug: project.slug,
      title: project.title,
      themes: project.themes.map((t) => ({ slug: t.slug, name: t.name })),
      open: project.proposalsOpen,
    },
    filters: { q, theme: theme?.slug ?? "", status: status ?? "", sort, from: from ?? "", to: to ?? "" },
    page,
    pages: Math.max(1, Math.ceil(total / PAGE_SIZE)),
    total,
    proposals: rows.map((r) => ({ ...r, createdAt: r.createdAt.toISOString() })),
    isEditor,
  };
}

export const meta: MetaFunction<typeof loader> = ({ data: d, matches }) =>
  writingTitle(matches, "bookProposals.list.title", d?.project.title);

export default function Proposals() {
  const { project, filters, page, pages, total, proposals, isEditor } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const base = `/boek/${project.slug}/voordrachten`;
  return (
    <>
      <Paragraph className="lauwer-preheading">{project.title}</Paragraph>
      <Heading1>{t("bookProposals.list.title")}</Heading1>
      <Paragraph>{t("bookProposals.list.intro", { project: project.title })}</Paragraph>
      <Paragraph>
        {project.open ? <AppLink to={`${base}/nieuw`}>{t("bookProposals.list.propose")}</AppLink> : null}
        {project.open && isEditor ? " · " : null}
        {isEditor ? <AppLink to={`/beheer/boeken/${project.slug}/voordrachten`}>{t("bookProposals.list.manage")}</AppLink> : null}
      </Paragraph>
      <ProposalFilters filters={filters} themes={project.themes} statuses={PUBLIC_STATUSES} />
      <Paragraph role="status">{t("bookProposals.list.count", { count: total })}</Paragraph>
      {proposals.length === 0 ? (
        <Paragraph>{t("bookProposals.list.empty")}</Paragraph>
      ) : (
        <ul className="lauwer-card-list">
          {proposals.map((p) => (
            <li key={p.id}>
              <AppLink to={`${base}/${p.id}`}>
                <strong>{p.name}</strong>
              </AppLink>{" "}
              ({lifeYears(t, p.birthYear, p.deathYear)})
              <Paragraph>
                {p.role}, {p.organisation} · {t("bookProposals.service", { from: p.serviceFrom, to: p.serviceTo })}
              </Paragraph>
              <Paragraph>
                {p.theme} · {t(`bookProposals.status.${p.status}`)} ·{" "}
                <span className="lauwer-book-count">{t("bookProposals.endorsements", { count: p.endorsements })}</span>
              </Paragraph>
            </li>
          ))}
        </ul>
      )}
      <Pagination page={page} pages={pages} href={(p) => proposalListHref(base, filters, p)} />
    </>
  );
}
