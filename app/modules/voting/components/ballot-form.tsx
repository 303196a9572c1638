import { Form, useNavigation } from "@remix-run/react";
import { useEffect, useRef, useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { AppLink } from "~/components/app-link";
import { Alert, Button, Paragraph } from "~/components/nlds";
import type { BallotMode } from "../../../../db/types";
import { CandidateAvatar } from "~/modules/photos/components/candidate-avatar";
import type { PhotoRef } from "~/modules/photos/photo";
import { selectionFromForm } from "../rules";

export interface BallotCandidate {
  id: string;
  name: string;
  organisation: string;
  /** The candidate's photo or logo, when the nominee consented to one. */
  photo?: PhotoRef | null;
}

interface Props {
  mode: BallotMode;
  maxChoices: number;
  candidates: BallotCandidate[];
  /** Choices to start from: the voter's current ballot, or what they chose before going back. */
  initial: string[];
  /** The voter's current (counted) ballot, marked as such on its options; empty before they vote. */
  current?: string[];
  error?: { key: string; params?: Record<string, string | number> };
}

/**
 * Step 1 of voting: choose. Radio buttons (single), checkboxes (approval) or typed ranks (ranked);
 * never a drop-down. Nothing is cast here: the button leads to the confirmation step.
 */
export function BallotForm({ mode, maxChoices, candidates, initial, current = [], error }: Props) {
  const { t } = useTranslation();
  const [clientError, setClientError] = useState<Props["error"]>();
  const [count, setCount] = useState(initial.length);
  const errorRef = useRef<HTMLDivElement>(null);
  const shown = clientError ?? error;
  useEffect(() => {
    if (shown) errorRef.current?.focus();
  }, [shown]);
  const busy = useNavigation().state === "submitting";

  const readForm = (form: HTMLFormElement) => {
    const raw: Record<string, string> = {};
    for (const [k, v] of new FormData(form).entries()) if (typeof v === "string") raw[k] = v;
    return raw;
  };
  const onSubmit = (e: FormEvent<HTMLFormElement>) => {
    const selection = selectionFromForm(
      readForm(e.currentTarget),
      mode,
      maxChoices,
      candidates.map((c) => c.id),
    );
    if (!selection.ok) {
      e.preventDefault();
      setClientError({ key: selection.error, params: selection.params });
    } else setClientError(undefined);
  };
  const onChange = (e: FormEvent<HTMLFormElement>) => {
    const raw = readForm(e.currentTarget);
    setCount(
      Object.entries(raw).filter(([k, v]) => (k === "choice" || k.startsWith("choice-") || k.startsWith("rank-")) && v.trim() !== "")
        .length,
    );
  };
  const instruction =
    mode === "single"
      ? t("voting.instruction.single")
      : mode === "approval"
        ? t("voting.instruction.approval", { max: maxChoices })
        : t("voting.instruction.ranked", { max: maxChoices });
  const initialRank = (id: string) => {
    const i = initial.indexOf(id);
    return i < 0 ? "" : String(i + 1);
  };
  return (
    <Form
      method="post"
      noValidate
      onSubmit={onSubmit}
      onChange={onChange}
      className="lauwer-form lauwer-ballot"
      id="stem-wijzigen"
      data-mode={mode}
    >
      <input type="hidden" name="intent" value="review" />
      {shown ? (
        <Alert type="error" id="form-error" tabIndex={-1} ref={errorRef}>
          <Paragraph>{t(shown.key, shown.params)}</Paragraph>
        </Alert>
      ) : null}
      <fieldset aria-describedby="ballot-instruction">
        <legend className="lauwer-ballot__legend">{current.length ? t("ballot.changeLegend") : t("voting.chooseLegend")}</legend>
        <p id="ballot-instruction" className="utrecht-form-field-description">
          {current.length ? `${t("ballot.changeIntro")} ` : ""}
          {instruction}
        </p>
        {mode !== "single" ? (
          <p className="lauwer-ballot__count" aria-live="polite">
            {t("voting.chosenCount", { count, max: maxChoices })}
          </p>
        ) : null}
        <ul className="lauwer-ballot__list">
          {candidates.map((c) => {
            const id = `cand-${c.id}`;
            const isCurrent = current.includes(c.id);
            // The name, the organisation and (for the voter's current ballot) that it is their choice now:
            // all part of the option's label. "Gekozen" only shows with the checked state, which the
            // control already announces, so it is hidden from assistive technology.
            // A photo is shown beside the name; its alt text is left out here, since the name is the label.
            const label = (
              <>
                {c.photo ? <CandidateAvatar name={c.name} photo={{ ...c.photo, alt: "" }} /> : null}
                <span className="lauwer-ballot__text">
                  <span className="lauwer-ballot__name">{c.name}</span>
                  {c.organisation ? <span className="lauwer-ballot__org">{c.organisation}</span> : null}
                  {isCurrent ? <span className="lauwer-ballot__current">{t("ballot.current")}</span> : null}
                </span>
              </>
            );
            const chosen = (
              <span className="lauwer-ballot__chosen" aria-hidden="true">
                <svg viewBox="0 0 16 16" width="16" height="16" focusable="false">
                  <path d="M2 8.5 6 12.5 14 3.5" fill="none" stroke="currentColor" strokeWidth="2.5" />
                </svg>
                {t("ballot.chosen")}
              </span>
            );
            const itemClass = `lauwer-ballot__item${isCurrent ? " lauwer-ballot__item--current" : ""}`;
            return (
              <li key={c.id} className={itemClass}>
                {mode === "single" ? (
                  <label htmlFor={id} className="lauwer-ballot__option">
                    <input
                      type="radio"
                      id={id}
                      name="choice"
                      value={c.id}
                      defaultChecked={initial[0] === c.id}
                      className="lauwer-ballot__mark lauwer-ballot__mark--radio"
                    />
                    {label}
                    {chosen}
                  </label>
                ) : mode === "approval" ? (
                  <label htmlFor={id} className="lauwer-ballot__option">
                    <input
                      type="checkbox"
                      id={id}
                      name={`choice-${c.id}`}
                      value="on"
                      defaultChecked={initial.includes(c.id)}
                      className="lauwer-ballot__mark lauwer-ballot__mark--checkbox"
                    />
                    {label}
                    {chosen}
                  </label>
                ) : (
                  <div className="lauwer-ballot__option">
                    <input
                      type="text"
                      inputMode="numeric"
                      id={id}
                      name={`rank-${c.id}`}
                      defaultValue={initialRank(c.id)}
                      size={2}
                      maxLength={2}
                      autoComplete="off"
                      placeholder={t("ballot.rankPlaceholder")}
                      className="utrecht-textbox utrecht-textbox--html-input lauwer-ballot__rank"
                      aria-label={t("voting.rankFor", { name: c.name })}
                    />
                    <label htmlFor={id}>{label}</label>
                    {chosen}
                  </div>
                )}
              </li>
            );
          })}
        </ul>
      </fieldset>
      <div>
        <Button type="submit" appearance="primary-action-button" aria-disabled={busy || undefined}>
          {t("voting.toConfirmation")}
        </Button>
      </div>
    </Form>
  );
}

/** Step 2: the summary of the choices; only this button casts the ballot. Focus moves to its heading. */
export function BallotConfirmation({
  choices,
  list,
  ranked,
}: {
  choices: Array<{ id: string; name: string; rank: number }>;
  list: string;
  ranked: boolean;
}) {
  const { t } = useTranslation();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), [list]);
  const busy = useNavigation().state === "submitting";
  const List = ranked ? "ol" : "ul";
  return (
    <section aria-labelledby="confirm-heading" className="lauwer-ballot__confirm">
      <h2 id="confirm-heading" className="utrecht-heading-2" tabIndex={-1} ref={heading}>
        {t("voting.confirmTitle")}
      </h2>
      <Paragraph>{t("voting.confirmIntro", { count: choices.length })}</Paragraph>
      <List className="lauwer-ballot__summary">
        {choices.map((c) => (
          <li key={c.id}>{c.name}</li>
        ))}
      </List>
      <Form method="post" className="lauwer-actions">
        <input type="hidden" name="intent" value="cast" />
        <input type="hidden" name="choices" value={list} />
        <Button type="submit" appearance="primary-action-button" aria-disabled={busy || undefined}>
          {t("voting.cast")}
        </Button>
      </Form>
      <Form method="get" className="lauwer-actions">
        <input type="hidden" name="keuze" value={list} />
        <Button type="submit" appearance="secondary-action-button">
          {t("voting.back")}
        </Button>
      </Form>
    </section>
  );
}

