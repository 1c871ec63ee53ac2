import t from 'tap';
import {
  invitedFill,
  type MeetingMailKind,
  meetingMailTemplate,
  renderMeetingMail,
} from '../../emails/meeting-mail.ts';
import { fillStandIns, storedMail } from '../../server/mail/sender.ts';
import { buildMeetingMailView } from '../helpers/factories.ts';

const meeting = buildMeetingMailView();

const names = [
  'Søren Ærø-Å',
  'Tom & Jerry <tj@x.dk>',
  '"Quoted" \'Name\' `tick`',
  '$& $1 $$ Dollar',
  ' Two  spaces\r\nand a break ',
];
const tokens = ['rsvp_AbCdEfGhIjKl_0123456789abcdefghijklmnopqrstuvwxyzABCDEFG-_', null];

t.test(
  'the mail rendered once per language with stand-ins is byte for byte the mail rendered alone',
  async (t) => {
    const base = 'https://samraad.example/sti?x=1&y=2';
    const cases: { kind: MeetingMailKind; extra?: object }[] = [
      { kind: 'invitation' },
      { kind: 'update', extra: { askAgain: true, delegatedBy: 'Kollega & Co' } },
      { kind: 'reminder' },
      { kind: 'cancel', extra: { cancelReason: 'Sygdom <hos> os' } },
      { kind: 'withdrawn' },
      {
        kind: 'invitation',
        extra: {
          sessions: [
            { id: 1, startsAt: '2027-03-12T08:00:00Z', endsAt: '2027-03-12T10:00:00Z', full: false },
            {
              id: 2,
              startsAt: '2027-03-13T08:00:00Z',
              endsAt: '2027-03-13T10:00:00Z',
              venueName: 'Hal 2',
              full: true,
            },
          ],
        },
      },
    ];
    for (const { kind, extra } of cases) {
      for (const language of ['da', 'en'] as const)
        for (const name of names)
          for (const token of tokens) {
            const alone = renderMeetingMail({
              kind,
              language,
              recipientName: name,
              meeting,
              answerUrl: token ? `${base}/rsvp/${token}` : null,
              ...extra,
            });
            const label = `${kind} ${language} ${JSON.stringify(name)} ${token ? 'with' : 'without'} link`;
            const template = meetingMailTemplate({ kind, meeting, ...extra }, language, token !== null);
            const fill = invitedFill(name, `${base}/rsvp`, token);
            t.strictSame(
              {
                subject: template.subject,
                text: fillStandIns(template.text, template.standIns, fill.text),
                html: fillStandIns(template.html, template.standIns, fill.html),
                headers: template.headers,
              },
              alone,
              label,
            );
            // as stored (the template once in a shared part, the values with the message) and read back to send
            const sent = storedMail({
              content: JSON.stringify({ fill }),
              part: JSON.stringify({
                text: template.text,
                html: template.html,
                standIns: template.standIns,
              }).slice(1, -1),
            });
            t.equal(sent.text, alone.text, `${label}: the text as stored and sent`);
            t.equal(sent.html, alone.html, `${label}: the HTML as stored and sent`);
          }
    }
  },
);

t.test('a token with characters a link would need escaped is refused, not filled in', async (t) => {
  t.throws(() => invitedFill('Bo', 'https://x/rsvp', 'rsvp_a"b'));
});
