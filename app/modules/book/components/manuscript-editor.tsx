import { Form } from "@remix-run/react";
import { useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { Button, FormField, FormFieldDescription, FormFieldErrorMessage, FormLabel, Textarea } from "~/components/nlds";
import { countWords, lengthVerdict } from "~/modules/book/words";

/**
 * The author's text with a live word count against the project's target. The visible count follows
 * every keystroke; screen readers hear it politely once typing pauses. Two buttons: save a version,
 * or save and submit. Works without JavaScript (the count is then the one of the saved text).
 * Give it a key per saved version so a new version starts from the saved text.
 */
export function ManuscriptEditor({
  initial,
  wordsMin,
  wordsMax,
  error,
  editable,
}: {
  initial: string;
  wordsMin: number;
  wordsMax: number;
  error?: string;
  editable: boolean;
}) {
  const { t } = useTranslation();
  const [text, setText] = useState(initial);
  const words = countWords(text.normalize("NFC"));
  const verdict = lengthVerdict(words, wordsMin, wordsMax);
  const counter = t("bookWriting.editor.count", { count: words, min: wordsMin, max: wordsMax });
  const hint = t(`bookWriting.editor.verdict.${verdict}`);
  const [announced, setAnnounced] = useState("");
  const typed = useRef(false);
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);
  useEffect(() => {
    // Only after the author typed (not on page load), and only once typing pauses.
    if (!typed.current) return;
    clearTimeout(timer.current);
    timer.current = setTimeout(() => setAnnounced(`${counter} ${hint}`), 1500);
    return () => clearTimeout(timer.current);
  }, [counter, hint]);
  const errorId = error ? "field-body-error" : undefined;
  return (
    <Form method="post" className="lauwer-form lauwer-bw-editor">
      <FormField type="text" invalid={Boolean(error)}>
        <div className="utrecht-form-field__label">
          <FormLabel htmlFor="field-body">{t("bookWriting.editor.label")}</FormLabel>
        </div>
        <FormFieldDescription id="field-body-description">
          {t("bookWriting.editor.hint", { min: wordsMin, max: wordsMax })}
        </FormFieldDescription>
        {error ? <FormFieldErrorMessage id={errorId}>{t(error, { min: wordsMin, max: wordsMax })}</FormFieldErrorMessage> : null}
        <div className="utrecht-form-field__input">
          <Textarea
            id="field-body"
            name="body"
            rows={24}
            value={text}
            readOnly={!editable}
            invalid={Boolean(error)}
            aria-describedby={["field-body-description", errorId, "field-body-counter"].filter(Boolean).join(" ")}
            onChange={(e) => {
              typed.current = true;
              setText(e.currentTarget.value);
            }}
          />
        </div>
        <div id="field-body-counter" className={`lauwer-counter lauwer-bw-count lauwer-bw-count--${verdict}`}>
          {counter} {hint}
        </div>
        <div role="status" aria-live="polite" className="lauwer-bw-hidden">
          {announced}
        </div>
      </FormField>
      {editable ? (
        <div className="lauwer-actions">
          <Button type="submit" name="intent" value="save" appearance="secondary-action-button">
            {t("bookWriting.editor.save")}
          </Button>
          <Button type="submit" name="intent" value="submit" appearance="primary-action-button">
            {t("bookWriting.editor.submit")}
          </Button>
        </div>
      ) : null}
    </Form>
  );
}
