import LineBreaker from 'linebreak';

/**
 * Table cells set straight into the page's content stream. pdfkit's text() lays out, wraps and
 * writes every cell on its own (a dozen content lines, options merged, the wrapper built twice):
 * at 100,000 rows that was most of the PDF export's time. Here a cell is wrapped the way pdfkit's
 * LineWrapper wraps it (the same break opportunities, the same widths, so the same lines) and a
 * row's text is one BT … ET block, its glyphs from pdfkit's own font (encode, so the embedded
 * subset and its ToUnicode map, æøå included, stay pdfkit's), each piece measured and encoded
 * once (statuses, dates and most of a title repeat).
 */

/** The parts of pdfkit's embedded font this uses (not in its types). */
interface Font {
  id: string;
  ascender: number;
  encode(text: string): [string[], Glyph[]];
  widthOfString(text: string, size: number): number;
  lineHeight(size: number, includeGap?: boolean): number;
  ref(): unknown;
}

interface Glyph {
  xAdvance: number;
  advanceWidth: number;
  xOffset: number;
  yOffset: number;
}

/** pdfkit's document as far as this needs it. */
interface DocInternals {
  _font: Font;
  page: { height: number; fonts: Record<string, unknown>; write(data: Uint8Array): void };
  font(name: string): unknown;
}

/** A piece of text up to and including a space, as pdfkit lays it out: its width and its TJ pieces. */
interface Piece {
  /** In thousandths of the font size. */
  advance: number;
  /** Glyph ids in hex, cut where kerning moves the next glyph… */
  hex: string[];
  /** …by this much (0 after the last). */
  kern: number[];
  /** A glyph placed off its line (a combining mark): pdfkit's own text() sets these. */
  offset: boolean;
}

/** Pieces remembered per font before the memo starts over (titles bring a new number each). */
const PIECES = 20_000;

const SOFT_HYPHEN = '\u00AD';

/** pdfkit's number(): six decimals at most. */
export const num = (n: number) => Math.round(n * 1e6) / 1e6;

const f32 = new Float32Array(1);
const u32 = new Uint32Array(f32.buffer);
/** pdfkit's PDFNumber: the nearest float32 not above n (its wrapper compares widths so). */
function pdfNumber(n: number): number {
  const rounded = Math.fround(n);
  if (rounded <= n) return rounded;
  f32[0] = n;
  if (n <= 0) u32[0]! += 1;
  else u32[0]! -= 1;
  return f32[0]!;
}

/** The pieces pdfkit lays out one by one: cut after each space or tab. */
function piecesOf(text: string): string[] {
  const pieces: string[] = [];
  let last = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 32 || c === 9) {
      pieces.push(text.slice(last, i + 1));
      last = i + 1;
    }
  }
  if (last < text.length) pieces.push(text.slice(last));
  return pieces;
}

export interface CellFont {
  name: string;
  font: Font;
  pieces: Map<string, Piece>;
  /** Whether the font sets digits side by side with nothing between them (no kerning, no ligature). */
  plainDigits?: boolean;
}

const DIGITS = /^[0-9]+ ?$/;

/** One font's view of a cell: width, wrapping and TJ text, as pdfkit would have made them. */
export class CellSetter {
  private readonly fonts = new Map<string, CellFont>();

  constructor(private readonly doc: DocInternals) {}

  /** The registered font `name`, without changing the document's current font. */
  font(name: string): CellFont {
    let f = this.fonts.get(name);
    if (!f) {
      const current = this.doc._font;
      this.doc.font(name);
      f = { name, font: this.doc._font, pieces: new Map() };
      this.doc._font = current;
      this.fonts.set(name, f);
    }
    return f;
  }

  private piece(f: CellFont, text: string): Piece {
    let p = f.pieces.get(text);
    if (p) return p;
    if (f.pieces.size >= PIECES) f.pieces.clear();
    p =
      text.length > 1 && DIGITS.test(text) && this.plainDigits(f)
        ? this.digits(f, text)
        : this.laidOut(f, text);
    f.pieces.set(text, p);
    return p;
  }

  /** A piece as the font lays it out (fontkit's shaping, through pdfkit's encode). */
  private laidOut(f: CellFont, text: string): Piece {
    const [glyphs, positions] = f.font.encode(text);
    const hex: string[] = [];
    const kern: number[] = [];
    let run = '';
    let offset = false;
    for (let i = 0; i < glyphs.length; i++) {
      const g = positions[i]!;
      run += glyphs[i];
      if (g.xOffset || g.yOffset) offset = true;
      const k = g.xAdvance - g.advanceWidth;
      if (k !== 0) {
        hex.push(run);
        kern.push(k);
        run = '';
      }
    }
    if (run) {
      hex.push(run);
      kern.push(0);
    }
    return { advance: f.font.widthOfString(text, 1000), hex, kern, offset };
  }

  /**
   * A number (a title's "nr. 12345") put together from its digits, each laid out once: the same
   * glyphs and advances shaping gives, where the font sets digits plainly (plainDigits), without a
   * layout of its own for every new number.
   */
  private digits(f: CellFont, text: string): Piece {
    let hex = '';
    let advance = 0;
    for (const c of text) {
      const p = this.piece(f, c);
      hex += p.hex[0];
      advance += p.advance;
    }
    return { advance, hex: [hex], kern: [0], offset: false };
  }

