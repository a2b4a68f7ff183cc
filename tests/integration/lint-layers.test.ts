/**
 * The layer rules of eslint.config.js (decision 016): an import that runs back up the layers fails
 * the lint, one that runs downwards passes.
 */
import { ESLint } from "eslint";

const eslint = new ESLint({ cwd: process.cwd() });

async function restricted(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return result.messages.filter((m) => m.ruleId === "no-restricted-imports").map((m) => m.message);
}

describe("layer rules", () => {
  it.each([
    ["app/components/x.tsx", 'import { getKpis } from "~/models/kpis.server";\nexport const x = getKpis;\n'],
    ["app/components/x.tsx", 'import { getDb } from "~/utils/db.server";\nexport const x = getDb;\n'],
    ["app/components/x.tsx", 'import { schema } from "../../db/schema";\nexport const x = schema;\n'],
    ["app/components/x.tsx", 'import { loader } from "~/root";\nexport const x = loader;\n'],
    ["app/models/x.server.ts", 'import { Card } from "~/components/ui/card";\nexport const x = Card;\n'],
    ["app/models/x.server.ts", 'import { loader } from "~/routes/_index";\nexport const x = loader;\n'],
    ["app/lib/x.ts", 'import { Card } from "~/components/ui/card";\nexport const x = Card;\n'],
    ["app/lib/x.ts", 'import { getKpis } from "~/models/kpis.server";\nexport const x = getKpis;\n'],
    ["app/lib/x.ts", 'import { getDb } from "~/utils/db.server";\nexport const x = getDb;\n'],
    ["app/lib/x.ts", 'import { requireUser } from "~/auth/guards.server";\nexport const x = requireUser;\n'],
    ["app/routes/x.tsx", 'import { loader } from "~/root";\nexport const x = loader;\n'],
    // input schemas have one place (app/lib/schemas): a route, component or handler writes none
    ["app/routes/x.tsx", 'import { z } from "zod";\nexport const x = z.object({});\n'],
    ["app/components/x.tsx", 'import { z } from "zod";\nexport const x = z.string();\n'],
    ["app/handlers/x.server.ts", 'import { z } from "zod";\nexport const x = z.string();\n'],
  ])("%s: a reversed import fails (%#)", async (file, code) => {
    expect((await restricted(file, code)).length).toBeGreaterThan(0);
  });

  it.each([
    ["app/components/x.tsx", 'import { formatMoney } from "~/lib/format";\nexport const x = formatMoney;\n'],
    ["app/components/x.tsx", 'import { KR_KINDS } from "../../db/schema/enums";\nexport const x = KR_KINDS;\n'],
    ["app/lib/x.ts", 'import { can } from "~/auth/permissions";\nexport const x = can;\n'],
    ["app/models/x.server.ts", 'import { getDb } from "~/utils/db.server";\nexport const x = getDb;\n'],
    ["app/routes/x.tsx", 'import { getKpis } from "~/models/kpis.server";\nexport const x = getKpis;\n'],
    ["app/routes/x.tsx", 'import { TeamsParamsSchema } from "~/lib/schemas/teams.server";\nexport const x = TeamsParamsSchema;\n'],
    ["app/lib/schemas/x.server.ts", 'import { z } from "zod";\nexport const x = z.string();\n'],
  ])("%s: a downward import passes (%#)", async (file, code) => {
    expect(await restricted(file, code)).toEqual([]);
  });

  it.each([
    ['import { z } from "zod";\nexport const x = z.object({ a: z.string() });\n', true],
    ['import { z } from "zod";\nexport const x = z.coerce.number();\n', true],
    ['import { z } from "zod";\nimport { s } from "~/lib/schemas/x.server";\nexport const x = s.transform(() => z.NEVER);\n', false],
    ["export function f(form: FormData) {\n  return form;\n}\n", true],
    ["export function f(url: URL) {\n  return url;\n}\n", true],
    ["export function f(sp: URLSearchParams) {\n  return sp;\n}\n", true],
    ["export function f(filter: { status?: string }) {\n  return filter;\n}\n", false],
  ])("app/models: a schema declared in a model, or a form / URL / request taken, fails; typed input passes (%#)", async (code, fails) => {
    const [result] = await eslint.lintText(code, { filePath: "app/models/x.server.ts" });
    expect(result.messages.some((m) => m.ruleId === "no-restricted-syntax")).toBe(fails);
  });
});
