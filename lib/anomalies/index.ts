// The anomalies domain API (routes, pages and the worker call these).
export {
  listAnomalies,
  getAnomaly,
  setAnomalyFeedback,
  listAnomaliesSchema,
  feedbackBodySchema,
  anomalyStatusSchema,
  anomalyKindSchema,
  anomalyDimensionSchema,
  feedbackSchema,
} from "./manage-anomalies";
export type { AnomalyView } from "./anomaly-view";
export { evaluateOrgAnomalies } from "./evaluate-org-anomalies";
export { enqueueAnomalyRuns } from "./enqueue-anomaly-runs";
export { getAnomalySettings, updateAnomalySettings, anomalySettingsBody } from "./manage-settings";
