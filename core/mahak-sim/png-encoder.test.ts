import { inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { crc32, encodePng, pngByteSize } from './png-encoder.js';

describe('png encoder', () => {
  it('computes the standard CRC-32', () => {
    expect(crc32(Buffer.from('123456789'))).toBe(0xcbf43926);
  });

  it('writes a PNG whose size is known in advance and whose pixels inflate back', () => {
    for (const [w, h] of [
      [1, 1],
      [96, 96],
      [300, 250],
    ]) {
      const png = encodePng(w, h, [10, 20, 30], [200, 210, 220]);
      expect(png.length).toBe(pngByteSize(w, h));
      expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
      const idatLen = png.readUInt32BE(33);
      expect(png.toString('latin1', 37, 41)).toBe('IDAT');
      const raw = inflateSync(png.subarray(41, 41 + idatLen));
      expect(raw.length).toBe(h * (1 + w * 3));
      // The diagonal band starts at the top-left corner; the top-right corner is background.
      expect([...raw.subarray(1, 4)]).toEqual([200, 210, 220]);
      expect([...raw.subarray(1 + (w - 1) * 3, 4 + (w - 1) * 3)]).toEqual(
        w > 8 ? [10, 20, 30] : [200, 210, 220],
      );
    }
  });
});
