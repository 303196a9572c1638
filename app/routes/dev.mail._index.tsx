import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { HeadedTable, Heading1, Paragraph, TableCell, TableRow } from "~/components/nlds";
import { useTranslation } from "react-i18next";
import { AppLink } from "~/components/app-link";
import { requireDevMailbox } from "~/modules/mail/dev-mailbox.server";
import { getDb } from "~/db.server";
import { titleMeta } from "~/lib/meta";
import { listMail } from "~/modules/mail/outbox.server";

export const meta = titleMeta("devMail.title");

export async function loader(_: LoaderFunctionArgs) {
  requireDevMailbox();
  const mails = await listMail(getDb());
  return { mails: mails.map((m) => ({ ...m, created_at: m.created_at.toISOString() })) };
}

export default function DevMailbox() {
  const { mails } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  return (
    <>
      <Heading1>{t("devMail.title")}</Heading1>
      <Paragraph>{t("devMail.intro")}</Paragraph>
      {mails.length === 0 ? (
        <Paragraph>{t("devMail.empty")}</Paragraph>
      ) : (
        <HeadedTable headers={[t("devMail.to"), t("devMail.subject"), t("devMail.sent"), t("devMail.status")]}>
          {mails.map((m) => (
            <TableRow key={m.id}>
              <TableCell>{m.to_address}</TableCell>
              <TableCell>
                <AppLink to={`/dev/mail/${m.id}`}>{m.subject}</AppLink>
              </TableCell>
              <TableCell>
                <time dateTime={m.created_at}>{m.created_at.replace("T", " ").slice(0, 19)}</time>
              </TableCell>
              <TableCell>{t(`devMail.statuses.${m.status}`)}</TableCell>
            </TableRow>
          ))}
        </HeadedTable>
      )}
    </>
  );
}
