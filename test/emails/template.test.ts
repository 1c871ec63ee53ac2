import t from 'tap';
import { organisationChaserMail, waitlistedMail } from '../../emails/answers.ts';
import { followUpReminderMail } from '../../emails/follow-up-reminder.ts';
import { renderEmail, renderLetter } from '../../emails/template.ts';

const meeting = {
  title: 'Politikredsmøde <Fyn>',
  startsAt: '2027-03-12T08:00:00Z',
  endsAt: '2027-03-12T11:30:00Z',
  timeZone: 'Europe/Copenhagen',
  venueName: 'Politigården',
  venueAddress: null,
};

t.test('every block is escaped the way the pages escape, and the text part says the same', async (t) => {
  const mail = renderEmail({
    lang: 'da',
    subject: 'Emne\r\nBcc: x@evil.test',
    blocks: [
      { kind: 'paragraph', text: `<script>alert("x")</script> & 'co'\nlinje 2` },
      { kind: 'facts', title: 'A & B', rows: [['Sted', '<b>Rønne</b>']] },
      { kind: 'list', heading: 'Dagsorden', items: [{ title: '<i>x</i>', detail: 'd' }, { title: 'y' }] },
      { kind: 'actions', heading: 'Svar', links: [{ label: 'Ja', href: 'http://x/?a=1&b="2"' }] },
      { kind: 'signoff', lines: ['Venlig hilsen', 'Samråd'] },
    ],
  });
  t.equal(mail.subject, 'Emne Bcc: x@evil.test', 'no header injection through the subject');
  t.equal(mail.headers['Content-Language'], 'da');
  t.match(mail.html, '&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;co&#39;<br>linje 2');
  t.match(mail.html, '<td>&lt;b&gt;Rønne&lt;/b&gt;</td>');
  t.match(mail.html, 'href="http://x/?a=1&amp;b=&quot;2&quot;"');
  t.notMatch(mail.html, /<(script|b|i)>/);
  t.equal(
    mail.text,
    [
      `<script>alert("x")</script> & 'co'\nlinje 2`,
      'A & B\nSted: <b>Rønne</b>',
      'Dagsorden:\n1. <i>x</i> – d\n2. y',
      'Svar:\n  Ja: http://x/?a=1&b="2"',
      'Venlig hilsen\nSamråd',
    ].join('\n\n'),
  );
});

t.test("the answering side's notices follow the recipient's language", async (t) => {
  const da = waitlistedMail({ name: 'Pia', language: 'da' }, meeting, 2);
  t.equal(da.subject, 'På venteliste: Politikredsmøde <Fyn>');
  t.match(da.text, 'Du er nummer 2 på ventelisten.');
  t.match(da.text, 'Tid: fredag den 12. marts 2027 kl. 09.00–12.30');
  t.match(da.html, 'Politikredsmøde &lt;Fyn&gt;');
  const en = waitlistedMail({ name: 'Birgit', language: 'en' }, meeting, 2);
  t.equal(en.subject, 'On the waiting list: Politikredsmøde <Fyn>');
  t.match(en.text, /^Dear Birgit/);
  t.match(en.text, 'When: Friday 12 March 2027 09:00–12:30');
  t.match(en.html, '<html lang="en">');
  const chaser = organisationChaserMail({ name: 'Ole', language: 'en' }, 'Bornholm', meeting);
  t.match(chaser.text, 'Nobody from Bornholm has signed up');
});

t.test('a follow-up reminder renders through the same template in either language', async (t) => {
  const item = {
    kind: 'agreement_review',
    title: 'Vejledning',
    districtCode: '1460',
    dueOn: '2028-03-01',
  } as const;
  const da = followUpReminderMail(item, { name: 'Pia Ærø', language: 'da' });
  t.equal(da.subject, 'Aftale til revision: Vejledning');
  t.match(da.text, /Kære Pia Ærø/);
  t.match(da.text, 'skal revideres senest 1. marts 2028');
  t.match(da.html, '<p>Venlig hilsen<br>Samråd</p>');
  const en = followUpReminderMail({ ...item, kind: 'barrier_open' }, { name: 'Bo', language: 'en' });
  t.equal(en.subject, 'A cooperation barrier has been open for more than a year');
  t.match(en.text, 'open since a year before 1 March 2028');
});

t.test('a letter: greeting, body and sign-off with the signature, escaped like every block', async (t) => {
  const signed = renderLetter({
    lang: 'da',
    subject: 'Emne',
    to: 'Åse <Æbelø>',
    body: ['Første afsnit & mere', { kind: 'facts', rows: [['Sted', 'Rønne']] }, 'Sidste afsnit'],
    from: {
      name: 'Frida <Facilitator>',
      organisation: 'Bornholm',
      email: 'frida@x.test',
      phone: '33 12 34 56',
    },
  });
  t.equal(
    signed.text,
    [
      'Kære Åse <Æbelø>',
      'Første afsnit & mere',
      'Sted: Rønne',
      'Sidste afsnit',
      'Venlig hilsen\nFrida <Facilitator>\nBornholm\nfrida@x.test · tlf. 33 12 34 56',
    ].join('\n\n'),
  );
  t.match(signed.html, '<p>Kære Åse &lt;Æbelø&gt;</p>');
  t.match(signed.html, '<p>Venlig hilsen<br>Frida &lt;Facilitator&gt;<br>Bornholm<br>');
  t.notMatch(signed.html, /<(Æbelø|Facilitator)>/);
  const unsigned = renderLetter({ lang: 'en', subject: 'S', to: 'Bo', body: ['Text'] });
  t.equal(unsigned.text, 'Dear Bo\n\nText\n\nKind regards\nSamråd');
});
