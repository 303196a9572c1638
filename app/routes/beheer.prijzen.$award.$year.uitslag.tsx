import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { AppLink } from "~/components/app-link";
import { FormError, SubmitButton, TextareaField, useAppForm } from "~/components/form";
import { Alert, Button, HeadedTable, Heading1, Heading2, Paragraph, TableCell, TableRow } from "~/components/nlds";
import { getDb } from "~/db.server";
import { intent, handleIntents, redirectWithNotice } from "~/lib/action.server";
import type { FormFailure } from "~/lib/forms.server";
import { actorFrom } from "~/modules/audit/audit.server";
import { formatNumber, useDateFormat } from "~/lib/locale";
import { requireEditionOrganizer } from "~/modules/awards/guard.server";
import { MotivationForm } from "~/modules/results/components/motivation-form";
import { PrizeForm } from "~/modules/results/components/prize-form";
import { DeletePrizeSchema, MotivationSchema, PrizeSchema, PublishSchema } from "~/modules/results/results.schema";
import {
  addPrize,
  computeResults,
  deletePrize,
  latestSnapshot,
  listPrizes,
  publishBlockers,
  publishSnapshot,
  setMotivation,
  snapshotHistory,
} from "~/modules/results/results.server";
import type { Snapshot } from "~/modules/results/snapshot";

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { edition } = await requireEditionOrganizer(request, context, params);
  const db = getDb();
  const [prizes, preview, history, latest, blockers] = await Promise.all([
    listPrizes(db, edition.id),
    computeResults(db, edition.id) as Promise<unknown> as Promise<Snapshot>,
    snapshotHistory(db, edition.id),
    latestSnapshot(db, edition.id),
    publishBlockers(db, edition.id),
  ]);
  // A motivation is public once the latest snapshot holds it for the prize of that name.
  const publishedPrizes = latest ? (JSON.parse(latest.body) as Snapshot).prizes : [];
  const published = (p: (typeof prizes)[number]) =>
    publishedPrizes.some(
      (s) => s.name.nl === p.name_nl && (s.motivation?.nl ?? "") === p.motivation_nl && (s.motivation?.en ?? "") === p.motivation_en,
    );
  const en = context.locale === "en";
  const roundName = new Map(edition.rounds.map((r) => [r.id, `${r.position}. ${r.name}`]));
  return {
    edition: { name: edition.name, publicBase: `/prijzen/${edition.awardSlug}/${edition.year}/uitslag` },
    rounds: edition.rounds.map((r) => ({ position: r.position, name: r.name, kind: r.kind })),
    prizes: prizes.map((p) => ({
      id: p.id,
      name: en ? p.name_en : p.name_nl,
      kind: p.kind,
      vote: p.vote_round_id ? roundName.get(p.vote_round_id) : null,
      jury: p.jury_round_id ? roundName.get(p.jury_round_id) : null,
      weights:
        p.kind === "combined"
          ? `${formatNumber(context.locale, Number(p.public_weight))} / ${formatNumber(context.locale, Number(p.jury_weight))}`
          : null,
    })),
    motivations: prizes.map((p) => ({
      id: p.id,
      name: en ? p.name_en : p.name_nl,
      motivationNl: p.motivation_nl,
      motivationEn: p.motivation_en,
      unpublished: latest !== undefined && !published(p),
    })),
    // The preview shows the top of each ranking as it would be published now.
    preview: preview.prizes.map((p) => ({
      name: en ? p.name.en : p.name.nl,
      winners: p.rankings.map((r) => ({
        category: r.category ? (preview.categories.find((c) => c.slug === r.category)?.[en ? "en" : "nl"] ?? r.category) : null,
        top: r.ranking.filter((e) => e.place <= Math.min(p.places, 3)).map((e) => `${e.place}. ${e.name}${e.tied ? " (=)" : ""}`),
      })),
    })),
    // Publishing waits for these rounds (the prizes use them and they have not closed): the page says so
    // instead of offering the button.
    noPrizes: blockers.noPrizes,
    blockers: blockers.open.map((b) => ({
      round: `${b.position}. ${en ? b.nameEn : b.nameNl}`,
      closesAt: b.closesAt?.toISOString() ?? null,
      prizes: (en ? b.prizesEn : b.prizesNl).join(", "),
    })),
    history: history.map((h) => ({ version: h.version, sha256: h.sha256, reason: h.reason, at: h.published_at.toISOString() })),
  };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `Uitslag — ${data.edition.name} — Lauwer` : "Lauwer" }];

