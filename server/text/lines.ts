/**
 * The lines of a text broken at LF or CRLF, as mail and calendar texts come, without their line
 * ends; null when a line holds a CR of its own, which readers take in different ways. Walked by
 * index, one slice a line: the calendar replies read on every inbound message are split this way.
 */
export function textLines(text: string): string[] | null {
  const lines: string[] = [];
  for (let start = 0; start < text.length; ) {
    const newline = text.indexOf('\n', start);
    const stop = newline < 0 ? text.length : newline;
    const line = text.slice(start, stop > start && text.charCodeAt(stop - 1) === 13 ? stop - 1 : stop);
    if (line.includes('\r')) return null;
    lines.push(line);
    start = stop + 1;
  }
  return lines;
}
