// The dashboard's entry point: feeds the stats stream into the view and keeps the connection indicator honest.

import { SnapshotStream } from './stream.js';
import { View } from './view.js';

/** Snapshots come every second; this long without one while connected means the instance has nothing to say. */
const STALE_AFTER_MS = 5000;

const STATUS_TEXT = {
  connecting: 'Connecting\u2026',
  waiting: 'Connected, waiting for data',
  live: 'Live',
  stale: 'Connected, no new data',
  reconnecting: 'Reconnecting\u2026',
  closed: 'Disconnected, retrying',
  stopped: 'Stopped',
};

const view = new View(document);
const status = document.getElementById('status');
const updated = document.getElementById('updated');
let connection = 'connecting';
let lastSnapshotAt = 0;

function showStatus() {
  let state = connection;
  if (connection === 'open') {
    state = lastSnapshotAt === 0 ? 'waiting' : Date.now() - lastSnapshotAt > STALE_AFTER_MS ? 'stale' : 'live';
  }
  if (status.dataset.state !== state) {
    status.dataset.state = state;
    status.textContent = STATUS_TEXT[state];
  }
  updated.dataset.stale = String(state !== 'live');
}

const stream = new SnapshotStream('v1/stats/stream', (snapshot) => {
  lastSnapshotAt = Date.now();
  view.render(snapshot);
  showStatus();
}, (state) => {
  connection = state;
  showStatus();
});

stream.open();
setInterval(showStatus, 1000);

// For a console, and for tests that draw a given snapshot: render(snapshot) after disconnect().
window.ottPulse = {
  render: (snapshot) => view.render(snapshot),
  disconnect: () => {
    stream.close();
    connection = 'stopped';
    showStatus();
  },
};
