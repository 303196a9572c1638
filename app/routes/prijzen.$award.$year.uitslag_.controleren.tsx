import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { AppLink } from "~/components/app-link";
import { Heading1, Heading2, Paragraph } from "~/components/nlds";
import { getDb } from "~/db.server";
import { loadEdition } from "~/modules/awards/edition.server";
import { publishedSnapshot, versionParam } from "~/modules/results/public.server";
import { recountCommands } from "~/modules/results/recount-commands";

/** How anyone checks a published version: its hash, the recount from the ballot list, their own receipt (ADR 0014). */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const edition = await loadEdition(getDb(), params.award, params.year, context.locale);
  const published = await publishedSnapshot(getDb(), edition.id, versionParam(new URL(request.url)));
  if (!published) throw new Response("Not found", { status: 404 });
  const rounds = (published.snapshot.recount ?? []).map((r) => ({
    round: r.round,
    name: context.locale === "en" ? r.name.en : r.name.nl,
    commands: recountCommands(edition.awardSlug, edition.year, published.version, r.round),
  }));
  return {
    edition: { name: edition.name, base: `/prijzen/${edition.awardSlug}/${edition.year}` },
    version: published.version,
    sha256: published.sha256,
    rounds,
  };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `Controleren — ${data.edition.name} — Lauwer` : "Lauwer" }];

export default function CheckResults() {
  const d = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const results = `${d.edition.base}/uitslag?versie=${d.version}`;
  return (
    <>
      <Heading1>{t("recount.check.title", { edition: d.edition.name })}</Heading1>
      <Paragraph>{t("recount.check.intro")}</Paragraph>
      <Paragraph>
        SHA-256 (v{d.version}): <code className="lauwer-hash">{d.sha256}</code>
      </Paragraph>
      <Heading2>{t("recount.check.step1Heading")}</Heading2>
      <Paragraph>{t("recount.check.step1")}</Paragraph>
      <Heading2>{t("recount.check.step2Heading")}</Heading2>
      <Paragraph>{t("recount.check.step2")}</Paragraph>
      <Heading2>{t("recount.check.step3Heading")}</Heading2>
      <Paragraph>{t("recount.check.step3")}</Paragraph>
      <Paragraph>
        <AppLink to="/stembewijs">{t("recount.check.receiptLink")}</AppLink>
      </Paragraph>
      {d.rounds.length ? (
        <section aria-labelledby="commands-heading">
          <Heading2 id="commands-heading">{t("recount.check.commandsHeading")}</Heading2>
          {d.rounds.map((r) => (
            <div key={r.round}>
              <h3 className="utrecht-heading-3">{r.name}</h3>
              {(["hashes", "recount", "jq", "receipt"] as const).map((k) => (
                <pre key={k} className="lauwer-commands" tabIndex={0}>
                  <code>{r.commands[k]}</code>
                </pre>
              ))}
            </div>
          ))}
        </section>
      ) : (
        <Paragraph>{t("recount.none")}</Paragraph>
      )}
      <Heading2>{t("recount.check.whyHeading")}</Heading2>
      <Paragraph>{t("recount.check.why")}</Paragraph>
      <Paragraph>
        <AppLink to={results}>{t("recount.check.back")}</AppLink>
      </Paragraph>
    </>
  );
}
