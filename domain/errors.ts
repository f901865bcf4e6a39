// The one error catalogue. Every error the system reports has a code CF_ERR_<AREA>_<WHAT>,
// a message, an HTTP status where it reaches HTTP, and an MQTT reason where it reaches MQTT.

export interface ErrorSpec {
  /** HTTP status when the error is answered over HTTP. */
  readonly status: number;
  /** The MQTT 5 reason this corresponds to; the broker speaks 3.1.1 and maps it to a CONNACK code (broker/device-hooks.ts). */
  readonly mqttReason?: number;
  /** What an MQTT 3.1.1 device sees, for the README: the CONNACK code, or how the connection ends. */
  readonly mqtt311?: string;
  readonly message: string;
  /** True when trying again later may succeed (store down, server busy). */
  readonly retryable?: boolean;
}

export const ERRORS = {
  // configuration
  CF_ERR_CONFIG_INVALID: { status: 500, message: 'Configuration is invalid' },
  // HTTP requests and auth
  CF_ERR_HTTP_BAD_REQUEST: { status: 400, message: 'The request is invalid' },
  CF_ERR_HTTP_NOT_FOUND: { status: 404, message: 'No such route' },
  CF_ERR_HTTP_INTERNAL: { status: 500, message: 'Internal error' },
  CF_ERR_HTTP_PAYLOAD_TOO_LARGE: { status: 413, message: 'Request body is too large' },
  CF_ERR_AUTH_MISSING: { status: 401, message: 'A bearer token or a session is required' },
  CF_ERR_AUTH_INVALID: { status: 401, message: 'The bearer token or session is not valid, or has expired' },
  CF_ERR_AUTH_FORBIDDEN: { status: 403, message: 'This account or token may not do that' },
  CF_ERR_AUTH_LOGIN_FAILED: { status: 401, message: 'Wrong email or password' },
  CF_ERR_AUTH_THROTTLED: { status: 429, message: 'Too many failed logins; try again later', retryable: true },
  CF_ERR_AUTH_BUSY: { status: 503, message: 'Too many logins in progress', retryable: true },
  CF_ERR_AUTH_CSRF: { status: 403, message: 'A state-changing request with a session cookie must carry the x-csrf-token header' },
  CF_ERR_AUTH_PASSWORD_CHANGE_REQUIRED: { status: 403, message: 'This password must be replaced: log in again with newPassword' },
  CF_ERR_AUTH_PASSWORD_REJECTED: { status: 400, message: 'The new password is not acceptable' },
  // the dashboard's live updates
  CF_ERR_LIVE_STREAM_LIMIT: { status: 429, message: 'Too many live-update streams open for this session or token', retryable: true },
  CF_ERR_LIVE_BUSY: { status: 503, message: 'The server has as many live-update streams open as it allows', retryable: true },
  // accounts and API tokens
  CF_ERR_USER_EXISTS: { status: 409, message: 'An account with this email already exists' },
  CF_ERR_USER_NOT_FOUND: { status: 404, message: 'No such account' },
  CF_ERR_USER_INVALID: { status: 400, message: 'The account is invalid (email, role or stores)' },
  CF_ERR_TOKEN_NOT_FOUND: { status: 404, message: 'No such API token' },
  CF_ERR_TOKEN_INVALID: { status: 400, message: 'The API token cannot be issued as asked' },
  // devices
  CF_ERR_DEVICE_ID_INVALID: { status: 400, message: "Device ids are 1-64 letters, digits, '.', '-' and '_', starting with a letter or digit" },
  CF_ERR_DEVICE_EXISTS: { status: 409, message: 'A device with this id already exists' },
  CF_ERR_DEVICE_REVOKED: { status: 409, message: 'The device is revoked; provision it again with replace (`chargefleet devices add --replace`)' },
  CF_ERR_DEVICE_NOT_FOUND: { status: 404, message: 'No such device' },
  CF_ERR_PACK_NOT_FOUND: { status: 404, message: 'No such pack, or it has never reported' },
  CF_ERR_KIOSK_NOT_FOUND: { status: 404, message: 'No such kiosk, or it has never reported' },
  CF_ERR_CUSTOMER_NOT_FOUND: { status: 404, message: 'No such customer' },
  // A shop (fleet store), not the storage layer: CF_ERR_STORE_* are storage errors.
  CF_ERR_SHOP_NOT_FOUND: { status: 404, message: 'No such store (shop)' },
  // fleet registry and swaps
  CF_ERR_REGISTRY_IMPORT_INVALID: { status: 400, message: 'The registry import file is invalid' },
  CF_ERR_CUSTODY_INVALID: { status: 409, message: 'The custody change names an unknown kiosk or a slot the kiosk does not have' },
  CF_ERR_HOLD_INVALID: { status: 400, message: 'The hold cannot be placed' },
  CF_ERR_HOLD_CAP_REACHED: { status: 409, message: 'The kiosk already carries as many holds as it may (CF_HOLDS_MAX_PER_KIOSK)', retryable: true },
  // nudges
  CF_ERR_NUDGE_LINK_INVALID: { status: 403, message: 'The opt-out link is not valid (altered, or for another customer)' },
  CF_ERR_NUDGE_LINK_EXPIRED: { status: 410, message: 'The opt-out link has expired; opt out in the app or ask support' },
  CF_ERR_SWAP_REQUEST_INVALID: { status: 400, message: 'The swap request is invalid' },
  CF_ERR_ANOMALY_NOT_FOUND: { status: 404, message: 'No such anomaly, or it is not one an operator resolves' },
  CF_ERR_ANOMALY_NOT_OPEN: { status: 409, message: 'The anomaly is already resolved' },
  // restock: plans, courier jobs, alerts, recalls
  CF_ERR_RESTOCK_PARAMS_INVALID: { status: 400, message: 'The restock plan parameters are invalid' },
  CF_ERR_RESTOCK_JOB_NOT_FOUND: { status: 404, message: 'No such courier job' },
  CF_ERR_RESTOCK_JOB_INVALID: { status: 409, message: 'The courier job names a pack that is not where it says (or is already in another job); nothing was changed' },
  CF_ERR_RESTOCK_JOB_TRANSITION: { status: 409, message: 'The courier job cannot do that from its current state (picked up twice, delivering a cancelled job, ...)' },
  CF_ERR_RESTOCK_LINE_STALE: { status: 409, message: 'That plan line is no longer in the plan (the fleet moved on); fetch the plan again' },
  CF_ERR_RECALL_NOT_FOUND: { status: 404, message: 'No such recalled lot' },
  CF_ERR_ALERT_STREAMS_FULL: { status: 503, message: 'Too many alert streams are open', retryable: true },
  // store
  CF_ERR_STORE_UNAVAILABLE: { status: 503, message: 'The store is unavailable', retryable: true },
  CF_ERR_STORE_BACKPRESSURE: { status: 503, message: 'The store is behind; readings are not acknowledged until it catches up', retryable: true, mqtt311: 'connection closed, no PUBACK' },
  CF_ERR_STORE_REJECTED: { status: 500, message: 'The store refused the data itself (e.g. a field type conflict); it is quarantined, not retried' },
  // MQTT edge: connection refusals and disconnects
  CF_ERR_MQTT_BAD_CREDENTIALS: { status: 401, mqttReason: 0x86, message: 'Bad user name or password', mqtt311: 'CONNACK 4' },
  CF_ERR_MQTT_CLIENT_ID_MISMATCH: { status: 400, mqttReason: 0x85, message: 'The client id and the user name must both equal the device id', mqtt311: 'CONNACK 2' },
  CF_ERR_MQTT_DEVICE_REVOKED: { status: 403, mqttReason: 0x87, message: 'The device is revoked', mqtt311: 'CONNACK 5; a connected device is disconnected' },
  CF_ERR_MQTT_TOPIC_DENIED: { status: 403, mqttReason: 0x87, message: 'A device may publish and subscribe only under its own id', mqtt311: 'SUBACK 0x80 for a SUBSCRIBE; a PUBLISH closes the connection' },
  CF_ERR_MQTT_PACKET_TOO_LARGE: { status: 413, mqttReason: 0x95, message: 'Packet exceeds the maximum packet size', mqtt311: 'connection closed' },
  CF_ERR_MQTT_RATE_EXCEEDED: { status: 429, mqttReason: 0x96, message: 'Publish rate exceeded', mqtt311: 'connection closed, no PUBACK' },
  CF_ERR_MQTT_SERVER_BUSY: { status: 503, mqttReason: 0x89, message: 'Too many connections', retryable: true, mqtt311: 'socket closed before CONNECT is read' },
  CF_ERR_MQTT_BACKOFF: { status: 429, mqttReason: 0x9f, message: 'The device was cut off repeatedly; CONNECT is refused for a growing window', retryable: true, mqtt311: 'CONNACK 3' },
  CF_ERR_MQTT_KEEPALIVE_INVALID: { status: 400, message: 'Keep-alive must be 1..CF_KEEPALIVE_LIMIT_S seconds (CONNACK 2 in MQTT 3.1.1)', mqtt311: 'CONNACK 2' },
  CF_ERR_MQTT_PROTOCOL_UNSUPPORTED: { status: 400, mqttReason: 0x84, message: 'Only MQTT 3.1.1 (and 3.1) are supported; MQTT 5 is refused with CONNACK 1', mqtt311: 'CONNACK 1' },
  CF_ERR_MQTT_SUBSCRIBE_REFUSED: { status: 400, message: 'A SUBSCRIBE repeating a filter or with too many filters closes the connection', mqtt311: 'connection closed, no SUBACK' },
  // ingest: why a message went to quarantine
  CF_ERR_INGEST_TOPIC_UNKNOWN: { status: 400, message: 'The topic is not part of the fleet/v1 contract' },
  CF_ERR_INGEST_DEVICE_MISMATCH: { status: 403, message: 'The topic names another device than the authenticated one' },
  CF_ERR_INGEST_DECODE: { status: 400, message: 'The payload is not a valid protobuf message for its topic' },
  CF_ERR_INGEST_NO_HEADER: { status: 400, message: 'The payload has no header (field 1)' },
  CF_ERR_INGEST_OUT_OF_RANGE: { status: 400, message: 'A value is out of its physical range' },
  CF_ERR_INGEST_BAD_ID: { status: 400, message: 'An id inside the payload is invalid' },
  CF_ERR_INGEST_OVERLOADED: { status: 503, message: 'Ingest is past its capacity: this pack is refused for now (disconnected without a PUBACK; it keeps its readings and resends)', retryable: true, mqtt311: 'connection closed, no PUBACK' },
  CF_ERR_INGEST_QUARANTINE_BUDGET: { status: 429, message: "The device spent its hourly quarantine budget: further rejects were counted, not kept" },
  CF_ERR_INGEST_FIELD_MISSING: { status: 400, message: 'A required field is absent (proto3 sends an unset field as zero)' },
} as const satisfies Record<string, ErrorSpec>;

export type ErrorCode = keyof typeof ERRORS;

/** An error from the catalogue, with optional details a client can act on. */
export class CfError extends Error {
  override readonly name = 'CfError';
  readonly status: number;
  readonly retryable: boolean;
  constructor(
    readonly code: ErrorCode,
    message?: string,
    readonly details?: unknown,
  ) {
    // A code from another version (a CLI talking to a newer server) still makes an error.
    const spec: ErrorSpec = (ERRORS as Record<string, ErrorSpec>)[code] ?? ERRORS.CF_ERR_HTTP_INTERNAL;
    super(message ?? spec.message);
    this.status = spec.status;
    this.retryable = spec.retryable ?? false;
  }
  /** Whether trying again later can help (see influxdb-client-js's canRetry). */
  canRetry(): boolean {
    return this.retryable;
  }
}

export function isCfError(err: unknown): err is CfError {
  return err instanceof CfError;
}
