/**
 * The server's chart SVG without what SVG ignores (issue 17: the product dashboard's HTML was two
 * thirds chart markup). recharts spreads its props onto the elements it draws, so every dot of a line
 * carried the series' `id` (the same id on every dot: invalid in HTML), its `name` and the plot's
 * `width`/`height`, and every axis line and label the axis' `orientation`, `width` and `height`;
 * none of these changes the drawing. Coordinates with more than three decimals are rounded to three
 * (a thousandth of a pixel). Texts, classes, colours and every attribute SVG reads are kept, so
 * the picture is the same.
 */

/** Per element: the attributes SVG does not read there. */
const IGNORED: Record<string, RegExp> = {
  line: / (?:x|y|width|height|orientation)="[^"]*"/g,
  text: / (?:width|height|orientation)="[^"]*"/g,
  circle: / (?:id|name|width|height)="[^"]*"/g,
  path: / (?:name|width|height)="[^"]*"/g,
};

const LONG_COORDINATE = / (cx|cy|x|y|x1|x2|y1|y2)="(-?\d+\.\d{4,})"/g;

export function compactPlotSvg(markup: string): string {
  return markup
    .replaceAll("<title></title><desc></desc>", "")
    .replace(/<(line|text|circle|path)\b([^>]*)>/g, (_, tag: string, attrs: string) => `<${tag}${attrs.replace(IGNORED[tag], "")}>`)
    .replace(LONG_COORDINATE, (_, name: string, value: string) => ` ${name}="${Number(Number(value).toFixed(3))}"`);
}
