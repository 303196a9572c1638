/// <reference types="@remix-run/dev" />

import "@remix-run/node";
import type { RequestContext } from "~/context";

declare module "@remix-run/node" {
  interface Future {
    v3_singleFetch: true;
  }
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- augmentation: the context is what the server passes
  interface AppLoadContext extends RequestContext {}
}
