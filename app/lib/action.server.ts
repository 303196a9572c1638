import { data, redirect, type ActionFunctionArgs } from "@remix-run/node";
import type * as z from "zod/mini";
import { isDatabaseUnavailable } from "~/db.server";
import { parseFormData, readForm, visibleValues, type FormFailure } from "./forms.server";
import { withNotice, type Notice } from "./notice";
import type { Outcome, Refusal } from "./outcome";

/**
 * The one outcome normaliser (ADR 0009): a refusal becomes the page's answer — the translated error on
 * its field, or on the form — with the refusal's status, what the person typed, and Retry-After for
 * 429 and 503.
 */
export function refusalResponse(refusal: Refusal, values: Record<string, string> = {}) {
  const retryAfter = refusal.retryAfter ?? (refusal.status === 503 ? 5 : undefined);
  return data<FormFailure>(
    {
      ok: false,
      fieldErrors: refusal.field ? { [refusal.field]: refusal.error } : {},
      formError: refusal.field ? undefined : refusal.error,
      formErrorParams: refusal.params,
      values: visibleValues(values),
    },
    { status: refusal.status, headers: retryAfter ? { "Retry-After": String(retryAfter) } : undefined },
  );
}

/** The usual success: back to a page (303, so a reload does not post again) with a notice. */
export function redirectWithNotice(path: string, notice: Notice) {
  return redirect(withNotice(path, notice), 303);
}

type Input<S> = S extends z.ZodMiniType ? z.infer<S> : Record<string, string>;

/** One intent of an action: the form it reads, the service it runs, and where success leads. */
export interface Intent<G, S extends z.ZodMiniType | undefined, T> {
  /**
   * The shared zod schema of the form (the browser form validates with the same one), or a function
   * of what the guard found when the form depends on it (a person or an organisation, a project's years).
   */
  schema?: S | ((guarded: G) => S);
  /** The page shows one message above its forms, not one per field: a schema error becomes the form's error. */
  errorsOnForm?: boolean;
  /** Calls the service; returns its outcome. */
  run(guarded: G, input: Input<S>, ctx: { args: ActionFunctionArgs; form: FormData; raw: Record<string, string> }): Promise<Outcome<T>>;
  /** The answer to a success (usually redirectWithNotice; or data the page shows). */
  done(guarded: G, value: T): unknown;
}

/** Declares an intent with its types inferred (schema → input, run → value). */
export function intent<G, S extends z.ZodMiniType | undefined, T>(i: Intent<G, S, T>): Intent<G, S, T> {
  return i;
}

/**
 * The one action shape, called by a route as
 * `export const action = (args: ActionFunctionArgs) => handleIntents(args, guard, { ...intents })`
 * (inside a function, so nothing of it runs when the browser loads the route module):
 * guard → read the form → pick the intent (`?intent=` in the URL, or an
 * `intent` field) → parse with its schema → run the service → one normaliser. A database outage
 * while the service runs is answered 503 with the form kept (`notStored`: the message to show); an
 * unknown intent 400.
 */
export async function handleIntents<G>(
  args: ActionFunctionArgs,
  guard: (args: ActionFunctionArgs) => Promise<G> | G,
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- each intent has its own schema and value types
  intents: Record<string, Intent<G, any, any>>,
  options: { notStored?: string } = {},
) {
  // A button-only form (or a bare POST) has no body to read.
  const readBody = async () => (args.request.headers.get("content-type") ? await readForm(args.request) : new FormData());
  const notStored = (form: FormData | null) =>
    refusalResponse(
      { ok: false, status: 503, error: options.notStored ?? "errors.notStored" },
      Object.fromEntries([...(form?.entries() ?? [])].filter((e): e is [string, string] => typeof e[1] === "string")),
    );
  let guarded: G;
  try {
    guarded = await guard(args);
  } catch (error) {
    // Refusals (a redirect to the login page, 403, 404) pass on; an outage keeps the form.
    if (!isDatabaseUnavailable(error)) throw error;
    return notStored(await readBody());
  }
  const form = await readBody();
  if (!form) return refusalResponse({ ok: false, status: 400, error: "errors.badRequest" });
  const name = new URL(args.request.url).searchParams.get("intent") ?? String(form.get("intent") ?? "");
  const chosen = Object.hasOwn(intents, name) ? intents[name] : undefined;
  if (!chosen) return refusalResponse({ ok: false, status: 400, error: "errors.badRequest" });
  let input: unknown;
  let raw: Record<string, string>;
  const schema = typeof chosen.schema === "function" ? (chosen.schema as (g: G) => z.ZodMiniType)(guarded) : chosen.schema;
  if (schema) {
    const parsed = parseFormData(form, schema as z.ZodMiniType);
    if (!parsed.ok && chosen.errorsOnForm)
      return refusalResponse({
        ok: false,
        status: 400,
        error: Object.values(parsed.fieldErrors)[0] ?? parsed.formError ?? "errors.badRequest",
      });
    if (!parsed.ok) return data<FormFailure>(parsed, { status: 400 });
    input = parsed.data;
    raw = parsed.raw;
  } else {
    raw = Object.fromEntries([...form.entries()].filter((e): e is [string, string] => typeof e[1] === "string"));
    input = raw;
  }
  let outcome: Outcome<unknown>;
  try {
    outcome = await chosen.run(guarded, input, { args, form, raw });
  } catch (error) {
    if (!isDatabaseUnavailable(error)) throw error;
    return notStored(form);
  }
  return outcome.ok ? chosen.done(guarded, outcome.value) : refusalResponse(outcome, raw);
}
