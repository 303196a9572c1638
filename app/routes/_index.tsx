import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { Heading1, Heading2, Paragraph } from "~/components/nlds";
import { useTranslation } from "react-i18next";
import { AppLink } from "~/components/app-link";
import { getDb } from "~/db.server";
import { PrimaryActionButton } from "~/modules/home/components/primary-action-button";
import { listAwardActions, listHomeContent } from "~/modules/home/home.server";

export const meta: MetaFunction = () => [{ title: "Lauwer" }];

export async function loader({ context }: LoaderFunctionArgs) {
  const db = getDb();
  const [{ awards, projects }, actions] = await Promise.all([listHomeContent(db), listAwardActions(db, context.locale)]);
  const name = (nl: string, en: string) => (context.locale === "en" ? en : nl);
  return {
    awards: awards.map((a) => ({
      slug: a.slug,
      name: name(a.name_nl, a.name_en),
      description: name(a.description_nl, a.description_en),
      action: actions.get(a.slug)?.action ?? null,
    })),
    projects: projects.map((p) => ({ slug: p.slug, title: name(p.title_nl, p.title_en) })),
    needsVerification: context.user ? !context.user.emailVerified : false,
  };
}

export default function Home() {
  const { awards, projects, needsVerification } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  return (
    <>
      <Heading1>{t("home.title")}</Heading1>
      <Paragraph lead>{t("home.intro")}</Paragraph>
      {needsVerification ? <Paragraph>{t("home.verifyReminder")}</Paragraph> : null}
      <section aria-labelledby="awards-heading">
        <Heading2 id="awards-heading">{t("home.awardsHeading")}</Heading2>
        {awards.length === 0 ? (
          <Paragraph>{t("home.awardsEmpty")}</Paragraph>
        ) : (
          <ul className="lauwer-card-list">
            {awards.map((a) => (
              <li key={a.slug}>
                <AppLink to={`/prijzen/${a.slug}`}>
                  <strong id={`award-${a.slug}`}>{a.name}</strong>
                </AppLink>
                <Paragraph>{a.description}</Paragraph>
                <PrimaryActionButton action={a.action} describedBy={`award-${a.slug}`} />
              </li>
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby="projects-heading">
        <Heading2 id="projects-heading">{t("home.projectsHeading")}</Heading2>
        {projects.length === 0 ? (
          <Paragraph>{t("home.projectsEmpty")}</Paragraph>
        ) : (
          <ul className="lauwer-card-list">
            {projects.map((p) => (
              <li key={p.slug}>
                <AppLink to={`/boek/${p.slug}`}>
                  <strong>{p.title}</strong>
                </AppLink>
              </li>
            ))}
          </ul>
        )}
      </section>
    </>
  );
}
