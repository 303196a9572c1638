import "~/i18n/page-texts/departed";
import "~/i18n/page-texts/legal";
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { AppLink } from "~/components/app-link";
import { DataList, Heading1, Heading2, Paragraph, UnorderedList, UnorderedListItem } from "~/components/nlds";
import { lifeYears } from "~/modules/book/components/proposal-years";
import { Fact } from "~/components/facts";
import { config } from "~/config.server";
import { getDb } from "~/db.server";
import { metaTranslator, shareMeta } from "~/lib/share";
import { useDateFormat } from "~/lib/locale";
import { loadProject, notFound } from "~/modules/book/project.server";
import { publishedPortrait } from "~/modules/book/public.server";
import { printLinks } from "~/lib/print";

/** Title, description and share card (Open Graph, Twitter) of a published portrait. */

export const links = printLinks;

/** The share card below carries this page's own description (root leaves out the site's). */
export const handle = { describes: true };

export const meta: MetaFunction<typeof loader> = ({ data, matches, location }) => {
  if (!data) return [{ title: "Lauwer" }];
  const { t, locale } = metaTranslator(matches);
  return shareMeta({
    origin: data.origin,
    pathname: location.pathname,
    locale,
    type: "article",
    title: `${data.portrait.name} — ${data.title}`,
    description: [
      [data.portrait.role, data.portrait.organisation].filter(Boolean).join(", "),
      t("legal.share.portrait", { project: data.title }),
    ]
      .filter(Boolean)
      .join(" — "),
    imageAlt: t("legal.share.imageAlt"),
  });
};

/** A published portrait; anything not published (or not of this project) is a 404. */
export async function loader({ params, context }: LoaderFunctionArgs) {
  const db = getDb();
  const project = await loadProject(db, params.project, context.locale);
  const portrait = await publishedPortrait(db, project.id, params.proposal, context.locale);
  if (!portrait) throw notFound();
  return {
    origin: config().origin,
    slug: project.slug,
    title: project.title,
    portrait: { ...portrait, publishedAt: portrait.publishedAt.toISOString() },
  };
}

export default function Portrait() {
  const { slug, title, portrait: p } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const date = useDateFormat();
  return (
    <article>
      <Heading1>{p.name}</Heading1>
      <Paragraph lead>{t("book.portrait.byline", { author: p.author ?? t("departed.member") })}</Paragraph>
      <Paragraph>
        {t("book.portrait.publishedOn", { date: date(p.publishedAt, "") })} · {t("book.portrait.words", { count: p.words })}
      </Paragraph>
      <aside aria-labelledby="facts">
        <Heading2 id="facts">{t("book.portrait.facts")}</Heading2>
        <DataList>
          <Fact label={t("book.portrait.life")}>{lifeYears(t, p.birthYear, p.deathYear)}</Fact>
          <Fact label={t("book.portrait.service")}>
            {p.serviceFrom}–{p.serviceTo}
          </Fact>
          <Fact label={t("book.portrait.organisation")}>{p.organisation}</Fact>
          <Fact label={t("book.portrait.role")}>{p.role}</Fact>
          <Fact label={t("book.portrait.theme")}>{p.theme}</Fact>
        </DataList>
      </aside>
      {/* Rendered by markdown-it with raw HTML escaped and unsafe links refused (markdown.server.ts). */}
      <div className="lauwer-portrait utrecht-document" dangerouslySetInnerHTML={{ __html: p.html }} />
      {p.sources.length ? (
        <section aria-labelledby="sources">
          <Heading2 id="sources">{t("book.portrait.sources")}</Heading2>
          <UnorderedList>
            {p.sources.map((s) => (
              <UnorderedListItem key={s.url}>
                <a className="utrecht-link" href={s.url} rel="noopener noreferrer external">
                  {s.title}
                </a>
              </UnorderedListItem>
            ))}
          </UnorderedList>
        </section>
      ) : null}
      <Paragraph>
        <AppLink to={`/boek/${slug}/portretten`}>{t("book.portrait.back")}</AppLink> · <AppLink to={`/boek/${slug}`}>{title}</AppLink>
      </Paragraph>
    </article>
  );
}
