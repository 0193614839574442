import { Readable } from "node:stream";

/** A CSV download: a string, or a Node stream passed on with backpressure (web ReadableStream). */
export function csvResponse(body: string | Readable, fileName: string): Response {
  const stream = typeof body === "string" ? body : (Readable.toWeb(body) as ReadableStream<Uint8Array>);
  return new Response(stream, {
    status: 200,
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="${fileName.replace(/[^A-Za-z0-9._-]/g, "_")}"`,
      "x-content-type-options": "nosniff",
    },
  });
}
