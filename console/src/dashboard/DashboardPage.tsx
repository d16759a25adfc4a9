import type { DurationSummary } from '@introserv/shared';
import { BarChart } from 'chartist';
import 'chartist/dist/index.css';
import { useEffect, useRef, useState } from 'preact/hooks';
import { useLoad } from '../hooks/use-request.js';
import type { PageProps } from '../workspace/page-props.js';
import { useSignal } from '@introserv/shared/client/use-signal';
import { departmentName } from '../i18n/department-name.js';
import { errorText } from '../i18n/errorText.js';
import { formatDuration } from '../i18n/format.js';
import { useT } from '../i18n/useT.js';

/**
 * The admins' dashboard: chats waiting and in progress and operators online now; over the
 * last 7 or 30 days, the average and p90 wait and first response, and chats per day and per
 * department as charts (Chartist, loaded with this page only) with the same figures in tables.
 */
export function DashboardPage({ api, workspace }: PageProps) {
  const { t, lang } = useT();
  const config = useSignal(workspace.config);
  const [days, setDays] = useState<7 | 30>(7);
  const { data, error, reload } = useLoad(() => api.client.call('stats.dashboard', { query: { days } }), [days]);

  const name = (id: string) => departmentName(id, t, lang, config.departments);
  const departments = data ? Object.keys(data.perDepartment).sort((a, b) => (data.perDepartment[b] ?? 0) - (data.perDepartment[a] ?? 0)) : [];
  const dayLabel = (day: string) => new Intl.DateTimeFormat(lang, { day: 'numeric', month: 'short', timeZone: 'UTC' }).format(Date.parse(`${day}T00:00:00Z`));
  const duration = (ms: number | null) => (ms === null ? t('dashboard.none') : formatDuration(ms, lang));
  const total = data ? data.perDay.reduce((s, d) => s + d.chats, 0) : 0;

  return (
    <main class="page dashboard-page" data-testid="dashboard-page">
      <div class="page-head">
        <h1>{t('dashboard.title')}</h1>
        <div class="segmented" role="radiogroup" aria-label={t('dashboard.period')}>
          {([7, 30] as const).map((n) => (
            <button key={n} type="button" role="radio" aria-checked={days === n} class={`btn btn-small${days === n ? ' btn-primary' : ''}`} data-testid={`dashboard-days-${n}`} onClick={() => setDays(n)}>
              {t(n === 7 ? 'dashboard.days7' : 'dashboard.days30')}
            </button>
          ))}
          <button type="button" class="btn btn-small" onClick={reload}>
            {t('dashboard.refresh')}
          </button>
        </div>
      </div>
      {error && (
        <p class="alert" role="alert">
          {errorText(t, error.code)}
        </p>
      )}
      {data && (
        <>
          <div class="kpis">
            <Kpi label={t('dashboard.waiting')} value={String(data.now.waiting)} testId="kpi-waiting" />
            <Kpi label={t('dashboard.active')} value={String(data.now.active)} testId="kpi-active" />
            <Kpi label={t('dashboard.operatorsOnline')} value={String(data.now.operatorsOnline)} testId="kpi-operators" />
            <Kpi label={t('dashboard.avgWait')} value={duration(data.wait.averageMs)} note={measured(data.wait)} testId="kpi-wait" />
            <Kpi label={t('dashboard.p90Wait')} value={duration(data.wait.p90Ms)} testId="kpi-wait-p90" />
            <Kpi label={t('dashboard.avgFirstResponse')} value={duration(data.firstResponse.averageMs)} note={measured(data.firstResponse)} testId="kpi-response" />
            <Kpi label={t('dashboard.p90FirstResponse')} value={duration(data.firstResponse.p90Ms)} testId="kpi-response-p90" />
          </div>
          <section class="chart-card" aria-labelledby="per-day-title">
            <h2 id="per-day-title">
              {t('dashboard.perDay')} <span class="muted">· {t('dashboard.total', { count: total })}</span>
            </h2>
            <Chart
              labels={data.perDay.map((d) => dayLabel(d.day))}
              series={departments.map((dept) => data.perDay.map((d) => d.byDepartment[dept] ?? 0))}
              names={departments.map(name)}
              stacked
            />
            <table class="data-table compact" data-testid="per-day-table">
              <thead>
                <tr>
                  {data.perDay.map((d) => (
                    <th key={d.day} scope="col">
                      {dayLabel(d.day)}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                <tr>
                  {data.perDay.map((d) => (
                    <td key={d.day}>{d.chats}</td>
                  ))}
                </tr>
              </tbody>
            </table>
          </section>
          <section class="chart-card" aria-labelledby="per-dept-title">
            <h2 id="per-dept-title">{t('dashboard.perDepartment')}</h2>
            <Chart labels={departments.map(name)} series={[departments.map((d) => data.perDepartment[d] ?? 0)]} names={[t('dashboard.perDepartment')]} horizontal />
            <table class="data-table compact" data-testid="per-department-table">
              <tbody>
                {departments.map((d) => (
                  <tr key={d}>
                    <th scope="row">{name(d)}</th>
                    <td>{data.perDepartment[d]}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
        </>
      )}
    </main>
  );

  function measured(s: DurationSummary): string {
    return t('dashboard.measured', { count: s.count });
  }
}

function Kpi({ label, value, note, testId }: { label: string; value: string; note?: string; testId: string }) {
  return (
    <div class="kpi" data-testid={testId}>
      <span class="kpi-value">{value}</span>
      <span class="kpi-label">{label}</span>
      {note && <span class="muted small">{note}</span>}
    </div>
  );
}

/** A Chartist bar chart in an SVG of its own; the table beside it carries the same figures for screen readers. */
function Chart({ labels, series, names, stacked = false, horizontal = false }: { labels: string[]; series: number[][]; names: string[]; stacked?: boolean; horizontal?: boolean }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!ref.current) return;
    const chart = new BarChart(
      ref.current,
      { labels, series: series.map((data, i) => ({ name: names[i] ?? '', data })) },
      {
        stackBars: stacked,
        horizontalBars: horizontal,
        height: horizontal ? `${Math.max(120, labels.length * 36)}px` : '240px',
        axisY: horizontal ? { offset: 140 } : { onlyInteger: true },
        axisX: horizontal ? { onlyInteger: true } : { showGrid: false },
        chartPadding: { top: 10, right: 16, bottom: 0, left: 0 },
      },
    );
    return () => chart.detach();
  }, [JSON.stringify([labels, series, names, stacked, horizontal])]);
  return (
    <div class="chart-wrap">
      <div ref={ref} class="chart" aria-hidden="true" />
      {series.length > 1 && (
        <ul class="chart-legend">
          {names.map((n, i) => (
            <li key={n}>
              <span class={`legend-swatch ct-series-${String.fromCharCode(97 + i)}`} aria-hidden="true" />
              {n}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
