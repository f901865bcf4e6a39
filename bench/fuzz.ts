// `npm run bench -- fuzz`: random and mutated MQTT packets (mutated from valid ones, with and
// without valid credentials) and random or mutated protobuf payloads on the devices' own topics,
// against the real server (a child process) for a bounded time. Meanwhile valid devices publish
// real readings and must keep getting PUBACKs, and /healthz must keep answering. Prints packets
// sent, connections cut by the server and crashes (must be 0). Loopback only; bounded in time.
import net from 'node:net';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Rng } from '../firmware-sim/rng.ts';
import { DISCONNECT_FRAME, PINGREQ_FRAME, connectFrame, pubackFrame, publishFrame, subscribeFrame, utf8Field } from '../firmware-sim/mqtt-wire.ts';
import { topics } from '../domain/topics.ts';
import { encodeKioskEvent, encodeKioskStatus, encodePackTelemetry, encodeSwapRequest, v1 } from '../proto/codec.ts';
import { startServerProcess } from '../tests/helpers/server-process.ts';
import { machineBusyMs, onExit, selfCpuMs, track, cpuMs } from './child-processes.ts';
import { OutboxDevice } from './outbox-device.ts';

const TOKEN = `cffuzz_${randomBytes(12).toString('hex')}`;

interface Options {
  /** Provisioned kiosk identities the fuzz speaks as (of 24). */
  kiosks: number;
  seconds: number;
  connections: number;
  seed: number;
}

function parse(argv: string[]): Options {
  const o: Options = { kiosks: 8, seconds: 60, connections: 16, seed: Date.now() % 1_000_000 };
  for (let i = 0; i < argv.length; i += 2) {
    const [k, v] = [argv[i], Number(argv[i + 1])];
    if (!Number.isFinite(v) || v < 0) throw new Error(`${k} needs a number`);
    if (k === '--seconds') o.seconds = Math.min(3600, Math.max(1, v));
    else if (k === '--connections') o.connections = Math.min(200, Math.max(1, v));
    else if (k === '--seed') o.seed = v;
    else if (k === '--kiosks') o.kiosks = Math.min(24, v);
    else throw new Error(`unknown flag ${k} (--seconds, --connections, --kiosks, --seed)`);
  }
  return o;
}

const header = (seq: number) => ({ bootId: 3, seq, sentAtMs: Date.now(), firmware: 'fuzz' });

/** Valid payloads per uplink kind: the seeds the mutations start from. */
function validPayloads(seq: number): Record<'pack' | 'status' | 'event' | 'swap', Uint8Array> {
  return {
    pack: encodePackTelemetry({ header: header(seq), socPct: 55, voltageMv: 3800, currentMa: -400, tempC: 25, cycles: 10, sohPct: 97, state: v1.PackState.PACK_STATE_IDLE, location: { latE7: 515_000_000, lonE7: -1_000_000, accuracyM: 20 } }),
    status: encodeKioskStatus({ header: header(seq), mainsPower: true, door: 1, signalDbm: -60, slots: [{ index: 0, state: 3, packId: 'fz-p', socPct: 99, tempC: 25 }, { index: 1, state: 1 }] }),
    event: encodeKioskEvent({ header: header(seq), packInserted: { slot: 1, packId: 'fz-p', requestId: 'r' } }),
    swap: encodeSwapRequest({ header: header(seq), requestId: `fz-${seq}`, customerToken: 'tok-none', returnedPackId: 'fz-p', returnedSlot: 1 }),
  };
}

/** Bit flips, byte inserts and deletes, truncation, a random splice, or a length byte set high. */
function mutate(rng: Rng, src: Uint8Array): Buffer {
  const b = Buffer.from(src);
  const n = 1 + rng.int(0, 4);
  let out = b;
  for (let i = 0; i < n; i++) {
    const op = rng.int(0, 6);
    const at = out.length === 0 ? 0 : rng.int(0, out.length);
    if (op === 0 && out.length > 0) out[at] = out[at]! ^ (1 << rng.int(0, 8));
    else if (op === 1) out = Buffer.concat([out.subarray(0, at), Buffer.from([rng.int(0, 256)]), out.subarray(at)]);
    else if (op === 2 && out.length > 0) out = Buffer.concat([out.subarray(0, at), out.subarray(at + 1)]);
    else if (op === 3) out = out.subarray(0, at);
    else if (op === 4) out = Buffer.concat([out.subarray(0, at), randomBytes(rng.int(1, 32)), out.subarray(at)]);
    else if (out.length > 1) out[Math.min(1, out.length - 1)] = 0x80 | rng.int(0, 128); // a remaining-length byte that continues
  }
  return out;
}

