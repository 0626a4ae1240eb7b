// HTML templates that escape by default: every value put into an `html` template is written as
// text, unless it is itself a template (or an array of them), so that text read from the chain
// (feed names, URLs, JSON paths, error messages) can never become markup. Pure: no DOM.

/// Markup built by `html` (or marked as such by `trusted`): written as is into other templates.
class Markup {
  constructor(text) {
    this.text = text;
  }

  toString() {
    return this.text;
  }
}

/// Escapes text for HTML, in element content and in quoted attribute values alike.
export const escape = (text) =>
  String(text).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);

/// How one value is written into a template: markup as is, an array piece by piece, nothing for
/// `undefined`, `null` and `false` (so that `${condition && html`…`}` reads naturally), and
/// anything else as escaped text.
const piece = (value) => {
  if (value instanceof Markup) return value.text;
  if (Array.isArray(value)) return value.map(piece).join('');
  if (value === undefined || value === null || value === false) return '';
  return escape(value);
};

/// The tagged template: html`<td title="${url}">${name}</td>` escapes `url` and `name`.
export const html = (strings, ...values) => {
  let out = strings[0];
  values.forEach((value, index) => {
    out += piece(value) + strings[index + 1];
  });
  return new Markup(out);
};

/// Markup this page wrote itself (an SVG built from numbers, say), never text from the chain.
export const trusted = (text) => new Markup(String(text));

/// Whether `value` is markup rather than text.
export const isMarkup = (value) => value instanceof Markup;
