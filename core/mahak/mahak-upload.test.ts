import { describe, expect, it } from 'vitest';
import { HamgamError } from '../errors.js';
import { parseEnvelope } from './mahak-envelope.js';
import { contentTypeOf, headerSafe, pictureUrl, readUploadResult, uploadHeaders } from './mahak-upload.js';

const base = 'http://mahak.local:5080/API/v3/Sync';

describe('pictureUrl', () => {
  it('resolves server-relative paths against the origin, not the sync path', () => {
    expect(pictureUrl(base, '/Content/Images/all/p-101.jpg')).toBe(
      'http://mahak.local:5080/Content/Images/all/p-101.jpg',
    );
    expect(pictureUrl(base, 'Content/a.png')).toBe('http://mahak.local:5080/Content/a.png');
    expect(pictureUrl(base, 'http://mahak.local:5080/x.png')).toBe('http://mahak.local:5080/x.png');
  });
  it.each(['http://evil.example/x.png', '//evil.example/x.png', '\\\\evil.example/x.png'])(
    'refuses another host: %s',
    (url) => {
      expect(() => pictureUrl(base, url)).toThrow(HamgamError);
    },
  );
});

describe('upload headers and form', () => {
  it('keeps ASCII file names and percent-encodes Persian ones', () => {
    expect(uploadHeaders(42, 'p-42.jpg')).toEqual({ 'X-PictureId': '42', 'X-FileName': 'p-42.jpg' });
    expect(headerSafe('چای.jpg')).toBe(encodeURIComponent('چای.jpg'));
  });
  it('guesses image content types', () => {
    expect(contentTypeOf('A.JPG')).toBe('image/jpeg');
    expect(contentTypeOf('x.webp')).toBe('image/webp');
    expect(contentTypeOf('x')).toBe('application/octet-stream');
  });
});

describe('readUploadResult', () => {
  it('reads FileUrl and FileHash case-insensitively', () => {
    const env = parseEnvelope(
      {
        result: true,
        data: { result: true, entityId: 42, additionalData: { fileUrl: '/Content/p.jpg', filehash: 'ab12' } },
      },
      'Upload',
    );
    expect(readUploadResult(env)).toEqual({ fileUrl: '/Content/p.jpg', fileHash: 'ab12' });
  });
  it('treats an inner Result:false as MAHAK_REJECTED', () => {
    const env = parseEnvelope({ Result: true, Data: { Result: false } }, 'Upload');
    expect(() => readUploadResult(env)).toThrow(expect.objectContaining({ code: 'MAHAK_REJECTED' }));
  });
});
