import "~/i18n/page-texts/legal";
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { AppLink } from "~/components/app-link";
import { Heading1, Heading2, Paragraph, UnorderedList, UnorderedListItem } from "~/components/nlds";
import { config } from "~/config.server";
import { getDb } from "~/db.server";
import { metaTranslator, shareMeta } from "~/lib/share";
import { useDateFormat, useNumberFormat } from "~/lib/locale";
import { loadEdition } from "~/modules/awards/edition.server";
import { JuryReport } from "~/modules/results/components/jury-report";
import { RankingChart } from "~/modules/results/components/ranking-chart";
import { RecountDownloads } from "~/modules/results/components/recount-downloads";
import { publishedSnapshot, versionParam } from "~/modules/results/public.server";
import { printLinks } from "~/lib/print";

export const links = printLinks;

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const edition = await loadEdition(getDb(), params.award, params.year, context.locale);
  const published = await publishedSnapshot(getDb(), edition.id, versionParam(new URL(request.url)));
  if (!published && versionParam(new URL(request.url)) !== undefined) throw new Response("Not found", { status: 404 });
  return {
    origin: config().origin,
    edition: { name: edition.name, base: `/prijzen/${edition.awardSlug}/${edition.year}` },
    published: published
      ? {
          version: published.version,
          sha256: published.sha256,
          publishedAt: published.publishedAt,
          snapshot: published.snapshot,
          versions: published.versions,
        }
      : null,
  };
}

/** Title, description and share card (Open Graph, Twitter) of the results. */
/** The share card below carries this page's own description (root leaves out the site's). */
export const handle = { describes: true };

export const meta: MetaFunction<typeof loader> = ({ data, matches, location }) => {
  if (!data) return [{ title: "Lauwer" }];
  const { t, locale } = metaTranslator(matches);
  return shareMeta({
    origin: data.origin,
    pathname: location.pathname,
    locale,
    title: t("legal.share.resultsTitle", { edition: data.edition.name }),
    description: t("legal.share.results", { edition: data.edition.name }),
    imageAlt: t("legal.share.imageAlt"),
  });
};

/** The published results, read from the snapshot itself: what is shown is what is hashed. */
export default function Results() {
  const { edition, published } = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation();
  const date = useDateFormat();
  const number = useNumberFormat();
  const lang = i18n.language === "en" ? "en" : "nl";
  if (!published) {
    return (
      <>
        <Heading1>{t("results.title", { edition: edition.name })}</Heading1>
        <Paragraph>{t("results.notPublished")}</Paragraph>
      </>
    );
  }
  const s = published.snapshot;
  const categoryName = (slug: string | null) => (slug ? (s.categories.find((c) => c.slug === slug)?.[lang] ?? slug) : "");
  return (
    <>
      <Heading1>{t("results.title", { edition: edition.name })}</Heading1>
      <nav aria-labelledby="jump-heading" className="lauwer-jump">
        <p id="jump-heading" className="lauwer-jump__title">
          {t("look.onThisPage")}
        </p>
        <ul>
          <li>
            <a href="#winners-heading">{t("results.winners")}</a>
          </li>
          {s.prizes.map((p, pi) => (
            <li key={p.name.nl}>
              <a href={`#prize-${pi}`}>{p.name[lang]}</a>
            </li>
          ))}
          <li>
            <a href="#verify-heading">{t("results.verifyHeading")}</a>
          </li>
        </ul>
      </nav>
      <section aria-labelledby="winners-heading" className="lauwer-winners">
        <Heading2 id="winners-heading">{t("results.winners")}</Heading2>
        <UnorderedList>
          {s.prizes.flatMap((p) =>
            p.rankings.map((r) => {
              const winners = r.ranking.filter((e) => e.place === 1);
              return (
                <UnorderedListItem key={`${p.name.nl}-${r.category}`}>
                  <strong>
                    {p.name[lang]}
                    {r.category ? ` — ${categoryName(r.category)}` : ""}:
                  </strong>{" "}
                  {winners.length ? winners.map((w) => w.name).join(` ${t("results.and")} `) : "—"}
                  {winners.length > 1 ? ` (${t("results.sharedFirst")})` : ""}
                </UnorderedListItem>
              );
            }),
          )}
        </UnorderedList>
        {s.prizes.map((p, pi) =>
          p.motivation ? <JuryReport key={p.name.nl} id={`jury-report-${pi}`} prize={p.name[lang]} text={p.motivation[lang]} /> : null,
        )}
      </section>

      {s.prizes.map((p, pi) => (
        <section key={p.name.nl} aria-labelledby={`prize-${pi}`}>
          <Heading2 id={`prize-${pi}`}>{p.name[lang]}</Heading2>
          {p.kind !== "top100" && p.rankings.length > 1 ? (
            <nav aria-label={`${p.name[lang]}: ${t("look.top100Categories").toLowerCase()}`} className="lauwer-jump">
              <ul>
                {p.rankings.map((r, ri) => (
                  <li key={r.category ?? "all"}>
                    <a href={`#chart-${pi}-${ri}`}>{categoryName(r.category)}</a>
                  </li>
                ))}
              </ul>
            </nav>
          ) : null}
          <Paragraph>
            {t(`results.rules.${p.kind}`, {
              weights: p.rules.weights ? `${number(p.rules.weights.public)}/${number(p.rules.weights.jury)}` : "",
            })}{" "}
            {t("results.rules.ties")}
          </Paragraph>
          {p.kind === "top100" ? (
            <Paragraph>
              <AppLink to={`${edition.base}/top-100`}>{t("results.top100Link")}</AppLink>
            </Paragraph>
          ) : (
            p.rankings.map((r, ri) => (
              <RankingChart
                key={r.category ?? "all"}
                id={`chart-${pi}-${ri}`}
                caption={`${p.name[lang]}${r.category ? ` — ${categoryName(r.category)}` : ""}`}
                prize={p}
                ranking={r.ranking}
              />
            ))
          )}
        </section>
      ))}

      <section aria-labelledby="verify-heading">
        <Heading2 id="verify-heading">{t("results.verifyHeading")}</Heading2>
        <Paragraph>{t("results.verifyIntro", { version: published.version, date: date(published.publishedAt, "") })}</Paragraph>
        <Paragraph>
          SHA-256:{" "}
          <code className="lauwer-hash" data-testid="snapshot-hash">
            {published.sha256}
          </code>
        </Paragraph>
        <Paragraph>
          <a className="utrecht-link" href={`${edition.base}/uitslag.json?versie=${published.version}`} download>
            {t("results.download")}
          </a>
        </Paragraph>
        <Paragraph>{t("results.verifyHow")}</Paragraph>
        {published.versions.length > 1 ? (
          <UnorderedList>
            {published.versions.map((v) => (
              <UnorderedListItem key={v.version}>
                <AppLink to={`?versie=${v.version}`}>{t("results.versionN", { version: v.version })}</AppLink> ({date(v.at, "")})
                {v.reason ? `: ${v.reason}` : ""}
              </UnorderedListItem>
            ))}
          </UnorderedList>
        ) : null}
      </section>

      <RecountDownloads base={edition.base} version={published.version} recount={s.recount} />
    </>
  );
}
