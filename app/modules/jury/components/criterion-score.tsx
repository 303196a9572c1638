import { useTranslation } from "react-i18next";
import { FormField, FormFieldErrorMessage, FormLabel, Textarea } from "~/components/nlds";
import { useNumberFormat } from "~/lib/locale";

export interface SheetCriterionView {
  id: string;
  name: string;
  description: string;
  weight: number;
  min: number;
  max: number;
  anchors: Record<string, string>;
  commentBelow: number | null;
}

/** One criterion of the scoring sheet: a radio per point of the scale (with its anchor) and a comment. */
export function CriterionScore({
  criterion: c,
  score,
  comment,
  scoreError,
  commentError,
  disabled,
}: {
  criterion: SheetCriterionView;
  score: string;
  comment: string;
  scoreError?: string;
  commentError?: string;
  disabled: boolean;
}) {
  const { t } = useTranslation();
  const number = useNumberFormat();
  const options = Array.from({ length: c.max - c.min + 1 }, (_, i) => c.min + i);
  return (
    <fieldset disabled={disabled} aria-describedby={`crit-${c.id}-desc${scoreError ? ` crit-${c.id}-error` : ""}`}>
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
              defaultChecked={score === String(v)}
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
            defaultValue={comment}
            invalid={Boolean(commentError)}
            aria-describedby={commentError ? `comment-${c.id}-error` : undefined}
          />
        </div>
      </FormField>
    </fieldset>
  );
}
