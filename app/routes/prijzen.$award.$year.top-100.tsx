import "~/i18n/page-texts/legal";
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
/** The share card below carries this page's own description (root leaves out the site's). */
export const handle = { describes: true };

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

/** Jump links to every 25 places. */
const JUMP = 25;
function jumps(length: number): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  for (let from = 1; from <= length; from += JUMP) out.push([from, Math.min(length, from + JUMP - 1)]);
  return out;
}

/** The Top 100 from the published snapshot, as a compact ordered list with jump links. */
export default function Top100() {
  const d = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  return (
    <>
      <Heading1>{d.title ?? t("results.top100")}</Heading1>
      {!d.list ? (
        <Paragraph>{t("results.notPublished")}</Paragraph>
      ) : (
        <>
          <nav aria-labelledby="jump-heading" className="lauwer-jump">
            <p id="jump-heading" className="lauwer-jump__title">
              {t("look.onThisPage")}
            </p>
            <ul>
              {jumps(d.list.length).map(([from, to]) => (
                <li key={from}>
                  <a href={`#plaats-${from}`}>
                    {from}–{to}
                  </a>
                </li>
              ))}
            </ul>
          </nav>
          {/* role="list": the markers are drawn as text, and some browsers drop a list's role with list-style: none. */}
          <ol className="lauwer-top100" role="list">
            {d.list.map((e, i) => (
              <li
                key={e.id}
                value={e.place}
                id={i % JUMP === 0 ? `plaats-${i + 1}` : undefined}
                className={e.place === 1 ? "lauwer-result--winner" : undefined}
              >
                <span className="lauwer-top100__place">{e.place}.</span>
                <strong>{e.name}</strong>
                {e.place === 1 ? <span className="lauwer-result__badge">{t("look.winner")}</span> : null}{" "}
                <span className="lauwer-top100__meta">
                  {e.organisation ? `· ${e.organisation} ` : ""}· {e.category}
                </span>{" "}
                <span className="lauwer-top100__votes">
                  · {t("voting.votesCount", { count: e.votes })}
                  {e.tied ? ` (${t("voting.tie")})` : ""}
                </span>
              </li>
            ))}
          </ol>
        </>
      )}
      <Paragraph>
        <AppLink to={`${d.edition.base}/uitslag`}>{t("results.backToResults")}</AppLink>
      </Paragraph>
    </>
  );
}
