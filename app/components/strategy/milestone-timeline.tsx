/**
 * The milestones drawn on a time axis (server-rendered SVG, no script): calendar years as bands,
 * each milestone a numbered marker coloured by its state, a "today" line. The drawing is
 * aria-hidden: the ordered list beside it (same numbers) is what a screen reader reads. It keeps a
 * minimum width and scrolls inside its own box on a narrow screen; colours are the theme's
 * variables, so it follows the dark theme.
 */
import { useTranslation } from "react-i18next";
import { MILESTONE_STATE_LABELS, type MilestoneState, type TimelineLayout } from "~/lib/metrics/strategy";

const W = 800;
const PAD_X = 16;
const LANE_H = 28;
const TOP = 30;
const AXIS_H = 26;
const STATES: MilestoneState[] = ["achieved", "upcoming", "overdue", "missed", "no_data"];

const x = (at: number) => PAD_X + at * (W - 2 * PAD_X);

export function MilestoneTimeline({ layout, todayLabel }: { layout: TimelineLayout; todayLabel: string }) {
  const { t } = useTranslation("plans");
  const axisY = TOP + layout.lanes * LANE_H + 6;
  const h = axisY + AXIS_H;
  const todayX = x(layout.today);
  const numberOf = new Map(layout.markers.map((m, i) => [m.id, i + 1]));
  return (
    <figure className="timeline" data-testid="milestone-timeline">
      <div className="timeline__scroll">
        <svg className="timeline__svg" viewBox={`0 0 ${W} ${h}`} width={W} height={h} aria-hidden="true" focusable="false">
          {layout.years.map((y, i) => (
            <g key={y.year}>
              <rect
                className={i % 2 ? "timeline__band timeline__band--alt" : "timeline__band"}
                x={x(y.start)}
                y={TOP - 8}
                width={x(y.end) - x(y.start)}
                height={axisY - TOP + 8}
              />
              <line className="timeline__tick" x1={x(y.start)} x2={x(y.start)} y1={axisY} y2={axisY + 6} />
              <text className="timeline__year" x={(x(y.start) + x(y.end)) / 2} y={axisY + 20} textAnchor="middle">
                {y.year}
              </text>
            </g>
          ))}
          <line className="timeline__axis" x1={PAD_X} x2={W - PAD_X} y1={axisY} y2={axisY} />
          <line className="timeline__today" x1={todayX} x2={todayX} y1={TOP - 22} y2={axisY} />
          <text className="timeline__today-label" x={todayX} y={TOP - 12} textAnchor={layout.today > 0.9 ? "end" : layout.today < 0.1 ? "start" : "middle"}>
            {todayLabel}
          </text>
          {layout.markers.map((m) => {
            const cx = x(m.at);
            const cy = TOP + m.lane * LANE_H + LANE_H / 2;
            return (
              <g key={m.id} className={`timeline__marker timeline__marker--${m.state}`} data-state={m.state}>
                <line className="timeline__stem" x1={cx} x2={cx} y1={cy} y2={axisY} />
                {m.state === "overdue" ? <circle className="timeline__halo" cx={cx} cy={cy} r={13} /> : null}
                <circle className="timeline__dot" cx={cx} cy={cy} r={10} />
                <text className="timeline__num" x={cx} y={cy + 4} textAnchor="middle">
                  {numberOf.get(m.id)}
                </text>
              </g>
            );
          })}
        </svg>
      </div>
      <figcaption className="timeline__legend" aria-hidden="true">
        {STATES.map((s) => (
          <span key={s} className={`timeline__key timeline__marker--${s}`}>
            <svg viewBox="0 0 12 12" width="12" height="12" focusable="false">
              <circle className="timeline__dot" cx="6" cy="6" r="5" />
            </svg>{" "}
            {t(MILESTONE_STATE_LABELS[s])}
          </span>
        ))}
      </figcaption>
    </figure>
  );
}
