// The root loader reads the notice through this server-only module, so the browser's root bundle does
// not import app/lib/notice.ts (and, through it, the texts of every namespace).
export { noticeFrom } from "./notice";
