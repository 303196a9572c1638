import type { HeadersFunction } from "@remix-run/node";

/**
 * A route's `headers`: the Retry-After of a throttled or unavailable action (429, 503; set by
 * refusalResponse) reaches the browser with the page, also when the form was posted without JavaScript.
 */
export const retryAfterHeaders: HeadersFunction = ({ actionHeaders, loaderHeaders }) => {
  const retryAfter = actionHeaders.get("Retry-After");
  if (!retryAfter) return loaderHeaders;
  const headers = new Headers(loaderHeaders);
  headers.set("Retry-After", retryAfter);
  return headers;
};
