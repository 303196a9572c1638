import type { LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { AppLink } from "~/components/app-link";
import { FilterForm, FilterSearch, FilterSelect } from "~/components/filter-form";
import { Pagination } from "~/components/pagination";
import { Heading1, Paragraph } from "~/components/nlds";
import { getDb } from "~/db.server";
import { searchTerm } from "~/lib/query";
import { listCandidates, PAGE_SIZE } from "~/modules/awards/candidates.server";
import { loadEdition } from "~/modules/awards/edition.server";
import { useEdition } from "~/modules/awards/components/use-edition";
import { CandidateAvatar } from "~/modules/photos/components/candidate-avatar";
import { photoRefs } from "~/modules/photos/photos.server";
import photosCss from "~/styles/photos.css";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: photosCss }];

export async function loader({ params, request, context }: LoaderFunctionArgs) {
  const edition = await loadEdition(getDb(), params.award, params.year, context.locale);
  const url = new URL(request.url);
  const q = searchTerm(url.searchParams.get("q"));
  const category = url.searchParams.get("categorie") ?? "";
  const categoryId = edition.categories.find((c) => c.slug === category)?.id;
  const pageParam = Number(url.searchParams.get("pagina") ?? "1");
  const page = Number.isInteger(pageParam) && pageParam >= 1 && pageParam <= 10_000 ? pageParam : 1;
  const { rows, total } = await listCandidates(getDb(), edition.id, { q, categoryId, page });
  const photos = await photoRefs(
    getDb(),
    rows.map((r) => r.id),
  );
  const en = context.locale === "en";
  return {
    q,
    category: categoryId ? category : "",
    page,
    pages: Math.max(1, Math.ceil(total / PAGE_SIZE)),
    total,
    candidates: rows.map((r) => ({
      id: r.id,
      name: r.name,
      organisation: r.organisation,
      category: en ? r.category_en : r.category_nl,
      nominations: r.nominations,
      photo: photos[r.id] ?? null,
    })),
  };
}

export default function Candidates() {
  const { q, category, page, pages, total, candidates } = useLoaderData<typeof loader>();
  const edition = useEdition();
  const { t } = useTranslation();
  const base = `/prijzen/${edition.awardSlug}/${edition.year}/kandidaten`;
  const pageLink = (p: number) => {
    const params = new URLSearchParams();
    if (q) params.set("q", q);
    if (category) params.set("categorie", category);
    if (p > 1) params.set("pagina", String(p));
    const s = params.toString();
    return s ? `${base}?${s}` : base;
  };
  return (
    <>
      <Heading1>{t("awards.candidates")}</Heading1>
      <FilterForm label={t("awards.searchButton")} submit={t("awards.searchButton")} search>
        <FilterSearch id="search-q" name="q" label={t("awards.search")} defaultValue={q} />
        {edition.categories.length > 1 ? (
          <FilterSelect
            id="search-category"
            name="categorie"
            label={t("awards.category")}
            any={t("awards.allCategories")}
            options={edition.categories.map((c) => ({ value: c.slug, label: c.name }))}
            defaultValue={category}
          />
        ) : null}
      </FilterForm>
      <Paragraph role="status">{t("awards.resultCount", { count: total })}</Paragraph>
      {candidates.length === 0 ? (
        <Paragraph>{t("awards.noCandidates")}</Paragraph>
      ) : (
        <ul className="lauwer-card-list">
          {candidates.map((c) => (
            <li key={c.id} className="lauwer-with-avatar">
              <CandidateAvatar name={c.name} photo={c.photo} />
              <div>
                <AppLink to={`${base}/${c.id}`}>
                  <strong>{c.name}</strong>
                </AppLink>
                {c.organisation ? <Paragraph>{c.organisation}</Paragraph> : null}
                <Paragraph>
                  {c.category} · {t("awards.nominationCount", { count: c.nominations })}
                </Paragraph>
              </div>
            </li>
          ))}
        </ul>
      )}
      <Pagination page={page} pages={pages} href={pageLink} />
    </>
  );
}
