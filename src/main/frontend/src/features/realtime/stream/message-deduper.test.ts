import { describe, expect, it } from 'vitest';
import { createMessageDeduper } from './message-deduper';

describe('createMessageDeduper', () => {
  it('flags an id seen before', () => {
    const deduper = createMessageDeduper(10);
    expect(deduper.isDuplicate('a')).toBe(false);
    expect(deduper.isDuplicate('b')).toBe(false);
    expect(deduper.isDuplicate('a')).toBe(true);
  });

  it('never flags messages without an id (system messages)', () => {
    const deduper = createMessageDeduper(10);
    expect(deduper.isDuplicate(undefined)).toBe(false);
    expect(deduper.isDuplicate(undefined)).toBe(false);
  });

  it('remembers only the last `capacity` ids', () => {
    const deduper = createMessageDeduper(1000);
    for (let i = 0; i < 1000; i++) deduper.isDuplicate(`id-${i}`);
    expect(deduper.isDuplicate('id-0')).toBe(true);
    expect(deduper.isDuplicate('id-999')).toBe(true);
    deduper.isDuplicate('id-1000'); // evicts id-0
    expect(deduper.isDuplicate('id-0')).toBe(false); // re-recorded, evicting id-1
    expect(deduper.isDuplicate('id-1')).toBe(false);
    expect(deduper.isDuplicate('id-999')).toBe(true);
  });
});
