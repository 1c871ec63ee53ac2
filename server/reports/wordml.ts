/**
 * A Word file written as a stream: the document's XML is produced piece by piece and deflated into
 * the zip as the reader asks for more, so a report of any length holds only a chunk in memory (the
 * `docx` library builds the whole object tree and the whole file first: 4 GB for 100,000 rows).
 */
import { Readable } from 'node:stream';
import { Zip, ZipDeflate } from 'fflate';
import { type Language, locales } from '../text/language.ts';
import { inChunks } from './writing.ts';

// ---- text

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' };
/** Characters XML 1.0 does not allow at all (control characters, lone surrogates, U+FFFE/U+FFFF). */
const FORBIDDEN = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;
const NEEDS_WORK = /[&<>"]|[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u;

/** Text for an element or attribute: markup escaped, characters XML forbids dropped. */
export function xmlText(value: string): string {
  if (!NEEDS_WORK.test(value)) return value;
  return value.replace(FORBIDDEN, '').replace(/[&<>"]/g, (c) => ESCAPES[c]!);
}

// ---- body parts (each a string of WordprocessingML)

/** A4 in twentieths of a point, with 2.54 cm margins (Word's defaults). */
const A4 = { w: 11906, h: 16838, margin: 1440 };
const A4_TEXT_WIDTH = A4.w - 2 * A4.margin;

const run = (text: string, bold = false) =>
  `<w:r>${bold ? '<w:rPr><w:b/></w:rPr>' : ''}<w:t xml:space="preserve">${xmlText(text)}</w:t></w:r>`;

export type HeadingStyle = 'Title' | 'Heading1' | 'Heading2' | 'Heading3';

export const heading = (text: string, style: HeadingStyle) =>
  `<w:p><w:pPr><w:pStyle w:val="${style}"/></w:pPr>${run(text)}</w:p>`;
export const para = (text: string, bold = false) => `<w:p>${text ? run(text, bold) : ''}</w:p>`;
export const labelled = (label: string, value: string) =>
  `<w:p>${run(`${label}: `, true)}${run(value)}</w:p>`;
export const bullet = (text: string) =>
  `<w:p><w:pPr><w:pStyle w:val="ListParagraph"/><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr></w:pPr>${run(text)}</w:p>`;
export const pageBreak = () => '<w:p><w:r><w:br w:type="page"/></w:r></w:p>';

/** A table's start and header row, repeated on every page the table runs over. */
export function tableStart(header: string[]): string {
  const col = Math.floor(A4_TEXT_WIDTH / header.length);
  return `<w:tbl><w:tblPr><w:tblStyle w:val="Table"/><w:tblW w:type="pct" w:w="5000"/></w:tblPr><w:tblGrid>${`<w:gridCol w:w="${col}"/>`.repeat(header.length)}</w:tblGrid>${tableRow(header, true)}`;
}

export function tableRow(cells: string[], header = false): string {
  let xml = header ? '<w:tr><w:trPr><w:tblHeader/></w:trPr>' : '<w:tr>';
  for (const c of cells) xml += `<w:tc><w:p>${c ? run(c, header) : ''}</w:p></w:tc>`;
  return `${xml}</w:tr>`;
}

export const tableEnd = () => '</w:tbl>';

export function* table(header: string[], rows: Iterable<string[]>): Generator<string> {
  yield tableStart(header);
  for (const r of rows) yield tableRow(r);
  yield tableEnd();
}

// ---- the package's parts

const W = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';
const R = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const XML = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';

const CONTENT_TYPES = `${XML}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/><Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/><Override PartName="/word/numbering.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml"/><Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/></Types>`;

const PACKAGE_RELS = `${XML}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${R}/officeDocument" Target="word/document.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/></Relationships>`;

const DOCUMENT_RELS = `${XML}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${R}/styles" Target="styles.xml"/><Relationship Id="rId2" Type="${R}/numbering" Target="numbering.xml"/></Relationships>`;

const headingStyle = (id: HeadingStyle, name: string, size: number, color: string, level?: number) =>
  `<w:style w:type="paragraph" w:styleId="${id}"><w:name w:val="${name}"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/><w:pPr><w:keepNext/><w:spacing w:before="${size * 5}" w:after="80"/>${level === undefined ? '' : `<w:outlineLvl w:val="${level}"/>`}</w:pPr><w:rPr><w:color w:val="${color}"/><w:sz w:val="${size}"/><w:szCs w:val="${size}"/></w:rPr></w:style>`;

const border = (side: string) => `<w:${side} w:val="single" w:sz="4" w:space="0" w:color="999999"/>`;

/** Calibri 11 pt in the report's language; Word's heading sizes and colours; tables ruled on every side. */
function styles(lang: Language): string {
  return `${XML}<w:styles xmlns:w="${W}"><w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="Calibri" w:hAnsi="Calibri" w:eastAsia="Calibri" w:cs="Calibri"/><w:sz w:val="22"/><w:szCs w:val="22"/><w:lang w:val="${locales[lang]}"/></w:rPr></w:rPrDefault><w:pPrDefault><w:pPr><w:spacing w:after="60"/></w:pPr></w:pPrDefault></w:docDefaults><w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/></w:style>${headingStyle('Title', 'Title', 56, '000000')}${headingStyle('Heading1', 'heading 1', 32, '2E74B5', 0)}${headingStyle('Heading2', 'heading 2', 26, '2E74B5', 1)}${headingStyle('Heading3', 'heading 3', 24, '1F4D78', 2)}<w:style w:type="paragraph" w:styleId="ListParagraph"><w:name w:val="List Paragraph"/><w:basedOn w:val="Normal"/><w:qFormat/><w:pPr><w:ind w:left="720"/></w:pPr></w:style><w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/><w:tblPr><w:tblInd w:w="0" w:type="dxa"/><w:tblCellMar><w:top w:w="0" w:type="dxa"/><w:left w:w="108" w:type="dxa"/><w:bottom w:w="0" w:type="dxa"/><w:right w:w="108" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style><w:style w:type="table" w:styleId="Table"><w:name w:val="Report Table"/><w:basedOn w:val="TableNormal"/><w:pPr><w:spacing w:after="0"/></w:pPr><w:tblPr><w:tblBorders>${['top', 'left', 'bottom', 'right', 'insideH', 'insideV'].map(border).join('')}</w:tblBorders></w:tblPr></w:style></w:styles>`;
}

const NUMBERING = `${XML}<w:numbering xmlns:w="${W}"><w:abstractNum w:abstractNumId="0"><w:multiLevelType w:val="hybridMultilevel"/><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="bullet"/><w:lvlText w:val="•"/><w:lvlJc w:val="left"/><w:pPr><w:ind w:left="720" w:hanging="360"/></w:pPr></w:lvl></w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num></w:numbering>`;

function coreProperties(title: string): string {
  const now = new Date().toISOString().replace(/\.\d+Z$/, 'Z');
  return `${XML}<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><dc:title>${xmlText(title)}</dc:title><dc:creator>Samråd</dc:creator><dcterms:created xsi:type="dcterms:W3CDTF">${now}</dcterms:created><dcterms:modified xsi:type="dcterms:W3CDTF">${now}</dcterms:modified></cp:coreProperties>`;
}

function* documentXml(body: Iterable<string>): Generator<string> {
  yield `${XML}<w:document xmlns:w="${W}" xmlns:r="${R}"><w:body>`;
  yield* body;
  yield `<w:sectPr><w:pgSz w:w="${A4.w}" w:h="${A4.h}"/><w:pgMar w:top="${A4.margin}" w:right="${A4.margin}" w:bottom="${A4.margin}" w:left="${A4.margin}" w:header="708" w:footer="708" w:gutter="0"/></w:sectPr></w:body></w:document>`;
}

// ---- the zip

/**
 * The zip's bytes, pulled: each part's text is deflated 64 KiB at a time only when the reader takes
 * the previous bytes (Readable.from asks the generator for more only below its high-water mark).
 */
function* zipped(parts: [name: string, text: Iterable<string>][]): Generator<Buffer> {
  const out: Uint8Array[] = [];
  let failure: Error | null = null;
  const zip = new Zip((err, data) => {
    if (err) failure = err;
    else out.push(data);
  });
  function* take(): Generator<Buffer> {
    if (failure) throw failure;
    for (const data of out.splice(0)) yield Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  }
  for (const [name, text] of parts) {
    const file = new ZipDeflate(name, { level: 6 });
    zip.add(file);
    for (const chunk of inChunks(text)) {
      file.push(chunk);
      yield* take();
    }
    file.push(new Uint8Array(0), true);
    yield* take();
  }
  zip.end();
  yield* take();
}

/** A .docx of `body` (paragraphs and tables from the helpers above), streamed. */
export function streamedDocx(title: string, lang: Language, body: Iterable<string>): Readable {
  return Readable.from(
    zipped([
      ['[Content_Types].xml', [CONTENT_TYPES]],
      ['_rels/.rels', [PACKAGE_RELS]],
      ['docProps/core.xml', [coreProperties(title)]],
      ['word/_rels/document.xml.rels', [DOCUMENT_RELS]],
      ['word/styles.xml', [styles(lang)]],
      ['word/numbering.xml', [NUMBERING]],
      ['word/document.xml', documentXml(body)],
    ]),
    { objectMode: false },
  );
}
