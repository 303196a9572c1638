import { useRouteLoaderData } from "@remix-run/react";
import type { loader } from "~/routes/prijzen.$award.$year";

/** The edition loaded by the edition layout route, for its child pages. */
export function useEdition() {
  return useRouteLoaderData<typeof loader>("routes/prijzen.$award.$year")!.edition;
}
