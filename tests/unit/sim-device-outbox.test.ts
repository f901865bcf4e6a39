// A device's uplink identity and offline memory: boot id and per-boot seq in every header, QoS 1
// kept while offline and replayed in order, bounded with an overflow count, reboots change the boot id.
import { describe, expect, it } from 'vitest';
import { DeviceOutbox, type OutboxMessage } from '../../firmware-sim/device-outbox.ts';
import { Rng } from '../../firmware-sim/rng.ts';

const make = (ob: DeviceOutbox<string>, n: number, nowMs: number, qos: 0 | 1 = 1): OutboxMessage<string> =>
  ob.make('fleet/v1/packs/pk-1/telemetry', qos, nowMs, (h) => `reading ${n} seq ${h.seq}`);

describe('DeviceOutbox', () => {
  it('stamps headers with the boot id, a seq that rises by one from 1, the firmware and the device clock', () => {
    const ob = new DeviceOutbox<string>({ rng: new Rng('dev'), firmware: 'pack-fw 2.4.1', clockSkewMs: 3 * 3_600_000 });
    const hs = [1, 2, 3].map((n) => ob.nextHeader(1_000 * n));
    expect(hs.map((h) => h.seq)).toEqual([1, 2, 3]);
    expect(new Set(hs.map((h) => h.bootId)).size).toBe(1);
    expect(hs[0]?.bootId).not.toBe(0);
    expect(hs[0]?.firmware).toBe('pack-fw 2.4.1');
    expect(hs[0]?.sentAtMs).toBe(1_000 + 3 * 3_600_000);
  });

  it('draws the same boot id from the same seed', () => {
    const a = new DeviceOutbox({ rng: new Rng(9).fork('ki-00001'), firmware: 'f' });
    const b = new DeviceOutbox({ rng: new Rng(9).fork('ki-00001'), firmware: 'f' });
    expect(a.bootId).toBe(b.bootId);
  });

  it('sends while online; while offline keeps QoS 1 and drops QoS 0', () => {
    const ob = new DeviceOutbox<string>({ rng: new Rng(1), firmware: 'f' });
    expect(ob.submit(make(ob, 0, 0))).toBe('send');
    ob.goOffline();
    expect(ob.submit(make(ob, 1, 1))).toBe('queued');
    expect(ob.submit(make(ob, 2, 2, 0))).toBe('dropped');
    expect(ob.backlog).toBe(1);
    expect(ob.stats.qos0Dropped).toBe(1);
  });

  it('replays the offline backlog in order, with the headers it was made with, after reconnect', () => {
    const ob = new DeviceOutbox<string>({ rng: new Rng(1), firmware: 'f', online: false });
    for (let n = 1; n <= 5; n++) ob.submit(make(ob, n, n * 30_000));
    const replay = ob.goOnline();
    expect(replay.map((m) => m.payload)).toEqual([1, 2, 3, 4, 5].map((n) => `reading ${n} seq ${n}`));
    expect(replay.map((m) => m.header.sentAtMs)).toEqual([30_000, 60_000, 90_000, 120_000, 150_000]);
    expect(ob.backlog).toBe(0);
    expect(ob.stats.replayed).toBe(5);
    expect(ob.submit(make(ob, 6, 200_000))).toBe('send');
  });

  it('is bounded: past capacity the oldest are dropped and counted, the newest kept in order', () => {
    const ob = new DeviceOutbox<string>({ rng: new Rng(1), firmware: 'f', capacity: 3, online: false });
    for (let n = 1; n <= 5; n++) ob.submit(make(ob, n, n));
    expect(ob.stats.overflowDropped).toBe(2);
    expect(ob.goOnline().map((m) => m.header.seq)).toEqual([3, 4, 5]);
  });

  it('holds a large offline backlog without losing order', () => {
    const ob = new DeviceOutbox<string>({ rng: new Rng(1), firmware: 'f', capacity: 10_000, online: false });
    for (let n = 1; n <= 12_000; n++) ob.submit(make(ob, n, n));
    const seqs = ob.goOnline().map((m) => m.header.seq);
    expect(seqs).toHaveLength(10_000);
    expect(seqs[0]).toBe(2_001);
    expect(seqs.length).toBeGreaterThan(0); // .every below is vacuous over nothing
    expect(seqs.every((s, k) => k === 0 || s === (seqs[k - 1] as number) + 1)).toBe(true);
  });

  it('puts back unacknowledged messages in front of the backlog on a lost connection', () => {
    const ob = new DeviceOutbox<string>({ rng: new Rng(1), firmware: 'f' });
    const inFlight = [make(ob, 1, 1), make(ob, 2, 2)];
    ob.requeue(inFlight);
    expect(ob.online).toBe(false);
    ob.submit(make(ob, 3, 3));
    expect(ob.goOnline().map((m) => m.header.seq)).toEqual([1, 2, 3]);
  });

  it('reboots with a new boot id and seq from 1; keeps the queue (flash) unless told not to', () => {
    const ob = new DeviceOutbox<string>({ rng: new Rng(5), firmware: 'f', online: false });
    const before = ob.bootId;
    ob.submit(make(ob, 1, 1));
    ob.submit(make(ob, 2, 2));
    ob.reboot();
    expect(ob.bootId).not.toBe(before);
    expect(ob.seq).toBe(0);
    const after = make(ob, 3, 3);
    expect(after.header).toMatchObject({ bootId: ob.bootId, seq: 1 });
    ob.submit(after);
    const replay = ob.goOnline();
    expect(replay.map((m) => [m.header.bootId, m.header.seq])).toEqual([
      [before, 1],
      [before, 2],
      [ob.bootId, 1],
    ]);

    const volatile = new DeviceOutbox<string>({ rng: new Rng(5), firmware: 'f', online: false, keepQueueOnReboot: false });
    volatile.submit(make(volatile, 1, 1));
    volatile.reboot();
    expect(volatile.backlog).toBe(0);
    expect(volatile.stats.lostOnReboot).toBe(1);
  });

  it('never repeats a boot id across many reboots in a row', () => {
    const ob = new DeviceOutbox({ rng: new Rng(11), firmware: 'f' });
    let prev = ob.bootId;
    for (let k = 0; k < 1000; k++) {
      ob.reboot();
      expect(ob.bootId).not.toBe(prev);
      prev = ob.bootId;
    }
    expect(ob.stats.reboots).toBe(1000);
  });
});
