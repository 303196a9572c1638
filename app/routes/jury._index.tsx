import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireUser } from "~/auth/guards.server";
import { AppLink } from "~/components/app-link";
import { Heading1, Paragraph, UnorderedList, UnorderedListItem } from "~/components/nlds";
import { getDb } from "~/db.server";
import { pick } from "~/lib/locale";
import { titleMeta } from "~/lib/meta";
import { listMyJuryRounds } from "~/modules/jury/jury.server";

export const meta = titleMeta("jury.home.title");

/** The jury rounds of every edition where the user is a jury member (with the role still granted). */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = requireUser(request, context);
  const rows = await listMyJuryRounds(getDb(), user.id);
  return {
    rounds: rows.map((r) => ({
      href: `/jury/${r.slug}/${r.year}/${r.position}`,
      name: `${pick(context.locale, r.name_nl, r.name_en)} ${r.year}: ${pick(context.locale, r.round_nl, r.round_en)}`,
    })),
  };
}

export default function JuryHome() {
  const { rounds } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  return (
    <>
      <Heading1>{t("jury.home.title")}</Heading1>
      {rounds.length === 0 ? (
        <Paragraph>{t("jury.home.none")}</Paragraph>
      ) : (
        <UnorderedList>
          {rounds.map((r) => (
            <UnorderedListItem key={r.href}>
              <AppLink to={r.href}>{r.name}</AppLink>
            </UnorderedListItem>
          ))}
        </UnorderedList>
      )}
    </>
  );
}
