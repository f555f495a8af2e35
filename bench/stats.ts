/** Percentiles of call times and the targets the benchmark reports against. */

export interface Stats {
  p50: number;
  p99: number;
  mean: number;
  max: number;
}

/** Nearest-rank percentiles, in milliseconds rounded to the microsecond. */
export function stats(times: number[]): Stats {
  if (times.length === 0) return { p50: Number.NaN, p99: Number.NaN, mean: Number.NaN, max: Number.NaN };
  const sorted = [...times].sort((a, b) => a - b);
  const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] as number;
  const r = (x: number) => Number(x.toFixed(3));
  return {
    p50: r(at(50)),
    p99: r(at(99)),
    mean: r(sorted.reduce((s, x) => s + x, 0) / sorted.length),
    max: r(sorted[sorted.length - 1] as number),
  };
}

export const TARGETS = {
  /** At 1M events. */
  queryP99Ms: 5,
  queryP99TimesFloor: 3,
  coldStartMs: 1000,
  rssMB: 300,
  slackP99TimesBareBolt: 1.3,
  discordP99TimesBare: 1.3,
  /** Discord drops an interaction not acknowledged within 3 s. */
  discordAckMs: 3000,
  importRowsPerSecond: 100_000,
};

interface RunSummary {
  events: number;
  queries: Array<{ name: string; topic?: boolean; core: Stats; ratioP99: number }>;
  /** Absent when the run skipped cold starts (--cold-starts=0). */
  coldStart?: { cliStatusMedianMs: number; botReadyMs: number } | undefined;
  memory: { botRssMB?: number | undefined };
}

interface SlackSummary {
  events: number;
  bot: { ack: Stats; errors: number };
  bareBolt: { ack: Stats; errors: number };
  ratioP99: number;
  runs: Array<{ ratioP99: number }>;
}

interface DiscordSummary {
  events: number;
  bot: { ack: Stats; errors: number; late: number; requests: number };
  bare: { ack: Stats };
  ratioP99: number;
  runs?: Array<{ ratioP99: number }>;
}

interface Measured {
  slack?: SlackSummary | null;
  discord?: DiscordSummary | null;
  imported?: { rows: number; rowsPerSecond: number } | null;
  scaledTests?: { scale: number; files: string[]; passed: boolean; summary: string } | null;
}

/** Each target checked on the largest run. */
export function verdicts(
  runs: RunSummary[],
  { slack, discord, imported, scaledTests }: Measured = {},
): Array<{ target: string; value: string; met: boolean }> {
  const run = [...runs].sort((a, b) => b.events - a.events)[0];
  if (!run) return [];
  const at = `at ${run.events.toLocaleString('en')} events`;
  return [
    ...run.queries.map((q) => ({
      target: `${q.name}: p99 <= ${TARGETS.queryP99Ms} ms${q.topic ? '' : ` and <= ${TARGETS.queryP99TimesFloor}x floor`} ${at}`,
      value: `${q.core.p99} ms, ${q.ratioP99}x`,
      met: q.core.p99 <= TARGETS.queryP99Ms && (q.topic === true || q.ratioP99 <= TARGETS.queryP99TimesFloor),
    })),
    ...(run.coldStart && run.memory.botRssMB !== undefined
      ? [
          {
            target: `cold start to first answer < ${TARGETS.coldStartMs} ms ${at}`,
            value: `sitrep status ${run.coldStart.cliStatusMedianMs} ms; bot ready ${run.coldStart.botReadyMs} ms`,
            met: run.coldStart.cliStatusMedianMs < TARGETS.coldStartMs,
          },
          {
            target: `bot resident memory < ${TARGETS.rssMB} MB ${at}`,
            value: `${run.memory.botRssMB} MB`,
            met: run.memory.botRssMB < TARGETS.rssMB,
          },
        ]
      : []),
    ...(slack
      ? [
          {
            target: `Slack ack p99 <= ${TARGETS.slackP99TimesBareBolt}x a bare Bolt app's, no errors, at ${slack.events.toLocaleString('en')} events (median of ${slack.runs.length} runs)`,
            value: `${slack.bot.ack.p99} ms vs ${slack.bareBolt.ack.p99} ms (x${slack.ratioP99}; runs x${slack.runs.map((r) => r.ratioP99).join(', x')}), errors ${slack.bot.errors}`,
            met: slack.ratioP99 <= TARGETS.slackP99TimesBareBolt && slack.bot.errors === 0,
          },
        ]
      : []),
    ...(discord
      ? [
          {
            target: `Discord: every interaction acknowledged within ${TARGETS.discordAckMs / 1000} s, first-callback p99 <= ${TARGETS.discordP99TimesBare}x a bare discord.js app's, no errors, at ${discord.events.toLocaleString('en')} events${discord.runs ? ` (median of ${discord.runs.length} runs)` : ''}`,
            value: `${discord.bot.ack.p99} ms vs ${discord.bare.ack.p99} ms (x${discord.ratioP99}${discord.runs ? `; runs x${discord.runs.map((r) => r.ratioP99).join(', x')}` : ''}), ${discord.bot.late} of ${discord.bot.requests} after ${TARGETS.discordAckMs / 1000} s, errors ${discord.bot.errors}`,
            met: discord.ratioP99 <= TARGETS.discordP99TimesBare && discord.bot.late === 0 && discord.bot.errors === 0,
          },
        ]
      : []),
    ...(imported
      ? [
          {
            target: `ACLED import >= ${TARGETS.importRowsPerSecond.toLocaleString('en')} rows/s`,
            value: `${imported.rowsPerSecond} rows/s (${imported.rows} rows)`,
            met: imported.rowsPerSecond >= TARGETS.importRowsPerSecond,
          },
        ]
      : []),
    ...(scaledTests
      ? [
          {
            target: `${scaledTests.files.join(', ')} pass at x${scaledTests.scale} their size in the suite`,
            value: scaledTests.summary,
            met: scaledTests.passed,
          },
        ]
      : []),
  ];
}