/**
 * After voting: what the voter chose, their receipt code in a block that never wraps (select it with one
 * tap to copy), and — while the round is open and changes are allowed — "Stem wijzigen", which leads to
 * the ballot below with the current choice ticked. Plain links, so it works without JavaScript.
 */
export function BallotReceipt({
  choices,
  receiptCode,
  voided,
  mayChange,
}: {
  choices: string[];
  receiptCode: string;
  voided: boolean;
  mayChange: boolean;
}) {
  const { t } = useTranslation();
  return (
    <Alert type={voided ? "warning" : "ok"} className="lauwer-ballot__done">
      <h2 className="utrecht-heading-2">{voided ? t("voting.ownVoided") : t("voting.ownTitle")}</h2>
      <p className="lauwer-ballot__done-choice">
        {t("voting.ownChoices", { choices: "" })}
        <strong>{choices.join(", ")}</strong>
      </p>
      <p className="lauwer-ballot__receipt-box">
        <span className="lauwer-ballot__receipt-label">{t("voting.receiptLabel")}: </span>
        <code className="lauwer-receipt lauwer-ballot__receipt">{receiptCode}</code>
      </p>
      <p className="utrecht-paragraph">{t("ballot.receiptHint")}</p>
      <div className="lauwer-actions lauwer-ballot__done-actions">
        {mayChange ? (
          <a href="#stem-wijzigen" className="lauwer-ballot__change">
            {t("ballot.change")}
          </a>
        ) : null}
        <AppLink to={`/stembewijs?code=${encodeURIComponent(receiptCode)}`}>{t("voting.checkReceipt")}</AppLink>
        <AppLink to="/mijn-stemmen">{t("voting.myVotes")}</AppLink>
      </div>
      {mayChange ? <p className="utrecht-paragraph">{t("voting.mayChange")}</p> : null}
    </Alert>
  );
}
