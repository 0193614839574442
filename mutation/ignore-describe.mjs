// A Stryker ignorer: the text of a zod `.describe("…")` documents a field in the OpenAPI document and
// changes no behaviour, so its mutants are not counted (validation messages still are).
import { declareValuePlugin, PluginKind } from "@stryker-mutator/api/plugin";

export const strykerPlugins = [
  declareValuePlugin(PluginKind.Ignore, "describe-text", {
    shouldIgnore(path) {
      const call = path.parentPath;
      if (!(path.isStringLiteral() || path.isTemplateLiteral()) || !call?.isCallExpression()) return undefined;
      const callee = call.node.callee;
      if (
        callee.type === "MemberExpression" &&
        callee.property.type === "Identifier" &&
        callee.property.name === "describe"
      )
        return "documentation text of a zod .describe(): not behaviour";
      return undefined;
    },
  }),
];
