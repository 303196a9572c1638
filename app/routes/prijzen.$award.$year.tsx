import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { NavLink, Outlet, useLoaderData, useLocation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Breadcrumbs } from "~/components/breadcrumbs";
import { getDb } from "~/db.server";
import type { EditionLayoutData } from "~/modules/awards/components/edition-layout";
import { loadEdition } from "~/modules/awards/edition.server";
import { hasPublishedResults, listEarlierResultYears } from "~/modules/results/public.server";

export async function loader({ params, context }: LoaderFunctionArgs): Promise<EditionLayoutData> {
  const db = getDb();
  const edition = await loadEdition(db, params.award, params.year, context.locale);
  const resultsPublished = await hasPublishedResults(db, edition.id);
  // Other editions of the award whose results are published, for the way back to earlier winners.
  const earlierResults = await listEarlierResultYears(db, edition.awardId, edition.id);
  return { edition: { ...edition, resultsPublished, earlierResults } };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.edition.name} — Lauwer` : "Lauwer" }];

/** Every page of an edition shows where the edition stands and its sub-navigation. */
export default function EditionLayout() {
  const { edition } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const base = `/prijzen/${edition.awardSlug}/${edition.year}`;
  const onAbout = useLocation().pathname.replace(/\/$/, "") === base;
  const phase = edition.phase;
  const phaseText =
    phase.kind === "round"
      ? t("awards.phase.round", {
          rounds: edition.rounds
            .filter((r) => phase.roundIds.includes(r.id))
            .map((r) => r.name)
            .join(", "),
        })
      : t(`awards.phase.${phase.kind}`);
  return (
    <>
      <Breadcrumbs
        items={[
          { to: "/", label: t("nav.home") },
          { to: onAbout ? undefined : base, label: edition.name },
        ]}
      />
      <p className="lauwer-preheading">{edition.name}</p>
      <p className="lauwer-phase">
        <span className="lauwer-phase__label">{t("awards.phaseLabel")}:</span> <strong>{phaseText}</strong>
      </p>
      <nav aria-label={t("awards.editionNav")} className="lauwer-subnav">
        <ul>
          <li>
            <NavLink to={base} end>
              {t("awards.about")}
            </NavLink>
          </li>
          <li>
            <NavLink to={`${base}/kandidaten`}>{t("awards.candidates")}</NavLink>
          </li>
          {edition.rounds
            .filter((r) => (r.kind === "public_vote" || r.kind === "live_vote") && r.state !== "future")
            .map((r) => (
              <li key={r.id}>
                <NavLink to={`${base}/ronde/${r.position}`}>{r.name}</NavLink>
              </li>
            ))}
          {edition.resultsPublished ? (
            <li>
              <NavLink to={`${base}/uitslag`}>{t("awards.resultsNav")}</NavLink>
            </li>
          ) : null}
          {phase.kind === "nominating" ? (
            <li>
              <NavLink to={`${base}/nomineren`}>{t("awards.nominate")}</NavLink>
            </li>
          ) : null}
        </ul>
      </nav>
      {edition.earlierResults.length ? (
        <p className="lauwer-earlier">
          {t("awards.earlierResults")}{" "}
          {edition.earlierResults.map((y, i) => (
            <span key={y}>
              {i > 0 ? ", " : ""}
              <NavLink to={`/prijzen/${edition.awardSlug}/${y}/uitslag`}>{y}</NavLink>
            </span>
          ))}
        </p>
      ) : null}
      <Outlet />
    </>
  );
}
