// Streamlit's own English interface texts (uploader, multiselect, menus, dataframe toolbar) in
// Bahasa Indonesia. Streamlit 1.67 has no locale setting, so the texts are replaced in the page:
// a MutationObserver on the document body rewrites a text node or an aria-label / title /
// placeholder attribute whose whole (trimmed) value is a known Streamlit text, using the fixed
// dictionary that ui/streamlit_texts.py sends as `data`. No network and no HTML: only
// `nodeValue` and `setAttribute` with the dictionary's own strings; a value is rewritten only
// when it equals a key exactly or matches one of the anchored patterns.
//
// Text that the app itself writes (Markdown: titles, labels, captions, page names in the menu;
// code) is never touched: such nodes sit inside one of OWN. Streamlit draws a few of its own
// texts as Markdown too (the uploader's button, the menu's "1 more", the toolbar's tooltips): a
// Markdown container inside one of CHROME is Streamlit's. (A `help=` tooltip of the app is one
// too, but only a whole text equal to a Streamlit text would change, and ours are Indonesian.)

const OWN =
  '[data-testid="stMarkdownContainer"], [data-testid="stCode"], code, pre, script, style, ' +
  'textarea, [contenteditable="true"]';
const CHROME =
  '[data-testid="stFileUploaderDropzone"] button, [data-testid="stTopNavSection"], ' +
  '[data-testid="stSidebarNavViewButton"], [data-testid="stTooltipContent"]';
const ATTRIBUTES = ["aria-label", "title", "placeholder", "data-title"];
const STATE = "__sakipTeksStreamlit";

/** The dictionary in usable form: exact texts as a Map, patterns as anchored RegExps. */
export function compile(dictionary) {
  const exact = new Map(Object.entries(dictionary.exact || {}));
  const patterns = (dictionary.patterns || []).map(([source, target]) => [
    new RegExp("^(?:" + source + ")$"),
    target,
  ]);
  return { exact, patterns };
}

/** The Indonesian text for `value`, or null when it is not a known Streamlit text. */
export function translate(compiled, value) {
  if (typeof value !== "string") return null;
  const core = value.trim();
  if (!core) return null;
  let out = compiled.exact.get(core);
  if (out === undefined) {
    for (const [pattern, target] of compiled.patterns) {
      if (pattern.test(core)) {
        out = core.replace(pattern, target);
        break;
      }
    }
  }
  if (out === undefined || out === core) return null;
  // keep the spaces around the text (React splits "50MB per file" and " • CSV" into two nodes)
  const lead = value.slice(0, value.indexOf(core));
  const tail = value.slice(value.indexOf(core) + core.length);
  return lead + out + tail;
}

/** Whether `element` holds the app's own text (or is gone). */
export function skipped(element) {
  if (!element) return true;
  const own = element.closest(OWN);
  if (own === null) return false;
  const chrome = element.closest(CHROME);
  return chrome === null || !chrome.contains(own);
}

function fixText(compiled, node) {
  if (skipped(node.parentElement)) return;
  const out = translate(compiled, node.nodeValue);
  if (out !== null) node.nodeValue = out;
}

function fixAttributes(compiled, element) {
  if (skipped(element)) return;
  for (const name of ATTRIBUTES) {
    if (!element.hasAttribute(name)) continue;
    const out = translate(compiled, element.getAttribute(name));
    if (out !== null) element.setAttribute(name, out);
  }
}

/** Translate `root` and everything below it. */
export function fixTree(compiled, root) {
  if (root.nodeType === Node.TEXT_NODE) {
    fixText(compiled, root);
    return;
  }
  if (root.nodeType !== Node.ELEMENT_NODE && root.nodeType !== Node.DOCUMENT_FRAGMENT_NODE) {
    return;
  }
  if (root.nodeType === Node.ELEMENT_NODE) fixAttributes(compiled, root);
  const doc = root.ownerDocument || document;
  const walker = doc.createTreeWalker(root, NodeFilter.SHOW_TEXT | NodeFilter.SHOW_ELEMENT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (node.nodeType === Node.TEXT_NODE) fixText(compiled, node);
    else fixAttributes(compiled, node);
  }
}

function onMutations(records) {
  const compiled = window[STATE].compiled;
  for (const record of records) {
    if (record.type === "characterData") fixText(compiled, record.target);
    else if (record.type === "attributes") fixAttributes(compiled, record.target);
    else record.addedNodes.forEach((node) => fixTree(compiled, node));
  }
}

/** Install the observer once per browser tab; a later call only refreshes the dictionary. */
export function install(dictionary) {
  const compiled = compile(dictionary);
  const state = window[STATE];
  if (state) {
    state.compiled = compiled;
    return;
  }
  window[STATE] = { compiled };
  if (dictionary.container) {
    // the component has no visible part: without this its empty block adds a gap at the top
    const style = document.createElement("style");
    style.textContent = "." + CSS.escape(dictionary.container) + " { display: none; }";
    document.head.appendChild(style);
  }
  fixTree(compiled, document.body);
  new MutationObserver(onMutations).observe(document.body, {
    subtree: true,
    childList: true,
    characterData: true,
    attributes: true,
    attributeFilter: ATTRIBUTES,
  });
}

export default function (component) {
  if (component && component.data) install(component.data);
}
