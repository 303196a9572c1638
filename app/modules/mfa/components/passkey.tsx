import "~/i18n/page-texts/mfa";
import {
  browserSupportsWebAuthn,
  startAuthentication,
  startRegistration,
  WebAuthnError,
  type PublicKeyCredentialCreationOptionsJSON,
  type PublicKeyCredentialRequestOptionsJSON,
} from "@simplewebauthn/browser";
import { Form, useFetcher, useNavigation, useSubmit } from "@remix-run/react";
import { useEffect, useRef, useState, useSyncExternalStore, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { AppLink } from "~/components/app-link";
import { ErrorSummary, FormError, SubmitButton, TextField, useAppForm } from "~/components/form";
import { Alert, Button, Heading2, Paragraph } from "~/components/nlds";
import { formatDate, usePageLocale } from "~/lib/locale";
import { ENROL_PATH, PasskeyNameSchema, RemovePasskeySchema, type PasskeyNameInput, type RemovePasskeyInput } from "../mfa.schema";

// Passkeys in the browser (ADR 0029), with @simplewebauthn/browser. This module is imported only by the
// two second-factor pages, so the library travels in their route chunks, never in the first page's.
// Without JavaScript, or in a browser without WebAuthn, nothing of it shows: the pages work with codes.

const noSubscription = () => () => {};

/** The browser can use passkeys. False on the server and while hydrating, so the page first renders as without JavaScript. */
export function usePasskeySupport(): boolean {
  return useSyncExternalStore(noSubscription, browserSupportsWebAuthn, () => false);
}

/** What a passkey intent answers: the ceremony's options, a refusal, or (adding a first passkey) recovery codes. */
export interface PasskeyAnswer {
  passkeyOptions?: unknown;
  ok?: boolean;
  formError?: string;
  formErrorParams?: Record<string, string | number>;
  fieldErrors?: Record<string, string>;
  recoveryCodes?: string[];
  next?: string;
}

interface Steps {
  /** The intent that gives the ceremony's options, with its fields. */
  options: string;
  optionsFields?: Record<string, string>;
  /** The intent that takes the browser's answer (posted as `response`), with its fields. */
  answer: string;
  fields?: Record<string, string>;
}

/**
 * One WebAuthn ceremony: ask the page for options, let the browser make or use the passkey, post its
 * answer. A redirect answer moves the page on (the fetcher follows it); a refusal, or a dialog the person
 * closed, becomes `problem` (a translation key). Adding a passkey posts its answer as the page's own form
 * (`asPage`), so a first passkey's recovery codes are the page's action data, gone once the person goes on.
 */
export function usePasskeyCeremony(kind: "register" | "authenticate", key: string, asPage = false) {
  const fetcher = useFetcher<PasskeyAnswer>({ key });
  const submitPage = useSubmit();
  const navigation = useNavigation();
  // From the click until the browser's dialog closed (the options request and the dialog).
  const [running, setRunning] = useState(false);
  const [browserProblem, setBrowserProblem] = useState<string | null>(null);
  const pending = useRef<{ steps: Steps; before: unknown } | null>(null);
  const { submit, state, data } = fetcher;

  useEffect(() => {
    const waiting = pending.current;
    // Only the answer to this ceremony's options request (not one shown before it started).
    if (!waiting || state !== "idle" || data === waiting.before) return;
    pending.current = null;
    const options = data?.passkeyOptions;
    if (!options) return; // refused: the refusal shows
    const made =
      kind === "register"
        ? startRegistration({ optionsJSON: options as PublicKeyCredentialCreationOptionsJSON })
        : startAuthentication({ optionsJSON: options as PublicKeyCredentialRequestOptionsJSON });
    made
      .then(
        (response) =>
          (asPage ? submitPage : submit)(
            { ...waiting.steps.fields, response: JSON.stringify(response) },
            { method: "post", action: `?intent=${waiting.steps.answer}` },
          ),
        (error: unknown) =>
          setBrowserProblem(
            error instanceof WebAuthnError && error.code === "ERROR_AUTHENTICATOR_PREVIOUSLY_REGISTERED"
              ? "mfa.errors.passkeyKnown"
              : "mfa.errors.passkeyCancelled",
          ),
      )
      .finally(() => setRunning(false));
  }, [state, data, kind, submit, submitPage, asPage]);

  const start = (steps: Steps) => {
    setBrowserProblem(null);
    setRunning(true);
    pending.current = { steps, before: data };
    void submit(steps.optionsFields ?? {}, { method: "post", action: `?intent=${steps.options}` });
  };
  const inDialog = running && state === "idle" && data?.passkeyOptions !== undefined;
  const busy = state !== "idle" || inDialog || (asPage && navigation.state !== "idle");
  const refused = !busy && data?.ok === false ? data : undefined;
  const problem = busy ? null : (browserProblem ?? refused?.formError ?? Object.values(refused?.fieldErrors ?? {})[0] ?? null);
  return { start, busy, problem, problemParams: refused?.formErrorParams, fieldErrors: refused?.fieldErrors ?? {} };
}

/** A ceremony's problem, announced (role=alert) above its button. */
function PasskeyProblem({ problem, params }: { problem: string | null; params?: Record<string, string | number> }) {
  const { t } = useTranslation();
  if (!problem) return null;
  return (
    <Alert type="error" className="lauwer-passkey-problem">
      <Paragraph>{t(problem, params)}</Paragraph>
    </Alert>
  );
}

/** The sign-in step's passkey button: the obvious way on when the person has a passkey and the browser can use it. */
export function PasskeyStep({ redirectTo }: { redirectTo: string }) {
  const { t } = useTranslation();
  const { start, busy, problem, problemParams } = usePasskeyCeremony("authenticate", "passkey-step");
  return (
    <div className="lauwer-passkey">
      <PasskeyProblem problem={problem} params={problemParams} />
      <Button
        type="button"
        appearance="primary-action-button"
        aria-disabled={busy || undefined}
        onClick={() => (busy ? undefined : start({ options: "passkeyOptions", answer: "passkey", fields: { redirectTo } }))}
      >
        {t("mfa.passkey.signIn")}
      </Button>
    </div>
  );
}

/** The person's passkeys: name, when added, when last used, and a link to remove each. */
export function PasskeyList({
  passkeys,
}: {
  passkeys: { id: string; name: string; createdAt: Date | string; lastUsedAt: Date | string | null }[];
}) {
  const { t } = useTranslation();
  const locale = usePageLocale();
  if (passkeys.length === 0) return <Paragraph>{t("mfa.passkey.none")}</Paragraph>;
  return (
    <ul className="utrecht-unordered-list lauwer-passkeys" aria-label={t("mfa.passkey.listLabel")}>
      {passkeys.map((p) => (
        <li className="utrecht-unordered-list__item" key={p.id}>
          <strong>{p.name}</strong>
          <br />
          {t("mfa.passkey.added", { date: formatDate(locale, p.createdAt) })}{" "}
          {p.lastUsedAt ? t("mfa.passkey.lastUsed", { date: formatDate(locale, p.lastUsedAt) }) : t("mfa.passkey.neverUsed")}
          <br />
          <AppLink to={`${ENROL_PATH}?verwijderen=${p.id}`}>
            {t("mfa.passkey.remove")}
            <span className="lauwer-visually-hidden"> {p.name}</span>
          </AppLink>
        </li>
      ))}
    </ul>
  );
}

/** Adding a passkey: the person names it, then the browser makes it. Shown only where the browser can. */
export function AddPasskeyForm({ redirectTo, canAdd, another }: { redirectTo: string; canAdd: boolean; another: boolean }) {
  const { t } = useTranslation();
  const supported = usePasskeySupport();
  // The answer is posted as the page's form with formId "passkey": a refusal of it comes back as `failure`.
  const { register, errorOf, errors, trigger, getValues, focusSummary, failure } = useAppForm<PasskeyNameInput>(
    PasskeyNameSchema,
    { redirectTo },
    "passkey",
  );
  const { start, busy, problem, problemParams, fieldErrors } = usePasskeyCeremony("register", "passkey-register", true);
  if (!canAdd) return <Paragraph>{t("mfa.passkey.limit")}</Paragraph>;
  if (!supported) return <Paragraph>{t("mfa.passkey.unsupported")}</Paragraph>;
  const nameError = errorOf("name") ?? fieldErrors.name;
  const shownProblem = fieldErrors.name ? null : (problem ?? (busy ? null : (failure?.formError ?? null)));
  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    if (busy) return;
    if (!(await trigger())) return focusSummary();
    const { name, redirectTo: to } = getValues();
    start({
      options: "passkeyOptions",
      optionsFields: { name },
      answer: "passkeyRegister",
      fields: { name, redirectTo: to, formId: "passkey" },
    });
  };
  return (
    <>
      {another ? <h3 className="utrecht-heading-3 lauwer-passkey-add">{t("mfa.passkey.addAnother")}</h3> : null}
      <ErrorSummary errors={{ ...fieldErrors, ...errors }} />
      <PasskeyProblem problem={shownProblem} params={problem ? problemParams : failure?.formErrorParams} />
      <form method="post" onSubmit={(e) => void onSubmit(e)} noValidate className="lauwer-form">
        <TextField
          name="name"
          label={t("mfa.passkey.name")}
          description={t("mfa.passkey.nameDescription")}
          registration={register("name")}
          error={nameError}
          autoComplete="off"
          required
        />
        <SubmitButton busy={busy}>{t("mfa.passkey.add")}</SubmitButton>
      </form>
    </>
  );
}

