import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Button, FormField, FormLabel, HeadedTable, Heading2, Paragraph, TableCell, TableRow, Textarea } from "~/components/nlds";

export interface OpenTie {
  categoryId: string;
  category: string;
  place: number;
  seats: number;
  candidates: Array<{ id: string; name: string }>;
}

/** A tie at the cut that the rule did not settle: the organizer ticks who advances, with a reason. */
function TieForm({ tie }: { tie: OpenTie }) {
  const { t } = useTranslation();
  return (
    <Form method="post" action="?intent=tie" className="lauwer-form">
      <fieldset>
        <legend>{t("voting.admin.tieLegend", { category: tie.category, place: tie.place, seats: tie.seats })}</legend>
        <input type="hidden" name="categoryId" value={tie.categoryId} />
        {tie.candidates.map((c) => (
          <label key={c.id} htmlFor={`tie-${c.id}`} className="lauwer-ballot__option">
            <input type="checkbox" id={`tie-${c.id}`} name={`advance-${c.id}`} value="on" />
            {c.name}
          </label>
        ))}
        <FormField>
          <div className="utrecht-form-field__label">
            <FormLabel htmlFor={`tie-reason-${tie.categoryId}`}>{t("voting.admin.reason")}</FormLabel>
          </div>
          <div className="utrecht-form-field__input">
            <Textarea id={`tie-reason-${tie.categoryId}`} name="reason" rows={2} />
          </div>
        </FormField>
        <div>
          <Button type="submit" appearance="primary-action-button">
            {t("voting.admin.tieSubmit")}
          </Button>
        </div>
      </fieldset>
    </Form>
  );
}

/** Who advances from a top-K round (once it closed), and the ties left to the organizer. */
export function Advancement({
  k,
  tieBreak,
  closed,
  advanced,
  categoryName,
  ties,
}: {
  k: number | null;
  tieBreak: string;
  closed: boolean;
  advanced: Array<{ categoryId: string; name: string; by: string; reason: string | null; place: number | null }>;
  categoryName: (categoryId: string) => string | undefined;
  ties: OpenTie[];
}) {
  const { t } = useTranslation();
  // Per category, then by place: the shortlist of each category reads as one block.
  const rows = [...advanced].sort(
    (a, b) =>
      (categoryName(a.categoryId) ?? "").localeCompare(categoryName(b.categoryId) ?? "", "nl") ||
      (a.place ?? Infinity) - (b.place ?? Infinity),
  );
  return (
    <section aria-labelledby="advance-heading">
      <Heading2 id="advance-heading">{t("voting.admin.advanceHeading", { k })}</Heading2>
      <Paragraph>{t(`procedure.tieBreak.${tieBreak}`)}</Paragraph>
      {!closed ? (
        <Paragraph>{t("voting.admin.advanceLater")}</Paragraph>
      ) : (
        <HeadedTable headers={[t("voting.categoryColumn"), t("voting.candidate"), t("voting.place"), t("voting.admin.decidedBy")]}>
          {rows.map((a) => (
            <TableRow key={`${a.categoryId}-${a.name}`}>
              <TableCell>{categoryName(a.categoryId)}</TableCell>
              <TableCell>{a.name}</TableCell>
              <TableCell>{a.place}</TableCell>
              <TableCell>
                {t(`voting.admin.by.${a.by}`)}
                {a.reason ? `: ${a.reason}` : ""}
              </TableCell>
            </TableRow>
          ))}
        </HeadedTable>
      )}
      {ties.map((tie) => (
        <TieForm key={tie.categoryId} tie={tie} />
      ))}
    </section>
  );
}
