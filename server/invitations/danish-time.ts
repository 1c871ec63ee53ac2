/** How a meeting's time reads in Danish, in the meeting's own time zone. */
export function danishDate(instant: string, timeZone = 'Europe/Copenhagen'): string {
  return new Intl.DateTimeFormat('da-DK', { timeZone, dateStyle: 'full' }).format(new Date(instant));
}

export function danishClock(instant: string, timeZone = 'Europe/Copenhagen'): string {
  return new Intl.DateTimeFormat('da-DK', { timeZone, hour: '2-digit', minute: '2-digit' }).format(
    new Date(instant),
  );
}

/** "onsdag den 3. marts 2027 kl. 09.00–15.00" */
export function danishWhen(startsAt: string, endsAt: string, timeZone = 'Europe/Copenhagen'): string {
  return `${danishDate(startsAt, timeZone)} kl. ${danishClock(startsAt, timeZone)}–${danishClock(endsAt, timeZone)}`;
}
