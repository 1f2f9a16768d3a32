// The platform total over the last minutes, drawn as a line beside the big number. Kept by the page only, so it
// starts afresh on a reload.

const SPAN_MS = 5 * 60 * 1000;
const WIDTH = 300;
const HEIGHT = 60;

export class Trend {
  constructor(svg) {
    this.line = svg.querySelector('.trend-line');
    this.area = svg.querySelector('.trend-area');
    this.samples = [];
  }

  add(at, total) {
    const last = this.samples[this.samples.length - 1];
    if (last !== undefined && at <= last.at) {
      return;
    }
    this.samples.push({ at, total });
    while (this.samples[0].at < at - SPAN_MS) {
      this.samples.shift();
    }
    this.draw(at);
  }

  /** Time runs left to right over the span ending now; the vertical scale starts at zero, so a drop looks its size. */
  draw(now) {
    const highest = Math.max(1, ...this.samples.map((s) => s.total));
    const points = this.samples.map((s) => {
      const x = ((s.at - (now - SPAN_MS)) / SPAN_MS) * WIDTH;
      const y = HEIGHT - 2 - ((HEIGHT - 4) * s.total) / highest;
      return `${x.toFixed(1)},${y.toFixed(1)}`;
    });
    this.line.setAttribute('points', points.join(' '));
    const first = points.length > 0 ? points[0].split(',')[0] : '0';
    this.area.setAttribute('points', points.length < 2 ? ''
      : `${first},${HEIGHT} ${points.join(' ')} ${WIDTH},${HEIGHT}`);
  }
}
