export { AppError, type Issue } from "./app-error";
export { type ErrorCode, errorCodeSchema } from "./codes";
export { formatPath, invalidRequest, zodIssues } from "./zod-issues";
