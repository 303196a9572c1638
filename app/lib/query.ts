// eslint-disable-next-line no-control-regex -- removing control characters is the point
const CONTROL = /[\u0000-\u001F\u007F]/g;

/** A search term from the URL: control characters removed (PostgreSQL refuses NUL), length bounded. */
export function searchTerm(value: string | null, max = 100): string {
  return (value ?? "").replace(CONTROL, " ").trim().slice(0, max);
}
