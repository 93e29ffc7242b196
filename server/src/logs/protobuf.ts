/**
 * Protobuf codec for OTLP, from the OpenTelemetry proto definitions as compiled by protobufjs and shipped in
 * `@opentelemetry/otlp-transformer@0.52.1` (newer releases dropped the generated root and only serialize).
 * No hand-written wire parsing here: decode/encode are protobufjs' generated code.
 */
import { Writer } from 'protobufjs/minimal';

interface MessageType {
  decode(reader: Uint8Array): object;
  encode(message: object): { finish(): Uint8Array };
  fromObject(object: object): object;
}

interface OtlpRoot {
  opentelemetry: {
    proto: {
      collector: {
        logs: { v1: { ExportLogsServiceRequest: MessageType; ExportLogsServiceResponse: MessageType } };
        trace: { v1: { ExportTraceServiceRequest: MessageType; ExportTraceServiceResponse: MessageType } };
      };
    };
  };
}

// The package's .d.ts types the root as a reflection `Root`, but the file is static code: describe what we use.
const root = require('@opentelemetry/otlp-transformer/build/src/generated/root') as OtlpRoot;
const logsV1 = root.opentelemetry.proto.collector.logs.v1;
const traceV1 = root.opentelemetry.proto.collector.trace.v1;

/** Decodes an ExportLogsServiceRequest; throws on a malformed message. */
export function decodeLogsRequest(buf: Uint8Array): object {
  return logsV1.ExportLogsServiceRequest.decode(buf);
}

/** Decodes an ExportTraceServiceRequest; throws on a malformed message. */
export function decodeTracesRequest(buf: Uint8Array): object {
  return traceV1.ExportTraceServiceRequest.decode(buf);
}

/** Encodes an ExportLogsServiceRequest from its JSON-like object form (used by tests and the benchmark). */
export function encodeLogsRequest(request: object): Uint8Array {
  return logsV1.ExportLogsServiceRequest.encode(logsV1.ExportLogsServiceRequest.fromObject(request)).finish();
}

/** Encodes an ExportTraceServiceRequest from its object form (used by tests). */
export function encodeTracesRequest(request: object): Uint8Array {
  return traceV1.ExportTraceServiceRequest.encode(traceV1.ExportTraceServiceRequest.fromObject(request)).finish();
}

/** The success response; `partialSuccess` only when something was rejected, as the spec asks. */
export function encodeExportResponse(signal: 'logs' | 'traces', rejected: number, errorMessage: string): Uint8Array {
  const partialSuccess = rejected > 0
    ? signal === 'logs' ? { rejectedLogRecords: rejected, errorMessage } : { rejectedSpans: rejected, errorMessage }
    : undefined;
  const type = signal === 'logs' ? logsV1.ExportLogsServiceResponse : traceV1.ExportTraceServiceResponse;
  return type.encode(type.fromObject(partialSuccess ? { partialSuccess } : {})).finish();
}

/**
 * A `google.rpc.Status` (code 1, message 2), the body OTLP wants on errors. The otlp-transformer root does not
 * contain that type, so it is written with protobufjs' Writer rather than pulling in another proto package.
 */
export function encodeStatus(code: number, message: string): Uint8Array {
  return Writer.create().uint32(8).int32(code).uint32(18).string(message).finish();
}
