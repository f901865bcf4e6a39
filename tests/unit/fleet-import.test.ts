// The registry import file is checked whole before anything is written: each kind of mistake an
// operator can make is reported with where it is, and one pass lists every mistake in the file.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { EMPTY_FLEET, validateFleetImport } from '../../domain/fleet-import.ts';
import type { ExistingFleet } from '../../domain/fleet-import.ts';

const example: unknown = JSON.parse(readFileSync(new URL('../fixtures/fleet-example.json', import.meta.url), 'utf8'));

/** What the registry already holds in these tests: one store, one 6-slot kiosk with a pack in slot 5, one customer. */
const REGISTRY: ExistingFleet = {
  hasStore: (id) => id === 'reg-store',
  kiosk: (id) => (id === 'reg-kiosk' ? { slotCount: 6 } : undefined),
  hasCustomer: (id) => id === 'reg-cust',
  customerIdByToken: (token) => (token === 'reg-token' ? 'reg-cust' : undefined),
  packsInKiosk: (id) => (id === 'reg-kiosk' ? [{ packId: 'reg-pack', slot: 5 }] : []),
};

const store = (over: object = {}) => ({ id: 's1', name: 'Soho', lat: 51.5, lon: -0.14, timeZone: 'Europe/London', ...over });
const kiosk = (over: object = {}) => ({ id: 'k1', storeId: 's1', slotCount: 4, ...over });
const customer = (over: object = {}) => ({ id: 'c1', token: 'tok-1', ...over });
const pack = (over: object = {}) => ({ id: 'p1', lot: 'L1', hwRev: 'B2', custody: { kind: 'slot', kioskId: 'k1', slot: 0 }, ...over });
const base = (over: Record<string, unknown> = {}) => ({ stores: [store()], kiosks: [kiosk()], customers: [customer()], packs: [pack()], ...over });

interface Row {
  name: string;
  doc: unknown;
  existing?: ExistingFleet;
  errors: string[];
}

