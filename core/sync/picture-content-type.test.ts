import { describe, expect, it } from 'vitest';
import { pictureContentType } from './picture-content-type.js';

const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
const jpeg = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 16]);
const webp = Buffer.concat([Buffer.from('RIFF'), Buffer.alloc(4), Buffer.from('WEBPVP8 ')]);

describe('pictureContentType', () => {
  it('keeps an image type the server sent, normalised', () => {
    expect(pictureContentType(jpeg, 'Image/JPEG; charset=binary', 'x.png')).toBe('image/jpeg');
  });

  it('sniffs the bytes when the server sent no image type', () => {
    expect(pictureContentType(png, 'application/octet-stream', 'عکس.jpg')).toBe('image/png');
    expect(pictureContentType(jpeg, '', null)).toBe('image/jpeg');
    expect(pictureContentType(webp, 'text/html', null)).toBe('image/webp');
    expect(pictureContentType(Buffer.from('GIF89a'), 'application/octet-stream', null)).toBe('image/gif');
  });

  it('falls back to the file name, then to octet-stream', () => {
    expect(pictureContentType(Buffer.from('????'), 'application/octet-stream', 'کیف-چرمی.JPG')).toBe(
      'image/jpeg',
    );
    expect(pictureContentType(Buffer.from('????'), 'application/octet-stream', 'noext')).toBe(
      'application/octet-stream',
    );
    expect(pictureContentType(Buffer.alloc(0), 'application/octet-stream', null)).toBe(
      'application/octet-stream',
    );
  });
});
