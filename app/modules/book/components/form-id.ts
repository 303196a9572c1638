import { useActionData } from "@remix-run/react";

/**
 * The formId a form of a page with several forms takes its failure back by (see useAppForm): its
 * own, or none — take the failure — when the failure names no form but carries this form's field
 * (a post without the form's hidden formId still gets its messages on this form).
 */
export function useFormId(formId: string, field: string): string | undefined {
  const data = useActionData<unknown>();
  const failed = typeof data === "object" && data !== null && (data as { ok?: unknown }).ok === false;
  const values = failed ? (data as { values?: Record<string, string> }).values : undefined;
  return values && values.formId === undefined && field in values ? undefined : formId;
}
