/** Bodies the logs test sends through the OpenTelemetry exporter and the UI check finds in the panel's rows. */
export const LOG_BODIES = ['e2e order placed', 'e2e payment declined'];