  /** Whether every two digits (and a digit and a space) lay out as the two laid out on their own. */
  private plainDigits(f: CellFont): boolean {
    if (f.plainDigits === undefined) {
      const alone = (c: string) => {
        const p = this.laidOut(f, c);
        return p.hex.length === 1 && p.kern[0] === 0 && !p.offset ? p : null;
      };
      f.plainDigits = [...'0123456789'].every((a) =>
        [...'0123456789 '].every((b) => {
          const pa = alone(a);
          const pb = alone(b);
          const pair = this.laidOut(f, a + b);
          return (
            pa &&
            pb &&
            pair.hex.length === 1 &&
            pair.kern[0] === 0 &&
            !pair.offset &&
            pair.hex[0] === pa.hex[0]! + pb.hex[0]! &&
            pair.advance === pa.advance + pb.advance
          );
        }),
      );
    }
    return f.plainDigits;
  }

  /** pdfkit's doc.widthOfString at `size` (no spacing options). */
  width(f: CellFont, text: string, size: number): number {
    let advance = 0;
    for (const piece of piecesOf(text)) advance += this.piece(f, piece).advance;
    return ((advance * (size / 1000) + 0) * 100) / 100;
  }

  /**
   * The lines pdfkit's LineWrapper makes of `text` in `width` (its eachWord and wrap, without the
   * options tables never use); null where only pdfkit's own text() gets it right: a line break,
   * a soft hyphen.
   */
  wrap(f: CellFont, text: string, size: number, width: number): string[] | null {
    if (text.includes('\n') || text.includes(SOFT_HYPHEN)) return null;
    const wordWidth = (word: string) => pdfNumber(this.width(f, word, size));
    const lines: string[] = [];
    let buffer = '';
    let wc = 0;
    let spaceLeft = width;
    type Break = { required: boolean };
    const place = (word: string, w: number, bk: Break, last: Break | null): void => {
      if (last == null || last.required) spaceLeft = width;
      const fits = w <= spaceLeft;
      if (fits) {
        buffer += word;
        wc++;
      }
      if (bk.required || !fits) {
        if (bk.required && w > spaceLeft) {
          lines.push(buffer);
          buffer = word;
          wc = 1;
        }
        lines.push(buffer);
        if (bk.required) {
          spaceLeft = width;
          buffer = '';
          wc = 0;
        } else {
          spaceLeft = width - w;
          buffer = word;
          wc = 1;
        }
      } else spaceLeft -= w;
    };
    const breaker = new LineBreaker(text);
    let last: { position: number; required: boolean } | null = null;
    for (let bk = breaker.nextBreak(); bk; bk = breaker.nextBreak()) {
      if (bk.required && bk.position < text.length) return null;
      let word = text.slice(last?.position || 0, bk.position);
      let w = wordWidth(word);
      if (w > width) {
        // a word wider than the cell, cut where it fills the line (pdfkit's loop, as it is)
        let lbk: Break | null = last;
        const fbk = { required: false };
        let mightGrow = false;
        while (word.length) {
          let l: number;
          if (w > spaceLeft) {
            l = Math.ceil(spaceLeft / (w / word.length));
            w = wordWidth(word.slice(0, l));
            mightGrow = w <= spaceLeft && l < word.length;
          } else l = word.length;
          let mustShrink = w > spaceLeft && l > 0;
          while (mustShrink || mightGrow) {
            if (mustShrink) {
              w = wordWidth(word.slice(0, --l));
              mustShrink = w > spaceLeft && l > 0;
            } else {
              w = wordWidth(word.slice(0, ++l));
              mustShrink = w > spaceLeft && l > 0;
              mightGrow = w <= spaceLeft && l < word.length;
            }
          }
          if (l === 0 && spaceLeft === width) l = 1;
          fbk.required = bk.required || l < word.length;
          place(word.slice(0, l), w, fbk, lbk);
          lbk = { required: false };
          word = word.slice(l);
          w = wordWidth(word);
        }
      } else place(word, w, bk, last);
      last = bk;
    }
    if (wc > 0) lines.push(buffer);
    return lines;
  }

  /** A line as pdfkit's _fragment writes it: the TJ array; null when a glyph sits off the line. */
  tj(f: CellFont, line: string): string | null {
    const commands: string[] = [];
    let hex = '';
    for (const text of piecesOf(line)) {
      const p = this.piece(f, text);
      if (p.offset) return null;
      for (let i = 0; i < p.hex.length; i++) {
        hex += p.hex[i];
        if (p.kern[i] !== 0) {
          commands.push(`<${hex}> ${num(-p.kern[i]!)}`);
          hex = '';
        }
      }
    }
    if (hex) commands.push(`<${hex}> 0`);
    return commands.length ? `[${commands.join(' ')}] TJ` : '';
  }

  /**
   * Writes text lines, each at (x, y) from the page's top left as pdfkit's text() places them,
   * then `after` (content operators): one content write for all of them. False (nothing written)
   * when a line needs pdfkit's text().
   */
  draw(lines: { f: CellFont; size: number; x: number; y: number; text: string }[], after: string): boolean {
    const doc = this.doc;
    const height = doc.page.height;
    const out = [`q\n1 0 0 -1 0 ${num(height)} cm\nBT`];
    let font: Font | null = null;
    let size = 0;
    for (const l of lines) {
      const tj = this.tj(l.f, l.text);
      if (tj === null) return false;
      if (!tj) continue;
      if (l.f.font !== font || l.size !== size) {
        font = l.f.font;
        size = l.size;
        doc.page.fonts[font.id] ??= font.ref();
        out.push(`/${font.id} ${num(size)} Tf`);
      }
      const y = height - l.y - (font.ascender / 1000) * size;
      out.push(`1 0 0 1 ${num(l.x)} ${num(y)} Tm`, tj);
    }
    out.push('ET\nQ', after);
    // bytes, not a string: pdfkit would copy the string into bytes a character at a time
    doc.page.write(Buffer.from(`${out.join('\n')}\n`, 'latin1'));
    return true;
  }
}