async function guard({ request, context, params }: ActionFunctionArgs) {
  const { edition } = await requireEditionOrganizer(request, context, params);
  return { db: getDb(), edition, here: `/beheer/prijzen/${edition.awardSlug}/${edition.year}/uitslag`, actor: actorFrom(context) };
}

export const action = (args: ActionFunctionArgs) =>
  handleIntents(args, guard, {
    prize: intent({
      schema: PrizeSchema,
      run: (g, input) => addPrize(g.db, g.actor, g.edition.id, input),
      done: (g) => redirectWithNotice(g.here, "results.notice.prizeAdded"),
    }),
    "delete-prize": intent({
      schema: DeletePrizeSchema,
      // A malformed id is answered above the forms, as one message.
      errorsOnForm: true,
      run: (g, input) => deletePrize(g.db, g.actor, g.edition.id, input.prizeId),
      done: (g) => redirectWithNotice(g.here, "results.notice.prizeDeleted"),
    }),
    motivation: intent({
      schema: MotivationSchema,
      run: (g, input) => setMotivation(g.db, g.actor, g.edition.id, input),
      done: (g, r) => redirectWithNotice(g.here, r.changed ? "juryReport.notice.saved" : "juryReport.notice.unchanged"),
    }),
    publish: intent({
      schema: PublishSchema,
      run: (g, input) => publishSnapshot(g.db, g.actor, g.edition.id, input.reason || null),
      done: (g, r) =>
        redirectWithNotice(`${g.here}?versie=${r.version}`, r.unchanged ? "results.notice.unchanged" : "results.notice.published"),
    }),
  });

