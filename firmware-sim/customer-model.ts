// Customers as struct-of-arrays: persona, home/work and the stores near them, the phone they charge
// from their pack, today's routine, and whether they act on a nudge. Pure: time and Rng come in.
import * as curves from './battery-curves.ts';
import * as packModel from './battery-model.ts';
import type { PackBank } from './pack-bank.ts';
import * as routine from './customer-routine.ts';
import type { Rng } from './rng.ts';

// Imported bindings are read through getters under tsx; the per-customer loops use local copies.
const BOOST_EFF = curves.BATTERY.boostEfficiency;
const ocvV = curves.ocvV;
const BLOCKING_FAULTS = packModel.BLOCKING_FAULTS;
const F_OUTPUT_CUT = packModel.F_OUTPUT_CUT;
const PERSONAS = routine.PERSONAS;
const MAX_ENTRIES = routine.MAX_ENTRIES;
const buildDay = routine.buildDay;
const PLACE_HOME = routine.PLACE_HOME;
const PLACE_WORK = routine.PLACE_WORK;
const PLACE_COMMUTE = routine.PLACE_COMMUTE;
const PLACE_OUT = routine.PLACE_OUT;
const PLACE_STORE_HOME = routine.PLACE_STORE_HOME;
const PLACE_STORE_WORK = routine.PLACE_STORE_WORK;
const PLACE_STORE_COMMUTE = routine.PLACE_STORE_COMMUTE;
const FIRST_STORE_PLACE = routine.PLACE_STORE_HOME;
/** nextEntryMin when a customer's day has no more entries (beyond any minute of the day). */
const NO_MORE_ENTRIES = 32767;

/** Phone battery, Wh (about 4,000 mAh at 3.85 V), and its charging efficiency from a 5 V input. */
export const PHONE_WH = 15;
export const PHONE_CHARGE_EFFICIENCY = 0.85;
/** Wall charging at home while awake, % per hour (a slow 5 W charger, kept simple). */
export const HOME_WALL_CHARGE_PCT_PER_H = 40;
const GAIN_PER_WH = PHONE_CHARGE_EFFICIENCY / PHONE_WH;

export class CustomerBank {
  readonly size: number;
  readonly ids: string[];
  readonly persona: Uint8Array;
  readonly homeLat: Float64Array;
  readonly homeLon: Float64Array;
  readonly workLat: Float64Array;
  readonly workLon: Float64Array;
  /** Store indexes near home, near work and at the transit hub between them. */
  readonly homeStore: Int32Array;
  readonly workStore: Int32Array;
  readonly commuteStore: Int32Array;
  /** Personal multiplier on the persona's phone drain (lognormal around 1). */
  readonly drainFactor: Float32Array;
  /** Probability this customer acts on a nudge. */
  readonly nudgeAccept: Float32Array;
  /** Customer signs up at this time (Infinity: not in this run); before it they have no pack. */
  readonly activeAtMs: Float64Array;
  /** PackBank index held, or -1. */
  readonly pack: Int32Array;
  readonly phoneSoc: Float64Array;
  readonly plugged: Uint8Array;
  /** Set once the held pack hit 0 % in hand; cleared when the customer gets another pack. */
  readonly hitZero: Uint8Array;
  readonly place: Uint8Array;
  /** A nudge the customer acted on: they visit this store at this time (-1 / Infinity: none). */
  readonly detourStore: Int32Array;
  readonly detourAtMs: Float64Array;
  /** The kiosk the nudge named (-1: the store's best). */
  readonly detourKiosk: Int32Array;
  /** The pack the nudge was about: a customer who swapped it meanwhile does not make the trip. */
  readonly detourPack: Int32Array;
  /** Nudge preferences as registered with the server: consent, and quiet hours (local). */
  readonly consent: Uint8Array;
  readonly quietStartHour: Uint8Array;
  readonly quietEndHour: Uint8Array;
  /** Nudges ignored so far (after forgiveness); readiness falls with each. */
  readonly nudgesIgnored: Uint8Array;
  /** Today's routine: entries [c*MAX_ENTRIES, +len) of (minute of day, place); cursor = next to apply. */
  readonly schedMin: Int16Array;
  readonly schedKind: Uint8Array;
  readonly schedLen: Uint8Array;
  readonly cursor: Uint8Array;
  /** Minute of day of the next routine entry to apply (NO_MORE_ENTRIES when the day is done). */
  readonly nextEntryMin: Int16Array;
  /** Customers with a planned detour, so collectPasses() can skip the detour check when none. */
  detoursPending = 0;
  /** Phones not plugged in are advanced about this often (0: every step). */
  phoneStrideMs = 5 * 60_000;
  readonly lastPhoneMs: Float64Array;
  /** Customers with a phone on their pack, advanced every step. */
  readonly pluggedList: Int32Array;
  readonly inPluggedList: Uint8Array;
  pluggedCount = 0;
  phoneCursor = 0;
  phonesStarted = false;

