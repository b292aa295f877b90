// Small DOM helpers: element building without innerHTML (no markup injection), status messages, copying.
export function el(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === null || value === false) continue;
    if (name === 'text') node.textContent = value;
    else if (name.startsWith('on')) node.addEventListener(name.slice(2), value);
    else if (value === true) node.setAttribute(name, '');
    else node.setAttribute(name, String(value));
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

const statusLine = () => document.getElementById('status');

export function say(message, bad = false) {
  const line = statusLine();
  line.textContent = message;
  line.classList.toggle('bad', bad);
}

export function sayError(error) {
  say(error && error.message ? error.message : String(error), true);
}

let fieldCounter = 0;

// A read-only text box holding a value with a Copy button beside it (labelled for screen readers).
export function copyRow(label, value) {
  const id = `copy-${++fieldCounter}`;
  return el('div', { class: 'copy-row' },
    el('label', { for: id, class: 'visually-hidden', text: label }),
    el('input', { id, value, readonly: true }),
    el('button', { type: 'button', 'data-copy': id, 'aria-label': `Copy ${label}`, text: 'Copy' }));
}

async function copyText(text) {
  if (navigator.clipboard && window.isSecureContext) {
    await navigator.clipboard.writeText(text);
    return;
  }
  const scratch = el('textarea', { readonly: true, class: 'visually-hidden' });
  scratch.value = text;
  document.body.append(scratch);
  scratch.select();
  document.execCommand('copy');
  scratch.remove();
}

// One listener for every [data-copy] button, present and future.
export function enableCopyButtons() {
  document.addEventListener('click', async (event) => {
    const button = event.target.closest('button[data-copy]');
    if (!button) return;
    const source = document.getElementById(button.dataset.copy);
    try {
      await copyText(source.value);
      say('Copied to the clipboard.');
    } catch {
      source.select();
      say('Select and copy it by hand: the browser refused the clipboard.', true);
    }
  });
}

export function emptyRow(text) {
  return el('li', { class: 'empty', text });
}

export function formatInstant(iso) {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : date.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}
