// dateline web UI: a single page over the read-only JSON API (/api). No framework, no external code.
// Every piece of data reaches the page through textContent or setAttribute, never as HTML.
"use strict";

const FILTERS = ["type", "actor", "place", "date_from", "date_to", "modality"];
const PAGE = 50;
const SVGNS = "http://www.w3.org/2000/svg";
const KIND_ORDER = ["trigger", "actor", "place", "time", "quantity", "cue", "quote", "sentence"];
let world = null;  // the map layer, fetched once from /static/world.json

// --- small DOM helpers ------------------------------------------------------------------------
function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k === "text") node.textContent = String(v);
    else if (k === "cls") node.className = v;
    else if (k === "on") for (const [ev, fn] of Object.entries(v)) node.addEventListener(ev, fn);
    else node.setAttribute(k, String(v));
  }
  for (const c of children) {
    if (c === null || c === undefined || c === false) continue;
    node.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return node;
}
function svg(tag, attrs, ...children) {
  const node = document.createElementNS(SVGNS, tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined) continue;
    if (k === "text") node.textContent = String(v);
    else if (k === "on") for (const [ev, fn] of Object.entries(v)) node.addEventListener(ev, fn);
    else node.setAttribute(k, String(v));
  }
  for (const c of children) if (c) node.append(c);
  return node;
}
function link(hash, text, cls) { return el("a", { href: hash, text: text, cls: cls }); }
function hashFor(view, params) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params || {})) if (v !== null && v !== undefined && v !== "") q.set(k, v);
  const s = q.toString();
  return "#/" + view + (s ? "?" + s : "");
}
function actorLink(name) { return link("#/actor/" + encodeURIComponent(name), name, "actor-link"); }
function fmt(x, digits) { return x === null || x === undefined ? "" : (typeof x === "number" ? x.toFixed(digits === undefined ? 1 : digits) : String(x)); }
function main() { return document.getElementById("main"); }
function clear(node) { while (node.firstChild) node.removeChild(node.firstChild); return node; }

// --- API --------------------------------------------------------------------------------------
class ApiError extends Error {
  constructor(status, body) {
    const e = (body && body.error) || {};
    super((e.code ? "[" + e.code + "] " : "") + (e.message || "HTTP " + status) + (e.hint ? " " + e.hint : ""));
    this.status = status;
  }
}
async function api(path, params) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params || {})) if (v !== null && v !== undefined && v !== "") q.set(k, v);
  const url = "/api/" + path + (q.toString() ? "?" + q.toString() : "");
  const res = await fetch(url, { headers: { "Accept": "application/json" }, credentials: "same-origin" });
  let body = null;
  try { body = await res.json(); } catch (e) { body = null; }
  if (!res.ok) throw new ApiError(res.status, body);
  return body;
}
function showError(err) {
  main().append(el("div", { cls: "error", role: "alert", text: String(err.message || err) }));
}