export default function ResultsAdmin() {
  const d = useLoaderData<typeof loader>();
  const actionData = useActionData<FormFailure>();
  const { t } = useTranslation();
  const date = useDateFormat();
  const dateTime = useDateFormat({ dateStyle: "long", timeStyle: "short" });
  const { register, handleSubmit, errorOf } = useAppForm(PublishSchema, { reason: "" });
  // Publishing was refused (rounds still open, a reason needed): the message also marks the reason field.
  const publishRefused = actionData && "reason" in actionData.values ? actionData.formError : undefined;
  return (
    <>
      <Heading1>{t("results.admin.title", { edition: d.edition.name })}</Heading1>
      <Paragraph>
        <AppLink to={d.edition.publicBase}>{t("results.admin.publicPage")}</AppLink>
      </Paragraph>
      {/* The prize and motivation forms show their own failures. */}
      {actionData && !actionData.values?.kind && !actionData.values?.formId ? <FormError failure={actionData} /> : null}

      <section aria-labelledby="prizes-heading">
        <Heading2 id="prizes-heading">{t("results.admin.prizesHeading")}</Heading2>
        {d.prizes.length === 0 ? (
          <Paragraph>{t("results.admin.noPrizes")}</Paragraph>
        ) : (
          <HeadedTable headers={[t("results.fields.name"), t("results.fields.kind"), t("results.fields.sources"), ""]}>
            {d.prizes.map((p) => (
              <TableRow key={p.id}>
                <TableCell>{p.name}</TableCell>
                <TableCell>{t(`results.kind.${p.kind}`)}</TableCell>
                <TableCell>
                  {[p.vote, p.jury].filter(Boolean).join(" + ")}
                  {p.weights ? ` (${p.weights})` : ""}
                </TableCell>
                <TableCell>
                  <Form method="post" action="?intent=delete-prize">
                    <input type="hidden" name="prizeId" value={p.id} />
                    <Button type="submit" appearance="secondary-action-button" aria-label={`${t("results.admin.deletePrize")}: ${p.name}`}>
                      {t("results.admin.deletePrize")}
                    </Button>
                  </Form>
                </TableCell>
              </TableRow>
            ))}
          </HeadedTable>
        )}
        <PrizeForm rounds={d.rounds} />
      </section>

      {d.motivations.length ? (
        <section aria-labelledby="jury-report-heading">
          <Heading2 id="jury-report-heading">{t("juryReport.admin.heading")}</Heading2>
          <Paragraph>{t("juryReport.admin.intro")}</Paragraph>
          {d.motivations.map((p) => (
            <MotivationForm key={p.id} prize={p} />
          ))}
        </section>
      ) : null}

      <section aria-labelledby="preview-heading">
        <Heading2 id="preview-heading">{t("results.admin.previewHeading")}</Heading2>
        <Paragraph>{t("results.admin.previewIntro")}</Paragraph>
        {d.preview.map((p) => (
          <div key={p.name} className="lauwer-round">
            <h3 className="utrecht-heading-3">{p.name}</h3>
            {p.winners.map((w) => (
              <Paragraph key={w.category ?? "all"}>
                {w.category ? <strong>{w.category}: </strong> : null}
                {w.top.join(", ") || "—"}
              </Paragraph>
            ))}
          </div>
        ))}
      </section>

      <section aria-labelledby="publish-heading">
        <Heading2 id="publish-heading">{t("results.admin.publishHeading")}</Heading2>
        <Paragraph>{d.history.length ? t("results.admin.supersedeIntro") : t("results.admin.publishIntro")}</Paragraph>
        {d.noPrizes ? (
          <Alert type="warning" id="publish-blocked">
            <Paragraph>{t("forms.publish.noPrizes")}</Paragraph>
          </Alert>
        ) : d.blockers.length ? (
          <Alert type="warning" id="publish-blocked">
            <Paragraph>{t("forms.publish.notYet")}</Paragraph>
            <ul className="utrecht-unordered-list">
              {d.blockers.map((b) => (
                <li key={b.round} className="utrecht-unordered-list__item">
                  {b.closesAt
                    ? t("forms.publish.roundClosesAt", { round: b.round, at: dateTime(b.closesAt), prizes: b.prizes })
                    : t("forms.publish.roundNoClose", { round: b.round, prizes: b.prizes })}
                </li>
              ))}
            </ul>
            <Paragraph>{t("forms.publish.whenClosed")}</Paragraph>
          </Alert>
        ) : (
          <Form method="post" action="?intent=publish" onSubmit={handleSubmit} noValidate className="lauwer-form">
            {d.history.length ? (
              <TextareaField
                name="reason"
                label={t("results.fields.reason")}
                rows={2}
                registration={register("reason")}
                error={errorOf("reason") ?? publishRefused}
              />
            ) : null}
            <SubmitButton>{t("results.admin.publish")}</SubmitButton>
          </Form>
        )}
        {d.history.length ? (
          <HeadedTable headers={[t("results.version"), "SHA-256", t("results.fields.reason"), t("voting.when")]}>
            {d.history.map((h) => (
              <TableRow key={h.version}>
                <TableCell>{h.version}</TableCell>
                <TableCell>
                  <code className="lauwer-hash">{h.sha256}</code>
                </TableCell>
                <TableCell>{h.reason ?? "—"}</TableCell>
                <TableCell>{date(h.at, "")}</TableCell>
              </TableRow>
            ))}
          </HeadedTable>
        ) : null}
      </section>
    </>
  );
}
