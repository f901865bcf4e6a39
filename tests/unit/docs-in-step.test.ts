// Like fastify's errors test: the README's tables of settings and error codes must match the
// schema and the catalogue they document.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { renderSections } from '../../app/doc-tables.ts';
import { ERRORS } from '../../domain/errors.ts';
import { SCHEMA } from '../../app/config-schema.ts';

const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');

describe('README', () => {
  it('has the generated tables up to date (run `npm run docs` after changing settings or errors)', () => {
    expect(readme).toContain('<!-- config:start -->');
    expect(readme).toContain('<!-- errors:start -->');
    expect(readme).toContain('<!-- access:start -->');
    expect(readme).toContain('<!-- lifetimes:start -->');
    expect(renderSections(readme)).toBe(readme);
  });

  it('documents every setting and every error code', () => {
    for (const s of Object.values(SCHEMA)) expect(readme).toContain(`\`${s.env}\``);
    for (const code of Object.keys(ERRORS)) expect(readme).toContain(`\`${code}\``);
  });

  it('shows the two commands of the quick start and the test command', () => {
    expect(readme).toContain('npm install');
    expect(readme).toContain('npm start');
    expect(readme).toContain('npm test');
  });
});
