// Rewrites the generated tables in README.md (configuration, errors). Run: npm run docs
import { readFileSync, writeFileSync } from 'node:fs';
import { renderSections } from '../app/doc-tables.ts';

const path = new URL('../README.md', import.meta.url);
const before = readFileSync(path, 'utf8');
const after = renderSections(before);
writeFileSync(path, after);
console.log(before === after ? 'README.md tables already up to date' : 'README.md tables rewritten');
