import { z } from "zod";
import { parseScriptOptions, wholeOption } from "./cli";

const shape = { port: wholeOption(1, 65535, 3960), skip: z.string().default(""), regenerate: z.boolean().default(false) };

describe("script options", () => {
  it("takes the defaults, coerces and checks each value", () => {
    expect(parseScriptOptions([], shape, ["regenerate"])).toEqual({ ok: true, values: { port: 3960, skip: "", regenerate: false } });
    expect(parseScriptOptions(["--port", "4000", "--regenerate", "--skip", "load"], shape, ["regenerate"])).toEqual({
      ok: true,
      values: { port: 4000, skip: "load", regenerate: true },
    });
  });

  it.each([
    [["--port", "abc"], "--port:"],
    [["--port", "70000"], "--port:"],
    [["--port", "1.5"], "--port:"],
    [["--nope", "1"], "nope"],
    [["stray"], "stray"],
  ])("refuses %j, naming the option", (args, named) => {
    const result = parseScriptOptions(args, shape, ["regenerate"]);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toContain(named);
  });
});
