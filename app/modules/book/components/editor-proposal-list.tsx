import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Button, FormField, FormLabel, Select, SelectOption, Textbox } from "~/components/nlds";
import { ALL_STATUSES, SORTS, type ProposalStatus, type Sort } from "../proposal.schema";

// The editors' list of proposals: its filters and the selection buttons of a row.

/** Search, status, theme and order of the editors' list (a GET form: the filters are in the address). */
export function EditorProposalFilters({
  filters,
  themes,
}: {
  filters: { q: string; theme: string; status: string; sort: Sort };
  themes: Array<{ slug: string; name: string }>;
}) {
  const { t } = useTranslation();
  return (
    <Form method="get" role="search" className="lauwer-search" aria-label={t("bookProposals.list.filters")}>
      <FormField type="text">
        <div className="utrecht-form-field__label">
          <FormLabel htmlFor="filter-q">{t("bookProposals.editor.search")}</FormLabel>
        </div>
        <div className="utrecht-form-field__input">
          <Textbox id="filter-q" name="q" type="search" defaultValue={filters.q} />
        </div>
      </FormField>
      <FormField type="text">
        <div className="utrecht-form-field__label">
          <FormLabel htmlFor="filter-status">{t("bookProposals.list.status")}</FormLabel>
        </div>
        <div className="utrecht-form-field__input">
          <Select id="filter-status" name="status" defaultValue={filters.status}>
            <SelectOption value="">{t("bookProposals.list.allStatuses")}</SelectOption>
            {ALL_STATUSES.map((s) => (
              <SelectOption key={s} value={s}>
                {t(`bookProposals.status.${s}`)}
              </SelectOption>
            ))}
          </Select>
        </div>
      </FormField>
      <FormField type="text">
        <div className="utrecht-form-field__label">
          <FormLabel htmlFor="filter-theme">{t("bookProposals.list.theme")}</FormLabel>
        </div>
        <div className="utrecht-form-field__input">
          <Select id="filter-theme" name="thema" defaultValue={filters.theme}>
            <SelectOption value="">{t("bookProposals.list.allThemes")}</SelectOption>
            {themes.map((theme) => (
              <SelectOption key={theme.slug} value={theme.slug}>
                {theme.name}
              </SelectOption>
            ))}
          </Select>
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
  );
}

/** Shortlist and select buttons of one row (the list's action; back to the same page of the list). */
export function SelectionButtons({ proposal: p }: { proposal: { id: string; name: string; status: ProposalStatus } }) {
  const { t } = useTranslation();
  return (
    <div className="lauwer-book-actions">
      {p.status === "proposed" ? (
        <Form method="post">
          <input type="hidden" name="proposalId" value={p.id} />
          <input type="hidden" name="status" value="shortlisted" />
          <Button
            type="submit"
            appearance="secondary-action-button"
            aria-label={t("bookProposals.editor.shortlistLabel", { name: p.name })}
          >
            {t("bookProposals.editor.shortlist")}
          </Button>
        </Form>
      ) : null}
      {p.status === "proposed" || p.status === "shortlisted" ? (
        <Form method="post">
          <input type="hidden" name="proposalId" value={p.id} />
          <input type="hidden" name="status" value="selected" />
          <Button type="submit" appearance="secondary-action-button" aria-label={t("bookProposals.editor.selectLabel", { name: p.name })}>
            {t("bookProposals.editor.select")}
          </Button>
        </Form>
      ) : null}
    </div>
  );
}
