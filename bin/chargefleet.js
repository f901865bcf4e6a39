#!/usr/bin/env node
// Entry point: registers tsx so the TypeScript sources run as they are (no build step), then runs the CLI.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../app/cli.ts');
try {
  process.exitCode = await main(process.argv.slice(2));
} catch (err) {
  console.error('chargefleet: unexpected error:', err);
  process.exitCode = 1;
}
