// The version, read from package.json so `chargefleet --version`, /healthz and the OpenAPI document agree with it.
import { readFileSync } from 'node:fs';

export const VERSION: string = (JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }).version;
