import { useTranslation } from "react-i18next";
import { HeadedTable, Paragraph, TableCell, TableRow, UnorderedList, UnorderedListItem } from "~/components/nlds";
import { useDateFormat } from "~/lib/locale";

export interface SentNotice {
  kind: string;
  subject: string;
  recipients: number;
  to: string[];
  firstAt: string;
  lastAt: string;
}

/** The notices an edition sent: what, to how many and whom (folded open on request), and when. */
export function SentNoticesTable({ notices }: { notices: SentNotice[] }) {
  const { t } = useTranslation();
  const when = useDateFormat({ dateStyle: "medium", timeStyle: "short" });
  if (!notices.length) return <Paragraph>{t("notices.admin.none")}</Paragraph>;
  return (
    <HeadedTable headers={[t("notices.admin.kind"), t("notices.admin.recipients"), t("notices.admin.when")]}>
      {notices.map((n) => (
        <TableRow key={`${n.kind}/${n.subject}`}>
          <TableCell>{t(`notices.admin.kinds.${n.kind}`)}</TableCell>
          <TableCell>
            <details>
              <summary>{t("notices.admin.count", { count: n.recipients })}</summary>
              <UnorderedList>
                {n.to.map((address) => (
                  <UnorderedListItem key={address}>{address}</UnorderedListItem>
                ))}
              </UnorderedList>
            </details>
          </TableCell>
          <TableCell>{n.firstAt === n.lastAt ? when(n.firstAt) : `${when(n.firstAt)} – ${when(n.lastAt)}`}</TableCell>
        </TableRow>
      ))}
    </HeadedTable>
  );
}
