import { describe, expect, it } from "vitest";
import { compactPlotSvg } from "./svg-compact";

describe("compactPlotSvg", () => {
  it("drops what SVG ignores on dots, curves, axis lines and labels, and keeps every attribute it reads", () => {
    const dot =
      '<circle r="3" id="c1-s0" name="Measured" stroke="var(--chart-1)" stroke-width="2" fill="var(--surface)" width="452" height="108" cx="112" cy="91.6" class="recharts-dot recharts-line-dot"></circle>';
    expect(compactPlotSvg(dot)).toBe(
      '<circle r="3" stroke="var(--chart-1)" stroke-width="2" fill="var(--surface)" cx="112" cy="91.6" class="recharts-dot recharts-line-dot"></circle>',
    );
    const curve = '<path id="c1-s0" name="Measured" stroke="red" width="452" height="108" class="recharts-curve" d="M112,91.6L146.167,80.8"></path>';
    expect(compactPlotSvg(curve)).toBe('<path id="c1-s0" stroke="red" class="recharts-curve" d="M112,91.6L146.167,80.8"></path>');
    const axis =
      '<line orientation="bottom" width="452" height="30" stroke="var(--border)" x="100" y="124" fill="none" x1="100" y1="124" x2="552" y2="124"></line>';
    expect(compactPlotSvg(axis)).toBe('<line stroke="var(--border)" fill="none" x1="100" y1="124" x2="552" y2="124"></line>');
    const label =
      '<text orientation="left" width="96" height="108" stroke="none" font-size="12" x="92" y="124" text-anchor="end"><tspan x="92" dy="0.355em">40</tspan></text>';
    expect(compactPlotSvg(label)).toBe('<text stroke="none" font-size="12" x="92" y="124" text-anchor="end"><tspan x="92" dy="0.355em">40</tspan></text>');
  });

  it("keeps a rectangle's and the surface's own width and height, and the other elements as they are", () => {
    const svg = '<svg width="576" height="158" viewBox="0 0 576 158"><rect x="100" y="16" height="108" width="452"></rect><g class="a" width="9"></g></svg>';
    expect(compactPlotSvg(svg)).toBe(svg);
  });

  it("drops the empty title and description recharts adds", () => {
    expect(compactPlotSvg("<svg><title></title><desc></desc><defs></defs></svg>")).toBe("<svg><defs></defs></svg>");
    expect(compactPlotSvg("<svg><title>Cash</title><desc></desc></svg>")).toBe("<svg><title>Cash</title><desc></desc></svg>");
  });

  it("rounds coordinates to a thousandth of a pixel, never a text, a dy or a colour", () => {
    expect(compactPlotSvg('<circle cx="146.16666666666669" cy="37.599999999999994" r="3"></circle>')).toBe('<circle cx="146.167" cy="37.6" r="3"></circle>');
    expect(compactPlotSvg('<text x="1.23456" y="2"><tspan dy="0.35512em">0.123456</tspan></text>')).toBe(
      '<text x="1.235" y="2"><tspan dy="0.35512em">0.123456</tspan></text>',
    );
    expect(compactPlotSvg('<path fill-opacity="0.12345" d="M1.23456,2"></path>')).toBe('<path fill-opacity="0.12345" d="M1.23456,2"></path>');
  });

  it("does not take a textPath for a text or a linearGradient for a line", () => {
    const svg = '<linearGradient x="1" width="2"></linearGradient><textPath width="3"></textPath>';
    expect(compactPlotSvg(svg)).toBe(svg);
  });
});
