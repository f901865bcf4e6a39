// JSON schemas shared by routes: every request and response is described, so fastify validates
// input and serialises output from them, and the OpenAPI document can be built from them.

export const isoTime = { type: 'string', format: 'date-time' } as const;
export const nullableIso = { type: ['string', 'null'], format: 'date-time' } as const;
export const deviceId = { type: 'string', pattern: '^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$', maxLength: 64 } as const;
export const idParams = { type: 'object', required: ['id'], properties: { id: deviceId }, additionalProperties: false } as const;

/** `from`/`to` accept ISO 8601 or epoch milliseconds. */
export const timeParam = { type: 'string', maxLength: 40 } as const;

/**
 * A time range read. Newest first by default, so `limit=10` is "the last 10"; `order=asc` gives
 * the oldest `limit` of the range, oldest first.
 */
export const rangeQuery = {
  type: 'object',
  properties: {
    from: { ...timeParam, description: 'Start of the range (inclusive): ISO 8601 or epoch ms. Default: `to` minus 24 h.' },
    to: { ...timeParam, description: 'End of the range (exclusive): ISO 8601 or epoch ms. Default: now.' },
    limit: { type: 'integer', minimum: 1, maximum: 10_000, default: 1000, description: 'At most this many, counted from the `order` end: with the default order, the newest.' },
    order: { type: 'string', enum: ['asc', 'desc'], default: 'desc', description: '`desc` (default): newest first, so `limit=10` is the last 10. `asc`: the oldest `limit` of the range, oldest first.' },
  },
  additionalProperties: false,
} as const;

export const packReadingSchema = {
  type: 'object',
  required: ['at', 'receivedAt', 'bootId', 'seq', 'socPct', 'voltageMv', 'currentMa', 'tempC', 'cycles', 'sohPct', 'state', 'faultFlags', 'faults', 'location', 'firmware', 'clockSuspect'],
  properties: {
    at: isoTime,
    receivedAt: isoTime,
    bootId: { type: 'integer' },
    seq: { type: 'integer' },
    socPct: { type: 'number' },
    voltageMv: { type: 'integer' },
    currentMa: { type: 'integer' },
    tempC: { type: 'number' },
    cycles: { type: 'integer' },
    sohPct: { type: 'number' },
    state: { type: 'string' },
    faultFlags: { type: 'integer' },
    faults: { type: 'array', items: { type: 'string' } },
    location: {
      type: ['object', 'null'],
      properties: { lat: { type: 'number' }, lon: { type: 'number' }, accuracyM: { type: 'integer' } },
    },
    firmware: { type: 'string' },
    clockSuspect: { type: 'boolean' },
  },
} as const;

export const slotSchema = {
  type: 'object',
  required: ['index', 'state', 'packId', 'socPct', 'tempC', 'chargeCurrentMa', 'faultCode'],
  properties: {
    index: { type: 'integer' },
    state: { type: 'string' },
    packId: { type: ['string', 'null'] },
    socPct: { type: 'number' },
    tempC: { type: 'number' },
    chargeCurrentMa: { type: 'integer' },
    faultCode: { type: 'integer' },
  },
} as const;

export const kioskReadingSchema = {
  type: 'object',
  required: ['at', 'receivedAt', 'bootId', 'seq', 'mainsPower', 'door', 'signalDbm', 'firmware', 'clockSuspect', 'slotCounts', 'slots'],
  properties: {
    at: isoTime,
    receivedAt: isoTime,
    bootId: { type: 'integer' },
    seq: { type: 'integer' },
    mainsPower: { type: 'boolean' },
    door: { type: 'string' },
    signalDbm: { type: 'integer' },
    firmware: { type: 'string' },
    clockSuspect: { type: 'boolean' },
    slotCounts: { type: 'object', additionalProperties: { type: 'integer' } },
    slots: { type: 'array', items: slotSchema },
  },
} as const;

export const onlineSchema = {
  online: { type: 'boolean' },
  connected: { type: 'boolean' },
  lastSeenAt: nullableIso,
} as const;