/** The code that confirms a removal (app code or recovery code), as turning the app off asks one. */
function RemoveWithCode({ passkeyId, secondary, hasApp }: { passkeyId: string; secondary: boolean; hasApp: boolean }) {
  const { t } = useTranslation();
  const { register, handleSubmit, errorOf, failure, errors, busy, setValue } = useAppForm<RemovePasskeyInput>(
    RemovePasskeySchema,
    { passkey: passkeyId, formId: "removePasskey" },
    "removePasskey",
  );
  useEffect(() => {
    if (failure) setValue("code", "");
  }, [failure, setValue]);
  return (
    <>
      <FormError failure={failure} errors={errors} />
      <Form method="post" action="?intent=removePasskey" onSubmit={handleSubmit} noValidate className="lauwer-form">
        <input type="hidden" {...register("passkey")} />
        <input type="hidden" {...register("formId")} />
        <TextField
          name="code"
          label={t("mfa.step.code")}
          description={t(hasApp ? "mfa.step.codeDescription" : "mfa.passkey.recoveryCodeDescription")}
          autoComplete="one-time-code"
          registration={register("code")}
          error={errorOf("code")}
          required
        />
        <SubmitButton busy={busy} secondary={secondary}>
          {t("mfa.passkey.removeWithCode")}
        </SubmitButton>
      </Form>
    </>
  );
}

