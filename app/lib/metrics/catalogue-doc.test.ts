import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { CATALOGUE } from "./catalogue";
import { catalogueMarkdown } from "./catalogue-doc";

describe("docs/metrics.md", () => {
  it("is exactly what the catalogue generates (run `npm run docs:metrics` after changing the catalogue)", () => {
    const committed = fs.readFileSync(path.join(process.cwd(), "docs", "metrics.md"), "utf8");
    expect(committed).toBe(catalogueMarkdown());
  });

  it("lists every catalogue id once", () => {
    const md = catalogueMarkdown();
    for (const d of CATALOGUE) expect(md.split(`| \`${d.id}\` |`).length - 1, d.id).toBe(1);
  });
});
