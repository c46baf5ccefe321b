// Go's encoding/pem Decode, ported line for line from Go 1.26 (the oracle's
// toolchain): src/encoding/pem/pem.go#L89-198, getLine #L40-53,
// removeSpacesAndTabs #L60-78, and the padded base64 it decodes with
// (src/encoding/base64/base64.go#L312-410). For the checks upstream makes with
// it (a destination's `CACerts`). What it accepts is not what a PEM regular
// expression accepts: text before the first block is skipped, and so is a
// BEGIN line that does not start a line; a malformed block (bad base64, the
// END of another type, text after the END marker) is skipped and the search
// goes on; headers (`Key: value` lines) are read and dropped; spaces and tabs
// in the base64 are ignored.

/** The first block Go's pem.Decode finds: its type (the text of its BEGIN line) and its decoded bytes. */
export interface GoPemBlock {
  readonly type: string;
  readonly bytes: Buffer;
}

const PEM_START = Buffer.from('\n-----BEGIN ');
const PEM_END = Buffer.from('\n-----END ');
const PEM_END_OF_LINE = Buffer.from('-----');
const NL = 0x0a;

/** One line: without its `\n` (and a `\r` before it) and trailing spaces and tabs; the rest; the bytes consumed. */
function getLine(data: Buffer): { line: Buffer; rest: Buffer; consumed: number } {
  let i = data.indexOf(NL);
  let j: number;
  if (i < 0) {
    i = data.length;
    j = i;
  } else {
    j = i + 1;
    if (i > 0 && data[i - 1] === 0x0d) i--;
  }
  let end = i;
  while (end > 0 && (data[end - 1] === 0x20 || data[end - 1] === 0x09)) end--;
  return { line: data.subarray(0, end), rest: data.subarray(j), consumed: j };
}

function removeSpacesAndTabs(data: Buffer): Buffer {
  return Buffer.from(data.filter((b) => b !== 0x20 && b !== 0x09));
}

const hasPrefix = (b: Buffer, p: Buffer) => b.length >= p.length && b.subarray(0, p.length).equals(p);
const hasSuffix = (b: Buffer, s: Buffer) => b.length >= s.length && b.subarray(b.length - s.length).equals(s);

/**
 * encoding/base64 StdEncoding.Decode (padded, not strict): `\r` and `\n` are ignored anywhere,
 * every other byte must be of the alphabet, the input whole quanta with `=` padding only at the
 * end. Undefined where Go returns a CorruptInputError.
 */
function goBase64Std(data: Buffer): Buffer | undefined {
  const text = data.toString('latin1').replace(/[\r\n]/g, '');
  if (!/^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/.test(text)) return undefined;
  return Buffer.from(text, 'base64');
}

/** The first PEM block of `text` (its UTF-8 bytes, as Go's `[]byte(s)`), or undefined when Go finds none. */
export function goPemDecode(text: string): GoPemBlock | undefined {
  let rest: Buffer = Buffer.from(text, 'utf8');
  let endTrailerIndex = 0;
  for (;;) {
    if (endTrailerIndex < 0 || endTrailerIndex > rest.length) return undefined;
    rest = rest.subarray(endTrailerIndex);

    // The first END marker, and the last BEGIN marker (at the start of a line) before it.
    let endIndex = rest.indexOf(PEM_END);
    if (endIndex < 0) return undefined;
    endTrailerIndex = endIndex + PEM_END.length;
    const beginIndex = rest.subarray(0, endIndex).lastIndexOf(PEM_START.subarray(1));
    if (beginIndex < 0 || (beginIndex > 0 && rest[beginIndex - 1] !== NL)) continue;
    const skip = beginIndex + PEM_START.length - 1;
    rest = rest.subarray(skip);
    endIndex -= skip;
    endTrailerIndex -= skip;

    const typeLine = getLine(rest);
    rest = typeLine.rest;
    endIndex -= typeLine.consumed;
    endTrailerIndex -= typeLine.consumed;
    if (!hasSuffix(typeLine.line, PEM_END_OF_LINE)) continue;
    const type = typeLine.line.subarray(0, typeLine.line.length - PEM_END_OF_LINE.length);

    let headers = 0;
    for (;;) {
      // This loop terminates because getLine's second result is always smaller than its argument.
      if (rest.length === 0) return undefined;
      const l = getLine(rest);
      if (l.line.indexOf(0x3a) < 0) break; // no ':': the end of the headers
      headers++;
      rest = l.rest;
      endIndex -= l.consumed;
      endTrailerIndex -= l.consumed;
    }

    // If there were headers, there must be a newline between the headers and the END line.
    if (headers > 0 && endIndex < 0) continue;

    const trailer = rest.subarray(endTrailerIndex);
    const trailerLen = type.length + PEM_END_OF_LINE.length;
    if (trailer.length < trailerLen) continue;
    const restOfEndLine = trailer.subarray(trailerLen);
    const endTrailer = trailer.subarray(0, trailerLen);
    if (!hasPrefix(endTrailer, type) || !hasSuffix(endTrailer, PEM_END_OF_LINE)) continue;
    // The END line must have nothing after the marker but spaces and tabs.
    if (getLine(restOfEndLine).line.length !== 0) continue;

    let bytes: Buffer = Buffer.alloc(0);
    if (endIndex > 0) {
      const decoded = goBase64Std(removeSpacesAndTabs(rest.subarray(0, endIndex)));
      if (decoded === undefined) continue;
      bytes = decoded;
    }
    return { type: type.toString('latin1'), bytes };
  }
}
