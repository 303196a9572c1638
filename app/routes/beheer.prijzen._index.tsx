import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import "~/i18n/page-texts/teams";
import { hasPrivilege, requireStaffArea } from "~/auth/guards.server";
import { AppLink } from "~/components/app-link";
import { Heading1, Paragraph, UnorderedList, UnorderedListItem } from "~/components/nlds";
import { getDb } from "~/db.server";
import { titleMeta } from "~/lib/meta";
import { listOrganizedEditions } from "~/modules/awards/edition.server";

export const meta = titleMeta("moderation.myAwards");

/** The awards this user organizes (only those: roles are per award). */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireStaffArea(request, context);
  const rows = await listOrganizedEditions(getDb(), user.id);
  const awards = [...new Map(rows.map((r) => [r.slug, context.locale === "en" ? r.name_en : r.name_nl])).entries()];
  return {
    isAdmin: await hasPrivilege(context, { role: "admin" }),
    newEditions: awards.map(([slug, name]) => ({ href: `/beheer/prijzen/${slug}/nieuwe-editie`, name })),
    teams: awards.map(([slug, name]) => ({ href: `/beheer/prijzen/${slug}/team`, name })),
    editions: rows
      .filter((r) => r.year !== null)
      .map((r) => ({
        href: `/beheer/prijzen/${r.slug}/${r.year}`,
        name: `${context.locale === "en" ? r.name_en : r.name_nl} ${r.year}`,
      })),
  };
}

/** A list of links, one an item. */
function Links({ links }: { links: Array<{ href: string; text: string }> }) {
  return (
    <UnorderedList>
      {links.map((l) => (
        <UnorderedListItem key={l.href}>
          <AppLink to={l.href}>{l.text}</AppLink>
        </UnorderedListItem>
      ))}
    </UnorderedList>
  );
}

export default function MyAwards() {
  const { editions, newEditions, teams, isAdmin } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  return (
    <>
      <Heading1>{t("moderation.myAwards")}</Heading1>
      {editions.length === 0 ? (
        <Paragraph>{t("moderation.noAwards")}</Paragraph>
      ) : (
        <Links links={editions.map((e) => ({ href: e.href, text: t("moderation.manage", { name: e.name }) }))} />
      )}
      <Links
        links={[
          ...newEditions.map((e) => ({ href: e.href, text: t("procedure.newEdition", { award: e.name }) })),
          ...teams.map((e) => ({ href: e.href, text: t("teams.award.title", { award: e.name }) })),
          ...(isAdmin ? [{ href: "/beheer/prijzen/nieuw", text: t("procedure.newAward") }] : []),
        ]}
      />
    </>
  );
}
