import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireUser } from "~/auth/guards.server";
import { AppLink } from "~/components/app-link";
import { HeadedTable, Heading1, Heading2, Paragraph, TableCell, TableRow, UnorderedList, UnorderedListItem } from "~/components/nlds";
import { getDb } from "~/db.server";
import { useDateFormat } from "~/lib/locale";
import { titleMeta } from "~/lib/meta";
import { listMyNominations } from "~/modules/awards/mine.server";

export const meta = titleMeta("mine.title");

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = requireUser(request, context);
  const { nominations, drafts } = await listMyNominations(getDb(), user.id);
  const en = context.locale === "en";
  return {
    nominations: nominations.map((n) => ({
      id: n.id,
      name: n.redacted_at ? null : n.name,
      award: `${en ? n.name_en : n.name_nl} ${n.year}`,
      state: n.state,
      supporting: n.is_supporting,
      date: n.created_at.toISOString(),
    })),
    drafts: drafts.map((d) => ({ award: `${en ? d.name_en : d.name_nl} ${d.year}`, href: `/prijzen/${d.slug}/${d.year}/nomineren` })),
  };
}

export default function MyNominations() {
  const { nominations, drafts } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const date = useDateFormat({ dateStyle: "medium" });
  return (
    <>
      <Heading1>{t("mine.title")}</Heading1>
      {drafts.length ? (
        <section aria-labelledby="drafts-heading">
          <Heading2 id="drafts-heading">{t("mine.drafts")}</Heading2>
          <UnorderedList>
            {drafts.map((d) => (
              <UnorderedListItem key={d.href}>
                <AppLink to={d.href}>{t("mine.continueDraft", { award: d.award })}</AppLink>
              </UnorderedListItem>
            ))}
          </UnorderedList>
        </section>
      ) : null}
      {nominations.length === 0 ? (
        <Paragraph>{t("mine.empty")}</Paragraph>
      ) : (
        <HeadedTable headers={[t("mine.nominee"), t("mine.edition"), t("mine.status"), t("mine.date")]}>
          {nominations.map((n) => (
            <TableRow key={n.id}>
              <TableCell>
                {n.name ?? t("mine.declinedName")}
                {n.supporting ? ` (${t("mine.supporting")})` : ""}
              </TableCell>
              <TableCell>{n.award}</TableCell>
              <TableCell>{t(`mine.state.${n.state}`)}</TableCell>
              <TableCell>
                <time dateTime={n.date}>{date(n.date)}</time>
              </TableCell>
            </TableRow>
          ))}
        </HeadedTable>
      )}
    </>
  );
}
