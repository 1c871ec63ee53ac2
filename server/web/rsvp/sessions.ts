import type { RsvpView } from '../../answers/schemas.ts';
import { escapeHtml as e } from '../../text/html.ts';
import { catalogueFor } from '../../text/messages.ts';

/** Where the invitee stands: the session held or waited for, or none yet, and until when it may change. */
function seatStatus(view: RsvpView): string {
  const s = view.sessions!;
  const t = catalogueFor(view.language).sessions.page;
  const held = s.sessions.find((x) => x.id === s.seat.sessionId);
  const declined = view.answer.response === 'declined' || view.answer.response === 'tentative';
  const lines = [
    held
      ? s.seat.waiting
        ? t.waitingFor(held.when, s.seat.waitingPosition ?? 0)
        : t.yourSession(held.when)
      : declined
        ? catalogueFor(view.language).answerPage.yourAnswer(
            catalogueFor(view.language).answerPage.answers[view.answer.response as 'declined'],
          )
        : t.noSession,
  ];
  if (held && s.changeableUntil) lines.push(t.changeUntil(s.changeableUntil));
  return lines.join(' ');
}

/**
 * The answer page's part for a meeting held as sessions: the sessions with their free places to
 * choose from (one already chosen, or the one the email's link named, is marked), and a way to decline.
 */
export function sessionSection(
  view: RsvpView,
  options: { action: string; preselectSession?: number; saved?: string; refused?: string },
): string {
  const s = view.sessions!;
  const t = catalogueFor(view.language).sessions.page;
  const chosen = options.preselectSession ?? s.seat.sessionId ?? undefined;
  const status = `${options.saved ? `${options.saved} ` : ''}${seatStatus(view)}`;
  const radios = s.sessions
    .map((x) => {
      const id = `session-${x.id}`;
      const detail = x.started ? t.started : t.free(x.free, x.capacity);
      return `<label for="${id}"><input type="radio" id="${id}" name="session" value="${x.id}" required${x.id === chosen ? ' checked' : ''}${x.started ? ' disabled' : ''}> ${e(x.when)}${x.where ? `, ${e(x.where)}` : ''} – ${e(detail)}</label>`;
    })
    .join('\n');
  return `${options.refused ? `<p class="status warning" role="alert">${e(options.refused)}</p>` : ''}
<p class="status"${options.saved ? ' role="status"' : ''}>${e(status)}</p>
<form method="post" action="${e(options.action)}">
<input type="hidden" name="answer" value="accepted">
<fieldset>
<legend>${e(t.legend)}</legend>
${radios}
</fieldset>
<label for="comment">${e(catalogueFor(view.language).answerPage.comment)}</label>
<textarea id="comment" name="comment" rows="3" maxlength="2000">${e(view.answer.comment ?? '')}</textarea>
<p><button type="submit">${e(t.choose)}</button></p>
</form>
<form method="post" action="${e(options.action)}">
<input type="hidden" name="answer" value="declined">
<fieldset>
<legend>${e(t.declineLegend)}</legend>
<p><button type="submit">${e(t.decline)}</button></p>
</fieldset>
</form>`;
}
