import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { DataList, DataListItem, DataListKey, DataListValue, Heading1, Paragraph } from "~/components/nlds";
import { useTranslation } from "react-i18next";
import { AppLink } from "~/components/app-link";
import { getDb } from "~/db.server";
import { titleMeta } from "~/lib/meta";
import { requireDevMailbox } from "~/modules/mail/dev-mailbox.server";
import { getMail } from "~/modules/mail/outbox.server";

export const meta = titleMeta("devMail.title");

export async function loader({ params }: LoaderFunctionArgs) {
  requireDevMailbox();
  if (!/^\d{1,18}$/.test(params.id ?? "")) throw new Response("Not found", { status: 404 });
  const mail = await getMail(getDb(), params.id!);
  if (!mail) throw new Response("Not found", { status: 404 });
  return { to: mail.to_address, subject: mail.subject, body: mail.body_text, status: mail.status };
}

/** Links in a plain-text body become real links, so the mail can be followed in the browser. */
function Linkified({ text }: { text: string }) {
  const parts = text.split(/(https?:\/\/[^\s]+)/g);
  return (
    <div className="lauwer-mail-body">
      {parts.map((part, i) =>
        /^https?:\/\//.test(part) ? (
          <a key={i} href={part} className="utrecht-link">
            {part}
          </a>
        ) : (
          <span key={i}>{part}</span>
        ),
      )}
    </div>
  );
}

export default function DevMail() {
  const mail = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  return (
    <>
      <Heading1>{mail.subject}</Heading1>
      <DataList>
        <DataListItem>
          <DataListKey>{t("devMail.to")}</DataListKey>
          <DataListValue>{mail.to}</DataListValue>
        </DataListItem>
        <DataListItem>
          <DataListKey>{t("devMail.status")}</DataListKey>
          <DataListValue>{t(`devMail.statuses.${mail.status}`)}</DataListValue>
        </DataListItem>
      </DataList>
      <Linkified text={mail.body} />
      <Paragraph>
        <AppLink to="/dev/mail">{t("devMail.back")}</AppLink>
      </Paragraph>
    </>
  );
}
