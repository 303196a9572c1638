import type { PhotoRef } from "../photo";

/** The initials of a name, at most two ("Anna de Vries" → "AV"). */
export function initials(name: string): string {
  // The first letter of each word ("'s-Hertogenbosch" → "S"), of the first and the last word.
  const letters = name.split(/\s+/).flatMap((w) => /\p{L}/u.exec(w)?.[0] ?? []);
  const picked = letters.length > 1 ? [letters[0]!, letters[letters.length - 1]!] : letters;
  return picked.join("").toLocaleUpperCase("nl") || "?";
}

/**
 * A candidate's photo (or organisation logo) with its alt text, or their initials when there is none.
 * The initials are decorative (hidden from screen readers): the name is always in text nearby. The
 * small size uses the 96 px thumbnail; the large one the 480 px image.
 */
export function CandidateAvatar({ name, photo, size = "small" }: { name: string; photo?: PhotoRef | null; size?: "small" | "large" }) {
  const className = `lauwer-avatar lauwer-avatar--${size}`;
  if (photo) {
    const px = size === "large" ? 192 : 64;
    return (
      <img
        className={className}
        src={size === "large" ? photo.src : photo.thumb}
        alt={photo.alt}
        width={px}
        height={px}
        loading={size === "large" ? "eager" : "lazy"}
        decoding="async"
      />
    );
  }
  return (
    <span className={`${className} lauwer-avatar--initials`} aria-hidden="true">
      {initials(name)}
    </span>
  );
}
