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
import { useEffect, type ReactNode } from "react";
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
    defaultValues: { ...defaults, ...(failure?.values ?? {}) } as never,
  });

  // Focus the first field the server rejected (client-side errors are focused by react-hook-form).
  useEffect(() => {
    if (!failure) return;
    // The first field marked invalid in document order (ids may carry a per-form prefix), else the message.
    const first = Object.keys(failure.fieldErrors).length ? document.querySelector<HTMLElement>("[aria-invalid='true']") : null;
    (first ?? document.getElementById("form-error"))?.focus();
  }, [failure]);

  const errorOf = (name: string): string | undefined =>
    (form.formState.errors[name]?.message as string | undefined) ?? failure?.fieldErrors[name];

  return { ...form, failure, errorOf, busy: navigation.state === "submitting" };
}

/** A form-level message (e.g. wrong password, throttled): announced, and focusable for the effect above. */
export function FormError({ failure }: { failure?: { formError?: string; formErrorParams?: Record<string, string | number> } }) {
  const { t } = useTranslation();
  if (!failure?.formError) return null;
  return (
    <Alert type="error" id="form-error" tabIndex={-1}>
      <Paragraph>{t(failure.formError, failure.formErrorParams)}</Paragraph>
    </Alert>
  );
}

interface TextFieldProps {
  name: string;
  label: string;
  registration: UseFormRegisterReturn;
  error?: string;
  description?: string;
  type?: "text" | "email" | "password" | "datetime-local";
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
      {error ? <FormFieldErrorMessage id={errorId}>{t(error)}</FormFieldErrorMessage> : null}
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
      {error ? <FormFieldErrorMessage id={errorId}>{t(error)}</FormFieldErrorMessage> : null}
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
      {error ? <FormFieldErrorMessage id={errorId}>{t(error)}</FormFieldErrorMessage> : null}
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
      {error ? <FormFieldErrorMessage id={errorId}>{t(error)}</FormFieldErrorMessage> : null}
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

export function SubmitButton({ children, busy }: { children: ReactNode; busy?: boolean }) {
  return (
    <div>
      <Button type="submit" appearance="primary-action-button" aria-disabled={busy || undefined}>
        {children}
      </Button>
    </div>
  );
}