  constructor(size: number, idPrefix = 'cu-') {
    this.size = size;
    const width = Math.max(6, String(Math.max(0, size - 1)).length);
    this.ids = Array.from({ length: size }, (_, i) => idPrefix + String(i).padStart(width, '0'));
    this.persona = new Uint8Array(size);
    this.homeLat = new Float64Array(size);
    this.homeLon = new Float64Array(size);
    this.workLat = new Float64Array(size);
    this.workLon = new Float64Array(size);
    this.homeStore = new Int32Array(size);
    this.workStore = new Int32Array(size);
    this.commuteStore = new Int32Array(size);
    this.drainFactor = new Float32Array(size).fill(1);
    this.nudgeAccept = new Float32Array(size);
    this.activeAtMs = new Float64Array(size);
    this.pack = new Int32Array(size).fill(-1);
    this.phoneSoc = new Float64Array(size).fill(1);
    this.plugged = new Uint8Array(size);
    this.hitZero = new Uint8Array(size);
    this.place = new Uint8Array(size);
    this.detourStore = new Int32Array(size).fill(-1);
    this.detourAtMs = new Float64Array(size).fill(Infinity);
    this.detourKiosk = new Int32Array(size).fill(-1);
    this.detourPack = new Int32Array(size).fill(-1);
    this.consent = new Uint8Array(size);
    this.quietStartHour = new Uint8Array(size);
    this.quietEndHour = new Uint8Array(size);
    this.nudgesIgnored = new Uint8Array(size);
    this.schedMin = new Int16Array(size * MAX_ENTRIES);
    this.schedKind = new Uint8Array(size * MAX_ENTRIES);
    this.schedLen = new Uint8Array(size);
    this.cursor = new Uint8Array(size);
    this.nextEntryMin = new Int16Array(size).fill(NO_MORE_ENTRIES);
    this.lastPhoneMs = new Float64Array(size);
    this.pluggedList = new Int32Array(size);
    this.inPluggedList = new Uint8Array(size);
  }

  /** Draws every customer's routine for one day (call at midnight). */
  buildDay(weekend: boolean, rng: Rng): void {
    for (let c = 0; c < this.size; c++) {
      const len = buildDay(this.persona[c] as number, weekend, rng, this.schedMin, this.schedKind, c * MAX_ENTRIES);
      this.schedLen[c] = len;
      this.cursor[c] = 0;
      this.nextEntryMin[c] = len > 0 ? (this.schedMin[c * MAX_ENTRIES] as number) : NO_MORE_ENTRIES;
    }
  }

  /** The store a place kind refers to for this customer, or -1. */
  storeFor(c: number, kind: number): number {
    if (kind === PLACE_STORE_HOME) return this.homeStore[c] as number;
    if (kind === PLACE_STORE_WORK) return this.workStore[c] as number;
    if (kind === PLACE_STORE_COMMUTE) return this.commuteStore[c] as number;
    return -1;
  }

  /** Where the customer is (for a pack's coarse location), given store coordinates. */
  positionOf(c: number, storeLat: Float64Array, storeLon: Float64Array): { lat: number; lon: number } {
    const k = this.place[c] as number;
    if (k === PLACE_WORK) return { lat: this.workLat[c] as number, lon: this.workLon[c] as number };
    if (k === PLACE_COMMUTE) {
      return { lat: ((this.homeLat[c] as number) + (this.workLat[c] as number)) / 2, lon: ((this.homeLon[c] as number) + (this.workLon[c] as number)) / 2 };
    }
    const s = k >= FIRST_STORE_PLACE ? this.storeFor(c, k) : k === PLACE_OUT ? (this.homeStore[c] as number) : -1;
    if (s >= 0) return { lat: storeLat[s] as number, lon: storeLon[s] as number };
    return { lat: this.homeLat[c] as number, lon: this.homeLon[c] as number };
  }

