// The bytes of an import file → its text: UTF-8 only, and a refusal that names the encoding it looks like instead.

/** The encoding a file that is not UTF-8 most likely is, for the error message. */
export function guessEncoding(bytes: Uint8Array): string {
  const [a, b, c, d] = bytes;
  if (a === 0xff && b === 0xfe && c === 0 && d === 0) return 'UTF-32LE';
  if (a === 0 && b === 0 && c === 0xfe && d === 0xff) return 'UTF-32BE';
  if (a === 0xff && b === 0xfe) return 'UTF-16LE';
  if (a === 0xfe && b === 0xff) return 'UTF-16BE';
  // UTF-16 without a BOM: ASCII text with every other byte zero.
  let evenZeros = 0, oddZeros = 0;
  const n = Math.min(bytes.length, 4096);
  for (let i = 0; i < n; i++) if (bytes[i] === 0) (i % 2 ? oddZeros++ : evenZeros++);
  if (oddZeros > n / 4) return 'UTF-16LE';
  if (evenZeros > n / 4) return 'UTF-16BE';
  // Bytes 0x80–0x9F are printable only in Windows-1252; in ISO-8859-1 they are control codes.
  for (const x of bytes) if (x >= 0x80 && x <= 0x9f) return 'Windows-1252';
  return 'ISO-8859-1 (Latin-1)';
}

function validUtf8(bytes: Uint8Array): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

/** Line and column (1-based, in bytes) of the first byte that is not valid UTF-8. */
function firstBadByte(bytes: Uint8Array): { line: number; column: number; byte: number } {
  let line = 1, lineStart = 0;
  for (let i = 0; i < bytes.length; ) {
    const x = bytes[i]!;
    const len = x < 0x80 ? 1 : x >= 0xc2 && x <= 0xdf ? 2 : x >= 0xe0 && x <= 0xef ? 3 : x >= 0xf0 && x <= 0xf4 ? 4 : 0;
    let ok = len > 0 && i + len <= bytes.length;
    for (let k = 1; ok && k < len; k++) ok = (bytes[i + k]! & 0xc0) === 0x80;
    if (ok && len > 1) ok = validUtf8(bytes.subarray(i, i + len)); // overlong forms and surrogates
    if (!ok) return { line, column: i - lineStart + 1, byte: x };
    if (x === 10) { line++; lineStart = i + 1; }
    i += len;
  }
  return { line, column: 1, byte: 0 };
}

export type Decoded = { text: string } | { problem: { line: number; message: string } };

/** UTF-8 (with or without a BOM) → text; anything else → a problem naming the likely encoding and the fix. */
export function decodeUtf8(bytes: Uint8Array): Decoded {
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes) };
  } catch {
    const encoding = guessEncoding(bytes);
    const bad = firstBadByte(bytes);
    const from = encoding.split(' ')[0];
    return {
      problem: {
        line: bad.line,
        message:
          `is not UTF-8: it looks like ${encoding} (byte 0x${bad.byte.toString(16).toUpperCase().padStart(2, '0')} at line ${bad.line}, byte ${bad.column}). ` +
          `Save it as UTF-8 (in a spreadsheet: "CSV UTF-8"; or iconv -f ${from} -t UTF-8 in > out) and import it again.`,
      },
    };
  }
}
