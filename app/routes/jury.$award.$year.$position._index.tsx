import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { AppLink } from "~/components/app-link";
import { Breadcrumbs } from "~/components/breadcrumbs";
import { HeadedTable, Heading1, Paragraph, TableCell, TableRow } from "~/components/nlds";
import { pick, useDateFormat } from "~/lib/locale";
import { requireJuror } from "~/modules/jury/guard.server";
import { jurorCandidates, juryRoundState, listCriteria } from "~/modules/jury/jury.server";
import { waitingName } from "~/modules/voting/round.server";

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { edition, round, member, db } = await requireJuror(request, context, params);
  const [candidates, criteria, waiting] = await Promise.all([
    jurorCandidates(db, round, member),
    listCriteria(db, round.id),
    waitingName(db, round, context.locale),
  ]);
  const total = criteria.length;
  const rows = candidates.map((c) => ({
    id: c.id,
    name: c.name,
    organisation: c.organisation,
    category: pick(context.locale, c.category_nl, c.category_en),
    status: c.recused ? "recused" : total > 0 && (c.scored ?? 0) >= total ? "done" : (c.scored ?? 0) > 0 ? "partial" : "open",
  }));
  return {
    title: `${edition.name}: ${pick(context.locale, round.name_nl, round.name_en)}`,
    base: `/jury/${edition.awardSlug}/${edition.year}/${round.position}`,
    state: juryRoundState(round),
    closesAt: round.closes_at?.toISOString() ?? null,
    opensAt: round.opens_at?.toISOString() ?? null,
    criteria: total,
    waiting,
    rows,
    progress: { scored: rows.filter((r) => r.status === "done").length, total: rows.filter((r) => r.status !== "recused").length },
  };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.title} — Lauwer` : "Lauwer" }];

/** A juror's worklist: the candidates of their categories, with what is still to score. */
export default function JurorRound() {
  const d = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const date = useDateFormat();
  return (
    <>
      <Breadcrumbs items={[{ to: "/", label: t("nav.home") }, { to: "/jury", label: t("jury.home.title") }, { label: d.title }]} />
      <Heading1>{d.title}</Heading1>
      <Paragraph>
        {d.state === "open"
          ? t("jury.openUntil", { date: date(d.closesAt, "…") })
          : d.state === "upcoming"
            ? t("jury.opensOn", { date: date(d.opensAt, "…") })
            : t("jury.closed")}
      </Paragraph>
      <Paragraph>
        <strong>{t("jury.progress", d.progress)}</strong>
      </Paragraph>
      {d.waiting ? <Paragraph>{t("rounds.waitingFor", { round: d.waiting })}</Paragraph> : null}
      {d.criteria === 0 ? <Paragraph>{t("jury.noCriteria")}</Paragraph> : null}
      <HeadedTable headers={[t("voting.candidate"), t("voting.categoryColumn"), t("jury.admin.status")]}>
        {d.rows.map((r) => (
          <TableRow key={r.id}>
            <TableCell>
              <AppLink to={`${d.base}/${r.id}`}>{r.name}</AppLink>
              {r.organisation ? ` — ${r.organisation}` : ""}
            </TableCell>
            <TableCell>{r.category}</TableCell>
            <TableCell>{t(`jury.status.${r.status}`)}</TableCell>
          </TableRow>
        ))}
      </HeadedTable>
    </>
  );
}
