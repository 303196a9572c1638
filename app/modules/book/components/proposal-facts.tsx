import { useTranslation } from "react-i18next";
import { DataListItem, DataListKey, DataListValue } from "~/components/nlds";
import { lifeYears } from "./proposal-years";

export interface ProposalFactsData {
  birthYear: number;
  deathYear: number | null;
  serviceFrom: number;
  serviceTo: number;
  organisation: string;
  role: string;
  theme: string;
}

/** Life, service, organisation, role and theme of a proposed civil servant, as items of a DataList. */
export function ProposalFacts({ proposal }: { proposal: ProposalFactsData }) {
  const { t } = useTranslation();
  return (
    <>
      <DataListItem>
        <DataListKey>{t("bookProposals.detail.lived")}</DataListKey>
        <DataListValue>{lifeYears(t, proposal.birthYear, proposal.deathYear)}</DataListValue>
      </DataListItem>
      <DataListItem>
        <DataListKey>{t("bookProposals.detail.service")}</DataListKey>
        <DataListValue>
          {proposal.serviceFrom}–{proposal.serviceTo}
        </DataListValue>
      </DataListItem>
      <DataListItem>
        <DataListKey>{t("bookProposals.detail.organisation")}</DataListKey>
        <DataListValue>{proposal.organisation}</DataListValue>
      </DataListItem>
      <DataListItem>
        <DataListKey>{t("bookProposals.detail.role")}</DataListKey>
        <DataListValue>{proposal.role}</DataListValue>
      </DataListItem>
      <DataListItem>
        <DataListKey>{t("bookProposals.detail.theme")}</DataListKey>
        <DataListValue>{proposal.theme}</DataListValue>
      </DataListItem>
    </>
  );
}
