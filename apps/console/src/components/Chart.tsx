import { BarChart, PieChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';

echarts.use([BarChart, PieChart, GridComponent, LegendComponent, TooltipComponent, SVGRenderer]);

/** An ECharts chart (SVG renderer) that follows its box's size; the figures are in a table beside it. */
export function Chart({
  option,
  label,
  testId,
  onPick,
}: {
  option: echarts.EChartsCoreOption;
  label: string;
  testId?: string;
  /** A click on a slice or bar: the index of its data point (e.g. to open the loans behind it). */
  onPick?: (dataIndex: number) => void;
}) {
  const box = useRef<HTMLDivElement>(null);
  const pick = useRef(onPick);
  pick.current = onPick;
  useEffect(() => {
    if (!box.current) return;
    const chart = echarts.init(box.current, undefined, { renderer: 'svg' });
    chart.setOption(option);
    chart.on('click', (event: { dataIndex?: number }) => {
      if (typeof event.dataIndex === 'number') pick.current?.(event.dataIndex);
    });
    const observer = new ResizeObserver(() => chart.resize());
    observer.observe(box.current);
    return () => {
      observer.disconnect();
      chart.dispose();
    };
  }, [option]);
  return <div ref={box} className="chart" role="img" aria-label={label} data-testid={testId} />;
}
