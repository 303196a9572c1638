import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useActionData, useFetcher, useLoaderData } from "@remix-run/react";
import { useEffect, useRef, useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { AppLink } from "~/components/app-link";
import { Breadcrumbs } from "~/components/breadcrumbs";
import { Alert, Button, Heading1, Heading2, Paragraph } from "~/components/nlds";
import { intent, handleIntents, redirectWithNotice } from "~/lib/action.server";
import { formFailure } from "~/lib/forms.server";
import { pick, useDateFormat } from "~/lib/locale";
import { ok, type Outcome } from "~/lib/outcome";
import { actorFrom } from "~/modules/audit/audit.server";
import { CandidateDossier } from "~/modules/jury/components/candidate-dossier";
import { ConflictForm } from "~/modules/jury/components/conflict-form";
import { CriterionScore } from "~/modules/jury/components/criterion-score";
import { OtherScores } from "~/modules/jury/components/other-scores";
import { requireJurorSheet } from "~/modules/jury/guard.server";
import { ConflictSchema, SheetFormSchema, sheetFromForm, type SheetRefusal } from "~/modules/jury/jury.schema";
import { declareConflict, juryRoundState, nextToScore, saveSheet, sheetView } from "~/modules/jury/jury.server";
import { printLinks } from "~/lib/print";
import { getDb } from "~/db.server";
import { CandidateAvatar } from "~/modules/photos/components/candidate-avatar";
import { photoRefs } from "~/modules/photos/photos.server";
import photosCss from "~/styles/photos.css";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: photosCss }, ...printLinks()];

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { edition, round, sheet } = await requireJurorSheet(request, context, params);
  const photos = await photoRefs(getDb(), [sheet.nominee.id]);
  return {
    photo: photos[sheet.nominee.id] ?? null,
    base: `/jury/${edition.awardSlug}/${edition.year}/${round.position}`,
    roundName: pick(context.locale, round.name_nl, round.name_en),
    state: juryRoundState(round),
    blind: round.blind,
    ...sheetView(sheet, context.locale),
  };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.candidate.name} — ${data.roundName} — Lauwer` : "Lauwer" },
];

async function guard({ request, context, params }: ActionFunctionArgs) {
  const ctx = await requireJurorSheet(request, context, params);
  const criteria = ctx.sheet.criteria.map((c) => ({ id: c.id, min: c.scale_min, max: c.scale_max, commentBelow: c.comment_below }));
  return { ...ctx, criteria, base: `/jury/${ctx.edition.awardSlug}/${ctx.edition.year}/${ctx.round.position}`, actor: actorFrom(context) };
}
type Guarded = Awaited<ReturnType<typeof guard>>;

/**
 * A sheet checked against the round's criteria: per-field messages (answered 400, as a schema's are;
 * a refusal names one field only), or saved — and for "save and next", the next candidate to score.
 */
type SheetAnswer = { invalid: SheetRefusal; values: Record<string, string> } | { invalid: null; next?: string };

function sheetIntent(whole: boolean) {
  return intent({
    schema: SheetFormSchema,
    // Control characters (never meant text; PostgreSQL refuses NUL) are answered above the sheet.
    errorsOnForm: true,
    async run(g: Guarded, _input, { raw, args }): Promise<Outcome<SheetAnswer>> {
      // Autosave keeps what is valid so far; "save and next" needs the whole sheet.
      const sheet = sheetFromForm(raw, g.criteria, whole);
      if (!sheet.ok) return ok({ invalid: sheet, values: raw });
      const saved = await saveSheet(g.db, g.user.id, g.round, g.sheet.nominee.id, sheet.value, args.request.signal);
      if (!saved.ok) return saved;
      return ok({ invalid: null, next: whole ? await nextToScore(g.db, g.round, g.member, g.sheet.nominee.id) : undefined });
    },
    done(g, answer) {
      if (answer.invalid) {
        const { status, fieldErrors, error } = answer.invalid;
        return formFailure(status, { fieldErrors, formError: error, values: answer.values });
      }
      if (!whole) return { ok: true as const, savedAt: new Date().toISOString() };
      return redirectWithNotice(answer.next ? `${g.base}/${answer.next}` : g.base, "jury.notice.saved");
    },
  });
}

export const action = (args: ActionFunctionArgs) =>
  handleIntents(
    args,

    guard,
    {
      conflict: intent({
        schema: ConflictSchema,
        run: (g, input) => declareConflict(g.db, { ...g.actor, actorId: g.user.id }, g.round, g.sheet.nominee.id, input.reason),
        done: (g) => redirectWithNotice(g.base, "jury.notice.conflict"),
      }),
      save: sheetIntent(false),
      next: sheetIntent(true),
    },
    { notStored: "jury.errors.notStored" },
  );

type ActionData =
  { ok: true; savedAt: string } | { ok: false; fieldErrors: Record<string, string>; formError?: string; values: Record<string, string> };

export default function ScoreCandidate() {
  const d = useLoaderData<typeof loader>();
  // One sheet per candidate: "save and next" stays on this route, so without the key React would keep
  // the previous candidate's checked radios, comments, messages and pending autosave.
  return <ScoreSheet key={d.candidate.id} />;
}

function ScoreSheet() {
  const d = useLoaderData<typeof loader>();
  const actionData = useActionData<ActionData>();
  const fetcher = useFetcher<ActionData>();
  const { t } = useTranslation();
  const formRef = useRef<HTMLFormElement>(null);
  const errorRef = useRef<HTMLDivElement>(null);
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);
  const [dirty, setDirty] = useState(false);
  const failure = actionData && !actionData.ok ? actionData : fetcher.data && !fetcher.data.ok ? fetcher.data : undefined;
  const values = failure?.values;
  useEffect(() => {
    if (actionData && !actionData.ok) errorRef.current?.focus();
  }, [actionData]);
  // A pending autosave belongs to the sheet it was started on: it is dropped when that sheet is submitted
  // or another candidate opens (the page stays mounted from one candidate to the next, and the timer
  // would otherwise save the next candidate's form).
  const candidateId = d.candidate.id;
  useEffect(() => () => clearTimeout(timer.current), [candidateId]);
  const open = d.state === "open" && !d.recused;
  const time = useDateFormat({ timeStyle: "short" });
  // Autosave: a moment after the last change, the sheet is saved in the background (with JavaScript).
  const onChange = (_e: FormEvent<HTMLFormElement>) => {
    setDirty(true);
    clearTimeout(timer.current);
    timer.current = setTimeout(() => {
      if (!formRef.current) return;
      fetcher.submit(formRef.current, { method: "post", action: "?intent=save" });
      setDirty(false);
    }, 800);
  };
  const savedAt = fetcher.data && fetcher.data.ok ? fetcher.data.savedAt : null;
  return (
    <>
      <Breadcrumbs
        items={[
          { to: "/", label: t("nav.home") },
          { to: "/jury", label: t("jury.home.title") },
          { to: d.base, label: d.roundName },
          { label: d.candidate.name },
        ]}
      />
      <div className="lauwer-candidate-head">
        <CandidateAvatar name={d.candidate.name} photo={d.photo} size="large" />
        <Heading1>{d.candidate.name}</Heading1>
      </div>
      <Paragraph>
        {d.candidate.organisation ? `${d.candidate.organisation} · ` : ""}
        {d.candidate.category} · <AppLink to={d.base}>{t("jury.backToList")}</AppLink> · {t("jury.progress", d.progress)}
      </Paragraph>

      <CandidateDossier
        candidate={d.candidate}
        nominations={d.nominations}
        votePosition={d.votePosition}
        selection={d.selection}
        blind={d.blind}
      />

      {d.recused ? (
        <Alert type="info">
          <Paragraph>{t("jury.recusedText")}</Paragraph>
        </Alert>
      ) : null}

      {!d.recused ? (
        <section aria-labelledby="score-heading">
          <Heading2 id="score-heading">{t("jury.scoreHeading")}</Heading2>
          {!open ? <Paragraph>{d.state === "upcoming" ? t("jury.notOpenYet") : t("jury.closed")}</Paragraph> : null}
          {failure?.formError ? (
            <Alert type="error" id="form-error" tabIndex={-1} ref={errorRef}>
              <Paragraph>{t(failure.formError)}</Paragraph>
            </Alert>
          ) : null}
          <Form
            key={candidateId}
            method="post"
            action="?intent=next"
            ref={formRef}
            onChange={open ? onChange : undefined}
            onSubmit={() => clearTimeout(timer.current)}
            noValidate
            className="lauwer-form"
          >
            {d.criteria.map((c) => (
              <CriterionScore
                key={c.id}
                criterion={c}
                score={values?.[`score-${c.id}`] ?? (d.own[c.id] ? String(d.own[c.id]!.score) : "")}
                comment={values?.[`comment-${c.id}`] ?? d.own[c.id]?.comment ?? ""}
                scoreError={failure?.fieldErrors[`score-${c.id}`]}
                commentError={failure?.fieldErrors[`comment-${c.id}`]}
                disabled={!open}
              />
            ))}
            <p aria-live="polite" className="lauwer-counter">
              {fetcher.state !== "idle" ? t("jury.saving") : savedAt && !dirty ? t("jury.savedAt", { time: time(savedAt) }) : ""}
            </p>
            {open && d.criteria.length ? (
              <div className="lauwer-actions">
                <Button type="submit" appearance="primary-action-button">
                  {d.nextId ? t("jury.saveAndNext") : t("jury.saveAndFinish")}
                </Button>
                <Button type="submit" appearance="secondary-action-button" formAction="?intent=save">
                  {t("jury.saveOnly")}
                </Button>
              </div>
            ) : null}
          </Form>
        </section>
      ) : null}

      {d.others ? <OtherScores scores={d.others} criterionName={(id) => d.criteria.find((c) => c.id === id)?.name ?? ""} /> : null}

      {!d.recused && d.state !== "closed" ? <ConflictForm error={failure?.fieldErrors.reason} /> : null}
    </>
  );
}
