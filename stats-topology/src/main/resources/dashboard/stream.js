// The live feed: one EventSource on the stats stream, reporting each snapshot and every change of connection state.

/** Pause before opening a new EventSource after the browser gave up on one. */
const REOPEN_DELAY_MS = 3000;

/**
 * States: `connecting` (first attempt), `open` (connected), `reconnecting` (the connection dropped; the browser
 * retries by itself), `closed` (the server answered with an error, e.g. no instance behind the gateway: the browser
 * does not retry then, so a new EventSource is opened after a pause).
 */
export class SnapshotStream {
  constructor(url, onSnapshot, onState) {
    this.url = url;
    this.onSnapshot = onSnapshot;
    this.onState = onState;
    this.source = null;
    this.reopenTimer = null;
  }

  open() {
    this.close();
    this.onState('connecting');
    const source = new EventSource(this.url);
    this.source = source;
    source.addEventListener('open', () => this.onState('open'));
    source.addEventListener('snapshot', (event) => this.onSnapshot(JSON.parse(event.data)));
    source.addEventListener('error', () => {
      if (source.readyState === EventSource.CLOSED) {
        this.onState('closed');
        this.reopenTimer = setTimeout(() => this.open(), REOPEN_DELAY_MS);
      } else {
        this.onState('reconnecting');
      }
    });
  }

  close() {
    clearTimeout(this.reopenTimer);
    if (this.source !== null) {
      this.source.close();
      this.source = null;
    }
  }
}
