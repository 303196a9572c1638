import { useActionData, useNavigation } from "@remix-run/react";
import { standardSchemaResolver } from "@hookform/resolvers/standard-schema";
import {
  Alert,
  Button,
  FormField,
  FormFieldDescription,
  FormFieldErrorMessage,
  FormLabel,
  Paragraph,
  Checkbox,
  Select,
  Textarea,
  Textbox,
} from "~/components/nlds";
import { useEffect, useRef, useSyncExternalStore, type MouseEvent, type ReactNode } from "react";
import type { TFunction } from "i18next";
import type { FieldValues, UseFormRegisterReturn } from "react-hook-form";
import { useTranslation } from "react-i18next";
import { useRemixForm } from "remix-hook-form";
import type { StandardSchemaV1 } from "@standard-schema/spec";

/** What a failed action returns (see app/lib/forms.server.ts). */
interface ActionFailure {
  ok: false;
  fieldErrors: Record<string, string>;
  formError?: string;
  formErrorParams?: Record<string, string | number>;
  values: Record<string, string>;
}

function isFailure(data: unknown): data is ActionFailure {
  return typeof data === "object" && data !== null && (data as { ok?: unknown }).ok === false;
}

/**
 * react-hook-form bound to a shared zod schema, submitting as a Remix form. Values are posted as
 * plain strings (exactly what the no-JavaScript form sends) and server errors merge with client ones.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a schema's input type differs from its output (defaults, trims)
export function useAppForm<T extends FieldValues>(schema: StandardSchemaV1<any, T>, defaults: Partial<T> = {}, formId?: string) {
  const actionData = useActionData<unknown>();
  // With several forms on a page, each posts a hidden formId and only takes back its own failure.
  const failure = isFailure(actionData) && (formId === undefined || actionData.values.formId === formId) ? actionData : undefined;
  const navigation = useNavigation();
  const form = useRemixForm<T>({
    resolver: standardSchemaResolver(schema) as never,
    mode: "onSubmit",
    reValidateMode: "onChange",
    stringifyAllValues: false,
    // The error summary above the form takes the focus (see ErrorSummary), not the first field.
    shouldFocusError: false,
    defaultValues: { ...defaults, ...(failure?.values ?? {}) } as never,
  });

  // After a refused post: the error summary takes the focus, else the first field marked invalid (a form
  // without a summary), else the form's message.
  useEffect(() => {
    if (!failure) return;
    const first = Object.keys(failure.fieldErrors).length ? document.querySelector<HTMLElement>("[aria-invalid='true']") : null;
    (document.getElementById(SUMMARY_ID) ?? first ?? document.getElementById("form-error"))?.focus();
  }, [failure]);

  const clientErrors = form.formState.errors;
  const errorOf = (name: string): string | undefined => (clientErrors[name]?.message as string | undefined) ?? failure?.fieldErrors[name];

  // Every field's current message as errorOf gives it: the browser's check over the server's (the
  // summary lists them in the order of the fields on the page).
  const errors: Record<string, string> = { ...(failure?.fieldErrors ?? {}) };
  for (const [name, e] of Object.entries(clientErrors)) {
    if (typeof e?.message === "string" && e.message) errors[name] = e.message;
  }
  // A failed browser check moves the focus to the summary (react-hook-form's own focus is off): after a
  // submit through handleSubmit, or when a form that validates with trigger() asks (focusSummary).
  const invalidSubmits = useRef(0);
  const summaryWanted = useRef(false);
  useEffect(() => {
    const submitted = form.formState.submitCount !== invalidSubmits.current;
    invalidSubmits.current = form.formState.submitCount;
    const wanted = summaryWanted.current || (submitted && !form.formState.isSubmitSuccessful);
    summaryWanted.current = false;
    if (wanted && Object.keys(clientErrors).length) {
      (document.getElementById(SUMMARY_ID) ?? document.querySelector<HTMLElement>("[aria-invalid='true']"))?.focus();
    }
  });
  const focusSummary = () => {
    summaryWanted.current = true;
    document.getElementById(SUMMARY_ID)?.focus();
  };

  return { ...form, failure, errors, errorOf, focusSummary, busy: navigation.state === "submitting" };
}

const SUMMARY_ID = "error-summary";
const noSubscription = () => () => {};

/** Generic messages that read better with the field's label in them ("Vul het veld ‘E-mailadres’ in."). */
const NAMED: Record<string, string> = {
  "errors.required": "forms.named.required",
  "errors.invalid": "forms.named.invalid",
  "errors.invalidChoice": "forms.named.invalidChoice",
};

/** A field's message: a specific key as it is, a generic one naming the field when its label is known. */
export function fieldMessage(t: TFunction, error: string, label?: string, params?: Record<string, string | number>): string {
  const named = NAMED[error];
  return named && label ? t(named, { label: label.trim() }) : t(error, params);
}

