import "~/i18n/page-texts/legal";
import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { AppLink } from "~/components/app-link";
import { Heading1, Heading2, Paragraph } from "~/components/nlds";
import { config } from "~/config.server";
import { getDb } from "~/db.server";
import { metaTranslator, shareMeta, summary } from "~/lib/share";
import { getCandidate } from "~/modules/awards/candidates.server";
import { loadEdition, UUID } from "~/modules/awards/edition.server";
import { printLinks } from "~/lib/print";
import { CandidateAvatar } from "~/modules/photos/components/candidate-avatar";
import { photoRefs } from "~/modules/photos/photos.server";
import photosCss from "~/styles/photos.css";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: photosCss }, ...printLinks()];

export async function loader({ params, context }: LoaderFunctionArgs) {
  const edition = await loadEdition(getDb(), params.award, params.year, context.locale);
  if (!UUID.test(params.nominee ?? "")) throw new Response("Not found", { status: 404 });
  const candidate = await getCandidate(getDb(), edition.id, params.nominee!);
  // Not a public candidate (pending, rejected, not consented, or another edition's): simply not found.
  if (!candidate) throw new Response("Not found", { status: 404 });
  const en = context.locale === "en";
  const photos = await photoRefs(getDb(), [candidate.id]);
  return {
    origin: config().origin,
    edition: edition.name,
    base: `/prijzen/${edition.awardSlug}/${edition.year}/kandidaten`,
    candidate: {
      name: candidate.name,
      organisation: candidate.organisation,
      kind: candidate.kind,
      photo: photos[candidate.id] ?? null,
      pitch: candidate.pitch,
      story: candidate.story,
      category: en ? candidate.category_en : candidate.category_nl,
      nominationCount: candidate.nominationCount,
      motivations: candidate.motivations.map((m) => ({ id: m.id, text: m.motivation })),
    },
  };
}

/** Title, description and share card (Open Graph, Twitter) for campaigns sharing the candidate. */
/** The share card below carries this page's own description (root leaves out the site's). */
export const handle = { describes: true };

export const meta: MetaFunction<typeof loader> = ({ data, matches, location }) => {
  if (!data) return [{ title: "Lauwer" }];
  const { t, locale } = metaTranslator(matches);
  const c = data.candidate;
  return shareMeta({
    origin: data.origin,
    pathname: location.pathname,
    locale,
    type: "profile",
    title: `${c.name} — ${data.edition}`,
    description: summary(c.pitch || t("legal.share.candidate", { name: c.name, edition: data.edition })),
    imageAlt: t("legal.share.imageAlt"),
  });
};

export default function CandidatePage() {
  const { candidate, base } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  return (
    <article className="lauwer-candidate">
      <div className="lauwer-candidate-head">
        <CandidateAvatar name={candidate.name} photo={candidate.photo} size="large" />
        <Heading1>{candidate.name}</Heading1>
      </div>
      <Paragraph lead>{[candidate.organisation, candidate.category].filter(Boolean).join(" · ")}</Paragraph>
      <Paragraph>{t("awards.nominationCount", { count: candidate.nominationCount })}</Paragraph>
      {candidate.pitch ? (
        <section aria-labelledby="pitch-heading">
          <Heading2 id="pitch-heading">{t("awards.pitch")}</Heading2>
          <Paragraph>{candidate.pitch}</Paragraph>
        </section>
      ) : null}
      {candidate.story ? (
        <section aria-labelledby="story-heading">
          <Heading2 id="story-heading">{t("awards.story")}</Heading2>
          <Paragraph>{candidate.story}</Paragraph>
        </section>
      ) : null}
      <section aria-labelledby="motivations-heading">
        <Heading2 id="motivations-heading">{t("awards.motivations")}</Heading2>
        {candidate.motivations.map((m) => (
          <blockquote key={m.id} className="utrecht-blockquote">
            <Paragraph>{m.text}</Paragraph>
          </blockquote>
        ))}
      </section>
      <Paragraph>
        <AppLink to={base}>{t("awards.backToCandidates")}</AppLink>
      </Paragraph>
    </article>
  );
}
