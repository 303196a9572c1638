import { data } from "@remix-run/node";
import type * as z from "zod/mini";

export type FieldErrors = Record<string, string>;

/** Action result for a form: translation keys per field, plus what the user typed (never passwords). */
export interface FormFailure {
  ok: false;
  fieldErrors: FieldErrors;
  formError?: string;
  formErrorParams?: Record<string, string | number>;
  values: Record<string, string>;
}

const SECRET_FIELDS = new Set(["password", "token", "currentPassword", "newPassword", "confirmPassword"]);
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;
const stripControl = (raw: Record<string, string>) =>
  Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, v.replace(new RegExp(CONTROL.source, "g"), "")]));

export function visibleValues(raw: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(raw).filter(([k]) => !SECRET_FIELDS.has(k)));
}

/**
 * Parses a posted form with the shared zod schema. Every value arrives as a plain string (the
 * browser form and the no-JavaScript form post the same fields), so schemas see what the user typed.
 */
export async function parseForm<S extends z.ZodMiniType>(
  request: Request,
  schema: S,
): Promise<{ ok: true; data: z.infer<S>; raw: Record<string, string> } | FormFailure> {
  const form = await readForm(request);
  return form ? parseFormData(form, schema) : { ok: false, fieldErrors: {}, formError: "errors.badRequest", values: {} };
}

/** The posted form, or null when the body is not a form. */
export async function readForm(request: Request): Promise<FormData | null> {
  try {
    return await request.formData();
  } catch {
    return null;
  }
}

/** As parseForm, for a form already read (an action that dispatches on a posted field first). */
export function parseFormData<S extends z.ZodMiniType>(
  // A FormData, or the URLSearchParams of a form body read as text (the vote lane): only its entries are read.
  form: { entries(): Iterable<[string, FormDataEntryValue]> },
  schema: S,
): { ok: true; data: z.infer<S>; raw: Record<string, string> } | FormFailure {
  const raw: Record<string, string> = {};
  for (const [key, value] of form.entries()) {
    if (typeof value === "string" && !(key in raw)) raw[key] = value;
  }
  // Control characters (NUL and friends; not tab or newlines) are never text a person meant to type,
  // and PostgreSQL refuses NUL in text: answer them as invalid input.
  const controlled = Object.keys(raw).filter((k) => CONTROL.test(raw[k]!));
  if (controlled.length) {
    return {
      ok: false,
      fieldErrors: Object.fromEntries(controlled.map((k) => [k, "errors.invalid"])),
      values: visibleValues(stripControl(raw)),
    };
  }
  const result = schema.safeParse(raw);
  if (result.success) return { ok: true, data: result.data as z.infer<S>, raw };
  const fieldErrors: FieldErrors = {};
  for (const issue of result.error.issues) {
    const field = String(issue.path[0] ?? "_form");
    if (fieldErrors[field]) continue;
    fieldErrors[field] = /^([a-zA-Z]+\.)?errors\.[A-Za-z]+$/.test(issue.message)
      ? issue.message
      : raw[field] === undefined || raw[field] === ""
        ? "errors.required"
        : "errors.invalid";
  }
  return { ok: false, fieldErrors, values: visibleValues(raw) };
}

export function formFailure(status: number, failure: Omit<FormFailure, "ok" | "values"> & { values?: Record<string, string> }) {
  return data<FormFailure>(
    {
      ok: false,
      fieldErrors: failure.fieldErrors,
      formError: failure.formError,
      formErrorParams: failure.formErrorParams,
      values: visibleValues(failure.values ?? {}),
    },
    { status },
  );
}