// --- filters ----------------------------------------------------------------------------------
function readForm() {
  const f = {};
  const form = document.getElementById("filters");
  for (const name of FILTERS) {
    const v = form.elements[name].value.trim();
    if (v && !(name === "modality" && v === "asserted")) f[name] = v;
  }
  return f;
}
function fillForm(params) {
  const form = document.getElementById("filters");
  for (const name of FILTERS) form.elements[name].value = params.get(name) || (name === "modality" ? "asserted" : "");
}
function filtersOf(params) {
  const f = {};
  for (const name of FILTERS) if (params.get(name)) f[name] = params.get(name);
  return f;
}
function setupForm() {
  const form = document.getElementById("filters");
  form.addEventListener("submit", (ev) => {
    ev.preventDefault();
    const view = currentView();
    location.hash = hashFor(["map", "network"].includes(view) ? view : "events", readForm());
  });
  document.getElementById("f-clear").addEventListener("click", () => {
    fillForm(new URLSearchParams());
    location.hash = hashFor(["map", "network"].includes(currentView()) ? currentView() : "events", {});
  });
}
function currentView() { return (location.hash.replace(/^#\//, "").split(/[/?]/)[0]) || "events"; }

// --- evidence highlighting ----------------------------------------------------------------------
// Offsets from the API count code points (Python); JavaScript strings count UTF-16 units.
function offsetMapper(text) {
  if (!/[\uD800-\uDFFF]/.test(text)) return (i) => i;
  const map = [];
  let u = 0;
  for (const ch of text) { map.push(u); u += ch.length; }
  map.push(u);
  return (i) => map[Math.max(0, Math.min(i, map.length - 1))];
}
// spans: [{start, end, kind, title}] in code points. Builds the text with <mark>s into `into`.
function highlight(into, text, spans) {
  const toU = offsetMapper(text);
  const items = spans.filter((s) => s && s.start !== null && s.end !== null && s.end > s.start)
    .map((s) => ({ ...s, a: toU(s.start), b: toU(s.end) }));
  const cuts = new Set([0, text.length]);
  for (const s of items) { cuts.add(Math.max(0, Math.min(s.a, text.length))); cuts.add(Math.max(0, Math.min(s.b, text.length))); }
  const points = [...cuts].sort((x, y) => x - y);
  for (let i = 0; i + 1 < points.length; i++) {
    const a = points[i], b = points[i + 1];
    const piece = text.slice(a, b);
    const over = items.filter((s) => s.a <= a && s.b >= b);
    if (!over.length) { into.append(document.createTextNode(piece)); continue; }
    over.sort((x, y) => KIND_ORDER.indexOf(x.kind) - KIND_ORDER.indexOf(y.kind));
    const kinds = [...new Set(over.map((s) => s.kind))];
    const mark = el("mark", { cls: "hl hl-" + kinds[0], "data-kind": kinds.join(" "), text: piece });
    const titles = over.filter((s) => s.title).map((s) => s.title);
    if (titles.length) mark.setAttribute("title", titles.join("\n"));
    into.append(mark);
  }
  return into;
}
function legend(kinds) {
  const box = el("div", { cls: "legend" });
  for (const k of kinds) box.append(el("span", { cls: "hl hl-" + k, text: k }));
  return box;
}

// --- charts -----------------------------------------------------------------------------------
// Bars per period: cooperation above the axis, conflict below; a line for mean intensity.
function periodChart(buckets, opts) {
  const W = 1200, H = 220, pad = 34;
  const box = el("figure", { cls: "chart" });
  if (!buckets.length) { box.append(el("p", { cls: "muted", text: "No dated events." })); return box; }
  const coop = (b) => (b.verbal_cooperation || 0) + (b.material_cooperation || 0);
  const conf = (b) => (b.verbal_conflict || 0) + (b.material_conflict || 0);
  const max = Math.max(1, ...buckets.map((b) => Math.max(coop(b), conf(b), b.n_events && !coop(b) && !conf(b) ? b.n_events : 0)));
  const s = svg("svg", { viewBox: `0 0 ${W} ${H}`, class: "chart-svg", role: "img" });
  s.append(svg("title", { text: (opts && opts.title) || "events per period" }));
  const mid = H / 2, bw = Math.max(1, (W - 2 * pad) / buckets.length - 1), scale = (H / 2 - 18) / max;
  s.append(svg("line", { x1: pad, x2: W - pad, y1: mid, y2: mid, class: "axis" }));
  buckets.forEach((b, i) => {
    const x = pad + i * ((W - 2 * pad) / buckets.length);
    const up = coop(b) * scale, down = conf(b) * scale;
    const label = `${b.period}: ${b.n_events} events, ${coop(b)} cooperation, ${conf(b)} conflict` +
      (b.mean_intensity === null || b.mean_intensity === undefined ? "" : `, mean intensity ${b.mean_intensity}`);
    const g = svg("g", { class: "bar" });
    g.append(svg("title", { text: label }));
    g.append(svg("rect", { x: x, y: mid - up, width: bw, height: Math.max(up, 0), class: "coop" }));
    g.append(svg("rect", { x: x, y: mid, width: bw, height: Math.max(down, 0), class: "conf" }));
    s.append(g);
  });
  const pts = buckets.map((b, i) => b.mean_intensity === null || b.mean_intensity === undefined ? null :
    [pad + i * ((W - 2 * pad) / buckets.length) + bw / 2, mid - (b.mean_intensity / 10) * (H / 2 - 18)]).filter(Boolean);
  if (pts.length > 1) s.append(svg("polyline", { points: pts.map((p) => p[0].toFixed(1) + "," + p[1].toFixed(1)).join(" "), class: "intensity" }));
  s.append(svg("text", { x: 4, y: 14, class: "tick", text: "cooperation ▲" }));
  s.append(svg("text", { x: 4, y: H - 4, class: "tick", text: "conflict ▼" }));
  s.append(svg("text", { x: W - 4, y: 14, class: "tick end", text: `${buckets[0].period} – ${buckets[buckets.length - 1].period}, max ${max} per period` }));
  box.append(s);
  box.append(el("figcaption", { cls: "muted", text: "Bars: events per period (green cooperation up, red conflict down); line: mean PLOVER intensity (-10..10)." }));
  return box;
}

// --- views ------------------------------------------------------------------------------------
function eventTable(rows) {
  const table = el("table", { cls: "events", id: "events-table" });
  table.append(el("thead", {}, el("tr", {}, ...["Date", "Type", "Modality", "Source", "Target", "Place", "Trigger", "Evidence"].map((h) => el("th", { text: h })))));
  const body = el("tbody");
  for (const r of rows) {
    const tr = el("tr", { cls: "event-row", "data-id": r.id, tabindex: "0" });
    const open = () => { location.hash = "#/event/" + encodeURIComponent(r.id); };
    tr.addEventListener("click", (ev) => { if (ev.target.tagName !== "A") open(); });
    tr.addEventListener("keydown", (ev) => { if (ev.key === "Enter") open(); });
    const names = (xs) => { const td = el("td"); (xs || []).forEach((n, i) => { if (i) td.append(", "); td.append(actorLink(n)); }); return td; };
    tr.append(el("td", { text: r.date || "" }), el("td", { cls: "type", text: r.type }),
      el("td", { cls: "modality m-" + (r.modality || ""), text: r.modality || "" }),
      names(r.source_names), names(r.target_names), el("td", { text: r.place_name || "" }),
      el("td", { cls: "trigger", text: r.trigger_text || "" }),
      el("td", { cls: "sentence", text: (r.sentence || "").replace(/\s+/g, " ").slice(0, 220) }));
    body.append(tr);
  }
  table.append(body);
  return table;
}
function pager(total, offset, limit, go) {
  const box = el("div", { cls: "pager" });
  const last = Math.min(total, offset + limit);
  box.append(el("span", { text: total ? `${offset + 1}–${last} of ${total.toLocaleString()}` : "no events" }));
  const prev = el("button", { type: "button", text: "‹ Previous", id: "prev", disabled: offset <= 0 ? "disabled" : null });
  const next = el("button", { type: "button", text: "Next ›", id: "next", disabled: last >= total ? "disabled" : null });
  prev.addEventListener("click", () => go(Math.max(0, offset - limit)));
  next.addEventListener("click", () => go(offset + limit));
  box.append(prev, next);
  return box;
}

async function viewEvents(params) {
  const f = filtersOf(params);
  const offset = Math.max(0, parseInt(params.get("offset") || "0", 10) || 0);
  const [page, tl] = await Promise.all([api("events", { ...f, limit: PAGE, offset }), api("timeline", { ...f, period: "month" })]);
  const m = main();
  m.append(el("h1", { text: "Events" }));
  m.append(periodChart(tl.buckets, { title: "events per month" }));
  m.append(pager(page.total, offset, PAGE, (o) => { location.hash = hashFor("events", { ...f, offset: o || null }); }));
  m.append(eventTable(page.items));
}

function fieldRow(label, value, evidence, reason) {
  const tr = el("tr");
  tr.append(el("th", { text: label }));
  const v = el("td", { cls: "value" });
  if (value instanceof Node) v.append(value); else v.textContent = value === null || value === undefined ? "" : String(value);
  tr.append(v, el("td", { cls: "evidence", text: evidence || "" }), el("td", { cls: "reason", text: reason || "" }));
  return tr;
}
function actorLabel(a) { return a.name || a.text; }
function actorDesc(a) { return [a.country, a.sector, a.kb_id].filter(Boolean).join(" · "); }

async function viewEvent(id) {
  const e = await api("events/" + encodeURIComponent(id));
  const m = main();
  m.append(el("h1", {}, el("span", { cls: "type", text: e.type }), " ", el("span", { cls: "modality m-" + e.modality, text: e.modality || "" }),
    " ", el("span", { cls: "muted", text: (e.time && (e.time.start_date || e.time.value)) || "" })));
  const t = el("table", { cls: "fields", id: "fields" });
  t.append(el("thead", {}, el("tr", {}, ...["Field", "Value", "Evidence", "Reason"].map((h) => el("th", { text: h })))));
  const body = el("tbody");
  body.append(fieldRow("type", [e.type, e.mode, e.cameo ? "CAMEO " + e.cameo : null, e.acled_subtype].filter(Boolean).join(" · "), e.trigger.text, e.reason));
  body.append(fieldRow("intensity", fmt(e.intensity), "", "PLOVER conflict (-10) to cooperation (10)"));
  body.append(fieldRow("modality", e.modality, e.modality_cue ? e.modality_cue.text : "", e.modality_cue ? "cue word" : ""));
  for (const [role, list] of [["source", e.sources], ["target", e.targets]]) {
    for (const a of list) {
      const v = el("span", {}, actorLink(actorLabel(a)), " ", el("span", { cls: "muted", text: actorDesc(a) }));
      body.append(fieldRow(role, v, a.text, a.reason));
    }
  }
  if (e.place) body.append(fieldRow("place", [e.place.name, e.place.feature, e.place.country].filter(Boolean).join(" · "), e.place.text, e.place.reason));
  const tm = e.time || {};
  body.append(fieldRow("time", [tm.value, tm.start_date && tm.end_date && tm.start_date !== tm.end_date ? `${tm.start_date} – ${tm.end_date}` : tm.start_date, tm.granularity].filter(Boolean).join(" · "),
    tm.ref ? tm.ref.text : (tm.from || ""), tm.ref ? tm.ref.reason : (tm.from === "publication date" ? "no time expression: the publication date" : "")));
  for (const q of e.quantities || []) body.append(fieldRow("quantity", `${q.kind}: ${q.min === q.max ? fmt(q.min, 0) : fmt(q.min, 0) + "–" + fmt(q.max, 0)}`, q.text, ""));
  if (e.reported_by) body.append(fieldRow("reported by", e.reported_by.speaker_name || (e.reported_by.source && e.reported_by.source.text) || "", e.reported_by.cue ? e.reported_by.cue.text : "", e.reported_by.reason));
  if (e.cluster_id) body.append(fieldRow("cluster", e.cluster_id, "", "same real-world event in other articles"));
  t.append(body);
  m.append(t);
  const a = e.article;
  m.append(el("h2", {}, link("#/article/" + encodeURIComponent(a.id), a.title || a.id), " ", el("span", { cls: "muted", text: [a.source, a.published].filter(Boolean).join(", ") })));
  const spans = [{ start: e.sentence.start, end: e.sentence.end, kind: "sentence", title: "evidence sentence" },
    { start: e.trigger.start, end: e.trigger.end, kind: "trigger", title: "trigger: " + e.type + (e.reason ? " — " + e.reason : "") }];
  for (const x of [...e.sources, ...e.targets]) spans.push({ start: x.start, end: x.end, kind: "actor", title: "actor: " + actorLabel(x) + (x.reason ? " — " + x.reason : "") });
  if (e.place) spans.push({ start: e.place.start, end: e.place.end, kind: "place", title: "place: " + (e.place.name || "") + (e.place.reason ? " — " + e.place.reason : "") });
  if (tm.ref) spans.push({ start: tm.ref.start, end: tm.ref.end, kind: "time", title: "time: " + (tm.ref.value || "") + (tm.ref.reason ? " — " + tm.ref.reason : "") });
  for (const q of e.quantities || []) spans.push({ start: q.start, end: q.end, kind: "quantity", title: "quantity: " + q.kind });
  if (e.modality_cue) spans.push({ start: e.modality_cue.start, end: e.modality_cue.end, kind: "cue", title: "modality cue: " + e.modality });
  m.append(legend(["trigger", "actor", "place", "time", "quantity", "cue", "sentence"]));
  const text = el("div", { cls: "article-text", id: "article-text" });
  highlight(text, a.text, spans);
  m.append(text);
  const first = text.querySelector("mark.hl-trigger") || text.querySelector("mark");
  if (first && first.scrollIntoView) first.scrollIntoView({ block: "center" });
}

async function viewArticle(id) {
  const a = await api("articles/" + encodeURIComponent(id));
  const m = main();
  m.append(el("h1", { text: a.title || a.id }));
  const meta = el("p", { cls: "muted", text: [a.source, a.published, a.published_from ? "date from " + a.published_from : null].filter(Boolean).join(" · ") + " " });
  if (a.url && /^https?:\/\//i.test(a.url)) meta.append(el("a", { href: a.url, rel: "noopener noreferrer nofollow", target: "_blank", text: a.url }));
  m.append(meta);
  const spans = [];
  for (const x of a.actors) spans.push({ start: x.start, end: x.end, kind: "actor", title: "actor: " + actorLabel(x) + (x.reason ? " — " + x.reason : "") });
  for (const x of a.places) spans.push({ start: x.start, end: x.end, kind: "place", title: "place: " + (x.name || "") + (x.reason ? " — " + x.reason : "") });
  for (const x of a.times) spans.push({ start: x.start, end: x.end, kind: "time", title: "time: " + (x.value || "") + (x.reason ? " — " + x.reason : "") });
  for (const q of a.quotes) if (q.content) spans.push({ start: q.content.start, end: q.content.end, kind: "quote", title: "quote" + (q.speaker_name ? " by " + q.speaker_name : "") });
  m.append(legend(["actor", "place", "time", "quote"]));
  m.append(highlight(el("div", { cls: "article-text", id: "article-text" }), a.text, spans));
  m.append(el("h2", { text: `Events (${a.events.length})` }));
  m.append(eventTable(a.events));
}

async function viewActor(name) {
  const a = await api("actors/" + encodeURIComponent(name));
  const m = main();
  m.append(el("h1", { id: "actor-name" }, el("span", { text: a.name }), " ", el("span", { cls: "muted", text: `${a.mentions} mentions in ${a.articles} articles` })));
  const grid = el("div", { cls: "grid" });
  const box = (title, rows) => { const b = el("section", { cls: "card" }, el("h3", { text: title })); const ul = el("ul"); rows.forEach((r) => ul.append(r)); if (!rows.length) ul.append(el("li", { cls: "muted", text: "none" })); b.append(ul); return b; };
  const dates = (r) => (r.first ? ` ${r.first}${r.last && r.last !== r.first ? " – " + r.last : ""}` : "");
  grid.append(box("Identities", a.roles.map((i) => el("li", { text: [i.country, i.sector].filter(Boolean).join(" · ") + ` (${i.mentions})` + dates(i) }))
    .concat(a.kb_roles.map((r) => el("li", { cls: "kb-role", text: "KB: " + [r.office, r.org, r.country, r.sector].filter(Boolean).join(" · ") + (r.start || r.end ? ` (${r.start || "…"} – ${r.end || "…"})` : "") })))));
  grid.append(box("Aliases", a.aliases.map((x) => el("li", { cls: "alias", text: `${x.text} (${x.mentions})` }))));
  grid.append(box("Roles", a.event_roles.map((x) => el("li", { text: `${x.role}: ${x.n}` }))));
  m.append(grid);
  m.append(el("h2", { text: "Timeline" }));
  m.append(periodChart(a.timeline, { title: "events per month" }));
  m.append(el("h2", {}, `Events (${a.events.total})`, " ", link(hashFor("events", { actor: a.events_actor, modality: "all" }), "all, with filters")));
  m.append(eventTable(a.events.items));
  m.append(el("h2", { text: `Quotes by or about ${a.name} (${a.quotes.length})` }));
  m.append(quoteList(a.quotes));
}

function quoteList(rows) {
  const ul = el("ul", { cls: "quotes" });
  for (const q of rows) {
    const li = el("li", { cls: "quote" });
    li.append(el("q", { text: q.content || "" }), " — ");
    li.append(q.speaker_name ? actorLink(q.speaker_name) : el("span", { text: q.source || "unknown" }));
    li.append(" ", el("span", { cls: "muted", text: [q.cue, q.date, q.kind, q.role === "about" ? "about" : null].filter(Boolean).join(" · ") + " " }));
    li.append(link("#/article/" + encodeURIComponent(q.article_id), "article"));
    ul.append(li);
  }
  if (!rows.length) ul.append(el("li", { cls: "muted", text: "none" }));
  return ul;
}

async function viewActors(params) {
  const q = params.get("q") || "";
  const offset = Math.max(0, parseInt(params.get("offset") || "0", 10) || 0);
  const page = await api("actors", { q, limit: PAGE, offset });
  const m = main();
  m.append(el("h1", { text: "Actors" }));
  const form = el("form", { cls: "inline" }, el("input", { name: "q", value: q, placeholder: "part of a name", maxlength: "200" }), el("button", { type: "submit", text: "Find" }));
  form.addEventListener("submit", (ev) => { ev.preventDefault(); location.hash = hashFor("actors", { q: form.elements.q.value.trim() }); });
  m.append(form);
  m.append(pager(page.total, offset, PAGE, (o) => { location.hash = hashFor("actors", { q, offset: o || null }); }));
  const t = el("table", { cls: "actors" });
  t.append(el("thead", {}, el("tr", {}, ...["Actor", "Country", "Sector", "Events", "Mentions", "Articles"].map((h) => el("th", { text: h })))));
  const body = el("tbody");
  for (const r of page.items) body.append(el("tr", {}, el("td", {}, actorLink(r.name)), el("td", { text: r.country || "" }), el("td", { text: r.sector || "" }),
    el("td", { text: r.events }), el("td", { text: r.mentions }), el("td", { text: r.articles })));
  t.append(body);
  m.append(t);
}

async function viewQuotes(params) {
  const speaker = params.get("speaker") || "", about = params.get("about") || "";
  const offset = Math.max(0, parseInt(params.get("offset") || "0", 10) || 0);
  const page = await api("quotes", { speaker, about, limit: PAGE, offset });
  const m = main();
  m.append(el("h1", { text: "Quotes" }));
  const form = el("form", { cls: "inline" }, el("input", { name: "speaker", value: speaker, placeholder: "speaker", maxlength: "200" }),
    el("input", { name: "about", value: about, placeholder: "about", maxlength: "200" }), el("button", { type: "submit", text: "Find" }));
  form.addEventListener("submit", (ev) => { ev.preventDefault(); location.hash = hashFor("quotes", { speaker: form.elements.speaker.value.trim(), about: form.elements.about.value.trim() }); });
  m.append(form, quoteList(page.items));
  const nav = el("div", { cls: "pager" });
  if (offset > 0) nav.append(link(hashFor("quotes", { speaker, about, offset: Math.max(0, offset - PAGE) || null }), "‹ Previous"));
  if (page.has_more) nav.append(link(hashFor("quotes", { speaker, about, offset: offset + PAGE }), "Next ›"));
  m.append(nav);
}

async function viewDyad(params) {
  const a = params.get("a") || "", b = params.get("b") || "", period = params.get("period") || "month";
  const modality = params.get("modality") || "all";
  const m = main();
  m.append(el("h1", { text: "Dyad" }));
  const form = el("form", { cls: "inline", id: "dyad-form" },
    el("input", { name: "a", value: a, placeholder: "actor A (RUS, name)", maxlength: "200", required: "required" }),
    el("input", { name: "b", value: b, placeholder: "actor B", maxlength: "200" }),
    el("select", { name: "period" }, ...["day", "week", "month"].map((p) => el("option", { value: p, text: p, selected: p === period ? "selected" : null }))),
    el("button", { type: "submit", text: "Show" }));
  form.addEventListener("submit", (ev) => { ev.preventDefault(); location.hash = hashFor("dyad", { a: form.elements.a.value.trim(), b: form.elements.b.value.trim(), period: form.elements.period.value }); });
  m.append(form);
  if (!a) { m.append(el("p", { cls: "muted", text: "Give two actors to see how they treat each other over time." })); return; }
  const d = await api("dyad", { a, b, period, modality, limit: 200 });
  m.append(el("p", { text: `${d.n_items} events and statements between ${d.actors.join(" and ")} (either direction).` }));
  m.append(periodChart(d.periods.map((p) => ({ ...p, sum_intensity: null })), { title: "dyad intensity" }));
  const t = el("table", { cls: "events" });
  t.append(el("thead", {}, el("tr", {}, ...["Date", "Kind", "Type", "Source", "Target", "Intensity", "Text"].map((h) => el("th", { text: h })))));
  const body = el("tbody");
  for (const it of d.items) {
    const text = el("td", { cls: "sentence" });
    text.append(it.kind === "event" ? link("#/event/" + encodeURIComponent(it.id), (it.text || "").slice(0, 200)) : el("span", { text: (it.text || "").slice(0, 200) }));
    body.append(el("tr", {}, el("td", { text: it.date || "" }), el("td", { text: it.kind }), el("td", { text: it.type || "" }),
      el("td", { text: it.sources || "" }), el("td", { text: it.targets || "" }), el("td", { text: fmt(it.intensity) }), text));
  }
  t.append(body);
  m.append(t);
}

async function viewMap(params) {
  const f = filtersOf(params);
  if (!world) {
    const res = await fetch("/static/world.json");
    if (!res.ok) throw new Error("The map layer could not be loaded.");
    world = await res.json();
  }
  const data = await api("places", { ...f, limit: 2000 });
  const m = main();
  m.append(el("h1", { text: "Map" }));
  m.append(el("p", { cls: "muted", id: "map-note", text: `${data.n_mapped.toLocaleString()} of ${data.n_events.toLocaleString()} events have a place with coordinates; ${data.items.length} places shown. Click a marker for its events; scroll to zoom, drag to pan.` }));
  const W = 1000, H = 500, top = 85, bottom = -60;
  const px = (lon) => (lon + 180) / 360 * W;
  const py = (lat) => (top - lat) / (top - bottom) * H;
  const s = svg("svg", { viewBox: `0 0 ${W} ${H}`, class: "map", id: "map", role: "img" });
  s.append(svg("title", { text: "event locations" }));
  s.append(svg("rect", { x: 0, y: 0, width: W, height: H, class: "sea" }));
  const land = svg("g", { class: "land" });
  for (const c of world.countries) {
    let d = "";
    for (const ring of c.rings) {
      for (let i = 0; i < ring.length; i += 2) d += (i ? "L" : "M") + px(ring[i]).toFixed(1) + " " + py(ring[i + 1]).toFixed(1);
      d += "Z";
    }
    const p = svg("path", { d: d });
    p.append(svg("title", { text: c.name || "" }));
    land.append(p);
  }
  s.append(land);
  const max = Math.max(1, ...data.items.map((p) => p.n_events));
  const markers = svg("g", { class: "markers" });
  for (const p of data.items) {
    const c = svg("circle", { cx: px(p.lon).toFixed(1), cy: py(p.lat).toFixed(1), r: (2.5 + 12 * Math.sqrt(p.n_events / max)).toFixed(1), class: "marker" });
    c.append(svg("title", { text: `${p.name || "?"}: ${p.n_events} events` }));
    c.addEventListener("click", () => { location.hash = hashFor("events", { ...f, place: p.name }); });
    markers.append(c);
  }
  s.append(markers);
  panZoom(s, W, H);
  m.append(el("div", { cls: "map-box" }, s));
  m.append(el("p", { cls: "muted small", text: world.attribution || "" }));
}
function panZoom(s, W, H) {
  let vb = [0, 0, W, H], drag = null;
  const apply = () => s.setAttribute("viewBox", vb.map((v) => v.toFixed(1)).join(" "));
  s.addEventListener("wheel", (ev) => {
    ev.preventDefault();
    const r = s.getBoundingClientRect();
    const fx = (ev.clientX - r.left) / r.width, fy = (ev.clientY - r.top) / r.height;
    const k = ev.deltaY < 0 ? 0.8 : 1.25;
    const w = Math.min(W, Math.max(W / 20, vb[2] * k)), h = w * H / W;
    vb = [vb[0] + (vb[2] - w) * fx, vb[1] + (vb[3] - h) * fy, w, h];
    apply();
  }, { passive: false });
  s.addEventListener("mousedown", (ev) => { drag = [ev.clientX, ev.clientY, vb[0], vb[1]]; });
  window.addEventListener("mouseup", () => { drag = null; });
  s.addEventListener("mousemove", (ev) => {
    if (!drag) return;
    const r = s.getBoundingClientRect();
    vb[0] = drag[2] - (ev.clientX - drag[0]) * vb[2] / r.width;
    vb[1] = drag[3] - (ev.clientY - drag[1]) * vb[3] / r.height;
    apply();
  });
}

async function viewNetwork(params) {
  const f = filtersOf(params);
  const net = await api("network", { ...f, limit: 80 });
  const m = main();
  m.append(el("h1", { text: "Actor network" }));
  m.append(el("p", { cls: "muted", text: `Who acts on whom: the ${net.edges.length} strongest links among the filtered events. Line width: events; colour: mean intensity (red conflict, green cooperation). Click an actor for its page.` }));
  const W = 1000, H = 620;
  const nodes = net.nodes.map((n, i) => ({ ...n, x: W / 2 + 250 * Math.cos(2 * Math.PI * i / net.nodes.length), y: H / 2 + 250 * Math.sin(2 * Math.PI * i / net.nodes.length) }));
  const at = new Map(nodes.map((n, i) => [n.label, i]));
  const edges = net.edges.map((e) => ({ ...e, s: at.get(e.source), t: at.get(e.target) })).filter((e) => e.s !== undefined && e.t !== undefined);
  layout(nodes, edges, W, H);
  const maxE = Math.max(1, ...edges.map((e) => e.n_events)), maxN = Math.max(1, ...nodes.map((n) => n.n_events));
  const s = svg("svg", { viewBox: `0 0 ${W} ${H}`, class: "network", id: "network", role: "img" });
  s.append(svg("title", { text: "actor network" }));
  const defs = svg("defs");
  defs.append(svg("marker", { id: "arrow", viewBox: "0 0 10 10", refX: "10", refY: "5", markerWidth: "9", markerHeight: "9", markerUnits: "userSpaceOnUse", orient: "auto-start-reverse" }, svg("path", { d: "M0 0L10 5L0 10z", class: "arrowhead" })));
  s.append(defs);
  for (const e of edges) {
    const a = nodes[e.s], b = nodes[e.t];
    if (e.s === e.t) continue;
    const dx = b.x - a.x, dy = b.y - a.y, len = Math.hypot(dx, dy) || 1, rb = 6 + 10 * Math.sqrt(b.n_events / maxN);
    const line = svg("line", { x1: a.x.toFixed(1), y1: a.y.toFixed(1), x2: (b.x - dx / len * rb).toFixed(1), y2: (b.y - dy / len * rb).toFixed(1),
      "stroke-width": (1 + 5 * e.n_events / maxE).toFixed(2), stroke: intensityColour(e.mean_intensity), "marker-end": "url(#arrow)", class: "edge" });
    line.append(svg("title", { text: `${e.source} → ${e.target}: ${e.n_events} events, mean intensity ${fmt(e.mean_intensity)}` }));
    s.append(line);
  }
  for (const n of nodes) {
    const g = svg("g", { class: "node", transform: `translate(${n.x.toFixed(1)},${n.y.toFixed(1)})` });
    g.append(svg("circle", { r: (6 + 10 * Math.sqrt(n.n_events / maxN)).toFixed(1) }));
    g.append(svg("text", { x: 0, y: -14, class: "label", text: n.label }));
    g.append(svg("title", { text: `${n.label}: ${n.n_events} events` }));
    g.addEventListener("click", () => { location.hash = "#/actor/" + encodeURIComponent(n.label); });
    s.append(g);
  }
  m.append(s);
}
function intensityColour(v) {
  if (v === null || v === undefined) return "#888";
  const t = Math.max(-1, Math.min(1, v / 10));
  return t < 0 ? `rgb(${200},${Math.round(80 + 100 * (1 + t))},${Math.round(80 + 100 * (1 + t))})` : `rgb(${Math.round(180 - 130 * t)},${160},${Math.round(180 - 130 * t)})`;
}
// A small force layout: nodes repel, edges pull, everything drifts to the centre. Deterministic.
function layout(nodes, edges, W, H) {
  const k = Math.sqrt(W * H / Math.max(1, nodes.length)) * 0.3;
  for (let it = 0; it < 250; it++) {
    const temp = (W / 12) * (1 - it / 250) + 1;
    const disp = nodes.map(() => [0, 0]);
    for (let i = 0; i < nodes.length; i++) for (let j = i + 1; j < nodes.length; j++) {
      let dx = nodes[i].x - nodes[j].x, dy = nodes[i].y - nodes[j].y;
      const d = Math.max(1, Math.hypot(dx, dy)), f = k * k / d;
      dx /= d; dy /= d;
      disp[i][0] += dx * f; disp[i][1] += dy * f; disp[j][0] -= dx * f; disp[j][1] -= dy * f;
    }
    for (const e of edges) {
      if (e.s === e.t) continue;
      const a = nodes[e.s], b = nodes[e.t];
      let dx = a.x - b.x, dy = a.y - b.y;
      const d = Math.max(1, Math.hypot(dx, dy)), f = d * d / k;
      dx /= d; dy /= d;
      disp[e.s][0] -= dx * f; disp[e.s][1] -= dy * f; disp[e.t][0] += dx * f; disp[e.t][1] += dy * f;
    }
    nodes.forEach((n, i) => {
      disp[i][0] += (W / 2 - n.x) * 0.35; disp[i][1] += (H / 2 - n.y) * 0.6;
      const d = Math.max(1, Math.hypot(disp[i][0], disp[i][1]));
      n.x = Math.max(40, Math.min(W - 40, n.x + disp[i][0] / d * Math.min(d, temp)));
      n.y = Math.max(30, Math.min(H - 20, n.y + disp[i][1] / d * Math.min(d, temp)));
    });
  }
}

async function viewSearch(params) {
  const q = params.get("q") || "";
  const offset = Math.max(0, parseInt(params.get("offset") || "0", 10) || 0);
  const m = main();
  m.append(el("h1", { text: "Search" }));
  const form = el("form", { cls: "inline", id: "search-form" }, el("input", { name: "q", value: q, placeholder: "words in articles and quotes", maxlength: "400" }), el("button", { type: "submit", text: "Search" }));
  form.addEventListener("submit", (ev) => { ev.preventDefault(); location.hash = hashFor("search", { q: form.elements.q.value.trim() }); });
  m.append(form);
  if (!q) return;
  const r = await api("search", { q, limit: PAGE, offset });
  m.append(el("p", { cls: "muted", text: `${r.total} hits (${r.mode} search)` }));
  const ul = el("ul", { cls: "hits" });
  for (const h of r.items) {
    const li = el("li", {}, link("#/article/" + encodeURIComponent(h.article_id), h.title || h.article_id), " ", el("span", { cls: "muted", text: [h.kind, h.published].filter(Boolean).join(" · ") }));
    li.append(el("div", { cls: "snippet", text: h.snippet }));
    ul.append(li);
  }
  m.append(ul);
  m.append(pager(r.total, offset, PAGE, (o) => { location.hash = hashFor("search", { q, offset: o || null }); }));
}

// --- routing ------------------------------------------------------------------------------------
async function route() {
  const raw = location.hash.replace(/^#\/?/, "");
  const [path, query] = raw.split("?");
  const params = new URLSearchParams(query || "");
  const parts = path.split("/");
  const view = parts[0] || "events";
  const arg = parts.length > 1 ? decodeURIComponent(parts.slice(1).join("/")) : "";
  for (const a of document.querySelectorAll("#nav a")) a.classList.toggle("active", a.dataset.view === view);
  document.getElementById("filters").hidden = !["events", "map", "network", ""].includes(view);
  fillForm(params);
  const m = clear(main());
  m.setAttribute("data-view", view);
  m.setAttribute("aria-busy", "true");
  try {
    if (view === "event") await viewEvent(arg);
    else if (view === "article") await viewArticle(arg);
    else if (view === "actor") await viewActor(arg);
    else if (view === "actors") await viewActors(params);
    else if (view === "quotes") await viewQuotes(params);
    else if (view === "dyad") await viewDyad(params);
    else if (view === "map") await viewMap(params);
    else if (view === "network") await viewNetwork(params);
    else if (view === "search") await viewSearch(params);
    else await viewEvents(params);
  } catch (err) {
    showError(err);
  } finally {
    m.setAttribute("aria-busy", "false");
    m.setAttribute("data-ready", view);
  }
}

async function start() {
  setupForm();
  window.addEventListener("hashchange", route);
  try {
    const st = await api("stats");
    const sel = document.getElementById("f-type");
    for (const t of st.types) sel.append(el("option", { value: t, text: t }));
    const mod = document.getElementById("f-modality");
    for (const x of st.modalities) if (x !== "asserted") mod.append(el("option", { value: x, text: x }));
    document.getElementById("stats").textContent = `${(st.tables.events || 0).toLocaleString()} events · ${(st.tables.articles || 0).toLocaleString()} articles`;
  } catch (err) { showError(err); }
  await route();
}
document.addEventListener("DOMContentLoaded", start);
