import { useRouteLoaderData } from "@remix-run/react";
import type { EditionLayoutData } from "./edition-layout";

/** The edition loaded by the edition layout route, for its child pages. */
export function useEdition() {
  return useRouteLoaderData<EditionLayoutData>("routes/prijzen.$award.$year")!.edition;
}
