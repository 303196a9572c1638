import { Alert, Heading1, Paragraph } from "~/components/nlds";

/** The page of a mailed link (consent or reference) that is unknown, used or expired. */
export function ConsentLinkInvalid({ title, message }: { title: string; message: string }) {
  return (
    <>
      <Heading1>{title}</Heading1>
      <Alert type="error">
        <Paragraph>{message}</Paragraph>
      </Alert>
    </>
  );
}
