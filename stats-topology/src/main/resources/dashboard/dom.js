// Keeps the page's elements in step with the data without re-creating them, so CSS transitions run and the nodes a
// screen reader or a test holds stay valid.

/**
 * Makes the children of `container` one element per item, in the items' order. An element is matched to its item by
 * `data-key`: an existing one is updated (and moved if its place changed), a new key gets `create(item)`, and elements
 * whose key is gone are removed.
 */
export function reconcile(container, items, keyOf, create, update) {
  const existing = new Map();
  for (const element of container.children) {
    existing.set(element.dataset.key, element);
  }
  const kept = new Set();
  let cursor = container.firstElementChild;
  for (const item of items) {
    const key = keyOf(item);
    kept.add(key);
    let element = existing.get(key);
    if (element === undefined) {
      element = create(item);
      element.dataset.key = key;
    }
    update(element, item);
    if (element === cursor) {
      cursor = cursor.nextElementSibling;
    } else {
      container.insertBefore(element, cursor);
    }
  }
  for (const [key, element] of existing) {
    if (!kept.has(key)) {
      element.remove();
    }
  }
}

/** Runs `change` and slides the container's elements that moved from their old place to the new one. */
export function animateMoves(container, change) {
  const motion = !window.matchMedia('(prefers-reduced-motion: reduce)').matches;
  const before = new Map();
  if (motion) {
    for (const element of container.children) {
      before.set(element, element.getBoundingClientRect().top);
    }
  }
  change();
  for (const element of container.children) {
    const top = before.get(element);
    const shift = top === undefined ? 0 : top - element.getBoundingClientRect().top;
    if (shift !== 0) {
      element.animate([{ transform: `translateY(${shift}px)` }, { transform: 'none' }],
        { duration: 400, easing: 'ease-out' });
    }
  }
}

/** A new element with a class and, optionally, text. */
export function element(tag, className, text) {
  const created = document.createElement(tag);
  if (className) {
    created.className = className;
  }
  if (text !== undefined) {
    created.textContent = text;
  }
  return created;
}

/** Sets an element's text only when it changed, so live regions announce real changes only. */
export function setText(target, text) {
  if (target.textContent !== text) {
    target.textContent = text;
  }
}
