import { afterEach, describe, expect, it, vi } from 'vitest';
import { requestId } from './ids';

describe('requestId', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('works where crypto.randomUUID is missing (plain HTTP on the room network)', () => {
    const real = globalThis.crypto;
    vi.stubGlobal('crypto', { getRandomValues: real.getRandomValues.bind(real) });
    const a = requestId();
    const b = requestId();
    expect(a).toMatch(/^[0-9a-f]{32}$/);
    expect(a).not.toBe(b);
  });
});
