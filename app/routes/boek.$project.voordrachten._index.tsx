import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { hasRole } from "~/auth/guards.server";
import { AppLink } from "~/components/app-link";
import { Pagination } from "~/components/pagination";
import { Button, FormField, FormLabel, Heading1, Paragraph, Select, SelectOption, Textbox } from "~/components/nlds";
import { getDb } from "~/db.server";
import { searchTerm } from "~/lib/query";
import { lifeYears } from "~/modules/book/components/proposal-years";
import { loadProject } from "~/modules/book/project.server";
import { PUBLIC_STATUSES, SORTS } from "~/modules/book/proposal.schema";
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
  const isEditor = context.user ? await hasRole(db, context.user.id, { role: "editor", bookProjectId: project.id }) : false;
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
  const pageLink = (p: number) => {
    const params = new URLSearchParams(
      Object.entries({
        q: filters.q,
        thema: filters.theme,
        status: filters.status,
        van: String(filters.from),
        tot: String(filters.to),
        sorteer: filters.sort === "steun" ? "" : filters.sort,
      }).filter(([, v]) => v),
    );
    if (p > 1) params.set("pagina", String(p));
    const s = params.toString();
    return s ? `${base}?${s}` : base;
  };
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
      <Form method="get" role="search" className="lauwer-search" aria-label={t("bookProposals.list.filters")}>
        <FormField type="text">
          <div className="utrecht-form-field__label">
            <FormLabel htmlFor="filter-q">{t("bookProposals.list.search")}</FormLabel>
          </div>
          <div className="utrecht-form-field__input">
            <Textbox id="filter-q" name="q" type="search" defaultValue={filters.q} />
          </div>
        </FormField>
        <FormField type="text">
          <div className="utrecht-form-field__label">
            <FormLabel htmlFor="filter-theme">{t("bookProposals.list.theme")}</FormLabel>
          </div>
          <div className="utrecht-form-field__input">
            <Select id="filter-theme" name="thema" defaultValue={filters.theme}>
              <SelectOption value="">{t("bookProposals.list.allThemes")}</SelectOption>
              {project.themes.map((theme) => (
                <SelectOption key={theme.slug} value={theme.slug}>
                  {theme.name}
                </SelectOption>
              ))}
            </Select>
          </div>
        </FormField>
        <FormField type="text">
          <div className="utrecht-form-field__label">
            <FormLabel htmlFor="filter-status">{t("bookProposals.list.status")}</FormLabel>
          </div>
          <div className="utrecht-form-field__input">
            <Select id="filter-status" name="status" defaultValue={filters.status}>
              <SelectOption value="">{t("bookProposals.list.allStatuses")}</SelectOption>
              {PUBLIC_STATUSES.map((s) => (
                <SelectOption key={s} value={s}>
                  {t(`bookProposals.status.${s}`)}
                </SelectOption>
              ))}
            </Select>
          </div>
        </FormField>
        <FormField type="text">
          <div className="utrecht-form-field__label">
            <FormLabel htmlFor="filter-from">{t("bookProposals.list.from")}</FormLabel>
          </div>
          <div className="utrecht-form-field__input">
            <Textbox id="filter-from" name="van" inputMode="numeric" size={6} defaultValue={String(filters.from)} />
          </div>
        </FormField>
        <FormField type="text">
          <div className="utrecht-form-field__label">
            <FormLabel htmlFor="filter-to">{t("bookProposals.list.to")}</FormLabel>
          </div>
          <div className="utrecht-form-field__input">
            <Textbox id="filter-to" name="tot" inputMode="numeric" size={6} defaultValue={String(filters.to)} />
          </div>
        </FormField>
        <FormField type="text">
          <div className="utrecht-form-field__label">
            <FormLabel htmlFor="filter-sort">{t("bookProposals.list.sort")}</FormLabel>
          </div>
          <div className="utrecht-form-field__input">
            <Select id="filter-sort" name="sorteer" defaultValue={filters.sort}>
              {SORTS.map((s) => (
                <SelectOption key={s} value={s}>
                  {t(`bookProposals.list.sortValue.${s}`)}
                </SelectOption>
              ))}
            </Select>
          </div>
        </FormField>
        <div>
          <Button type="submit" appearance="secondary-action-button">
            {t("bookProposals.list.filter")}
          </Button>
        </div>
      </Form>
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
      <Pagination page={page} pages={pages} href={pageLink} />
    </>
  );
}
