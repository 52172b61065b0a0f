// Getting an article in: files (.txt, .md, .html), drag and drop, paste.
//
// HTML is parsed with DOMParser into an inert document: its scripts never run
// and its images, styles and frames never load (the document has no browsing
// context). It is reduced to the article's text and never inserted into the page.
//
// Exports:
//   htmlToText(html)          → string: the article text of an HTML document
//   readFile(file)            → Promise<{text, name}> for a File (.txt, .md, .html, .htm),
//                               UTF-8 or UTF-16 with a byte-order mark
//   decode(bytes)             → string: UTF-16 by its byte-order mark, else UTF-8
//
// The CLI mirrors htmlToText in cli/src/html.rs (`newslens text FILE` prints
// its result); tests/browser/html-text.test.mjs holds the two to the same text.
//   attachDropZone(el, {onText, onError, onHover})   drag and drop of files or text
//   ACCEPT                     the `accept` attribute for file inputs

/** File types the page opens. */
export const ACCEPT = '.txt,.md,.markdown,.html,.htm,text/plain,text/markdown,text/html';

const MAX_BYTES = 20 * 1024 * 1024;

const DROP = 'script, style, noscript, template, nav, footer, aside, form, button, select, iframe, object, embed, svg, canvas, figure, [hidden], [aria-hidden="true"], [role="navigation"], [role="complementary"], [role="contentinfo"]';
const BLOCK = new Set(['P', 'DIV', 'SECTION', 'ARTICLE', 'MAIN', 'HEADER', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6',
  'LI', 'UL', 'OL', 'BLOCKQUOTE', 'PRE', 'TABLE', 'TR', 'DL', 'DT', 'DD', 'FIGCAPTION', 'HR', 'ADDRESS']);

/** The article text of an HTML document: paragraphs separated by blank lines. */
export function htmlToText(html) {
  const parsed = new DOMParser().parseFromString(html, 'text/html');
  const root = parsed.querySelector('article') ?? parsed.querySelector('main, [role="main"]') ?? parsed.body;
  if (!root) return '';
  // A headline outside <article>/<main> (in the page header) still belongs to the text.
  const h1 = parsed.querySelector('h1');
  const title = h1 && !root.contains(h1) ? h1.textContent.replace(/\s+/g, ' ').trim() : '';
  for (const el of root.querySelectorAll(DROP)) el.remove();

  const paragraphs = [];
  let line = '';
  const flush = () => {
    const t = line.replace(/\s+/g, ' ').trim();
    if (t) paragraphs.push(t);
    line = '';
  };
  const walk = (node) => {
    for (const child of node.childNodes) {
      if (child.nodeType === 3) line += child.data;
      else if (child.nodeType === 1) {
        if (child.tagName === 'BR') { flush(); continue; }
        const block = BLOCK.has(child.tagName);
        if (block) flush();
        walk(child);
        if (block) flush();
      }
    }
  };
  walk(root);
  flush();
  if (title && paragraphs[0] !== title) paragraphs.unshift(title);
  return paragraphs.join('\n\n');
}

/**
 * The text of a file's bytes: UTF-16 (LE or BE) when it starts with a UTF-16
 * byte-order mark, UTF-8 otherwise. The byte-order mark is dropped (as the CLI does).
 */
export function decode(bytes) {
  const encoding = bytes[0] === 0xff && bytes[1] === 0xfe ? 'utf-16le'
    : bytes[0] === 0xfe && bytes[1] === 0xff ? 'utf-16be' : 'utf-8';
  return new TextDecoder(encoding).decode(bytes);
}

/** Reads a dropped or chosen file as article text. */
export async function readFile(file) {
  if (file.size > MAX_BYTES) throw new Error(`${file.name} is too large (${Math.round(file.size / 1048576)} MB; the limit is 20 MB).`);
  const name = file.name || 'file';
  const raw = decode(new Uint8Array(await file.arrayBuffer()));
  if (raw.includes('\u0000')) throw new Error(`${name} looks like a binary file, not text.`);
  const isHtml = /\.html?$/i.test(name) || file.type === 'text/html' || /^\s*<(!doctype html|html)[\s>]/i.test(raw);
  const text = isHtml ? htmlToText(raw) : raw.replace(/\r\n?/g, '\n');
  return { text, name };
}

/**
 * Makes `el` accept dropped files (the first one) or dropped text.
 * onText({text, name}) gets the article; onError(Error) reports a bad file;
 * onHover(true|false) lets the page show a drop hint.
 */
export function attachDropZone(el, { onText, onError = () => {}, onHover = () => {} }) {
  let depth = 0;
  el.addEventListener('dragenter', (e) => { e.preventDefault(); if (depth++ === 0) onHover(true); });
  el.addEventListener('dragleave', () => { if (--depth <= 0) { depth = 0; onHover(false); } });
  el.addEventListener('dragover', (e) => { e.preventDefault(); if (e.dataTransfer) e.dataTransfer.dropEffect = 'copy'; });
  el.addEventListener('drop', async (e) => {
    e.preventDefault();
    depth = 0;
    onHover(false);
    const dt = e.dataTransfer;
    if (!dt) return;
    try {
      if (dt.files.length) onText(await readFile(dt.files[0]));
      else {
        const html = dt.getData('text/html');
        const text = html ? htmlToText(html) : dt.getData('text/plain');
        if (text) onText({ text, name: 'dropped text' });
      }
    } catch (err) {
      onError(err);
    }
  });
}
