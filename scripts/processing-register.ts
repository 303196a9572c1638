import { readFile, writeFile } from "node:fs/promises";
import "~/i18n/page-texts/legal";
import { translator } from "~/i18n/i18n";
import { registerMarkdown, registerSection, withRegister } from "~/modules/privacy/processing-text";

// npm run privacy:register — writes docs/privacy.md's "Register of processing (art. 30)" section from the
// record of processing (app/modules/privacy/processing.ts), between its marker comments.
// `-- --check` changes nothing and fails when the section differs (tests/unit/processing-record.test.ts
// checks the same).
const path = new URL("../docs/privacy.md", import.meta.url);
const doc = await readFile(path, "utf8");
const section = registerMarkdown(translator("en"));
if (process.argv.includes("--check")) {
  if (registerSection(doc) !== section) {
    console.error("docs/privacy.md: the register of processing differs from the record; run npm run privacy:register");
    process.exit(1);
  }
  console.log("docs/privacy.md: the register of processing matches the record");
} else {
  const next = withRegister(doc, section);
  if (next === doc) console.log("docs/privacy.md: the register of processing is up to date");
  else {
    await writeFile(path, next);
    console.log("docs/privacy.md: wrote the register of processing");
  }
}
