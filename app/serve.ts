// `chargefleet serve` / `start`: load config, start the system, print where it lives, stop cleanly on signals.
import { loadConfig } from './config.ts';
import { startSystem } from './system.ts';

export async function serve(opts: { demo: boolean }): Promise<number> {
  const config = loadConfig();
  const sys = await startSystem({ config });
  const out = (s: string) => process.stdout.write(s + '\n');
  out('chargefleet is running');
  out(`  MQTT:  ${sys.mqttUrl}${sys.mqttsUrl ? `   (TLS: ${sys.mqttsUrl})` : ''}`);
  out(`  HTTP:  ${sys.httpUrl}   (health: ${sys.httpUrl}/healthz, API description: ${sys.httpUrl}/openapi.json)`);
  out(`  data:  ${sys.dataDir}   (store: ${config.store})`);
  if (sys.generatedAdminToken) {
    out('');
    out(`  admin token (shown only this once; only its hash is stored): ${sys.generatedAdminToken}`);
    out(`  export CF_ADMIN_TOKEN=${sys.generatedAdminToken}`);
  }
  out('');
  out('  provision a device:  npx chargefleet devices add --kind pack --id pack-0001');
  if (opts.demo) out('  (the demo fleet arrives with the simulator; this is `serve`)');
  out('  stop: Ctrl-C');
  await new Promise<void>((resolve) => {
    const stop = (signal: string) => {
      sys.logger.info({ component: 'system', signal }, 'stopping');
      void sys.stop().then(resolve);
    };
    process.once('SIGINT', () => stop('SIGINT'));
    process.once('SIGTERM', () => stop('SIGTERM'));
  });
  return 0;
}
