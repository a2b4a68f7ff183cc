import { describe, expect, it } from "vitest";
import { NAV, activeNavPath } from "./nav";

const paths = NAV.map((i) => i.to);

describe("activeNavPath", () => {
  it.each([
    ["/", "/"],
    ["/okrs", "/okrs"],
    ["/okrs/12", "/okrs"],
    ["/okrs/mine", "/okrs/mine"],
    ["/settings", "/settings"],
    ["/settings/tokens", "/settings/tokens"],
    ["/delivery/deployments/5", "/delivery/deployments"],
    ["/governance/gates/2", "/governance/gates"],
    ["/okrsx", null],
    ["/nowhere", null],
  ])("%s → %s", (pathname, expected) => {
    expect(activeNavPath(pathname, paths)).toBe(expected);
  });
});