  /** The customer acted on a nudge about their pack: they will reach storeIdx (kioskIdx, when the nudge named one) at atMs. */
  planDetour(c: number, storeIdx: number, atMs: number, kioskIdx = -1): void {
    if (this.detourStore[c] === -1) this.detoursPending++;
    this.detourStore[c] = storeIdx;
    this.detourAtMs[c] = atMs;
    this.detourKiosk[c] = kioskIdx;
    this.detourPack[c] = this.pack[c] as number;
  }

  /** Whether a customer holding a pack wants to swap it when passing a store. */
  wantsSwap(c: number, packs: PackBank): boolean {
    const p = this.pack[c] as number;
    if (p < 0) return false;
    const per = PERSONAS[this.persona[c] as number] as (typeof PERSONAS)[number];
    return (packs.soc[p] as number) * 100 < per.swapBelowPct || ((packs.faultFlags[p] as number) & BLOCKING_FAULTS) !== 0;
  }
}

export interface PhoneTally {
  /** Packs that reached 0 % while a customer held them (once per pack and holder). */
  packsHitZero: number;
  /** Customer-minutes with a flat phone. */
  phoneDeadMinutes: number;
}

/**
 * Advances phones to nowMs: drain by persona and place, wall charging at home, plugging into the pack
 * when low and unplugging when charged or the pack is flat. Run after the packs' physics step: a
 * plugged phone gains what the pack actually delivered in that step. Plugged customers are visited
 * every step; the rest in slices, once per phoneStrideMs, over the time since their last visit.
 */
export function stepPhones(cb: CustomerBank, packs: PackBank, nowMs: number, minuteOfDay: number, dtH: number, tally: PhoneTally): void {
  const dtMs = dtH * 3_600_000;
  // The first call visits everyone; after it, one slice per step.
  const slices = cb.phonesStarted ? Math.max(1, Math.round(cb.phoneStrideMs / dtMs)) : 1;
  if (!cb.phonesStarted) {
    cb.lastPhoneMs.fill(nowMs - dtMs);
    cb.phonesStarted = true;
  }
  const { pluggedList, inPluggedList, plugged } = cb;
  for (let k = 0; k < cb.pluggedCount; k++) {
    const c = pluggedList[k] as number;
    if (plugged[c] === 1) phoneAt(cb, packs, c, nowMs, minuteOfDay, tally);
    if (plugged[c] === 0) {
      inPluggedList[c] = 0;
      pluggedList[k] = pluggedList[--cb.pluggedCount] as number;
      k--;
    }
  }
  const phase = cb.phoneCursor % slices;
  cb.phoneCursor = (phase + 1) % slices;
  const to = Math.floor((cb.size * (phase + 1)) / slices);
  for (let c = Math.floor((cb.size * phase) / slices); c < to; c++) {
    if (inPluggedList[c] === 0) phoneAt(cb, packs, c, nowMs, minuteOfDay, tally);
  }
}

