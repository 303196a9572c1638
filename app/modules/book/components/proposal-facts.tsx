import { useTranslation } from "react-i18next";
import { Fact } from "~/components/facts";
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
      <Fact label={t("bookProposals.detail.lived")}>{lifeYears(t, proposal.birthYear, proposal.deathYear)}</Fact>
      <Fact label={t("bookProposals.detail.service")}>
        {proposal.serviceFrom}–{proposal.serviceTo}
      </Fact>
      <Fact label={t("bookProposals.detail.organisation")}>{proposal.organisation}</Fact>
      <Fact label={t("bookProposals.detail.role")}>{proposal.role}</Fact>
      <Fact label={t("bookProposals.detail.theme")}>{proposal.theme}</Fact>
    </>
  );
}
