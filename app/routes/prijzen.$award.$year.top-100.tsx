import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { AppLink } from "~/components/app-link";
import { Heading1, Paragraph } from "~/components/nlds";
import { config } from "~/config.server";
import { getDb } from "~/db.server";
import { metaTranslator, shareMeta } from "~/lib/share";
import { loadEdition } from "~/modules/awards/edition.server";
import { publishedSnapshot } from "~/modules/results/public.server";
import { printLinks } from "~/lib/print";

export const links = printLinks;

export async function loader({ params, context }: LoaderFunctionArgs) {
  const edition = await loadEdition(getDb(), params.award, params.year, context.locale);
  const published = await publishedSnapshot(getDb(), edition.id);
  const prize = published?.snapshot.prizes.find((p) => p.kind === "top100");
  const en = context.locale === "en";
  return {
    origin: config().origin,
    edition: { name: edition.name, base: `/prijzen/${edition.awardSlug}/${edition.year}` },
    title: prize ? (en ? prize.name.en : prize.name.nl) : null,
    list:
      prize?.rankings[0]?.ranking.map((e) => ({
        id: e.nominee,
        place: e.place,
        tied: e.tied,
        name: e.name,
        organisation: e.organisation,
        category: published!.snapshot.categories.find((c) => c.slug === e.category)?.[en ? "en" : "nl"] ?? e.category,
        votes: e.votes ?? 0,
      })) ?? null,
  };
}

/** Title, description and share card (Open Graph, Twitter) of the Top 100. */
export const meta: MetaFunction<typeof loader> = ({ data, matches, location }) => {
  if (!data) return [{ title: "Lauwer" }];
  const { t, locale } = metaTranslator(matches);
  return shareMeta({
    origin: data.origin,
    pathname: location.pathname,
    locale,
    title: `Top 100 — ${data.edition.name}`,
    description: t("legal.share.top100", { edition: data.edition.name }),
    imageAlt: t("legal.share.imageAlt"),
  });
};

/** The Top 100 from the published snapshot, as an ordered list. */
export default function Top100() {
  const d = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  return (
    <>
      <Heading1>{d.title ?? t("results.top100")}</Heading1>
      {!d.list ? (
        <Paragraph>{t("results.notPublished")}</Paragraph>
      ) : (
        <ol className="lauwer-top100">
          {d.list.map((e) => (
            <li key={e.id} value={e.place}>
              <strong>{e.name}</strong>
              {e.organisation ? `, ${e.organisation}` : ""} — {e.category} — {t("voting.votesCount", { count: e.votes })}
              {e.tied ? ` (${t("voting.tie")})` : ""}
            </li>
          ))}
        </ol>
      )}
      <Paragraph>
        <AppLink to={`${d.edition.base}/uitslag`}>{t("results.backToResults")}</AppLink>
      </Paragraph>
    </>
  );
}
