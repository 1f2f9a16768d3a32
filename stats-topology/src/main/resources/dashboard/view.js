// Draws one stats snapshot (GET v1/stats/stream, event "snapshot") into the page, updating elements in place.

import { animateMoves, element, reconcile, setText } from './dom.js';
import { clock, count, share, versus } from './format.js';
import { Trend } from './trend.js';

/** At most this many channel bars; the channels after them are summed up in one line. */
const MAX_BARS = 30;

const KIND_NAMES = { outage: 'Outage', zapping: 'Zapping' };

export class View {
  constructor(doc) {
    this.total = doc.getElementById('total');
    this.channelCount = doc.getElementById('channel-count');
    this.trend = new Trend(doc.getElementById('trend'));
    this.updated = doc.getElementById('updated');
    this.bars = doc.getElementById('channels');
    this.rest = doc.getElementById('channels-rest');
    this.noChannels = doc.getElementById('no-channels');
    this.top = doc.getElementById('top');
    this.alerts = doc.getElementById('alerts');
    this.noAlerts = doc.getElementById('no-alerts');
    this.activeAlerts = doc.getElementById('active-alerts');
  }

  render(snapshot) {
    setText(this.total, count(snapshot.totalViewers));
    setText(this.channelCount, count(snapshot.channels.length));
    this.trend.add(snapshot.at, snapshot.totalViewers);
    setText(this.updated, clock(snapshot.at));
    this.updated.dateTime = new Date(snapshot.at).toISOString();
    this.renderBars(snapshot.channels);
    this.renderTop(snapshot.top, snapshot.totalViewers);
    this.renderAlerts(snapshot.alerts);
  }

  renderBars(channels) {
    const shown = channels.slice(0, MAX_BARS);
    const widest = shown.length > 0 ? shown[0].viewers : 0;
    animateMoves(this.bars, () => reconcile(this.bars, shown, (c) => c.channelId, barRow, (row, c) => {
      row.dataset.viewers = String(c.viewers);
      setText(row.querySelector('.viewers'), count(c.viewers));
      const percent = widest > 0 ? Math.round((1000 * c.viewers) / widest) / 10 : 0;
      row.querySelector('.fill').style.width = `${percent}%`;
    }));
    const hidden = channels.slice(MAX_BARS);
    this.rest.hidden = hidden.length === 0;
    const hiddenViewers = hidden.reduce((sum, c) => sum + c.viewers, 0);
    setText(this.rest, hidden.length === 0 ? ''
      : `and ${count(hidden.length)} more channels with ${count(hiddenViewers)} viewers`);
    this.noChannels.hidden = channels.length > 0;
  }

  renderTop(top, totalViewers) {
    reconcile(this.top, top, (c) => c.channelId, topRow, (row, c) => {
      setText(row.querySelector('.viewers'), count(c.viewers));
      setText(row.querySelector('.share'), share(c.viewers, totalViewers));
    });
  }

  renderAlerts(alerts) {
    // Active alerts first, each group newest first.
    const ordered = alerts.slice().sort((a, b) =>
      (a.state === 'active' ? 0 : 1) - (b.state === 'active' ? 0 : 1) || b.firedAt - a.firedAt);
    reconcile(this.alerts, ordered, (a) => `${a.channelId}@${a.firedAt}`, alertItem, updateAlert);
    const active = ordered.filter((a) => a.state === 'active').length;
    this.activeAlerts.dataset.count = String(active);
    setText(this.activeAlerts, `${active} active`);
    this.noAlerts.hidden = ordered.length > 0;
  }
}

function barRow(c) {
  const row = element('li', 'bar-row');
  row.dataset.channel = c.channelId;
  const bar = element('span', 'bar');
  bar.setAttribute('aria-hidden', 'true');
  bar.append(element('span', 'fill'));
  row.append(element('span', 'name', c.channelId), bar, element('span', 'viewers'),
    element('span', 'visually-hidden', ' viewers'));
  return row;
}

function topRow(c) {
  const row = element('li', 'top-row');
  row.dataset.channel = c.channelId;
  row.append(element('span', 'name', c.channelId), element('span', 'viewers'), element('span', 'share'));
  return row;
}

function alertItem(a) {
  const item = element('li', 'alert');
  item.dataset.alert = a.channelId;
  item.dataset.kind = a.kind;
  const head = element('p', 'alert-head');
  head.append(element('span', 'kind', KIND_NAMES[a.kind] || a.kind), ' on ', element('strong', 'channel', a.channelId),
    ' ', element('span', 'state'));
  item.append(head, element('p', 'drop'), element('p', 'platform'), element('p', 'when'));
  return item;
}

function updateAlert(item, a) {
  item.dataset.state = a.state;
  setText(item.querySelector('.state'), a.state);
  setText(item.querySelector('.drop'), `Viewers ${versus(a.viewers, a.baseline)}`);
  setText(item.querySelector('.platform'), `Platform ${versus(a.platformViewers, a.platformBaseline)}`);
  setText(item.querySelector('.when'), a.resolvedAt == null ? `since ${clock(a.firedAt)}`
    : `${clock(a.firedAt)} to ${clock(a.resolvedAt)}`);
}