const ROWS: Row[] = [
  { name: 'document not an object', doc: [], errors: ['(root): must be an object'] },
  { name: 'unknown top-level field', doc: base({ warehouses: [] }), errors: ['(root).warehouses: unknown field'] },
  { name: 'section not an array', doc: base({ stores: { id: 's1' } }), errors: ['stores: must be an array', 'kiosks[0].storeId: store "s1" is neither in the file nor in the registry'] },
  { name: 'record not an object', doc: base({ recalls: ['LOT-1'] }), errors: ['recalls[0]: must be an object'] },
  { name: 'unknown field in a record', doc: base({ stores: [store({ colour: 'red' })] }), errors: ['stores[0].colour: unknown field'] },
  { name: 'missing required field', doc: base({ packs: [{ id: 'p1', lot: 'L1' }] }), errors: ['packs[0].hwRev: is required'] },
  {
    name: 'invalid id',
    doc: base({ packs: [pack({ id: 'pack one' })] }),
    errors: ['packs[0].id: "pack one" is not a valid id (1-64 characters of A-Z a-z 0-9 . _ -, starting with a letter or digit)'],
  },
  {
    name: 'duplicate id within the file',
    doc: base({ kiosks: [kiosk(), kiosk({ slotCount: 8 })] }),
    errors: ['kiosks[1].id: duplicate id "k1" (also kiosks[0])'],
  },
  { name: 'latitude out of range', doc: base({ stores: [store({ lat: 91 })] }), errors: ['stores[0].lat: must be a number in [-90, 90], got 91'] },
  { name: 'longitude out of range', doc: base({ stores: [store({ lon: -180.5 })] }), errors: ['stores[0].lon: must be a number in [-180, 180], got -180.5'] },
  {
    name: 'time zone unknown',
    doc: base({ stores: [store({ timeZone: 'Europe/Atlantis' })] }),
    errors: ['stores[0].timeZone: "Europe/Atlantis" is not a time zone (use an IANA name such as "Europe/London")'],
  },
  {
    name: 'kiosk names a store in neither the file nor the registry',
    doc: base({ kiosks: [kiosk(), kiosk({ id: 'k2', storeId: 's9' })] }),
    errors: ['kiosks[1].storeId: store "s9" is neither in the file nor in the registry'],
  },
  { name: 'kiosk may name a registry store', doc: base({ kiosks: [kiosk({ storeId: 'reg-store' })] }), existing: REGISTRY, errors: [] },
  { name: 'slotCount above 64', doc: base({ kiosks: [kiosk({ slotCount: 65 })] }), errors: ['kiosks[0].slotCount: must be an integer in [1, 64], got 65'] },
  { name: 'slotCount zero', doc: base({ kiosks: [kiosk({ slotCount: 0 })] }), errors: ['kiosks[0].slotCount: must be an integer in [1, 64], got 0'] },
  {
    name: 'pack in a slot the kiosk does not have',
    doc: base({ packs: [pack({ custody: { kind: 'slot', kioskId: 'k1', slot: 4 } })] }),
    errors: ['packs[0].custody.slot: kiosk "k1" has 4 slots (0-3), got 4'],
  },
  {
    name: 'pack at an unknown kiosk',
    doc: base({ packs: [pack({ custody: { kind: 'slot', kioskId: 'k7', slot: 0 } })] }),
    errors: ['packs[0].custody.kioskId: kiosk "k7" is neither in the file nor in the registry'],
  },
  {
    name: 'two packs in one slot within the file',
    doc: base({ packs: [pack(), pack({ id: 'p2' })] }),
    errors: ['packs[1].custody: slot 0 of kiosk "k1" is also given to packs[0] ("p1")'],
  },
  {
    name: 'pack into a slot a registry pack keeps',
    doc: base({ packs: [pack({ custody: { kind: 'slot', kioskId: 'reg-kiosk', slot: 5 } })] }),
    existing: REGISTRY,
    errors: ['packs[0].custody: slot 5 of kiosk "reg-kiosk" holds pack "reg-pack" in the registry, and the file does not move it'],
  },
  {
    name: 'pack into a slot the file empties',
    doc: base({ packs: [pack({ custody: { kind: 'slot', kioskId: 'reg-kiosk', slot: 5 } }), pack({ id: 'reg-pack', custody: { kind: 'warehouse' } })] }),
    existing: REGISTRY,
    errors: [],
  },
  {
    name: 'kiosk shrunk below a registry pack',
    doc: { kiosks: [{ id: 'reg-kiosk', storeId: 'reg-store', slotCount: 4 }] },
    existing: REGISTRY,
    errors: ['kiosks[0].slotCount: pack "reg-pack" sits in slot 5 of this kiosk in the registry; move it in the same file or keep 6 slots'],
  },
  {
    name: 'pack with an unknown customer',
    doc: base({ packs: [pack({ custody: { kind: 'customer', customerId: 'c9' } })] }),
    errors: ['packs[0].custody.customerId: customer "c9" is neither in the file nor in the registry'],
  },
  {
    name: 'custody of an unknown kind',
    doc: base({ packs: [pack({ custody: { kind: 'drawer' } })] }),
    errors: ['packs[0].custody.kind: must be one of "slot", "customer", "warehouse", "in_transit", "withdrawn", "lost", got "drawer"'],
  },
  {
    name: 'custody with a field of another kind',
    doc: base({ packs: [pack({ custody: { kind: 'lost', slot: 2 } })] }),
    errors: ['packs[0].custody.slot: unknown field'],
  },
  {
    name: 'withdrawal reason unknown',
    doc: base({ packs: [pack({ custody: { kind: 'withdrawn', reason: 'bored' } })] }),
    errors: ['packs[0].custody.reason: must be one of "recalled", "unsafe", "worn", "faulty", "retired", got "bored"'],
  },
  { name: 'empty token', doc: base({ customers: [customer({ token: '' })] }), errors: ['customers[0].token: must be a non-empty string'] },
  { name: 'token too long', doc: base({ customers: [customer({ token: 'x'.repeat(257) })] }), errors: ['customers[0].token: must be at most 256 characters'] },
  {
    name: 'one token for two customers in the file',
    doc: base({ customers: [customer(), customer({ id: 'c2' })] }),
    errors: ['customers[1].token: same token as customers[0]'],
  },
  {
    name: "another registry customer's token",
    doc: base({ customers: [customer({ token: 'reg-token' })] }),
    existing: REGISTRY,
    errors: ['customers[0].token: already belongs to customer "reg-cust" in the registry'],
  },
  {
    name: 'a token the file takes from a customer it re-keys',
    doc: base({ customers: [customer({ token: 'reg-token' }), customer({ id: 'reg-cust', token: 'new-token' })] }),
    existing: REGISTRY,
    errors: [],
  },
  {
    name: 'status outside the enum',
    doc: base({ customers: [customer({ status: 'banned' })] }),
    errors: ['customers[0].status: must be one of "active", "suspended", got "banned"'],
  },
  {
    name: 'fair-use limit above 1000',
    doc: base({ customers: [customer({ fairUseLimitPer24h: 1001 })] }),
    errors: ['customers[0].fairUseLimitPer24h: must be an integer in [0, 1000], got 1001'],
  },
  {
    name: 'fair-use limit not an integer',
    doc: base({ customers: [customer({ fairUseLimitPer24h: 2.5 })] }),
    errors: ['customers[0].fairUseLimitPer24h: must be an integer in [0, 1000], got 2.5'],
  },
  { name: 'fair-use limit null (policy default)', doc: base({ customers: [customer({ fairUseLimitPer24h: null })] }), errors: [] },
  { name: 'planActive not a boolean', doc: base({ customers: [customer({ planActive: 'yes' })] }), errors: ['customers[0].planActive: must be true or false'] },
  { name: 'nudge consent missing', doc: base({ customers: [customer({ nudgePrefs: { channel: 'mqtt' } })] }), errors: ['customers[0].nudgePrefs.consent: is required'] },
  {
    name: 'nudge channel unknown',
    doc: base({ customers: [customer({ nudgePrefs: { consent: true, channel: 'sms' } })] }),
    errors: ['customers[0].nudgePrefs.channel: must be one of "mqtt", "webhook", got "sms"'],
  },
  {
    name: 'quiet hour 24',
    doc: base({ customers: [customer({ nudgePrefs: { consent: true, quietHours: { startHour: 22, endHour: 24 } } })] }),
    errors: ['customers[0].nudgePrefs.quietHours.endHour: must be an integer in [0, 23], got 24'],
  },
  { name: 'recall without a lot', doc: base({ recalls: [{ lot: ' ', reason: 'hot' }] }), errors: ['recalls[0].lot: must be a non-empty string'] },
  {
    name: 'one lot recalled twice',
    doc: base({ recalls: [{ lot: 'L1', reason: 'hot' }, { lot: 'L1', reason: 'hotter' }] }),
    errors: ['recalls[1].lot: duplicate lot "L1" (also recalls[0])'],
  },
];

