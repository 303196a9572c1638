import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Button } from "~/components/nlds";
import type { ProposalStatus } from "../proposal.schema";

// The editors' list of proposals: the selection buttons of a row (its filters are ProposalFilters).

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
