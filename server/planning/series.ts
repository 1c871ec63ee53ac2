import type { PlanningSettings } from './settings.ts';

/** What one of an area's k meetings is: which series, its place in that series, its times and audience. */
export interface SeriesSlot {
  /** 1..k over all the area's meetings of the cycle, in date order. */
  sequence: number;
  seriesKey: string | null;
  seriesName: string | null;
  /** Its place in its series: meeting n of `of`. */
  n: number;
  of: number;
  startTime: string;
  endTime: string;
  audienceRoleKeys: string[] | null;
}

/** The settings with meetingsPerArea as the sum of the series, when there are series. */
export function withSeriesTotal(settings: PlanningSettings): PlanningSettings {
  if (settings.series.length === 0) return settings;
  return { ...settings, meetingsPerArea: settings.series.reduce((sum, s) => sum + s.meetingsPerArea, 0) };
}

/**
 * The k meetings of an area in date order: with linked series, each series' meetings are spread
 * evenly over the period and interleaved (5 + 3 gives S L S S L S L S), so every series runs from
 * the start of the period to its end; without series, k meetings of one plain series.
 */
export function seriesSlots(settings: PlanningSettings): SeriesSlot[] {
  if (settings.series.length === 0)
    return Array.from({ length: settings.meetingsPerArea }, (_, j) => ({
      sequence: j + 1,
      seriesKey: null,
      seriesName: null,
      n: j + 1,
      of: settings.meetingsPerArea,
      startTime: settings.startTime,
      endTime: settings.endTime,
      audienceRoleKeys: settings.audienceRoleKeys,
    }));
  const placed = settings.series.flatMap((series, order) =>
    Array.from({ length: series.meetingsPerArea }, (_, i) => ({
      at: (i + 0.5) / series.meetingsPerArea,
      order,
      series,
      n: i + 1,
    })),
  );
  placed.sort((a, b) => a.at - b.at || a.order - b.order);
  return placed.map(({ series, n }, j) => ({
    sequence: j + 1,
    seriesKey: series.key,
    seriesName: series.name,
    n,
    of: series.meetingsPerArea,
    startTime: series.startTime ?? settings.startTime,
    endTime: series.endTime ?? settings.endTime,
    audienceRoleKeys: series.audienceRoleKeys ?? settings.audienceRoleKeys,
  }));
}
