import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { AppLink } from "~/components/app-link";
import { FormError } from "~/components/form";
import { Button, FormField, FormLabel, HeadedTable, Heading1, Heading2, Paragraph, TableCell, TableRow, Textarea } from "~/components/nlds";
import { config } from "~/config.server";
import { getDb } from "~/db.server";
import { intent, handleIntents, redirectWithNotice } from "~/lib/action.server";
import type { Notice } from "~/lib/notice";
import { ok, refuse } from "~/lib/outcome";
import { actorFrom } from "~/modules/audit/audit.server";
import { useDateFormat } from "~/lib/locale";
import { requireEditionOrganizer } from "~/modules/awards/guard.server";
import { ReasonSchema } from "~/modules/voting/ballot.schema";
import { TallyTable } from "~/modules/voting/components/tally-table";
import { fraudSignals } from "~/modules/voting/fraud.server";
import { inviteCount, inviteVoters, parseInviteCsv } from "~/modules/voting/invite.server";
import {
  decideTie,
  ensureAdvanced,
  listAdvanced,
  liveControl,
  loadVotingRound,
  publishResults,
  rankedResults,
  roundName,
  roundState,
} from "~/modules/voting/round.server";
import { topK } from "~/modules/voting/rules";

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { edition } = await requireEditionOrganizer(request, context, params);
  const db = getDb();
  let round = await loadVotingRound(db, edition.id, params.position);
  if (roundState(round) === "closed" && round.advancement === "top_k" && !round.advanced_at) {
    await ensureAdvanced(db, round.id);
    round = await loadVotingRound(db, edition.id, params.position);
  }
  const [results, signals, invites, advanced] = await Promise.all([
    rankedResults(db, round, edition.categories),
    fraudSignals(db, round.id),
    round.eligibility === "invite" ? inviteCount(db, round.id) : Promise.resolve(null),
    listAdvanced(db, round.id, { candidatesOnly: false }),
  ]);
  const state = roundState(round);
  const ties =
    state === "closed" && round.advancement === "top_k"
      ? results.flatMap((r) => {
          const { undecided } = topK(r.rows, round.advance_k ?? 0, round.tie_break);
          const decided = advanced.some((a) => a.category_id === r.categoryId && a.decided_by === "organizer");
          if (!undecided || decided) return [];
          return [
            {
              categoryId: r.categoryId,
              category: r.name,
              place: undecided.place,
              seats: undecided.seats,
              candidates: r.rows
                .filter((row) => undecided.nomineeIds.includes(row.nomineeId))
                .map((row) => ({ id: row.nomineeId, name: row.name })),
            },
          ];
        })
      : [];
  const base = `/beheer/prijzen/${edition.awardSlug}/${edition.year}/stemmen/${round.position}`;
  return {
    edition: { name: edition.name, publicBase: `/prijzen/${edition.awardSlug}/${edition.year}/ronde/${round.position}` },
    base,
    round: {
      id: round.id,
      name: roundName(round, context.locale),
      kind: round.kind,
      state,
      opensAt: round.opens_at?.toISOString() ?? null,
      closesAt: round.closes_at?.toISOString() ?? null,
      published: round.results_published_at !== null,
      revealed: round.revealed_at !== null,
      eligibility: round.eligibility,
      advancement: round.advancement,
      advanceK: round.advance_k,
      tieBreak: round.tie_break,
      mode: round.ballot_mode,
      shortCode: round.short_code,
      shortUrl: round.short_code ? `${config().origin}/l/${round.short_code}` : null,
    },
    invites,
    results: results.map((r) => ({
      categoryId: r.categoryId,
      name: r.name,
      ballots: r.ballots,
      rows: r.rows.map((row) => ({
        id: row.nomineeId,
        name: row.name,
        votes: row.votes,
        points: row.points,
        place: row.place,
        tied: row.tied,
      })),
    })),
    advanced: advanced.map((a) => ({ categoryId: a.category_id, name: a.name, by: a.decided_by, reason: a.reason, place: a.place })),
    ties,
    signals,
  };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.round.name} — ${data.edition.name} — Lauwer` : "Lauwer" },
];

async function guard({ request, context, params }: ActionFunctionArgs) {
  const { edition } = await requireEditionOrganizer(request, context, params);
  const db = getDb();
  const round = await loadVotingRound(db, edition.id, params.position);
  const here = `/beheer/prijzen/${edition.awardSlug}/${edition.year}/stemmen/${round.position}`;
  return { db, edition, round, here, actor: actorFrom(context), locale: context.locale };
}
type Guarded = Awaited<ReturnType<typeof guard>>;
const back = (notice: Notice) => (g: Guarded) => redirectWithNotice(g.here, notice);

export const action = (args: ActionFunctionArgs) =>
  handleIntents(args, guard, {
    publish: intent({ run: (g) => publishResults(g.db, g.actor, g.round.id), done: back("voting.notice.published") }),
    open: intent({ run: (g) => liveControl(g.db, g.actor, g.round.id, "open"), done: back("voting.notice.opened") }),
    close: intent({ run: (g) => liveControl(g.db, g.actor, g.round.id, "close"), done: back("voting.notice.closedNow") }),
    reveal: intent({ run: (g) => liveControl(g.db, g.actor, g.round.id, "reveal"), done: back("voting.notice.revealed") }),
    invite: intent({
      async run(g, _input, { form }) {
        if (g.round.eligibility !== "invite") return refuse(409, "voting.errors.notInviteRound");
        const file = form.get("file");
        const parsed = parseInviteCsv(file instanceof File ? await file.text() : String(form.get("emails") ?? ""));
        if (!parsed.ok) return parsed;
        return ok(
          await inviteVoters(g.db, g.actor, g.round, parsed.value.emails, {
            award: g.edition.name,
            round: roundName(g.round, g.locale),
            link: `${config().origin}/prijzen/${g.edition.awardSlug}/${g.edition.year}/ronde/${g.round.position}`,
            locale: g.locale,
          }),
        );
      },
      done: (g, r) => redirectWithNotice(`${g.here}?toegevoegd=${r.added}&bekend=${r.existing}`, "voting.notice.invited"),
    }),
    tie: intent({
      schema: ReasonSchema,
      // The tie form has no field-level messages: its error is shown above the forms.
      errorsOnForm: true,
      run(g, input, { raw }) {
        const categoryId = raw.categoryId ?? "";
        if (!g.edition.categories.some((c) => c.id === categoryId)) return Promise.resolve(refuse(400, "errors.badRequest"));
        const chosen = Object.keys(raw)
          .filter((k) => k.startsWith("advance-"))
          .map((k) => k.slice("advance-".length));
        return decideTie(g.db, g.actor, g.round, categoryId, chosen, input.reason);
      },
      done: back("voting.notice.tieDecided"),
    }),
  });

export default function OrganizerRound() {
  const d = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation();
  const date = useDateFormat();
  const r = d.round;
  return (
    <>
      <Heading1>{t("voting.admin.title", { round: r.name, edition: d.edition.name })}</Heading1>
      <Paragraph>
        {t(`voting.state.${r.state}`)} {r.opensAt ? `${date(r.opensAt, "")} – ${date(r.closesAt, "…")}` : ""}
      </Paragraph>
      <Paragraph>
        <AppLink to={d.edition.publicBase}>{t("voting.admin.publicPage")}</AppLink> ·{" "}
        <AppLink to={`${d.base}/stembiljetten`}>{t("voting.admin.ballots")}</AppLink>
      </Paragraph>
      {actionData ? <FormError failure={actionData} /> : null}

      {r.kind === "live_vote" ? (
        <section aria-labelledby="live-heading">
          <Heading2 id="live-heading">{t("voting.admin.liveHeading")}</Heading2>
          <div className="lauwer-actions">
            {r.state === "upcoming" ? (
              <Form method="post" action="?intent=open">
                <Button type="submit" appearance="primary-action-button">
                  {t("voting.admin.open")}
                </Button>
              </Form>
            ) : null}
            {r.state === "open" ? (
              <Form method="post" action="?intent=close">
                <Button type="submit" appearance="primary-action-button">
                  {t("voting.admin.close")}
                </Button>
              </Form>
            ) : null}
            {r.state !== "upcoming" && !r.revealed ? (
              <Form method="post" action="?intent=reveal">
                <Button type="submit" appearance="secondary-action-button">
                  {t("voting.admin.reveal")}
                </Button>
              </Form>
            ) : null}
          </div>
          {r.shortCode ? (
            <>
              <Paragraph>
                {t("voting.admin.shortUrl")}: <strong data-testid="short-url">{d.round.shortUrl}</strong>
              </Paragraph>
              <img src={`/l/${r.shortCode}/qr`} alt={t("voting.qrAlt", { url: d.round.shortUrl })} width={200} height={200} />
            </>
          ) : null}
          <Paragraph>
            <AppLink to={`${d.edition.publicBase}/scherm`}>{t("voting.projector")}</AppLink>
          </Paragraph>
        </section>
      ) : null}

      {r.state === "closed" && !r.published ? (
        <Form method="post" action="?intent=publish">
          <Paragraph>{t("voting.admin.publishIntro")}</Paragraph>
          <Button type="submit" appearance="primary-action-button">
            {t("voting.admin.publish")}
          </Button>
        </Form>
      ) : r.published ? (
        <Paragraph>{t("voting.admin.isPublished")}</Paragraph>
      ) : null}

      {d.invites !== null ? (
        <section aria-labelledby="invites-heading">
          <Heading2 id="invites-heading">{t("voting.admin.invitesHeading")}</Heading2>
          <Paragraph>{t("voting.admin.invitesCount", { count: d.invites })}</Paragraph>
          <Form method="post" action="?intent=invite" encType="multipart/form-data" className="lauwer-form">
            <FormField>
              <div className="utrecht-form-field__label">
                <FormLabel htmlFor="invite-file">{t("voting.admin.inviteFile")}</FormLabel>
              </div>
              <p className="utrecht-form-field-description" id="invite-file-hint">
                {t("voting.admin.inviteFileHint")}
              </p>
              <div className="utrecht-form-field__input">
                <input id="invite-file" type="file" name="file" accept=".csv,text/csv,text/plain" aria-describedby="invite-file-hint" />
              </div>
            </FormField>
            <div>
              <Button type="submit" appearance="primary-action-button">
                {t("voting.admin.inviteSubmit")}
              </Button>
            </div>
          </Form>
        </section>
      ) : null}

      <section aria-labelledby="tally-heading">
        <Heading2 id="tally-heading">{t("voting.admin.tallyHeading")}</Heading2>
        <Paragraph>{r.published ? t("voting.admin.tallyPublic") : t("voting.admin.tallyPrivate")}</Paragraph>
        {d.results.map((res) => (
          <TallyTable key={res.categoryId} caption={res.name} ballots={res.ballots} rows={res.rows} ranked={r.mode === "ranked"} />
        ))}
      </section>

      {r.advancement === "top_k" ? (
        <section aria-labelledby="advance-heading">
          <Heading2 id="advance-heading">{t("voting.admin.advanceHeading", { k: r.advanceK })}</Heading2>
          <Paragraph>{t(`procedure.tieBreak.${r.tieBreak}`)}</Paragraph>
          {r.state !== "closed" ? (
            <Paragraph>{t("voting.admin.advanceLater")}</Paragraph>
          ) : (
            <HeadedTable headers={[t("voting.categoryColumn"), t("voting.candidate"), t("voting.place"), t("voting.admin.decidedBy")]}>
              {d.advanced.map((a) => (
                <TableRow key={`${a.categoryId}-${a.name}`}>
                  <TableCell>{d.results.find((x) => x.categoryId === a.categoryId)?.name}</TableCell>
                  <TableCell>{a.name}</TableCell>
                  <TableCell>{a.place}</TableCell>
                  <TableCell>
                    {t(`voting.admin.by.${a.by}`)}
                    {a.reason ? `: ${a.reason}` : ""}
                  </TableCell>
                </TableRow>
              ))}
            </HeadedTable>
          )}
          {d.ties.map((tie) => (
            <Form key={tie.categoryId} method="post" action="?intent=tie" className="lauwer-form">
              <fieldset>
                <legend>{t("voting.admin.tieLegend", { category: tie.category, place: tie.place, seats: tie.seats })}</legend>
                <input type="hidden" name="categoryId" value={tie.categoryId} />
                {tie.candidates.map((c) => (
                  <label key={c.id} htmlFor={`tie-${c.id}`} className="lauwer-ballot__option">
                    <input type="checkbox" id={`tie-${c.id}`} name={`advance-${c.id}`} value="on" />
                    {c.name}
                  </label>
                ))}
                <FormField>
                  <div className="utrecht-form-field__label">
                    <FormLabel htmlFor={`tie-reason-${tie.categoryId}`}>{t("voting.admin.reason")}</FormLabel>
                  </div>
                  <div className="utrecht-form-field__input">
                    <Textarea id={`tie-reason-${tie.categoryId}`} name="reason" rows={2} />
                  </div>
                </FormField>
                <div>
                  <Button type="submit" appearance="primary-action-button">
                    {t("voting.admin.tieSubmit")}
                  </Button>
                </div>
              </fieldset>
            </Form>
          ))}
        </section>
      ) : null}

      <section aria-labelledby="signals-heading">
        <Heading2 id="signals-heading">{t("voting.admin.signalsHeading")}</Heading2>
        <Paragraph>{t("voting.admin.signalsIntro")}</Paragraph>
        {d.signals.length === 0 ? (
          <Paragraph>{t("voting.admin.noSignals")}</Paragraph>
        ) : (
          <HeadedTable
            headers={[t("voting.admin.signal"), t("voting.admin.accounts"), t("voting.admin.ballotsColumn"), t("voting.when"), ""]}
          >
            {d.signals.map((s) => (
              <TableRow key={`${s.kind}-${s.key}-${s.from}`}>
                <TableCell>{t(`voting.admin.signalKind.${s.kind}`, { label: s.label })}</TableCell>
                <TableCell>{s.accounts}</TableCell>
                <TableCell>{s.ballots}</TableCell>
                <TableCell>{date(s.from, "")}</TableCell>
                <TableCell>
                  <AppLink to={`${d.base}/stembiljetten?signaal=${s.kind}&sleutel=${encodeURIComponent(s.key)}`}>
                    {t("voting.admin.inspect")}
                  </AppLink>
                </TableCell>
              </TableRow>
            ))}
          </HeadedTable>
        )}
      </section>
    </>
  );
}
