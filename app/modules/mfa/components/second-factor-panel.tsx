import "~/i18n/page-texts/mfa";
import { Form } from "@remix-run/react";
import { useEffect, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { ButtonLink } from "~/components/button-link";
import { FormError, SubmitButton, TextField, useAppForm } from "~/components/form";
import { Heading2, Paragraph } from "~/components/nlds";
import { ConfirmSchema, type ConfirmInput } from "../mfa.schema";
import { CodeForm } from "./code-form";
import { AddPasskeyForm, PasskeyList, usePasskeySupport } from "./passkey";

const Heading3 = ({ children }: { children: ReactNode }) => <h3 className="utrecht-heading-3">{children}</h3>;

export interface PanelState {
  /** The authenticator app is on. */
  app: boolean;
  /** Any second factor is on. */
  on: boolean;
  required: boolean;
  recoveryLeft: number;
  pending: { secret: string; qr: string } | null;
  passkeys: { id: string; name: string; createdAt: Date | string; lastUsedAt: Date | string | null }[];
  /** Fewer passkeys than the most one may have. */
  canAddPasskey: boolean;
}

/** The recovery codes, shown once (after turning the second factor on, or after making new ones). */
export function RecoveryCodes({ codes, next }: { codes: string[]; next: string }) {
  const { t } = useTranslation();
  return (
    <>
      <Heading2>{t("mfa.enrol.codesHeading")}</Heading2>
      <Paragraph>{t("mfa.enrol.codesIntro")}</Paragraph>
      <ol className="utrecht-ordered-list lauwer-recovery-codes" aria-label={t("mfa.enrol.codesList")}>
        {codes.map((c) => (
          <li className="utrecht-ordered-list__item" key={c}>
            <code>{c}</code>
          </li>
        ))}
      </ol>
      <Paragraph>
        <ButtonLink to={next}>{t("mfa.enrol.continue")}</ButtonLink>
      </Paragraph>
    </>
  );
}

/** The first code from the app, which turns the second factor on. */
function ConfirmForm({ redirectTo }: { redirectTo: string }) {
  const { t } = useTranslation();
  const { register, handleSubmit, errorOf, failure, errors, busy, setValue } = useAppForm<ConfirmInput>(
    ConfirmSchema,
    { redirectTo, formId: "confirm" },
    "confirm",
  );
  useEffect(() => {
    if (failure) setValue("code", "");
  }, [failure, setValue]);
  return (
    <>
      <FormError failure={failure} errors={errors} />
      <Form method="post" action="?intent=confirm" onSubmit={handleSubmit} noValidate className="lauwer-form">
        <input type="hidden" {...register("redirectTo")} />
        <input type="hidden" {...register("formId")} />
        <TextField
          name="code"
          label={t("mfa.enrol.confirmCode")}
          description={t("mfa.enrol.confirmDescription")}
          autoComplete="one-time-code"
          registration={register("code")}
          error={errorOf("code")}
          required
        />
        <SubmitButton busy={busy}>{t("mfa.enrol.confirm")}</SubmitButton>
      </Form>
    </>
  );
}

/** Setting up the authenticator app: start, then the QR code and key, then its first code. */
function AppSetup({ pending, redirectTo, secondary }: { pending: PanelState["pending"]; redirectTo: string; secondary: boolean }) {
  const { t } = useTranslation();
  if (!pending)
    return (
      <>
        <Paragraph>{t("mfa.enrol.appsHint")}</Paragraph>
        <Form method="post" action="?intent=start" className="lauwer-form">
          <input type="hidden" name="redirectTo" value={redirectTo} />
          <SubmitButton secondary={secondary}>{t("mfa.enrol.start")}</SubmitButton>
        </Form>
      </>
    );
  return (
    <>
      <Heading3>{t("mfa.enrol.scanHeading")}</Heading3>
      <Paragraph>{t("mfa.enrol.scan")}</Paragraph>
      <img className="lauwer-qr" src={pending.qr} alt={t("mfa.enrol.qrAlt")} width={200} height={200} />
      <Paragraph>{t("mfa.enrol.manual")}</Paragraph>
      <Paragraph>
        <code className="lauwer-totp-secret" data-testid="totp-secret">
          {pending.secret}
        </code>
      </Paragraph>
      <Heading3>{t("mfa.enrol.confirmHeading")}</Heading3>
      <ConfirmForm redirectTo={redirectTo} />
    </>
  );
}

/**
 * The person's second factors (ADR 0024, 0029): their passkeys (add, remove), the authenticator app
 * (set up, or remove with a current code), and — once one is on — their recovery codes.
 */
export function SecondFactorPanel({ state, redirectTo }: { state: PanelState; redirectTo: string }) {
  const { t } = useTranslation();
  // Where this browser can add a passkey, that is the page's main button; the app is the other way.
  const passkeysHere = usePasskeySupport() && state.canAddPasskey;
  return (
    <>
      {state.on ? (
        <Paragraph>{t("mfa.enrol.on")}</Paragraph>
      ) : (
        <Paragraph>{t(state.required ? "mfa.enrol.required" : "mfa.enrol.optional")}</Paragraph>
      )}

      <Heading2>{t("mfa.passkey.heading")}</Heading2>
      <Paragraph>{t("mfa.passkey.intro")}</Paragraph>
      {state.passkeys.length ? <PasskeyList passkeys={state.passkeys} /> : null}
      <AddPasskeyForm redirectTo={redirectTo} canAdd={state.canAddPasskey} another={state.passkeys.length > 0} />

      <Heading2>{t("mfa.enrol.appHeading")}</Heading2>
      {state.app ? (
        <>
          <Paragraph>{t("mfa.enrol.appOn")}</Paragraph>
          <Heading3>{t(state.passkeys.length ? "mfa.enrol.removeAppHeading" : "mfa.enrol.disableHeading")}</Heading3>
          <Paragraph>{t(state.passkeys.length ? "mfa.enrol.removeAppIntro" : "mfa.enrol.disableIntro")}</Paragraph>
          <CodeForm submit={t(state.passkeys.length ? "mfa.enrol.removeApp" : "mfa.enrol.disable")} intent="disable" formId="disable" />
        </>
      ) : (
        <AppSetup pending={state.pending} redirectTo={redirectTo} secondary={passkeysHere} />
      )}

      {state.on ? (
        <>
          <Heading2>{t("mfa.enrol.recoveryHeading")}</Heading2>
          <Paragraph>{t("mfa.enrol.recoveryLeft", { count: state.recoveryLeft })}</Paragraph>
          <Paragraph>{t("mfa.enrol.regenerateIntro")}</Paragraph>
          <Form method="post" action="?intent=regenerate" className="lauwer-form">
            <SubmitButton secondary>{t("mfa.enrol.regenerate")}</SubmitButton>
          </Form>
        </>
      ) : null}
    </>
  );
}
