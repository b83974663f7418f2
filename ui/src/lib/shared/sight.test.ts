import { describe, expect, it } from 'vitest';
import { ItemHeight, standIn } from './sight';

describe('standIn', () => {
  it('keeps the height a part had on screen', () => {
    expect(standIn(16, 1234, 80)).toBe(1234);
  });

  it('estimates a part never shown from the average item', () => {
    expect(standIn(16, null, 80.4)).toBe(1286);
  });
});

describe('ItemHeight', () => {
  it('starts from the fallback', () => {
    expect(new ItemHeight(80).value).toBe(80);
  });

  it('takes the first measurement as it is, then leans towards recent ones', () => {
    const h = new ItemHeight(80);
    h.learn(1600, 16);
    expect(h.value).toBe(100);
    h.learn(800, 16);
    expect(h.value).toBe(90);
  });

  it('ignores empty or collapsed parts', () => {
    const h = new ItemHeight(80);
    h.learn(0, 16);
    h.learn(500, 0);
    expect(h.value).toBe(80);
  });
});
