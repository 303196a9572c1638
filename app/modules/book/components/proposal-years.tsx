import type { TFunction } from "i18next";

/** "1798–1872", or "born 1950" when the year of death is unknown. */
export function lifeYears(t: TFunction, birth: number, death: number | null): string {
  return death === null ? t("bookProposals.born", { birth }) : t("bookProposals.lived", { birth, death });
}
