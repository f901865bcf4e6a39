// The NudgeSender contract against both channels: MQTT through a real aedes broker to a real
// mqtt.js client subscribed as the customer's app, and the signed webhook to a real HTTP server.
import { topics } from '../../domain/topics.ts';
import { decodeNudge, toNum } from '../../proto/codec.ts';
import { MqttNudgeSender, WebhookNudgeSender } from '../../services/nudge-senders.ts';
import { startTestBroker, TestRegistry, type TestBroker } from '../helpers/broker-fixtures.ts';
import { WebhookReceiver } from '../helpers/webhook-receiver.ts';
import { eventually } from '../helpers/system.ts';
import { nudgeSenderSuite, type Received, type SenderHarness } from './nudge-sender.suite.ts';

const CUSTOMER = 'cust-contract';
const SECRET = 'contract-webhook-secret-0123456789';

nudgeSenderSuite('MQTT, to the customer app', { answersWithStatus: false, timesOut: false }, async (): Promise<SenderHarness> => {
  const registry = new TestRegistry();
  const device = registry.add(CUSTOMER, 'customer');
  let tb: TestBroker = await startTestBroker(registry);
  const got: Received[] = [];
  const attach = async () => {
    const app = await tb.connect(device);
    app.on('message', (topic, payload) => {
      if (topic !== topics.customerNudges(CUSTOMER)) return;
      const n = decodeNudge(payload);
      got.push({ nudgeId: n.nudgeId, customerId: topic.split('/')[3]!, packId: n.packId, packSocPct: n.packSocPct, storeId: n.storeId, storeName: n.storeName, kioskId: n.kioskId, distanceM: n.distanceM, chargedPacks: n.chargedPacks, holdExpiresAtMs: toNum(n.holdExpiresAtMs), text: n.text, reasons: n.reasons, idempotencyKey: n.nudgeId, authentic: true });
    });
    await app.subscribeAsync(topics.customerNudges(CUSTOMER), { qos: 1 });
  };
  await attach();
  // Pack SoC is a float32 on the wire: the suite's values are exact in float32.
  return {
    sender: new MqttNudgeSender((t, p, q) => tb.broker.publish(t, p, q)),
    received: () => got,
    waitFor: (k) => eventually(() => (got.length >= k ? got : null), 5000, `${k} nudges over MQTT`),
    breakTarget: () => tb.stop(),
    async restore() {
      tb = await startTestBroker(registry);
      await attach();
    },
    close: () => tb.stop(),
  };
});

nudgeSenderSuite('signed webhook, to a notification gateway', { answersWithStatus: true, timesOut: true }, async (): Promise<SenderHarness> => {
  const rx = await WebhookReceiver.start(SECRET);
  const toReceived = (h: (typeof rx.hits)[number]): Received => {
    const j = h.json as Record<string, any>;
    return {
      nudgeId: j.nudgeId, customerId: j.customerId, packId: j.packId, packSocPct: j.packSocPct, storeId: j.store.id, storeName: j.store.name, kioskId: j.kioskId, distanceM: j.distanceM, chargedPacks: j.chargedPacks,
      holdExpiresAtMs: j.holdExpiresAt === null ? 0 : Date.parse(j.holdExpiresAt), text: j.text, reasons: j.reasons, idempotencyKey: String(h.headers['idempotency-key']), authentic: h.signatureValid,
    };
  };
  const accepted = () => [...rx.accepted.values()].map(toReceived);
  return {
    // Long enough that a loaded machine (2 cores, a full suite beside it) answers a scripted status in time;
    // the "does not answer" case holds its answer 10 s.
    sender: new WebhookNudgeSender({ url: rx.url, secret: SECRET, timeoutMs: 2000, clock: { now: () => Date.now() } }),
    received: accepted,
    waitFor: (k) => eventually(() => (accepted().length >= k ? accepted() : null), 5000, `${k} webhook deliveries`),
    // The gateway drops every connection: the sender sees a network error, as with one that is down.
    async breakTarget() {
      rx.fallback = { status: 200, drop: true };
    },
    async restore() {
      rx.fallback = { status: 200, body: '{"ok":true}' };
    },
    respond: (r) => rx.script.push(r),
    close: () => rx.close(),
  };
});
