import { toCsv } from "~/lib/csv";
import { safeCsvFilename } from "~/lib/csv.server";

/**
 * A CSV download streamed chunk by chunk (the rows come from a generator that runs one bounded SQL
 * query per chunk, so a large export never sits whole in memory). `truncated` adds a header saying
 * the export was capped.
 */
export function streamedCsvResponse(
  filename: string,
  headers: readonly string[],
  chunks: Generator<string[][]>,
  opts: { truncatedAt?: number } = {},
): Response {
  const encoder = new TextEncoder();
  let first = true;
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      try {
        if (first) {
          first = false;
          controller.enqueue(encoder.encode(`\ufeff${toCsv(headers, [])}`));
          return;
        }
        const next = chunks.next();
        if (next.done) {
          controller.close();
          return;
        }
        // toCsv prints a header line; drop it for the body chunks
        const text = toCsv(headers, next.value);
        controller.enqueue(encoder.encode(text.slice(text.indexOf("\r\n") + 2)));
      } catch (err) {
        controller.error(err);
      }
    },
    cancel() {
      chunks.return(undefined);
    },
  });
  const name = safeCsvFilename(filename);
  const h = new Headers({
    "Content-Type": "text/csv; charset=utf-8",
    "Content-Disposition": `attachment; filename="${name}"; filename*=UTF-8''${encodeURIComponent(name)}`,
    "Cache-Control": "no-store",
    "X-Content-Type-Options": "nosniff",
  });
  if (opts.truncatedAt !== undefined) h.set("X-Export-Truncated", `only the first ${opts.truncatedAt} rows were exported`);
  return new Response(stream, { status: 200, headers: h });
}