/** Removing one passkey: confirmed with a passkey (the obvious way where the browser can) or a code. */
export function RemovePasskey({ passkey, last, hasApp }: { passkey: { id: string; name: string }; last: boolean; hasApp: boolean }) {
  const { t } = useTranslation();
  const supported = usePasskeySupport();
  const { start, busy, problem, problemParams } = usePasskeyCeremony("authenticate", "passkey-remove");
  return (
    <>
      <Heading2>{t("mfa.passkey.removeHeading", { name: passkey.name })}</Heading2>
      {last ? (
        <Alert type="warning">
          <Paragraph>{t("mfa.passkey.removeLast")}</Paragraph>
        </Alert>
      ) : null}
      {supported ? (
        <div className="lauwer-passkey">
          <Paragraph>{t("mfa.passkey.removeWithPasskeyIntro")}</Paragraph>
          <PasskeyProblem problem={problem} params={problemParams} />
          <Button
            type="button"
            appearance="primary-action-button"
            aria-disabled={busy || undefined}
            onClick={() =>
              busy
                ? undefined
                : start({ options: "passkeyConfirmOptions", answer: "removePasskeyByPasskey", fields: { passkey: passkey.id } })
            }
          >
            {t("mfa.passkey.removeWithPasskey")}
          </Button>
        </div>
      ) : null}
      <Paragraph>{t(hasApp ? "mfa.passkey.removeWithCodeIntro" : "mfa.passkey.removeWithRecoveryIntro")}</Paragraph>
      <RemoveWithCode passkeyId={passkey.id} secondary={supported} hasApp={hasApp} />
      <Paragraph>
        <AppLink to={ENROL_PATH}>{t("mfa.passkey.cancel")}</AppLink>
      </Paragraph>
    </>
  );
}
