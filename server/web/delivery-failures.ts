import type { DeliveryFailure } from '../mail/delivery-reports.ts';
import { clockLabel, dayDate } from '../text/dates.ts';
import { html, type SafeHtml } from '../text/html.ts';
import { catalogueFor } from '../text/messages.ts';
import { plural } from '../text/plural.ts';
import { alert } from './components.ts';

/**
 * Mail that did not arrive — refused by the mail server when sending (5xx, or out of attempts) or
 * bounced afterwards — as a warning where the facilitator looks: the meeting page and the person.
 */
export function deliveryFailuresBlock(
  failures: DeliveryFailure[],
  options: { showRecipient: boolean },
): SafeHtml {
  if (!failures.length) return html``;
  const t = catalogueFor('da').delivery;
  const rows = failures.map(
    (f) => html`<tr>${options.showRecipient ? html`<td>${f.toName ?? ''} &lt;${f.toAddress}&gt;</td>` : ''}
      <td>${f.subject}</td><td>${f.how === 'bounced' ? t.bounced : t.refused}</td><td>${f.reason ?? ''}</td>
      <td>${dayDate(f.at)} ${clockLabel(f.at)}</td></tr>`,
  );
  return alert(
    'warning',
    t.heading(failures.length, plural('da', failures.length, { one: t.mailOne, other: t.mailOther })),
    html`<p>${t.hint}</p>
    <div class="table--responsive-scroll" tabindex="0" role="region" aria-label="${t.tableLabel}">
    <table class="table table--compact delivery-failures"><thead><tr>
      ${options.showRecipient ? html`<th scope="col">${t.recipient}</th>` : ''}
      <th scope="col">${t.subject}</th><th scope="col">${t.how}</th><th scope="col">${t.reason}</th><th scope="col">${t.when}</th>
    </tr></thead><tbody>${rows}</tbody></table></div>`,
  );
}
