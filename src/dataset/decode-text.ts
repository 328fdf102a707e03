/**
 * Decoding dataset bytes as UTF-8 without hiding bad bytes: a file that is not valid UTF-8 (Latin-1, Windows-1252,
 * a truncated download) still loads, but every cell that held an invalid byte sequence is a row-level error naming
 * its row and column. A genuine U+FFFD written as valid UTF-8 is not an error.
 */

const STRICT = new TextDecoder('utf-8', { fatal: true });
/** Decodes the valid stretches between invalid sequences; the byte-order mark is handled once, for the file. */
const STRETCH = new TextDecoder('utf-8', { ignoreBOM: true });
const LENIENT = new TextDecoder('utf-8');

export const REPLACEMENT_CHARACTER = '\uFFFD';

/** What the user sees for a cell with invalid bytes. */
export const INVALID_UTF8_MESSAGE =
  'contains bytes that are not valid UTF-8 (read as U+FFFD "\uFFFD"); re-save the file as UTF-8';

/**
 * Noncharacters (U+FDD0..U+FDEF) that stand for an invalid sequence while the text is parsed, so the reader can
 * tell which cell it ended up in; the first one the file does not contain is used.
 */
const MARKER_CANDIDATES = Array.from({ length: 32 }, (_, index) => String.fromCharCode(0xfdd0 + index));

export interface DecodedText {
  text: string;
  /** Stands for each invalid byte sequence in `text`; undefined when the bytes were valid UTF-8. */
  marker: string | undefined;
  /** Byte offset of the first invalid sequence, for the file-level message when no marker was free. */
  firstInvalidByte: number | undefined;
}

function isContinuation(byte: number | undefined): boolean {
  return byte !== undefined && byte >= 0x80 && byte <= 0xbf;
}

/**
 * The length of the sequence starting at `index`: positive for a valid sequence, negative for an invalid one (its
 * maximal subpart, as the WHATWG decoder replaces it by one U+FFFD).
 */
function sequenceLength(bytes: Uint8Array, index: number): number {
  const lead = bytes[index] ?? 0;
  if (lead < 0x80) return 1;
  let length: number;
  let low = 0x80;
  let high = 0xbf;
  if (lead >= 0xc2 && lead <= 0xdf) length = 2;
  else if (lead >= 0xe0 && lead <= 0xef) {
    length = 3;
    if (lead === 0xe0) low = 0xa0;
    if (lead === 0xed) high = 0x9f;
  } else if (lead >= 0xf0 && lead <= 0xf4) {
    length = 4;
    if (lead === 0xf0) low = 0x90;
    if (lead === 0xf4) high = 0x8f;
  } else return -1;
  const second = bytes[index + 1];
  if (second === undefined || second < low || second > high) return -1;
  for (let offset = 2; offset < length; offset++) {
    if (!isContinuation(bytes[index + offset])) return -offset;
  }
  return length;
}

/** Decodes UTF-8 (dropping a leading byte-order mark); invalid sequences become the returned marker. */
export function decodeUtf8(bytes: Uint8Array): DecodedText {
  try {
    return { text: STRICT.decode(bytes), marker: undefined, firstInvalidByte: undefined };
  } catch {
    // Not valid UTF-8: find each invalid sequence below.
  }
  const lenient = LENIENT.decode(bytes);
  const marker = MARKER_CANDIDATES.find((candidate) => !lenient.includes(candidate));
  const pieces: string[] = [];
  let stretchStart = 0;
  let firstInvalidByte: number | undefined;
  for (let index = 0; index < bytes.length;) {
    const length = sequenceLength(bytes, index);
    if (length > 0) {
      index += length;
      continue;
    }
    firstInvalidByte ??= index;
    pieces.push(STRETCH.decode(bytes.subarray(stretchStart, index)), marker ?? REPLACEMENT_CHARACTER);
    index -= length;
    stretchStart = index;
  }
  pieces.push(STRETCH.decode(bytes.subarray(stretchStart)));
  const text = pieces.join('');
  return { text: text.startsWith('\uFEFF') ? text.slice(1) : text, marker, firstInvalidByte };
}
