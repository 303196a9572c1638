import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Button, Heading2, Paragraph } from "~/components/nlds";
import type { RoundState } from "../round.server";

/** A form of one button that posts an intent to this page (open, close, reveal, publish, remind…). */
export function IntentButton({ intent, label, primary = false }: { intent: string; label: string; primary?: boolean }) {
  return (
    <Form method="post" action={`?intent=${intent}`}>
      <Button type="submit" appearance={primary ? "primary-action-button" : "secondary-action-button"}>
        {label}
      </Button>
    </Form>
  );
}

/** The organizer's controls of a live vote: open, close and reveal, the short link with its QR code, the projector. */
export function LiveControls({
  state,
  revealed,
  shortCode,
  shortUrl,
  publicBase,
  screenUrl,
}: {
  state: RoundState;
  revealed: boolean;
  shortCode: string | null;
  shortUrl: string | null;
  publicBase: string;
  /** The projector's address with the round's screen key, for a computer that is not signed in (ADR 0021). */
  screenUrl: string;
}) {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="live-heading">
      <Heading2 id="live-heading">{t("voting.admin.liveHeading")}</Heading2>
      <div className="lauwer-actions">
        {state === "upcoming" ? <IntentButton intent="open" label={t("voting.admin.open")} primary /> : null}
        {state === "open" ? <IntentButton intent="close" label={t("voting.admin.close")} primary /> : null}
        {state !== "upcoming" && !revealed ? <IntentButton intent="reveal" label={t("voting.admin.reveal")} /> : null}
      </div>
      {shortCode ? (
        <>
          <Paragraph>
            {t("voting.admin.shortUrl")}: <strong data-testid="short-url">{shortUrl}</strong>
          </Paragraph>
          <img src={`/l/${shortCode}/qr`} alt={t("voting.qrAlt", { url: shortUrl })} width={200} height={200} />
        </>
      ) : null}
      {/* The screen for the room opens in its own window, to drag to the projector. */}
      <p className="lauwer-live__screen">
        <a href={`${publicBase}/scherm`} target="_blank" rel="noopener" className="lauwer-live__screen-link">
          {t("ballot.openProjector")} <span className="lauwer-live__new-window">{t("ballot.newWindow")}</span>
        </a>
      </p>
      <Paragraph>{t("ballot.projectorHint")}</Paragraph>
      <Paragraph>
        {t("stream.screenLink")}:{" "}
        <code className="lauwer-live__screen-key" data-testid="screen-link">
          {screenUrl}
        </code>
      </Paragraph>
      <Paragraph>{t("stream.screenLinkHint")}</Paragraph>
    </section>
  );
}