/** The element a summary link leads to: the field's own id, else the (first) control of that name. */
function fieldTarget(name: string): HTMLElement | null {
  return (
    document.getElementById(`field-${name}`) ??
    document.querySelector<HTMLElement>(`[name="${typeof CSS !== "undefined" ? CSS.escape(name) : name}"]`)
  );
}

/**
 * The error summary (NL Design System / GOV.UK pattern): a heading and one link per field in error, in
 * the order of the fields, each moving the focus to its field. It takes the focus after a failed submit
 * (see useAppForm). Rendered by the server too, so a form without JavaScript gets it. Link texts name
 * the field: a generic message is completed with the field's label once the page is in the browser.
 */
export function ErrorSummary({ errors }: { errors: Record<string, string> }) {
  const { t } = useTranslation();
  const names = Object.keys(errors).filter((n) => errors[n]);
  // Labels and the order of the fields are read from the page once it is in the browser (the server
  // render, and the render that hydrates it, use the messages as given: both render the same).
  const inBrowser = useSyncExternalStore(
    noSubscription,
    () => true,
    () => false,
  );
  const targets = names.map((n) => [n, inBrowser ? fieldTarget(n) : null] as const);
  const labels: Record<string, string> = {};
  for (const [n, el] of targets) {
    const label = el && "labels" in el ? (el as HTMLInputElement).labels?.[0]?.textContent : undefined;
    if (label) labels[n] = label;
  }
  // Document order of the fields; a field not on the page keeps its place at the end.
  const ordered = targets
    .slice()
    .sort(([, a], [, b]) => (a && b ? (a.compareDocumentPosition(b) & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : 1) : a ? -1 : b ? 1 : 0))
    .map(([n]) => n);
  if (!names.length) return null;
  const go = (name: string) => (e: MouseEvent<HTMLAnchorElement>) => {
    const el = fieldTarget(name);
    if (!el) return;
    e.preventDefault();
    el.focus();
    el.scrollIntoView({ block: "center" });
  };
  return (
    <div
      className="utrecht-alert utrecht-alert--error lauwer-error-summary"
      id={SUMMARY_ID}
      tabIndex={-1}
      aria-labelledby={`${SUMMARY_ID}-heading`}
    >
      <div className="utrecht-alert__content">
        <div className="utrecht-alert__message" role="alert">
          <h2 className="utrecht-heading-2" id={`${SUMMARY_ID}-heading`}>
            {t("forms.summary.heading")}
          </h2>
          <ul className="utrecht-unordered-list">
            {ordered.map((n) => (
              <li key={n} className="utrecht-unordered-list__item">
                <a className="utrecht-link" href={`#field-${n}`} onClick={go(n)}>
                  {fieldMessage(t, errors[n]!, labels[n])}
                </a>
              </li>
            ))}
          </ul>
        </div>
      </div>
    </div>
  );
}

/**
 * Above a form: its form-level message (e.g. wrong password, throttled), announced and focusable for the
 * effect above, and the error summary of its fields — the server's (`failure.fieldErrors`) or, given
 * useAppForm's `errors`, the browser's checks and the server's together.
 */
export function FormError({
  failure,
  errors,
}: {
  failure?: { formError?: string; formErrorParams?: Record<string, string | number>; fieldErrors?: Record<string, string> };
  errors?: Record<string, string>;
}) {
  const { t } = useTranslation();
  const fields = errors ?? failure?.fieldErrors ?? {};
  return (
    <>
      {failure?.formError ? (
        <Alert type="error" id="form-error" tabIndex={-1}>
          <Paragraph>{t(failure.formError, failure.formErrorParams)}</Paragraph>
        </Alert>
      ) : null}
      <ErrorSummary errors={fields} />
    </>
  );
}

interface TextFieldProps {
  name: string;
  label: string;
  registration: UseFormRegisterReturn;
  error?: string;
  description?: string;
  type?: "text" | "email" | "password" | "datetime-local" | "date";
  autoComplete?: string;
  required?: boolean;
  optionalLabel?: string;
}

/** Label, description, error and input wired together with ids and aria-describedby. */
export function TextField({
  name,
  label,
  registration,
  error,
  description,
  type = "text",
  autoComplete,
  required,
  optionalLabel,
}: TextFieldProps) {
  const { t } = useTranslation();
  const id = `field-${name}`;
  const descriptionId = description ? `${id}-description` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const describedBy = [descriptionId, errorId].filter(Boolean).join(" ") || undefined;
  return (
    <FormField type="text" invalid={Boolean(error)}>
      <div className="utrecht-form-field__label">
        <FormLabel htmlFor={id}>
          {label}
          {optionalLabel ? ` ${optionalLabel}` : null}
        </FormLabel>
      </div>
      {description ? <FormFieldDescription id={descriptionId}>{description}</FormFieldDescription> : null}
      {error ? <FormFieldErrorMessage id={errorId}>{fieldMessage(t, error, label)}</FormFieldErrorMessage> : null}
      <div className="utrecht-form-field__input">
        <Textbox
          id={id}
          type={type}
          autoComplete={autoComplete}
          required={required}
          invalid={Boolean(error)}
          aria-describedby={describedBy}
          {...registration}
        />
      </div>
    </FormField>
  );
}

