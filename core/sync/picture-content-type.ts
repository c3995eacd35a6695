import { contentTypeOfKey, normaliseContentType } from '../blob/content-key.js';

/** Magic numbers of the picture formats a shop uploads to Mahak. */
const signatures: readonly { type: string; test: (b: Buffer) => boolean }[] = [
  {
    type: 'image/png',
    test: (b) => b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])),
  },
  { type: 'image/jpeg', test: (b) => b.length >= 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff },
  { type: 'image/gif', test: (b) => b.subarray(0, 4).toString('latin1') === 'GIF8' },
  {
    type: 'image/webp',
    test: (b) =>
      b.subarray(0, 4).toString('latin1') === 'RIFF' && b.subarray(8, 12).toString('latin1') === 'WEBP',
  },
  { type: 'image/bmp', test: (b) => b.subarray(0, 2).toString('latin1') === 'BM' },
];

/**
 * The content type a downloaded picture is stored and served with. Mahak's image host answers with an
 * image/* type (API.md §1.1) but a proxy or an old IIS may say application/octet-stream, so: the served
 * type when it is an image type, else the bytes' magic number, else the file name's extension.
 */
export function pictureContentType(bytes: Buffer, servedType: string, fileName: string | null): string {
  const served = normaliseContentType(servedType);
  if (served.startsWith('image/')) return served;
  const sniffed = signatures.find((s) => s.test(bytes))?.type;
  if (sniffed) return sniffed;
  return contentTypeOfKey(fileName ?? '');
}
