// The MQTT device edge: public API of broker/.
export { createDeviceBroker } from './device-broker.ts';
export type { DeviceBroker, BrokerEndpoints } from './device-broker.ts';
export { DEFAULT_BROKER_LIMITS, resolveBrokerLimits } from './options.ts';
export type { BrokerLimits, BrokerOptions, AuthResult, TlsListenerOptions } from './options.ts';
export type { BrokerMetrics } from './broker-metrics.ts';
export type { DeviceEventName, DeviceListener } from './device-events.ts';
export { mayPublish, maySubscribe } from './acl.ts';
export type { DeviceIdentity, AclDecision } from './acl.ts';
export { FrameScanner, installFrameGuard } from './frame-guard.ts';
export type { FrameViolation, FrameGuardLimits } from './frame-guard.ts';
export { TokenBucket } from './token-bucket.ts';
