import type { Readable } from 'node:stream';
import { HeadingLevel } from 'docx';
import * as docx from '../reports/docx.ts';
import * as pdf from '../reports/pdf.ts';
import type { Language } from '../text/language.ts';
import { catalogueFor } from '../text/messages.ts';

/** A referat as its PDF and Word files show it: the meeting's facts, the approved text, the materials. */
export interface ReferatDocumentView {
  lang: Language;
  meetingTitle: string;
  /** The meeting's date and time, as the reader's language writes it. */
  when: string;
  place: string | null;
  facilitator: string | null;
  /** "Godkendt 3. marts 2027 af …"; null for an unapproved version. */
  approved: string | null;
  text: string;
  materials: string[];
}

/** The text's paragraphs: blank lines separate them; single line breaks stay inside one. */
function paragraphs(text: string): string[] {
  return text
    .split(/\n{2,}/)
    .map((p) => p.trim())
    .filter(Boolean);
}

function facts(view: ReferatDocumentView): [string, string][] {
  const w = catalogueFor(view.lang).referat.document;
  return [
    [w.date, view.when] as [string, string],
    ...(view.place ? [[w.place, view.place] as [string, string]] : []),
    ...(view.facilitator ? [[w.facilitator, view.facilitator] as [string, string]] : []),
  ];
}

export function referatPdf(view: ReferatDocumentView): Readable {
  const w = catalogueFor(view.lang).referat.document;
  const title = w.title(view.meetingTitle);
  const doc = pdf.newDoc(title, view.lang);
  doc.font('Sans-Bold').fontSize(18).text(title);
  doc.font('Sans').fontSize(10).moveDown(0.5);
  for (const [label, value] of facts(view)) pdf.line(doc, label, value);
  if (view.approved) doc.moveDown(0.3).text(view.approved);
  doc.moveDown(0.8);
  for (const p of paragraphs(view.text)) doc.text(p, doc.page.margins.left).moveDown(0.6);
  if (view.materials.length) {
    pdf.heading(doc, w.materials, 12);
    for (const m of view.materials) doc.text(`• ${m}`);
  }
  doc.end();
  return doc;
}

export function referatDocx(view: ReferatDocumentView): Readable {
  const w = catalogueFor(view.lang).referat.document;
  const title = w.title(view.meetingTitle);
  const blocks: docx.Block[] = [
    docx.heading(title, HeadingLevel.TITLE),
    ...facts(view).map(([label, value]) => docx.labelled(label, value)),
    ...(view.approved ? [docx.para(view.approved)] : []),
    // each line its own paragraph: Word shows the text as it was typed
    ...paragraphs(view.text).flatMap((p) => [...p.split('\n').map(docx.para), docx.para('')]),
  ];
  if (view.materials.length)
    blocks.push(docx.heading(w.materials, HeadingLevel.HEADING_2), ...view.materials.map(docx.bullet));
  return docx.pack(docx.document(title, view.lang, blocks));
}

export async function bufferOf(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk));
  return Buffer.concat(chunks);
}
