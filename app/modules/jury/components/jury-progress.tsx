import "~/i18n/page-texts/departed";
import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Button, HeadedTable, Heading2, Paragraph, TableCell, TableRow } from "~/components/nlds";

/** How far each juror is, and (while the round is open) a reminder to those with open sheets. */
export function JuryProgress({
  jurors,
  open,
}: {
  /** A juror whose account was deleted has no name: their seat and its counts stay. */
  jurors: Array<{ id: string; name: string | null; done: number; expected: number }>;
  open: boolean;
}) {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="progress-heading">
      <Heading2 id="progress-heading">{t("jury.admin.progressHeading")}</Heading2>
      {jurors.length === 0 ? (
        <Paragraph>{t("jury.admin.noMembers")}</Paragraph>
      ) : (
        <HeadedTable headers={[t("jury.admin.juror"), t("jury.admin.scored")]}>
          {jurors.map((j) => (
            <TableRow key={j.id}>
              <TableCell>{j.name ?? t("departed.juror")}</TableCell>
              <TableCell>{t("jury.progress", { scored: j.done, total: j.expected })}</TableCell>
            </TableRow>
          ))}
        </HeadedTable>
      )}
      {open ? (
        <Form method="post" action="?intent=remind">
          <Button type="submit" appearance="secondary-action-button">
            {t("jury.admin.remind")}
          </Button>
        </Form>
      ) : null}
    </section>
  );
}
