// The on-screen view of a review: builds the page from the report's data.
//
// Safety: every string of the case reaches the page through `textContent` or an attribute
// setter (`el`, `svg` below), never through markup, so a summary that reads `<img onerror>`
// shows as text. The data arrives as JSON in a script element of type application/json
// whose angle brackets are escaped, so it cannot end that element either.
//
// Hooks for tests and scripts: `data-event`, `data-flag` and `data-agency` on every event,
// flag and lane; `#details` shows the chosen event; the page's one `input[type=search]`
// filters the chronology.
"use strict";

const data = JSON.parse(document.getElementById("report-data").textContent);
const t = JSON.parse(document.getElementById("report-strings").textContent);
const SVG = "http://www.w3.org/2000/svg";

// ---------------------------------------------------------------- building blocks

/** An HTML element; strings among `children` become text nodes, never markup. */
function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  setAttributes(node, attrs);
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    node.append(typeof child === "string" || typeof child === "number" ? String(child) : child);
  }
  return node;
}

/** An SVG element, with the same rules. */
function svg(tag, attrs, ...children) {
  const node = document.createElementNS(SVG, tag);
  setAttributes(node, attrs);
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined) continue;
    node.append(typeof child === "string" ? child : child);
  }
  return node;
}

function setAttributes(node, attrs) {
  for (const [name, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (name.startsWith("on")) {
      node.addEventListener(name.slice(2), value);
    } else if (name === "style") {
      // Through the CSSOM: the page's Content-Security-Policy refuses style attributes.
      Object.assign(node.style, value);
    } else {
      node.setAttribute(name, value === true ? "" : String(value));
    }
  }
}

// One listener for the whole page rather than one per event, flag and link: a case of
// thousands of events would otherwise spend its opening time wiring them.
document.addEventListener("click", (e) => {
  const goto = e.target.closest("a[data-goto]");
  if (goto) {
    e.preventDefault();
    choose(goto.dataset.goto);
    return;
  }
  const flagLink = e.target.closest("a[data-flag-link]");
  if (flagLink) {
    e.preventDefault();
    highlightFlag(flagLink.dataset.flagLink);
    return;
  }
  const flag = e.target.closest("#flags li[data-flag]");
  if (flag) {
    highlightFlag(flag.classList.contains("active") ? null : flag.dataset.flag);
    return;
  }
  const event = e.target.closest("#timeline [data-event], #chronology tr[data-event]");
  if (event) choose(event.dataset.event);
});

// Enter or Space on a focusable event, flag or row acts as a click on it.
document.addEventListener("keydown", (e) => {
  if (e.key !== "Enter" && e.key !== " ") return;
  const target = e.target.closest("[data-event][tabindex], [data-flag][tabindex]");
  if (!target || target !== e.target) return;
  e.preventDefault();
  target.dispatchEvent(new MouseEvent("click", { bubbles: true }));
});

function section(id, title, ...children) {
  return el("section", { id, "aria-labelledby": id + "-title" },
    el("h2", { id: id + "-title" }, title), ...children);
}

// ---------------------------------------------------------------- filling long lists

// The flags list and the chronology of a large case hold thousands of rows. The first rows
// are built at once; the rest in slices after the page has opened, so the timeline and the
// details answer from the first second. When every row is there, the root element gets
// `data-ready` (tests and scripts wait for it).
const FIRST_ROWS = 60;
const SLICE_MS = 25;
const pending = [];

/** Builds `items` into `parent` by `build`, the first rows now and the rest later;
 *  `after(from)` runs after each slice with the index of its first new item. */
function fill(parent, items, build, after) {
  const first = Math.min(FIRST_ROWS, items.length);
  for (let i = 0; i < first; i += 1) parent.append(build(items[i], i));
  after(0);
  let next = first;
  if (next < items.length) {
    pending.push(() => {
      const until = performance.now() + SLICE_MS;
      const from = next;
      while (next < items.length && performance.now() < until) {
        parent.append(build(items[next], next));
        next += 1;
      }
      after(from);
      return next >= items.length;
    });
  }
}

/** Runs the pending slices one per task until all are done, then marks the page ready. */
function fillLater() {
  if (!pending.length) {
    document.documentElement.dataset.ready = String(Math.round(performance.now()));
    // What was chosen while rows were missing applies to them too.
    if (chosenEvent) choose(chosenEvent);
    if (chosenFlag) highlightFlag(chosenFlag);
    return;
  }
  if (pending[0]()) pending.shift();
  setTimeout(fillLater, 0);
}

// ---------------------------------------------------------------- the case's indexes

const rows = new Map(data.chronology.map((row) => [row.id, row]));
const flagsOf = data.event_flags || {};
const flags = data.flags || [];
const changes = data.changes || null;
// The events a flag concerns: its evidence that cites events.
const flagEvents = new Map(flags.map((f) =>
  [f.id, f.evidence.filter((c) => c.kind === "event").map((c) => c.id)]));
const handoffByEvent = new Map((data.handoffs || []).map((h) => [h.event.id, h]));
const answeredHandoffs = new Map();
for (const h of data.handoffs || []) {
  if (h.answer) answeredHandoffs.set(h.answer.id, h);
}

/** How an event changed since the compared version (`--since`): "new", "changed" or undefined. */
function changeOf(id) {
  return changes ? changes.marks[id] : undefined;
}

// ---------------------------------------------------------------- selection

let chosenEvent = null;
let chosenFlag = null;

/** Shows an event in `#details` and marks it wherever it appears. */
function choose(id) {
  chosenEvent = id;
  for (const node of document.querySelectorAll("[data-event].chosen")) node.classList.remove("chosen");
  for (const node of document.querySelectorAll(`[data-event="${CSS.escape(id)}"]`)) node.classList.add("chosen");
  showDetails(id);
}

function showDetails(id) {
  const row = rows.get(id);
  const panel = document.getElementById("details");
  panel.replaceChildren(el("h2", {}, t.view_details));
  if (!row) return;
  const facts = el("dl", {});
  const fact = (term, ...value) => facts.append(el("dt", {}, term), el("dd", {}, ...value));
  fact(t.date, row.date);
  fact(t.agency, row.agency);
  fact(t.view_kind, row.kind);
  fact(t.what_happened, row.summary || "—");
  if (row.details.length) fact(t.view_people_concerns, el("ul", {}, row.details.map((d) => el("li", {}, d))));
  fact(t.seen, row.seen ? t.view_yes : t.view_no);
  fact(t.source, el("span", { class: "source" }, row.source || "—"));
  const handoff = handoffByEvent.get(id);
  if (handoff) {
    fact(t.view_answered_by, handoff.answer ? eventLink(handoff.answer) : t.view_not_answered);
  }
  const answered = answeredHandoffs.get(id);
  if (answered) fact(t.view_answers, eventLink(answered.event));
  const own = flagsOf[id] || [];
  if (own.length) fact(t.view_event_flags, el("ul", {}, own.map((f) => el("li", {}, flagLink(f)))));
  panel.append(facts);
}

function eventLink(cited) {
  return el("a", { href: "#event-" + cited.id, "data-goto": cited.id }, cited.label + " (" + cited.id + ")");
}

function flagLink(id) {
  return el("a", { href: "#flag-" + id, "data-flag-link": id }, id);
}

/** Marks the events of one flag (or none) in the timeline and the chronology. */
function highlightFlag(id) {
  chosenFlag = id;
  for (const node of document.querySelectorAll(".highlighted")) node.classList.remove("highlighted");
  for (const node of document.querySelectorAll("[data-flag].active")) node.classList.remove("active");
  if (!id) return;
  for (const event of flagEvents.get(id) || []) {
    for (const node of document.querySelectorAll(`[data-event="${CSS.escape(event)}"]`)) node.classList.add("highlighted");
  }
  const entry = document.querySelector(`#flags [data-flag="${CSS.escape(id)}"]`);
  if (entry) entry.classList.add("active");
}

// ---------------------------------------------------------------- title block

function titleBlock() {
  const meta = data.meta;
  const header = el("header", { id: "title" },
    meta.classification ? el("p", { class: "classification" }, meta.classification.label) : null,
    el("p", { class: "kind" }, t.document_kind),
    el("h1", {}, meta.title),
    el("p", { class: "meta" },
      `${t.case_id}: ${meta.case_id} · ${t.version}: ${meta.version} · ${t.date}: ${meta.date} · ${t.status}: ${meta.status}`),
  );
  if (meta.draft) header.append(el("p", { class: "draft-banner", role: "note" }, t.draft_mark));
  if (meta.relative_dates) header.append(el("p", { class: "note" }, t.relative_dates_note));
  if (meta.since) header.append(el("p", { class: "meta" }, `${t.since_version}: ${meta.since}`));
  return header;
}

function navigation(parts) {
  return el("nav", { "aria-label": t.view_sections },
    el("ul", {}, parts.map(([id, title]) => el("li", {}, el("a", { href: "#" + id }, title)))));
}

// ---------------------------------------------------------------- the swimlane timeline

const LANE = 34;
const LABEL = 190;
const WIDTH = 1000;

function timeline() {
  const figure = data.timeline;
  const hidden = new Set();
  let zoom = [0, 1];
  const drawing = el("div", { class: "figure" });
  const from = el("select", { "aria-label": t.view_period_from });
  const to = el("select", { "aria-label": t.view_period_to });
  figure.ticks.forEach((tick, i) => {
    from.append(el("option", { value: i }, tick.label));
    to.append(el("option", { value: i }, tick.label));
  });
  to.append(el("option", { value: "end", selected: true }, t.outcome));
  const apply = () => {
    const start = figure.ticks[Number(from.value)] ? figure.ticks[Number(from.value)].x : 0;
    const end = to.value === "end" ? 1 : figure.ticks[Number(to.value)].x;
    zoom = end > start ? [start, end] : [0, 1];
    draw();
  };
  from.addEventListener("change", apply);
  to.addEventListener("change", apply);
  const whole = el("button", { type: "button" }, t.view_whole_period);
  whole.addEventListener("click", () => { from.value = "0"; to.value = "end"; zoom = [0, 1]; draw(); });
  const lanes = el("fieldset", { class: "lanes" }, el("legend", {}, t.view_lanes),
    figure.lanes.map((lane) => {
      const box = el("input", { type: "checkbox", checked: true, "data-agency": lane.agency });
      box.addEventListener("change", () => {
        if (box.checked) hidden.delete(lane.agency); else hidden.add(lane.agency);
        draw();
      });
      return el("label", {}, box, " ", lane.label);
    }));

  function draw() {
    const shown = figure.lanes.map((lane, i) => ({ lane, i })).filter(({ lane }) => !hidden.has(lane.agency));
    const row = new Map(shown.map(({ i }, n) => [i, n]));
    const height = shown.length * LANE + 30;
    const span = zoom[1] - zoom[0];
    const inView = (x) => x >= zoom[0] && x <= zoom[1];
    const px = (x) => LABEL + ((x - zoom[0]) / span) * (WIDTH - LABEL - 10);
    const y = (n) => n * LANE + LANE / 2;
    const image = svg("svg", { viewBox: `0 0 ${WIDTH} ${height}`, role: "img", "aria-label": t.timeline_caption });
    shown.forEach(({ lane }, n) => {
      image.append(svg("g", { "data-agency": lane.agency, class: "lane" },
        svg("rect", { x: 0, y: n * LANE, width: WIDTH, height: LANE, fill: n % 2 ? "#f4f4f4" : "#ffffff" }),
        svg("rect", { x: 2, y: n * LANE + 6, width: 6, height: LANE - 12, fill: lane.colour }),
        svg("text", { x: 14, y: y(n) + 4, class: "lane-label" }, short(lane.label, 27)),
        svg("title", {}, lane.label)));
    });
    for (const tick of figure.ticks.filter((k) => inView(k.x))) {
      image.append(svg("line", { x1: px(tick.x), x2: px(tick.x), y1: 0, y2: height - 24, class: "tick" }),
        svg("text", { x: px(tick.x), y: height - 8, class: "tick-label" }, tick.label));
    }
    if (inView(figure.outcome_x)) {
      image.append(svg("line", { x1: px(figure.outcome_x), x2: px(figure.outcome_x), y1: 0, y2: height - 24, class: "outcome" }));
    }
    for (const arrow of figure.arrows) {
      if (!row.has(arrow.from) || !row.has(arrow.to) || !inView(arrow.x)) continue;
      const x = px(arrow.x);
      const line = svg("g", eventAttributes(arrow.event, "arrow"),
        svg("line", { x1: x, x2: x, y1: y(row.get(arrow.from)), y2: y(row.get(arrow.to)), stroke: arrow.colour }),
        svg("circle", { cx: x, cy: y(row.get(arrow.to)), r: 4, fill: arrow.colour }),
        svg("title", {}, titleOf(arrow.event)));
      image.append(line);
    }
    for (const mark of figure.marks) {
      if (!row.has(mark.lane) || !inView(mark.x)) continue;
      const colour = figure.lanes[mark.lane].colour;
      const cx = px(mark.x);
      const cy = y(row.get(mark.lane));
      const shape = mark.shape === "decision"
        ? svg("rect", { x: cx - 5, y: cy - 5, width: 10, height: 10, fill: colour })
        : mark.shape === "incident"
          ? svg("path", { d: `M${cx} ${cy - 7}L${cx + 7} ${cy + 6}L${cx - 7} ${cy + 6}Z`, fill: colour })
          : svg("circle", { cx, cy, r: 5.5, fill: mark.shape === "seen" ? colour : "#ffffff", stroke: colour, "stroke-width": 2 });
      const group = svg("g", eventAttributes(mark.event, "mark"), shape, svg("title", {}, titleOf(mark.event)));
      if ((flagsOf[mark.event] || []).length) {
        group.append(svg("circle", { cx, cy, r: 9, class: "flag-ring" }));
      }
      image.append(group);
    }
    drawing.replaceChildren(image);
    if (chosenEvent) choose(chosenEvent);
  }

  function eventAttributes(id, kind) {
    const change = changeOf(id);
    return {
      "data-event": id, class: `${kind}${change ? " " + change : ""}`,
      tabindex: 0, role: "button", "aria-label": titleOf(id),
    };
  }

  draw();
  return section("timeline", t.timeline,
    el("div", { class: "controls" },
      el("label", {}, t.view_period_from, " ", from), " ",
      el("label", {}, t.view_period_to, " ", to), " ", whole),
    lanes, drawing, el("p", { class: "caption" }, t.timeline_caption));
}

/** A label cut to fit a lane's margin; the full text is the lane's tooltip. */
function short(text, length) {
  return text.length > length ? text.slice(0, length - 1) + "…" : text;
}

function titleOf(id) {
  const row = rows.get(id);
  return row ? `${row.date} ${row.agency}: ${row.kind}${row.summary ? " — " + row.summary : ""}` : id;
}

// ---------------------------------------------------------------- flags

function flagList() {
  if (!data.flags) return null;
  const severities = [...new Set(flags.map((f) => f.severity))];
  const statuses = [...new Map(flags.map((f) => [f.status, f.status_word])).entries()];
  const codes = [...new Set(flags.map((f) => f.id.split(":")[0]))].sort();
  const choice = (label, options) => {
    const select = el("select", { "aria-label": label },
      el("option", { value: "" }, t.view_all),
      options.map(([value, text]) => el("option", { value }, text)));
    return [el("label", {}, label, " ", select), select];
  };
  const [ruleLabel, rule] = choice(t.view_filter_rule, codes.map((c) => [c, c]));
  const [severityLabel, severity] = choice(t.view_filter_severity, severities.map((s) => [s, s]));
  const [statusLabel, status] = choice(t.view_filter_status, statuses);
  const count = el("p", { class: "count", "aria-live": "polite" });
  const list = el("ul", { class: "flags" });
  const build = (flag) => el("li", { "data-flag": flag.id, id: "flag-" + flag.id, tabindex: 0, role: "button",
      "data-code": flag.id.split(":")[0], "data-severity": flag.severity, "data-status": flag.status,
      class: changes && changes.new_flags[flag.id] ? "new" : null },
      el("span", { class: "flag-id" }, flag.id), " ",
      el("span", { class: "severity" }, flag.severity), " ",
      el("span", { class: "status" }, flag.status_word),
      changes && changes.new_flags[flag.id] ? el("span", { class: "change" }, " " + t.view_new) : null,
      el("p", {}, flag.message),
      el("p", { class: "evidence" }, t.evidence + ": ",
        flag.evidence.map((c, i) => [i ? "; " : "", c.kind === "event" ? eventLink(c) : c.label])),
      flag.note ? el("p", { class: "note" }, t.reason + ": " + flag.note) : null);
  const keeps = (flag) => (!rule.value || flag.id.split(":")[0] === rule.value)
    && (!severity.value || flag.severity === severity.value)
    && (!status.value || flag.status === status.value);
  // The count is of the data, so it is right while the list is still filling.
  const counted = () => {
    const shown = flags.filter(keeps).length;
    count.textContent = `${shown} / ${flags.length} ${t.view_shown_of}`;
  };
  const filter = (from = 0) => {
    const items = list.children;
    for (let i = from; i < items.length; i += 1) items[i].hidden = !keeps(flags[i]);
  };
  fill(list, flags, build, filter);
  for (const select of [rule, severity, status]) {
    select.addEventListener("change", () => { filter(); counted(); });
  }
  const clear = el("button", { type: "button" }, t.view_clear);
  clear.addEventListener("click", () => highlightFlag(null));
  counted();
  return section("flags", t.flags, el("p", {}, t.flags_intro),
    el("div", { class: "controls" }, ruleLabel, " ", severityLabel, " ", statusLabel, " ", clear),
    el("p", { class: "caption" }, t.view_highlighted), count,
    flags.length ? list : el("p", {}, t.no_flags));
}

// ---------------------------------------------------------------- changes (--since)

function changesSince() {
  if (!changes) return null;
  const part = (title, items, show) => items.length
    ? [el("h3", {}, title), el("ul", {}, items.map((item) => el("li", {}, show(item))))]
    : [];
  // A removed event is no longer in the chronology: its citation is text.
  const cited = (c) => rows.has(c.id) ? eventLink(c) : c.label;
  const parts = [
    ...part(t.changes_events_added, changes.events_added, cited),
    ...part(t.changes_events_removed, changes.events_removed, cited),
    ...part(t.changes_events_changed, changes.events_changed,
      (c) => [cited(c.event), ` — ${t.changes_fields}: ${c.fields.join(", ")}`]),
    ...part(t.changes_flags_new, changes.flags_new, (f) => [flagLink(f.id), " — " + f.message]),
    ...part(t.changes_flags_gone, changes.flags_gone, (f) => `${f.id} — ${f.message}`),
    ...part(t.changes_verdicts, changes.verdicts, (v) => `${v.flag}: ${v.from} → ${v.to}`),
    ...part(t.changes_received, changes.received, (r) => r),
  ];
  return section("changes", `${t.changes_since} ${changes.version}`, el("p", {}, t.changes_intro),
    parts.length ? parts : el("p", {}, t.changes_none));
}

// ---------------------------------------------------------------- who knew what

function knowledge() {
  const matrix = data.knowledge;
  if (!matrix || !matrix.rows.length) return null;
  return section("knowledge", t.knowledge, el("p", {}, t.knowledge_intro),
    el("div", { class: "scroll" }, el("table", {},
      el("thead", {}, el("tr", {}, el("th", { scope: "col" }, t.concern),
        matrix.agencies.map(([name, colour]) => el("th", { scope: "col", style: { borderTop: `4px solid ${colour}` } }, name)))),
      el("tbody", {}, matrix.rows.map(([concern, dates]) =>
        el("tr", {}, el("th", { scope: "row" }, concern), dates.map((d) => el("td", {}, d))))))));
}

// ---------------------------------------------------------------- the network

function network() {
  const figure = data.network;
  if (!figure.nodes.length) return null;
  const size = 520;
  const at = (node) => [40 + node.x * (size - 80), 30 + node.y * (size - 60)];
  const image = svg("svg", { viewBox: `0 0 ${size} ${size}`, role: "img", "aria-label": t.network_caption, class: "network" });
  for (const edge of figure.edges) {
    const [x1, y1] = at(figure.nodes[edge.from]);
    const [x2, y2] = at(figure.nodes[edge.to]);
    image.append(svg("line", { x1, y1, x2, y2, class: edge.cross_border ? "edge cross" : "edge",
      "stroke-width": Math.min(1 + edge.count, 6) }),
      svg("text", { x: (x1 + x2) / 2, y: (y1 + y2) / 2 - 3, class: "edge-count" }, String(edge.count)));
  }
  for (const node of figure.nodes) {
    const [x, y] = at(node);
    image.append(svg("g", { "data-agency": node.id, class: node.lead ? "node lead" : "node" },
      svg("circle", { cx: x, cy: y, r: node.lead ? 11 : 8, fill: node.colour }),
      svg("text", { x, y: y + 24, "text-anchor": "middle" }, node.label)));
  }
  return section("network", t.network, el("div", { class: "figure" }, image), el("p", { class: "caption" }, t.network_caption));
}

// ---------------------------------------------------------------- the chronology

function chronology() {
  const search = el("input", { type: "search", placeholder: t.view_search, "aria-label": t.view_search });
  const count = el("p", { class: "count", "aria-live": "polite" });
  const body = el("tbody", {});
  const build = (row) => {
    const change = changeOf(row.id);
    return el("tr", { "data-event": row.id, id: "event-" + row.id, tabindex: 0, class: change || null },
      el("td", {}, row.date, el("br", {}), el("code", {}, row.id), change ? el("span", { class: "change" }, " " + t["view_" + change]) : null),
      el("td", {}, el("span", { class: "swatch", style: { background: row.colour } }), row.agency),
      el("td", {}, row.kind),
      el("td", {}, row.summary, row.details.length ? el("ul", { class: "details" }, row.details.map((d) => el("li", {}, d))) : null),
      el("td", { class: "seen" }, row.seen ? "●" : ""),
      el("td", {}, (flagsOf[row.id] || []).map((f, i) => [i ? ", " : "", flagLink(f)])),
      el("td", { class: "source" }, row.source));
  };
  // The text a search matches: every cell as shown, from the data, so rows still to be
  // built are counted and filtered alike.
  const searchable = data.chronology.map((row) => [row.date, row.id, row.agency, row.kind,
    row.summary, ...row.details, ...(flagsOf[row.id] || []), row.source].join(" ").toLowerCase());
  const words = () => search.value.toLowerCase().split(/\s+/).filter(Boolean);
  const keeps = (i, wanted) => wanted.every((w) => searchable[i].includes(w));
  const filter = (from = 0) => {
    const wanted = words();
    const built = body.children;
    for (let i = from; i < built.length; i += 1) built[i].hidden = !keeps(i, wanted);
  };
  const counted = () => {
    const wanted = words();
    const shown = searchable.filter((_, i) => keeps(i, wanted)).length;
    count.textContent = `${shown} / ${data.chronology.length} ${t.view_shown_of}`;
  };
  fill(body, data.chronology, build, filter);
  search.addEventListener("input", () => { filter(); counted(); });
  counted();
  return section("chronology", t.chronology, el("p", {}, t.chronology_intro),
    el("div", { class: "controls" }, search), count,
    el("div", { class: "scroll" }, el("table", { class: "chronology" },
      el("thead", {}, el("tr", {}, [t.date, t.agency, t.view_kind, t.summary_col, t.seen, t.flags_col, t.source]
        .map((h) => el("th", { scope: "col" }, h)))),
      body)));
}

// ---------------------------------------------------------------- the page

function page() {
  const parts = [
    changesSince(),
    timeline(),
    flagList(),
    knowledge(),
    network(),
    chronology(),
  ].filter(Boolean);
  const main = el("main", {}, parts);
  const details = el("aside", { id: "details", "aria-live": "polite", tabindex: -1 },
    el("h2", {}, t.view_details), el("p", {}, t.view_details_hint));
  const app = document.getElementById("app");
  app.replaceChildren(titleBlock(),
    navigation(parts.map((p) => [p.id, p.querySelector("h2").textContent])),
    el("div", { class: "layout" }, main, details));
  if (data.meta.draft) document.body.append(el("div", { class: "watermark", "aria-hidden": "true" }, t.draft_mark));
  setTimeout(fillLater, 0);
}

page();