describe('validateFleetImport', () => {
  it.each(ROWS)('$name', ({ doc, existing, errors }) => {
    const result = validateFleetImport(doc, existing ?? EMPTY_FLEET);
    expect(result.ok ? [] : result.errors).toEqual(errors);
  });

  it('accepts the README example file and returns it field for field', () => {
    const result = validateFleetImport(example, EMPTY_FLEET);
    expect(result).toEqual({ ok: true, value: example });
  });

  it('lists all five mistakes of a file that has five', () => {
    const doc = {
      stores: [store({ lat: 123 })],
      kiosks: [kiosk({ storeId: 'nowhere' })],
      customers: [customer({ status: 'gold' })],
      packs: [pack({ custody: { kind: 'slot', kioskId: 'k1', slot: 9 } })],
      recalls: [{ lot: '', reason: 'hot' }],
    };
    const result = validateFleetImport(doc, EMPTY_FLEET);
    expect(result.ok).toBe(false);
    expect(result.ok ? [] : result.errors).toEqual([
      'stores[0].lat: must be a number in [-90, 90], got 123',
      'kiosks[0].storeId: store "nowhere" is neither in the file nor in the registry',
      'customers[0].status: must be one of "active", "suspended", got "gold"',
      'packs[0].custody.slot: kiosk "k1" has 4 slots (0-3), got 9',
      'recalls[0].lot: must be a non-empty string',
    ]);
  });

  it('never echoes a customer token in an error', () => {
    const secret = 'card-SECRET-0042';
    const result = validateFleetImport(base({ customers: [customer({ token: secret }), customer({ id: 'c2', token: secret })] }), EMPTY_FLEET);
    expect(result.ok).toBe(false);
    expect(JSON.stringify(result)).not.toContain(secret);
  });
});