/** One customer's phone from their last visit to nowMs. */
function phoneAt(cb: CustomerBank, packs: PackBank, c: number, nowMs: number, minuteOfDay: number, tally: PhoneTally): void {
  const dtH = (nowMs - (cb.lastPhoneMs[c] as number)) / 3_600_000;
  cb.lastPhoneMs[c] = nowMs;
  if (dtH <= 0 || (cb.activeAtMs[c] as number) > nowMs) return;
  const per = PERSONAS[cb.persona[c] as number] as (typeof PERSONAS)[number];
  const p = cb.pack[c] as number;
  let phone = cb.phoneSoc[c] as number;
  if (minuteOfDay < per.wakeMin || minuteOfDay >= per.sleepMin) {
    // Asleep: the phone charges on the wall overnight and the pack rests.
    cb.phoneSoc[c] = 1;
    if (cb.plugged[c] === 1) {
      cb.plugged[c] = 0;
      if (p >= 0) packs.outMa[p] = 0;
    }
    return;
  }
  const k = cb.place[c] as number;
  if (k === PLACE_HOME) phone = Math.min(1, phone + (HOME_WALL_CHARGE_PCT_PER_H / 100) * dtH);
  else phone -= ((k === PLACE_COMMUTE ? per.commuteDrainPctPerH : per.phoneDrainPctPerH) / 100) * (cb.drainFactor[c] as number) * dtH;
  if (p >= 0) {
    const soc = packs.soc[p] as number;
    if (cb.plugged[c] === 1) {
      const ma = packs.currentMa[p] as number;
      if (ma < 0) phone += (-ma / 1000) * ocvV(soc) * BOOST_EFF * dtH * GAIN_PER_WH;
      if (phone * 100 >= per.unplugAbovePct || ((packs.flags[p] as number) & F_OUTPUT_CUT) !== 0 || k === PLACE_HOME) {
        cb.plugged[c] = 0;
        packs.outMa[p] = 0;
      }
    } else if (phone * 100 < per.plugBelowPct && k !== PLACE_HOME && soc > 0.01 && ((packs.faultFlags[p] as number) & BLOCKING_FAULTS) === 0) {
      cb.plugged[c] = 1;
      packs.outMa[p] = per.outputMa;
      packs.markActive(p);
      if (cb.inPluggedList[c] === 0) {
        cb.inPluggedList[c] = 1;
        cb.pluggedList[cb.pluggedCount++] = c;
      }
    }
    if (soc <= 0 && cb.hitZero[c] === 0) {
      cb.hitZero[c] = 1;
      tally.packsHitZero++;
    }
  }
  if (phone <= 0) {
    phone = 0;
    tally.phoneDeadMinutes += dtH * 60;
  }
  cb.phoneSoc[c] = phone > 1 ? 1 : phone;
}

/**
 * Applies routine entries due by minuteOfDay and lists the store passes in out as pairs (customer,
 * store). Returns the number of pairs. out must hold 2 x customers entries. Nudge detours are
 * collectDetours()'s: they are visits with a purpose, not passes.
 */
export function collectPasses(cb: CustomerBank, nowMs: number, minuteOfDay: number, out: Int32Array): number {
  let n = 0;
  const cap = out.length - 1;
  const { schedMin, schedKind, schedLen, cursor, place, activeAtMs, nextEntryMin } = cb;
  for (let c = 0; c < cb.size; c++) {
    if ((nextEntryMin[c] as number) > minuteOfDay) continue;
    // Everyone follows their routine (place); only signed-up customers swap or pick up.
    const active = (activeAtMs[c] as number) <= nowMs;
    const base = c * MAX_ENTRIES;
    const len = schedLen[c] as number;
    let cur = cursor[c] as number;
    while (cur < len && (schedMin[base + cur] as number) <= minuteOfDay) {
      const kind = schedKind[base + cur] as number;
      place[c] = kind;
      if (active && kind >= FIRST_STORE_PLACE && n < cap) {
        out[n++] = c;
        out[n++] = cb.storeFor(c, kind);
      }
      cur++;
    }
    cursor[c] = cur;
    nextEntryMin[c] = cur < len ? (schedMin[base + cur] as number) : NO_MORE_ENTRIES;
  }
  return n / 2;
}

/**
 * Nudge detours due by nowMs, as triples (customer, store, kiosk or -1) in out; returns the count.
 * A customer who swapped the pack in the meantime (passing a store on their way) drops the trip.
 */
export function collectDetours(cb: CustomerBank, nowMs: number, out: Int32Array): number {
  let n = 0;
  if (cb.detoursPending === 0) return 0;
  const cap = out.length - 2;
  for (let c = 0; c < cb.size; c++) {
    if ((cb.detourAtMs[c] as number) > nowMs) continue;
    if (n < cap && cb.pack[c] === cb.detourPack[c]) {
      out[n++] = c;
      out[n++] = cb.detourStore[c] as number;
      out[n++] = cb.detourKiosk[c] as number;
    }
    cb.detourAtMs[c] = Infinity;
    cb.detourStore[c] = -1;
    cb.detourKiosk[c] = -1;
    cb.detoursPending--;
  }
  return n / 3;
}
