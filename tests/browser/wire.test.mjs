// www/js/wire.js: the annotation's way from the worker to the page. Unpacking
// what pack() made (through a structured clone that transfers its buffer, as
// postMessage does) gives the same document, the same JSON text byte for byte.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { REPO_ROOT, newslensBinary } from './lib/server.mjs';
import { pack, unpack } from '../../www/js/wire.js';

const through = (doc) => {
  const { msg, transfer } = pack(doc);
  return unpack(structuredClone(msg, { transfer }));
};

test('a packed annotation unpacks to the same JSON text', () => {
  const sample = path.join(REPO_ROOT, 'www/sample.txt');
  for (const args of [['--rules'], []]) {
    const json = execFileSync(newslensBinary(), ['annotate', ...args, '--offsets', 'utf16', sample], { encoding: 'utf8' });
    const doc = JSON.parse(json);
    assert.ok(doc.quotes.some((q) => q.cue === null || q.speaker === null) || doc.mentions.some((m) => m.title === null));
    assert.equal(JSON.stringify(through(doc)), JSON.stringify(doc));
  }
});

test('nulls, empty lists and disputes survive the trip', () => {
  const doc = {
    version: 1, offsets: 'utf16', textLength: 40,
    actors: [{ id: 0, name: 'A', kind: 'person', titles: [], anonymous: false, mentions: [0] }],
    mentions: [{ id: 0, actor: 0, span: { start: 0, end: 1 }, title: null, kind: 'name' }],
    quotes: [{ id: 0, kind: 'direct', span: { start: 2, end: 9 }, content: { start: 3, end: 8 }, speaker: null, speakerMention: null, cue: null, reporter: 0 }],
    claims: [
      { id: 0, claimant: 0, claimantMention: 0, cue: { start: 10, end: 14 }, content: { start: 15, end: 20 }, stance: 'assert', disputedBy: [1], disputes: [] },
      { id: 1, claimant: null, claimantMention: null, cue: { start: 21, end: 27 }, content: { start: 28, end: 40 }, stance: 'deny', disputedBy: [], disputes: [0] },
    ],
  };
  assert.equal(JSON.stringify(through(doc)), JSON.stringify(doc));
  const empty = { version: 1, offsets: 'bytes', textLength: 0, actors: [], mentions: [], quotes: [], claims: [] };
  assert.equal(JSON.stringify(through(empty)), JSON.stringify(empty));
});