interface Tally {
  packets: number;
  connections: number;
  cutByServer: number;
  refusedConnects: number;
}

/** One fuzz connection: a sequence of valid and mutated frames, then close. Resolves when closed. */
function fuzzConnection(port: number, rng: Rng, t: Tally, identity: { id: string; password: string; kind: 'pack' | 'kiosk' } | null, seqBase: number): Promise<void> {
  return new Promise((resolve) => {
    const s = net.connect(port, '127.0.0.1');
    t.connections++;
    let closedByUs = false;
    const done = () => resolve();
    s.on('error', () => {});
    s.on('close', () => {
      if (!closedByUs) t.cutByServer++;
      done();
    });
    s.on('data', () => {});
    const send = (b: Buffer) => {
      if (s.destroyed) return;
      t.packets++;
      s.write(b);
    };
    s.on('connect', () => {
      // 0: noise; 1: a mutated CONNECT, then frames; 2: a valid CONNECT with valid and mutated
      // packets pipelined behind it; 3 (half the runs): a valid CONNECT, then after the CONNACK
      // only well-framed PUBLISHes whose payloads are random or mutated protobuf (the decoder fuzz).
      const mode = rng.chance(0.5) ? 3 : rng.int(0, 3);
      const id = identity?.id ?? `fz-anon-${rng.int(0, 1000)}`;
      const pw = identity?.password ?? 'wrong';
      const ownTopic = identity?.kind === 'kiosk' ? [topics.kioskStatus(id), topics.kioskEvents(id), topics.swapRequests(id)][rng.int(0, 3)]! : topics.packTelemetry(id);
      const connect = connectFrame(id, id, pw, 30, true);
      const frames: Buffer[] = [];
      const steps = rng.int(1, 40);
      if (mode === 0) {
        // Raw noise from the first byte.
        for (let i = 0; i < steps; i++) frames.push(randomBytes(rng.int(1, 300)));
      } else {
        frames.push(mode === 1 ? mutate(rng, connect) : connect);
        for (let i = 0; i < steps; i++) {
          const seeds = validPayloads(seqBase + i);
          const payload = identity?.kind === 'kiosk' ? [seeds.status, seeds.event, seeds.swap][rng.int(0, 3)]! : seeds.pack;
          const kind = mode === 3 ? rng.int(3, 6) : rng.int(0, 8);
          let frame: Buffer;
          if (kind === 0) frame = subscribeFrame(rng.int(1, 65535), [topics.kioskCommands(id), '#', '$SYS/#', ownTopic].slice(0, rng.int(1, 5)), 1);
          else if (kind === 1) frame = PINGREQ_FRAME;
          else if (kind === 2) frame = pubackFrame(rng.int(0, 65536));
          // Random protobuf bytes, mutated protobuf, or a valid payload, each on the device's own topic.
          else if (kind === 3) frame = publishFrame(utf8Field(ownTopic), randomBytes(rng.int(0, 200)), 1, rng.int(1, 65535), false);
          else if (kind === 4) frame = publishFrame(utf8Field(ownTopic), mutate(rng, payload), 1, rng.int(1, 65535), false);
          else if (kind === 5) frame = publishFrame(utf8Field(ownTopic), payload, rng.chance(0.5) ? 1 : 0, rng.int(1, 65535), rng.chance(0.2));
          else frame = mutate(rng, publishFrame(utf8Field(ownTopic), payload, 1, rng.int(1, 65535), false));
          frames.push(frame);
        }
        if (rng.chance(0.3)) frames.push(DISCONNECT_FRAME);
      }
      // Split across writes at random points, as a network would.
      let i = 0;
      const tick = () => {
        if (i >= frames.length || s.destroyed) {
          setTimeout(() => {
            closedByUs = !s.destroyed;
            s.destroy();
          }, 50);
          return;
        }
        send(frames[i++]!);
        setTimeout(tick, rng.int(0, 5));
      };
      if (mode === 3 && identity) {
        send(frames.shift()!);
        s.once('data', () => setTimeout(tick, 0));
      } else tick();
    });
  });
}

