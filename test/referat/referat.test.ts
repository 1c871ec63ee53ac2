import mammoth from 'mammoth';
import { PDFParse } from 'pdf-parse';
import t from 'tap';
import { buildTestApp } from '../helpers/app.ts';
import { insertInvitee, insertMeeting, insertPerson } from '../helpers/factories.ts';
import { outboxOf, startSmtp } from '../helpers/mail.ts';
import { bornholmWithPeople } from '../helpers/scenarios.ts';

t.test('a held meeting: the referat is drafted, edited, approved and sent with PDF and DOCX', async (t) => {
  const smtp = await startSmtp(t);
  const { app, as } = await buildTestApp(t, {
    SMTP_URL: smtp.url,
    MAIL_FROM: 'Samråd <noreply@samraad.test>',
  });
  const { people, municipality } = bornholmWithPeople(app.db);
  const m = insertMeeting(app.db, {
    districtCode: '1471',
    startsAt: '2027-03-12T08:00:00.000Z',
    endsAt: '2027-03-12T11:30:00.000Z',
    facilitatorId: people.facilitator,
    status: 'held',
    venueName: 'Politigården',
  });
  insertInvitee(app.db, m.id, { name: 'Pia Politileder', email: 'pia@politi.test', response: 'accepted' });
  insertInvitee(app.db, m.id, {
    name: 'Viggo Videoafhører',
    email: 'viggo@politi.test',
    response: 'accepted',
  });
  insertInvitee(app.db, m.id, {
    name: 'Birgit Børne-ungechef',
    email: 'birgit@kommune.test',
    response: 'declined',
  });
  insertPerson(app.db, {
    name: 'Kaj Kontakt',
    email: 'kaj@kommune.test',
    organisationId: municipality.id,
    isFixedContact: true,
  });
  const api = (method: 'GET' | 'POST' | 'PUT', url: string, payload?: object, headers = as.facilitator) =>
    app.inject({ method, url, headers, ...(payload ? { payload } : {}) });

  t.equal(
    (
      await api('POST', `/api/meetings/${m.id}/agenda`, {
        title: 'Ventetider',
        minutes: 'Politiet redegjorde for ventetiden.',
      })
    ).statusCode,
    201,
  );
  const barrier = (
    await api('POST', '/api/barriers', {
      districtCode: '1471',
      category: 'investigation_waiting_time',
      description: 'Lange ventetider på afhøringer',
      raisedAtMeetingId: m.id,
    })
  ).json();
  t.equal(
    (
      await api('POST', '/api/agreements', {
        districtCode: '1471',
        type: 'kontaktaftale',
        title: 'Fast kontaktperson i hver kommune',
        text: 'Kommunen udpeger én kontaktperson til politiet.',
        status: 'agreed',
        agreedAtMeetingId: m.id,
        reviewOn: '2028-03-01',
        barrierIds: [barrier.id],
      })
    ).statusCode,
    201,
  );

  const empty = (await api('GET', `/api/meetings/${m.id}/referat`)).json();
  t.same(empty, { meetingId: m.id, current: null, versions: [] }, 'no referat before the first save');

  const draftRes = await api('GET', `/api/meetings/${m.id}/referat/draft`);
  t.equal(draftRes.statusCode, 200, 'the draft is read');
  const draft = draftRes.json().text as string;
  for (const part of [
    'Referat: Politikredsmøde',
    'Pia Politileder',
    'Viggo Videoafhører',
    '1. Ventetider',
    'Politiet redegjorde for ventetiden.',
    'Lange ventetider på afhøringer',
    'Fast kontaktperson i hver kommune',
    'Kommunen udpeger én kontaktperson til politiet.',
    '1. marts 2028',
  ])
    t.ok(draft.includes(part), `the draft has ${part}`);
  t.notOk(draft.includes('Birgit'), 'who declined is not among the participants');

  const saved = (await api('PUT', `/api/meetings/${m.id}/referat`, { version: 0, text: draft })).json();
  t.equal(saved.current.version, 1);
  t.equal(saved.current.author, 'facilitator@test.example');
  t.equal(saved.current.approvedAt, null);

  // sending before approval: refused, and nothing is queued or marked
  const early = await api('POST', `/api/meetings/${m.id}/referat/send`, { version: 1 });
  t.equal(early.statusCode, 409);
  t.match(early.headers['content-type'], /application\/problem\+json/);
  t.equal(early.json().reason, 'notApproved');
  t.equal(outboxOf(app.db, 'referat').length, 0, 'no mail queued');
  t.equal((await api('GET', `/api/meetings/${m.id}/referat`)).json().current.sentAt, null);

  t.equal(
    (await api('POST', `/api/meetings/${m.id}/referat/approve`, { version: 1 }, as.viewer)).statusCode,
    403,
  );
  const approved = (await api('POST', `/api/meetings/${m.id}/referat/approve`, { version: 1 })).json();
  t.ok(approved.current.approvedAt, 'approved');

  // an edit after approval is a new version that must be approved again
  const edited = `${draft}\n\nNæste møde holdes i foråret 2028.`;
  const stale = await api('PUT', `/api/meetings/${m.id}/referat`, { version: 0, text: edited });
  t.equal(stale.statusCode, 409, 'a stale version is refused');
  const v2 = (await api('PUT', `/api/meetings/${m.id}/referat`, { version: 1, text: edited })).json();
  t.equal(v2.current.version, 2);
  t.equal(v2.versions.length, 2, 'the earlier version is kept');
  t.equal(v2.versions[1].text, draft);
  t.ok(v2.versions[1].approvedAt, 'the earlier version keeps its approval');
  t.equal(
    (await api('POST', `/api/meetings/${m.id}/referat/send`, { version: 2 })).json().reason,
    'notApproved',
  );
  t.equal(
    (await api('POST', `/api/meetings/${m.id}/referat/approve`, { version: 1 })).json().reason,
    'notLatest',
  );
  t.equal((await api('POST', `/api/meetings/${m.id}/referat/approve`, { version: 2 })).statusCode, 200);

  const sent = await api('POST', `/api/meetings/${m.id}/referat/send`, { version: 2 });
  t.equal(sent.statusCode, 200);
  t.same(sent.json(), { version: 2, recipients: 3 });
  t.equal(
    (await api('POST', `/api/meetings/${m.id}/referat/send`, { version: 2 })).json().reason,
    'alreadySent',
  );

  await smtp.waitFor(3);
  const to = smtp.received.flatMap((r) => r.envelopeTo).sort();
  t.same(
    to,
    ['kaj@kommune.test', 'pia@politi.test', 'viggo@politi.test'],
    'participants and the fixed contact',
  );
  const mail = smtp.received.find((r) => r.envelopeTo.includes('kaj@kommune.test'))!.parsed;
  t.match(mail.subject, /^Referat: Politikredsmøde .* – 12\. marts 2027$/);
  t.match(mail.text, /Kære Kaj Kontakt/);
  t.match(mail.text, /Frida Facilitator/, 'signed by the facilitator');
  const pdf = mail.attachments.find((a) => a.contentType === 'application/pdf');
  const docx = mail.attachments.find((a) => a.filename?.endsWith('.docx'));
  t.equal(pdf?.filename, 'referat-2027-03-12.pdf');
  const parser = new PDFParse({ data: new Uint8Array(pdf!.content) });
  const pdfText = (await parser.getText()).text;
  await parser.destroy();
  t.ok(pdfText.includes('Fast kontaktperson i hver kommune'), 'the PDF has the agreement');
  t.ok(pdfText.includes('Næste møde holdes i foråret 2028.'), 'the PDF has the edited, approved text');
  t.match(pdfText, /Godkendt .* af facilitator@test\.example/);
  const word = (await mammoth.extractRawText({ buffer: docx!.content })).value;
  t.ok(word.includes('Fast kontaktperson i hver kommune'), 'the DOCX has the agreement');
  t.ok(word.includes('Lange ventetider på afhøringer'), 'the DOCX has the barrier');

  const audit = (await api('GET', `/api/audit?entity=referat&entityId=${m.id}`, undefined, as.admin)).json();
  t.same(
    audit.items.map((i: { action: string }) => i.action),
    ['send', 'update', 'update', 'update', 'update'],
    'saved twice, approved twice and sent: each in the audit log',
  );
  t.ok(
    audit.items.every((i: { programme: string | null }) => i.programme === 'dk-politikredsmoeder'),
    'under the programme',
  );
  const after = (await api('GET', `/api/meetings/${m.id}/referat`)).json();
  t.equal(after.current.sentTo, 3);
  t.ok(after.current.sentAt);

  const file = await api('GET', `/api/meetings/${m.id}/referat/file?format=docx`, undefined, as.viewer);
  t.equal(file.statusCode, 200);
  t.match(file.headers['content-disposition'], /referat-2027-03-12\.docx/);

  // the district report carries the approved referat
  const report = (format: string) =>
    app.inject({
      url: `/api/reports/agreements?year=2027&district=1471&format=${format}`,
      headers: as.viewer,
    });
  const reportParser = new PDFParse({ data: new Uint8Array((await report('pdf')).rawPayload) });
  const reportPdf = (await reportParser.getText()).text;
  await reportParser.destroy();
  t.ok(reportPdf.includes('Næste møde holdes i foråret 2028.'), 'the district PDF report has the referat');
  const reportWord = (await mammoth.extractRawText({ buffer: (await report('docx')).rawPayload })).value;
  t.ok(reportWord.includes('Næste møde holdes i foråret 2028.'), 'the district Word report has the referat');
  t.match((await report('json')).json().sections[0].meeting.referat, /Næste møde holdes i foråret 2028\./);
});
