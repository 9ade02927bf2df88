// Just enough HTML reading for the HTTP-level page tests (the browser suite
// uses a real DOM): tags with their attributes, found by id or name.

const entities = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };

export function decodeEntities(text) {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, code) => {
    if (code[0] === '#') {
      const n = code[1] === 'x' || code[1] === 'X' ? parseInt(code.slice(2), 16) : parseInt(code.slice(1), 10);
      return String.fromCodePoint(n);
    }
    return entities[code.toLowerCase()] ?? whole;
  });
}

function parseAttributes(source) {
  const attributes = {};
  const pattern = /([^\s=/>"']+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>"']+)))?/g;
  let match;
  while ((match = pattern.exec(source))) {
    const value = match[2] ?? match[3] ?? match[4] ?? '';
    attributes[match[1].toLowerCase()] = decodeEntities(value);
  }
  return attributes;
}

// Every start tag of one element name: [{attributes, index, end}].
export function tags(html, name) {
  const found = [];
  const pattern = new RegExp(`<${name}\\b((?:[^>"']|"[^"]*"|'[^']*')*)>`, 'gi');
  let match;
  while ((match = pattern.exec(html))) {
    found.push({ attributes: parseAttributes(match[1]), index: match.index, end: match.index + match[0].length });
  }
  return found;
}

// The start tag of any element with this id: {tag, attributes, index, end} or null.
export function byId(html, id) {
  const pattern = /<([a-z][a-z0-9-]*)\b((?:[^>"']|"[^"]*"|'[^']*')*)>/gi;
  let match;
  while ((match = pattern.exec(html))) {
    const attributes = parseAttributes(match[2]);
    if (attributes.id === id) {
      return { tag: match[1].toLowerCase(), attributes, index: match.index, end: match.index + match[0].length };
    }
  }
  return null;
}

export function hasId(html, id) {
  return byId(html, id) !== null;
}

// The text inside the element with this id, tags stripped (no nesting of
// the same element name inside it is expected).
export function textById(html, id) {
  const start = byId(html, id);
  if (!start) return null;
  const close = html.indexOf(`</${start.tag}>`, start.end);
  const inner = html.slice(start.end, close < 0 ? undefined : close);
  return decodeEntities(inner.replace(/<[^>]*>/g, ' ')).replace(/\s+/g, ' ').trim();
}

// The <form> whose action is this path: its source and its hidden inputs.
export function form(html, action) {
  for (const start of tags(html, 'form')) {
    const target = start.attributes.action ?? '';
    if (target !== action && !target.endsWith(action)) continue;
    const close = html.indexOf('</form>', start.end);
    const source = html.slice(start.index, close < 0 ? undefined : close);
    const hidden = {};
    for (const input of tags(source, 'input')) {
      if ((input.attributes.type ?? '').toLowerCase() === 'hidden' && input.attributes.name) {
        hidden[input.attributes.name] = input.attributes.value ?? '';
      }
    }
    return { attributes: start.attributes, source, hidden };
  }
  return null;
}

// The value a form field shows: <input value>, a <textarea>'s text, or a
// <select>'s selected option.
export function fieldValue(html, name) {
  for (const input of tags(html, 'input')) {
    if (input.attributes.name !== name) continue;
    const type = (input.attributes.type ?? 'text').toLowerCase();
    if (type === 'radio' || type === 'checkbox') {
      if ('checked' in input.attributes) return input.attributes.value ?? 'on';
      continue;
    }
    return input.attributes.value ?? '';
  }
  for (const textarea of tags(html, 'textarea')) {
    if (textarea.attributes.name !== name) continue;
    const close = html.indexOf('</textarea>', textarea.end);
    return decodeEntities(html.slice(textarea.end, close)).replace(/^\n/, '');
  }
  for (const select of tags(html, 'select')) {
    if (select.attributes.name !== name) continue;
    const close = html.indexOf('</select>', select.end);
    for (const option of tags(html.slice(select.end, close), 'option')) {
      if ('selected' in option.attributes) return option.attributes.value ?? '';
    }
  }
  return null;
}
