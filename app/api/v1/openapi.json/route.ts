import { reply } from "@/lib/api/define-contract";
import { withPublic } from "@/lib/api/with-public";
import { openApiContract } from "@/lib/contracts/me";
import { openApiDocument } from "@/lib/openapi/document";

export const dynamic = "force-static";

export const GET = withPublic(openApiContract, async () =>
  reply(200, openApiDocument(), { "access-control-allow-origin": "*" }),
);
