import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { scanSources } from "./extract.server";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "i18n-scan-"));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function scan(name: string, source: string) {
  const sub = fs.mkdtempSync(path.join(dir, "case-"));
  fs.writeFileSync(path.join(sub, name), source);
  return scanSources(sub);
}

describe("the catalogue's scanner", () => {
  it("finds t() keys with their namespace and plurals", () => {
    const { keys, problems } = scan(
      "a.tsx",
      `import { useTranslation } from "react-i18next";
       export function A() { const { t } = useTranslation("risks"); return <p>{t("{{count}} risks", { count: 2 })} {t("Save", { ns: "common" })}</p>; }`,
    );
    expect(problems).toEqual([]);
    expect(keys.map((k) => [k.ns, k.key, k.plural])).toEqual([
      ["risks", "{{count}} risks", true],
      ["common", "Save", false],
    ]);
  });

  it("reports text written straight into JSX or into a read attribute, which a French page would show in English", () => {
    const { problems } = scan(
      "b.tsx",
      `export function B({ mayDecide }: { mayDecide: boolean }) {
         return <div><p className="muted">No decision yet{mayDecide ? "" : "!"}</p><button title="Close">x</button><input placeholder="Search" /></div>;
       }`,
    );
    expect(problems).toHaveLength(3);
    expect(problems[0]).toMatch(/b\.tsx:2: text outside t\(\): "No decision yet"/);
    expect(problems[1]).toMatch(/"Close"/);
    expect(problems[2]).toMatch(/"Search"/);
  });

  it("leaves code, acronyms and punctuation alone", () => {
    const { problems } = scan(
      "c.tsx",
      `export function C() {
         return <div><code>npm run seed</code> <kbd>Ctrl</kbd> <span>IT</span> <span>(UTC)</span> <span>HTTP</span> · — <abbr>S&amp;M</abbr></div>;
       }`,
    );
    expect(problems).toEqual([]);
  });
});