export async function run(argv: string[]): Promise<number> {
  const o = parse(argv);
  const rng = new Rng(o.seed);
  const dir = mkdtempSync(join(tmpdir(), 'cf-fuzz-'));
  onExit(() => rmSync(dir, { recursive: true, force: true }));
  const srv = await startServerProcess({ CF_DATA_DIR: dir, CF_ADMIN_TOKEN: TOKEN, CF_MQTT_HOST: '127.0.0.1', CF_HTTP_HOST: '127.0.0.1', CF_LOG_LEVEL: 'error', CF_CONNECT_TIMEOUT_MS: '3000' }, 60_000);
  track(srv.child, 'server');
  let crashed = 0;
  srv.child.once('exit', (code, sig) => {
    if (!stopping) {
      crashed++;
      process.stderr.write(`fuzz: the server exited (${code ?? sig}) during the run\n${srv.output().slice(-2000)}\n`);
    }
  });
  let stopping = false;
  const api = async (method: string, path: string, body?: unknown) => {
    const res = await fetch(srv.httpUrl + path, { method, headers: { authorization: `Bearer ${TOKEN}`, ...(body ? { 'content-type': 'application/json' } : {}) }, ...(body ? { body: JSON.stringify(body) } : {}) });
    return { status: res.status, json: (await res.json()) as any };
  };
  const provision = async (kind: 'pack' | 'kiosk', id: string) => ({ id, kind, password: (await api('POST', '/v1/devices', { kind, id })).json.password as string });
  // Many identities: a fuzzing device that gets cut twice is refused for a growing window (as it
  // should be), so the fuzz rotates through enough of them to keep reaching the decoder.
  const fuzzIds: { id: string; kind: 'pack' | 'kiosk'; password: string }[] = [];
  for (let i = 0; i < 24; i++) {
    const kind = i < 24 - o.kiosks ? 'pack' : 'kiosk';
    fuzzIds.push(await provision(kind, `fz-${kind}-${i}`));
  }
  // Valid devices publish real readings all along and must keep being acknowledged.
  const valid = await Promise.all([0, 1, 2].map(async (i) => {
    const p = await provision('pack', `fz-valid-${i}`);
    return { dev: new OutboxDevice(p.id, p.password), seq: 0, lastAckMs: Date.now(), maxGapMs: 0 };
  }));
  const port = Number(new URL(srv.mqttUrl).port);
  const t: Tally = { packets: 0, connections: 0, cutByServer: 0, refusedConnects: 0 };
  const busy0 = machineBusyMs();
  const self0 = selfCpuMs();
  const srv0 = cpuMs(srv.child.pid!);
  const t0 = Date.now();
  const endAt = t0 + o.seconds * 1000;
  let healthFailures = 0;
  let healthChecks = 0;

  for (const v of valid) v.lastAckMs = Date.now();
  const validLoop = (async () => {
    while (Date.now() < endAt && crashed === 0) {
      for (const v of valid) {
        if (!v.dev.connected && !(await v.dev.connect(srv.mqttUrl))) continue;
        const seq = ++v.seq;
        void v.dev.send(topics.packTelemetry(v.dev.id), encodePackTelemetry({ header: { bootId: 1, seq, sentAtMs: Date.now(), firmware: 'valid' }, socPct: 60, voltageMv: 3850, currentMa: -300, tempC: 24, cycles: 3, sohPct: 99, state: 2 }), seq).then((ok) => {
          if (!ok) return;
          const now = Date.now();
          v.maxGapMs = Math.max(v.maxGapMs, now - v.lastAckMs);
          v.lastAckMs = now;
        });
      }
      await new Promise((r) => setTimeout(r, 100));
    }
  })();
  const healthLoop = (async () => {
    while (Date.now() < endAt && crashed === 0) {
      healthChecks++;
      try {
        const res = await fetch(`${srv.httpUrl}/healthz`, { signal: AbortSignal.timeout(5000) });
        if (res.status !== 200) healthFailures++;
      } catch {
        healthFailures++;
      }
      await new Promise((r) => setTimeout(r, 1000));
    }
  })();
  const workers = Array.from({ length: o.connections }, async (_, w) => {
    const wr = rng.fork(`w${w}`);
    let n = 0;
    while (Date.now() < endAt && crashed === 0) {
      const identity = wr.chance(0.7) ? fuzzIds[wr.int(0, fuzzIds.length)]! : null;
      await fuzzConnection(port, wr, t, identity, 1000 * w + 40 * n++);
    }
  });
  await Promise.all([...workers, validLoop, healthLoop]);
  const elapsedMs = Date.now() - t0;
  const h = (await api("GET", "/healthz").catch(() => ({ status: 0, json: null }))).json;
  if (process.env.CF_BENCH_DEBUG) process.stdout.write(JSON.stringify(h?.ingest) + "\n" + JSON.stringify(h?.broker) + "\n");
  const ingest = h?.ingest as { commitP50Ms?: number; commitP99Ms?: number; quarantinedByReason?: Record<string, number> } | undefined;
  const serverCpuMs = crashed ? NaN : cpuMs(srv.child.pid!) - srv0;
  const othersPct = Math.max(0, Math.round(((machineBusyMs() - busy0 - (selfCpuMs() - self0) - (serverCpuMs || 0)) / elapsedMs) * 100));
  for (const v of valid) v.dev.drop();
  stopping = true;
  if (!crashed) await srv.stop();
  for (const v of valid) v.maxGapMs = Math.max(v.maxGapMs, t0 + elapsedMs - v.lastAckMs);

  const validAcked = valid.reduce((n, v) => n + v.dev.acked.size, 0);
  const maxGapMs = Math.max(...valid.map((v) => v.maxGapMs));
  process.stdout.write(`\nfuzz: ${Math.round(elapsedMs / 1000)} s, seed ${o.seed}, ${o.connections} fuzzing connections at a time as ${24 - o.kiosks} packs and ${o.kiosks} kiosks, others ${othersPct} % of a core\n`);
  process.stdout.write('| figure | value | target |\n|---|---|---|\n');
  process.stdout.write(`| fuzz packets sent (valid, mutated, random) | ${t.packets} | |\n`);
  process.stdout.write(`| fuzz connections opened | ${t.connections} | |\n`);
  process.stdout.write(`| connections cut by the server | ${t.cutByServer} | |\n`);
  process.stdout.write(`| messages quarantined (by reason) | ${h?.ingest?.quarantined ?? '?'} ${JSON.stringify(ingest?.quarantinedByReason ?? {})} | |\n`);
  process.stdout.write(`| ingest commit p50 / p99 | ${Math.round(ingest?.commitP50Ms ?? NaN)} / ${Math.round(ingest?.commitP99Ms ?? NaN)} ms | |\n`);
  process.stdout.write(`| connections refused (by reason) | ${JSON.stringify(h?.broker?.connectionsRefused ?? {})} | |\n`);
  process.stdout.write(`| valid readings acknowledged (3 devices) | ${validAcked} | > 0 |\n`);
  process.stdout.write(`| longest gap between PUBACKs of a valid device | ${maxGapMs} ms (per device: ${valid.map((v) => v.maxGapMs).join(', ')}; reconnects ${valid.map((v) => v.dev.connects - 1).join(', ')}) | < 10,000 ms (the machine is shared: commit p99 is in the health line above) |\n`);
  process.stdout.write(`| /healthz failures | ${healthFailures} of ${healthChecks} | 0 |\n`);
  process.stdout.write(`| server crashes | ${crashed} | 0 |\n`);
  process.stdout.write(`| server CPU | ${Math.round(serverCpuMs)} ms (${Math.round((serverCpuMs / elapsedMs) * 100)} % of a core) | |\n`);
  const ok = crashed === 0 && healthFailures === 0 && validAcked > 0 && maxGapMs < 10_000;
  process.stdout.write(ok ? '\nfuzz: passed\n' : '\nfuzz: FAILED\n');
  return ok ? 0 : 1;
}
