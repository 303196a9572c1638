import MarkdownIt from "markdown-it";

// Portraits are written in Markdown. Raw HTML in the text is escaped (html: false) and markdown-it's
// link validation refuses javascript:, vbscript:, file: and data: (except images) URLs, so the HTML
// rendered here is safe to insert.
const md = new MarkdownIt({ html: false, linkify: false, typographer: true, breaks: false });

// Headings in a portrait start at level 2: the page's own h1 is the portrait's subject.
md.core.ruler.push("shift_headings", (state) => {
  for (const token of state.tokens) {
    if ((token.type === "heading_open" || token.type === "heading_close") && /^h[1-5]$/.test(token.tag)) {
      token.tag = `h${Math.min(6, Number(token.tag.slice(1)) + 1)}`;
    }
  }
});

export function renderMarkdown(text: string): string {
  return md.render(text);
}
