import * as fs from 'fs';
import * as path from 'path';
import { goPemDecode } from '../../lib/k8s/go-pem';

// Recorded with Go's pem.Decode: '' = no block, else `type:base64 of the block's bytes`.
const { recorded, vectors } = JSON.parse(fs.readFileSync(path.join(__dirname, 'go-pem-vectors.json'), 'utf8')) as { recorded: string; vectors: Record<string, string> };

const decoded = (text: string): string => {
  const block = goPemDecode(text);
  return block === undefined ? '' : `${block.type}:${block.bytes.toString('base64')}`;
};

describe(`goPemDecode agrees with ${recorded}`, () => {
  it('finds the block Go finds, with the same type and bytes, on every recorded text', () => {
    const disagree = Object.entries(vectors).filter(([text, go]) => decoded(text) !== go).map(([text, go]) => ({ text, go, mine: decoded(text) }));
    expect(disagree).toEqual([]);
    expect(Object.values(vectors).filter((v) => v !== '').length).toBeGreaterThan(50);
    expect(Object.values(vectors).filter((v) => v === '').length).toBeGreaterThan(50);
  });
  it('skips what comes before a block and malformed blocks, reads headers, refuses text after END', () => {
    expect(decoded('our CA\n-----BEGIN A-----\nQUJD\n-----END A-----\n')).toBe('A:QUJD');
    expect(decoded('-----BEGIN A-----\n!!\n-----END A-----\n-----BEGIN B-----\nQUJD\n-----END B-----')).toBe('B:QUJD');
    expect(decoded('-----BEGIN A-----\nProc-Type: 4\n\nQUJD\n-----END A-----')).toBe('A:QUJD');
    expect(decoded('-----BEGIN A-----\nQUJD\n-----END A-----x')).toBe('');
    expect(decoded(' -----BEGIN A-----\nQUJD\n-----END A-----')).toBe('');
    expect(decoded('')).toBe('');
  });
});
