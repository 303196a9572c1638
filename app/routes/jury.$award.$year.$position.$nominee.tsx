import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useActionData, useFetcher, useLoaderData } from "@remix-run/react";
import { useEffect, useRef, useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { AppLink } from "~/components/app-link";
import { Alert, Button, FormField, FormFieldErrorMessage, FormLabel, Heading1, Heading2, Paragraph, Textarea } from "~/components/nlds";
import { intent, handleIntents, redirectWithNotice } from "~/lib/action.server";
import { formFailure } from "~/lib/forms.server";
import { pick, useDateFormat, useNumberFormat } from "~/lib/locale";
import { ok, type Outcome } from "~/lib/outcome";
import { actorFrom } from "~/modules/audit/audit.server";
import { requireJuror } from "~/modules/jury/guard.server";
import { ConflictSchema, SheetFormSchema, sheetFromForm, type SheetRefusal } from "~/modules/jury/jury.schema";
import { candidateSheet, declareConflict, juryRoundState, nextToScore, saveSheet } from "~/modules/jury/jury.server";
import { UUID_RE } from "~/modules/voting/rules";

async function load(request: Request, context: LoaderFunctionArgs["context"], params: LoaderFunctionArgs["params"]) {
  const ctx = await requireJuror(request, context, params);
  if (!UUID_RE.test(params.nominee ?? "")) throw new Response("Not found", { status: 404 });
  // Not theirs (other edition, category or round): 404, whatever the id.
  const sheet = await candidateSheet(ctx.db, ctx.round, ctx.member, params.nominee!);
  if (!sheet) throw new Response("Not found", { status: 404 });
  return { ...ctx, sheet };
}

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { edition, round, sheet } = await load(request, context, params);
  const en = context.locale === "en";
  // Other jurors are shown as "juror 1, 2, …", in a stable order, never by name.
  const jurorNumber = new Map([...new Set((sheet.others ?? []).map((s) => s.juror_id))].sort().map((id, i) => [id, i + 1]));
  return {
    base: `/jury/${edition.awardSlug}/${edition.year}/${round.position}`,
    roundName: pick(context.locale, round.name_nl, round.name_en),
    state: juryRoundState(round),
    blind: round.blind,
    recused: Boolean(sheet.candidate.recused),
    candidate: { ...sheet.nominee, category: en ? sheet.candidate.category_en : sheet.candidate.category_nl },
    nominations: sheet.nominations.map((n) => ({
      id: n.id,
      motivation: n.motivation,
      videoUrl: n.video_url,
      relation: n.relation,
      nominator: n.nominator,
      references: n.references,
    })),
    criteria: sheet.criteria.map((c) => ({
      id: c.id,
      name: pick(context.locale, c.name_nl, c.name_en),
      description: pick(context.locale, c.description_nl, c.description_en),
      weight: Number(c.weight),
      min: c.scale_min,
      max: c.scale_max,
      anchors: c.anchors,
      commentBelow: c.comment_below,
    })),
    own: Object.fromEntries(sheet.own.map((s) => [s.criterion_id, { score: s.score, comment: s.comment }])),
    others:
      sheet.others?.map((s) => ({
        juror: jurorNumber.get(s.juror_id)!,
        criterionId: s.criterion_id,
        score: s.score,
        comment: s.comment,
      })) ?? null,
    progress: sheet.progress,
    nextId: sheet.nextUnscoredId,
    votePosition: sheet.votePosition,
  };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.candidate.name} — ${data.roundName} — Lauwer` : "Lauwer" },
];

async function guard({ request, context, params }: ActionFunctionArgs) {
  const ctx = await load(request, context, params);
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
  useEffect(() => () => clearTimeout(timer.current), []);
  const open = d.state === "open" && !d.recused;
  const time = useDateFormat({ timeStyle: "short" });
  const number = useNumberFormat();
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
      <Heading1>{d.candidate.name}</Heading1>
      <Paragraph>
        {d.candidate.organisation ? `${d.candidate.organisation} · ` : ""}
        {d.candidate.category} · <AppLink to={d.base}>{t("jury.backToList")}</AppLink> · {t("jury.progress", d.progress)}
      </Paragraph>

      <section aria-labelledby="dossier-heading">
        <Heading2 id="dossier-heading">{t("jury.dossier")}</Heading2>
        {d.votePosition ? <Paragraph>{t("jury.votePosition", d.votePosition)}</Paragraph> : null}
        {d.candidate.pitch ? <Paragraph lead>{d.candidate.pitch}</Paragraph> : null}
        {d.candidate.story ? <Paragraph>{d.candidate.story}</Paragraph> : null}
        {d.nominations.map((n, i) => (
          <article key={n.id} className="lauwer-round" aria-label={t("jury.nominationN", { n: i + 1 })}>
            <Paragraph>
              <strong>
                {d.blind || !n.nominator ? t("jury.nominatorHidden") : t("jury.nominatedBy", { name: n.nominator, relation: n.relation })}
              </strong>
            </Paragraph>
            <Paragraph>{n.motivation}</Paragraph>
            {n.videoUrl ? (
              <Paragraph>
                <a className="utrecht-link" href={n.videoUrl} rel="noopener noreferrer">
                  {t("jury.pitchVideo")}
                </a>
              </Paragraph>
            ) : null}
            {n.references.map((r, j) => (
              <blockquote key={j} className="lauwer-quote">
                <Paragraph>{r.statement}</Paragraph>
                <Paragraph>
                  — {r.name}
                  {r.relation ? ` (${r.relation})` : ""}
                </Paragraph>
              </blockquote>
            ))}
          </article>
        ))}
      </section>

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
          <Form method="post" action="?intent=next" ref={formRef} onChange={open ? onChange : undefined} noValidate className="lauwer-form">
            {d.criteria.map((c) => {
              const current = values?.[`score-${c.id}`] ?? (d.own[c.id] ? String(d.own[c.id]!.score) : "");
              const scoreError = failure?.fieldErrors[`score-${c.id}`];
              const commentError = failure?.fieldErrors[`comment-${c.id}`];
              const options = Array.from({ length: c.max - c.min + 1 }, (_, i) => c.min + i);
              return (
                <fieldset key={c.id} disabled={!open} aria-describedby={`crit-${c.id}-desc${scoreError ? ` crit-${c.id}-error` : ""}`}>
                  <legend>
                    {c.name} ({t("jury.weight", { weight: number(c.weight) })})
                  </legend>
                  <p id={`crit-${c.id}-desc`} className="utrecht-form-field-description">
                    {c.description} {t("jury.scale", { min: c.min, max: c.max })}
                  </p>
                  {scoreError ? (
                    <FormFieldErrorMessage id={`crit-${c.id}-error`}>{t(scoreError, { min: c.min, max: c.max })}</FormFieldErrorMessage>
                  ) : null}
                  <div className="lauwer-scale" role="radiogroup" aria-label={c.name}>
                    {options.map((v) => (
                      <label key={v} htmlFor={`s-${c.id}-${v}`} className="lauwer-scale__option">
                        <input
                          type="radio"
                          id={`s-${c.id}-${v}`}
                          name={`score-${c.id}`}
                          value={v}
                          defaultChecked={current === String(v)}
                          aria-invalid={scoreError ? true : undefined}
                        />
                        <span>{v}</span>
                        {/* A space, so the name reads "1 zwak", not "1zwak". */}
                        {c.anchors[String(v)] ? (
                          <>
                            {" "}
                            <span className="lauwer-scale__anchor">{c.anchors[String(v)]}</span>
                          </>
                        ) : null}
                      </label>
                    ))}
                  </div>
                  <FormField>
                    <div className="utrecht-form-field__label">
                      <FormLabel htmlFor={`comment-${c.id}`}>
                        {c.commentBelow !== null ? t("jury.commentRequiredBelow", { below: c.commentBelow }) : t("jury.comment")}
                      </FormLabel>
                    </div>
                    {commentError ? <FormFieldErrorMessage id={`comment-${c.id}-error`}>{t(commentError)}</FormFieldErrorMessage> : null}
                    <div className="utrecht-form-field__input">
                      <Textarea
                        id={`comment-${c.id}`}
                        name={`comment-${c.id}`}
                        rows={2}
                        defaultValue={values?.[`comment-${c.id}`] ?? d.own[c.id]?.comment ?? ""}
                        invalid={Boolean(commentError)}
                        aria-describedby={commentError ? `comment-${c.id}-error` : undefined}
                      />
                    </div>
                  </FormField>
                </fieldset>
              );
            })}
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

      {d.others ? (
        <section aria-labelledby="others-heading">
          <Heading2 id="others-heading">{t("jury.othersHeading")}</Heading2>
          <ul>
            {d.others.map((o, i) => (
              <li key={i}>
                {t("jury.otherScore", {
                  juror: o.juror,
                  criterion: d.criteria.find((c) => c.id === o.criterionId)?.name ?? "",
                  score: o.score,
                })}
                {o.comment ? `: ${o.comment}` : ""}
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      {!d.recused && d.state !== "closed" ? (
        <section aria-labelledby="conflict-heading">
          <Heading2 id="conflict-heading">{t("jury.conflictHeading")}</Heading2>
          <Paragraph>{t("jury.conflictIntro")}</Paragraph>
          <Form method="post" action="?intent=conflict" className="lauwer-form">
            <FormField>
              <div className="utrecht-form-field__label">
                <FormLabel htmlFor="conflict-reason">{t("jury.conflictReason")}</FormLabel>
              </div>
              {failure?.fieldErrors.reason ? (
                <FormFieldErrorMessage id="conflict-reason-error">{t(failure.fieldErrors.reason)}</FormFieldErrorMessage>
              ) : null}
              <div className="utrecht-form-field__input">
                <Textarea
                  id="conflict-reason"
                  name="reason"
                  rows={2}
                  invalid={Boolean(failure?.fieldErrors.reason)}
                  aria-describedby={failure?.fieldErrors.reason ? "conflict-reason-error" : undefined}
                />
              </div>
            </FormField>
            <div>
              <Button type="submit" appearance="secondary-action-button">
                {t("jury.conflictSubmit")}
              </Button>
            </div>
          </Form>
        </section>
      ) : null}
    </>
  );
}
