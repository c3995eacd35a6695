/**
 * A tiny PNG encoder for the simulator's product pictures. It writes zlib "stored" (uncompressed) deflate
 * blocks, so the byte size of an image is a pure function of its width and height: a Picture row can carry
 * its exact FileSize without encoding the image (a 1,000,000-product catalogue lists 1,000,000 pictures).
 */

const crcTable = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

export function crc32(bytes: Uint8Array, start = 0, end = bytes.length): number {
  let c = 0xffffffff;
  for (let i = start; i < end; i++) c = crcTable[(c ^ bytes[i]) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function adler32(bytes: Uint8Array): number {
  let a = 1;
  let b = 0;
  for (let i = 0; i < bytes.length; i++) {
    a = (a + bytes[i]) % 65521;
    b = (b + a) % 65521;
  }
  return ((b << 16) | a) >>> 0;
}

const MAX_STORED = 65535;

/** zlib stream made of stored blocks (RFC 1950/1951). */
function zlibStored(raw: Uint8Array): Buffer {
  const blocks = Math.max(1, Math.ceil(raw.length / MAX_STORED));
  const out = Buffer.alloc(2 + raw.length + blocks * 5 + 4);
  out[0] = 0x78;
  out[1] = 0x01;
  let o = 2;
  for (let b = 0; b < blocks; b++) {
    const start = b * MAX_STORED;
    const len = Math.min(MAX_STORED, raw.length - start);
    out[o++] = b === blocks - 1 ? 1 : 0;
    out.writeUInt16LE(len, o);
    out.writeUInt16LE(~len & 0xffff, o + 2);
    o += 4;
    out.set(raw.subarray(start, start + len), o);
    o += len;
  }
  out.writeUInt32BE(adler32(raw), o);
  return out;
}

function chunk(type: string, data: Uint8Array): Buffer {
  const buf = Buffer.alloc(12 + data.length);
  buf.writeUInt32BE(data.length, 0);
  buf.write(type, 4, 'latin1');
  buf.set(data, 8);
  buf.writeUInt32BE(crc32(buf, 4, 8 + data.length), 8 + data.length);
  return buf;
}

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** Exact byte size of `encodePng(width, height, ...)`. */
export function pngByteSize(width: number, height: number): number {
  const raw = height * (1 + width * 3);
  const zlib = 2 + raw + Math.max(1, Math.ceil(raw / MAX_STORED)) * 5 + 4;
  return SIGNATURE.length + (12 + 13) + (12 + zlib) + 12;
}

export type Rgb = readonly [number, number, number];

/**
 * An 8-bit RGB PNG: a solid background with a lighter diagonal band, so pictures look like pictures and
 * two different products never share bytes.
 */
export function encodePng(width: number, height: number, background: Rgb, band: Rgb): Buffer {
  const stride = 1 + width * 3;
  const raw = new Uint8Array(height * stride);
  for (let y = 0; y < height; y++) {
    const row = y * stride;
    raw[row] = 0; // filter: none
    for (let x = 0; x < width; x++) {
      const c = Math.abs(x - y) < width / 8 ? band : background;
      raw.set(c, row + 1 + x * 3);
    }
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 2; // colour type: truecolour
  return Buffer.concat([
    SIGNATURE,
    chunk('IHDR', ihdr),
    chunk('IDAT', zlibStored(raw)),
    chunk('IEND', new Uint8Array()),
  ]);
}
