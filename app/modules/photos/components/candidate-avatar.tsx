import type { PhotoRef } from "../photo";

/** The initials of a name, at most two ("Anna de Vries" → "AV"). */
export function initials(name: string): string {
  const words = name.split(/\s+/).filter((w) => /^\p{L}/u.test(w));
  const picked = words.length > 1 ? [words[0]!, words[words.length - 1]!] : words;
  return picked.map((w) => w[0]!.toLocaleUpperCase("nl")).join("") || "?";
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
