import { json } from "@/lib/api/respond";
import { openApiDocument } from "@/lib/openapi/document";

export const dynamic = "force-static";

export function GET() {
  return json(openApiDocument(), 200, { "access-control-allow-origin": "*" });
}
