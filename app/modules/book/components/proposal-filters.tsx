import { useTranslation } from "react-i18next";
import { FilterForm, FilterSearch, FilterSelect } from "~/components/filter-form";
import { FormField, FormLabel, Textbox } from "~/components/nlds";
import { SORTS, type ProposalStatus, type Sort } from "../proposal.schema";

/** The filters of a list of proposals, as they stand in the address. */
export interface ProposalFilterValues {
  q: string;
  theme: string;
  status: string;
  sort: Sort;
  from?: number | string;
  to?: number | string;
}

/**
 * Search, theme, status and order of a list of proposals (a GET form: the filters are in the address).
 * The public list also narrows by years of service; the editors' list offers every status.
 */
export function ProposalFilters({
  filters,
  themes,
  statuses,
  editors = false,
}: {
  filters: ProposalFilterValues;
  themes: Array<{ slug: string; name: string }>;
  statuses: readonly ProposalStatus[];
  /** The editors' list: its own search label, status before theme, no years. */
  editors?: boolean;
}) {
  const { t } = useTranslation();
  const theme = (
    <FilterSelect
      id="filter-theme"
      name="thema"
      label={t("bookProposals.list.theme")}
      any={t("bookProposals.list.allThemes")}
      options={themes.map((th) => ({ value: th.slug, label: th.name }))}
      defaultValue={filters.theme}
    />
  );
  const status = (
    <FilterSelect
      id="filter-status"
      name="status"
      label={t("bookProposals.list.status")}
      any={t("bookProposals.list.allStatuses")}
      options={statuses.map((s) => ({ value: s, label: t(`bookProposals.status.${s}`) }))}
      defaultValue={filters.status}
    />
  );
  return (
    <FilterForm label={t("bookProposals.list.filters")} submit={t("bookProposals.list.filter")} search>
      <FilterSearch
        id="filter-q"
        name="q"
        label={t(editors ? "bookProposals.editor.search" : "bookProposals.list.search")}
        defaultValue={filters.q}
      />
      {editors ? (
        <>
          {status}
          {theme}
        </>
      ) : (
        <>
          {theme}
          {status}
          <YearFilter id="filter-from" name="van" label={t("bookProposals.list.from")} value={filters.from} />
          <YearFilter id="filter-to" name="tot" label={t("bookProposals.list.to")} value={filters.to} />
        </>
      )}
      <FilterSelect
        id="filter-sort"
        name="sorteer"
        label={t("bookProposals.list.sort")}
        options={SORTS.map((s) => ({ value: s, label: t(`bookProposals.list.sortValue.${s}`) }))}
        defaultValue={filters.sort}
      />
    </FilterForm>
  );
}

/** A year of service to narrow by (a short numeric box). */
function YearFilter({ id, name, label, value }: { id: string; name: string; label: string; value: number | string | undefined }) {
  return (
    <FormField type="text">
      <div className="utrecht-form-field__label">
        <FormLabel htmlFor={id}>{label}</FormLabel>
      </div>
      <Textbox id={id} name={name} inputMode="numeric" size={6} defaultValue={String(value ?? "")} />
    </FormField>
  );
}

/** The address of one page of a filtered list: only the filters that narrow it, and the page after the first. */
export function proposalListHref(path: string, filters: ProposalFilterValues, page: number): string {
  const params = new URLSearchParams(
    Object.entries({
      q: filters.q,
      thema: filters.theme,
      status: filters.status,
      van: String(filters.from ?? ""),
      tot: String(filters.to ?? ""),
      sorteer: filters.sort === "steun" ? "" : filters.sort,
    }).filter(([, v]) => v),
  );
  if (page > 1) params.set("pagina", String(page));
  const s = params.toString();
  return s ? `${path}?${s}` : path;
}