/** A labelled native select with its error linked by aria-describedby (options are the children). */
export function SelectField({
  name,
  label,
  registration,
  error,
  children,
}: {
  name: string;
  label: string;
  registration: UseFormRegisterReturn;
  error?: string;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  const id = `field-${name}`;
  const errorId = error ? `${id}-error` : undefined;
  return (
    <FormField type="text" invalid={Boolean(error)}>
      <div className="utrecht-form-field__label">
        <FormLabel htmlFor={id}>{label}</FormLabel>
      </div>
      {error ? <FormFieldErrorMessage id={errorId}>{fieldMessage(t, error, label)}</FormFieldErrorMessage> : null}
      <div className="utrecht-form-field__input">
        <Select id={id} invalid={Boolean(error)} aria-describedby={errorId} {...registration}>
          {children}
        </Select>
      </div>
    </FormField>
  );
}

/** A textarea with label, description, error and an optional character counter, all linked for screen readers. */
export function TextareaField({
  name,
  label,
  registration,
  error,
  description,
  counter,
  rows = 6,
}: {
  name: string;
  label: string;
  registration: UseFormRegisterReturn;
  error?: string;
  description?: string;
  /** Text such as "120 of 2000 characters", shown under the field. */
  counter?: string;
  rows?: number;
}) {
  const { t } = useTranslation();
  const id = `field-${name}`;
  const descriptionId = description ? `${id}-description` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const counterId = counter ? `${id}-counter` : undefined;
  const describedBy = [descriptionId, errorId, counterId].filter(Boolean).join(" ") || undefined;
  return (
    <FormField type="text" invalid={Boolean(error)}>
      <div className="utrecht-form-field__label">
        <FormLabel htmlFor={id}>{label}</FormLabel>
      </div>
      {description ? <FormFieldDescription id={descriptionId}>{description}</FormFieldDescription> : null}
      {error ? <FormFieldErrorMessage id={errorId}>{fieldMessage(t, error, label)}</FormFieldErrorMessage> : null}
      <div className="utrecht-form-field__input">
        <Textarea id={id} rows={rows} invalid={Boolean(error)} aria-describedby={describedBy} {...registration} />
      </div>
      {counter ? (
        <div id={counterId} className="lauwer-counter">
          {counter}
        </div>
      ) : null}
    </FormField>
  );
}

/** A labelled checkbox; its error (a translation key) is shown above it and linked by aria-describedby. */
export function CheckboxField({
  name,
  label,
  registration,
  error,
}: {
  name: string;
  label: string;
  registration: UseFormRegisterReturn;
  error?: string;
}) {
  const { t } = useTranslation();
  const id = `field-${name}`;
  const errorId = error ? `${id}-error` : undefined;
  // remix-hook-form renders a field's default (e.g. what a refused post sent back) as defaultValue; a
  // checkbox has a fixed value, so that default means "checked".
  const { defaultValue, ...field } = registration as UseFormRegisterReturn & { defaultValue?: unknown; defaultChecked?: boolean };
  const checked = field.defaultChecked ?? (defaultValue === undefined ? undefined : defaultValue === true || defaultValue === "true");
  return (
    <FormField type="checkbox" invalid={Boolean(error)}>
      {/* The checkbox field is a grid ("input label" / … / "input error-message"): placed in its own area,
          the message spans the text column instead of the checkbox's narrow one. */}
      {error ? (
        <FormFieldErrorMessage id={errorId} className="utrecht-form-field__error-message">
          {fieldMessage(t, error, label)}
        </FormFieldErrorMessage>
      ) : null}
      <div className="utrecht-form-field__label utrecht-form-field__label--checkbox">
        <FormLabel htmlFor={id} type="checkbox">
          <Checkbox
            id={id}
            value="true"
            aria-invalid={error ? true : undefined}
            aria-describedby={errorId}
            {...field}
            defaultChecked={checked}
          />{" "}
          {label}
        </FormLabel>
      </div>
    </FormField>
  );
}

export function SubmitButton({
  children,
  busy,
  secondary,
}: {
  children: ReactNode;
  busy?: boolean;
  /** Not the page's main action (another button above it is). */
  secondary?: boolean;
}) {
  return (
    <div>
      <Button type="submit" appearance={secondary ? "secondary-action-button" : "primary-action-button"} aria-disabled={busy || undefined}>
        {children}
      </Button>
    </div>
  );
}
