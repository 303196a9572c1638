/**
 * One file in several formats, as plain links separated by " · " (a download is not a page of the
 * app, so no client-side navigation). Each link's accessible name says what it downloads.
 */
export function DownloadLinks({
  formats,
  href,
  label,
  ariaLabel,
}: {
  formats: readonly string[];
  href: (format: string) => string;
  /** The visible text of a format ("CSV", "Excel"). */
  label: (format: string) => string;
  /** The link's accessible name ("Kandidaten downloaden als CSV"). */
  ariaLabel: (format: string) => string;
}) {
  return (
    <>
      {formats.map((format, i) => (
        <span key={format}>
          {i > 0 ? " · " : null}
          <a className="utrecht-link" href={href(format)} download aria-label={ariaLabel(format)}>
            {label(format)}
          </a>
        </span>
      ))}
    </>
  );
}
