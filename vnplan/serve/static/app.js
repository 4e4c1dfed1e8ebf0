// vnplan review app: the queue and the document page. Plain DOM code, no library, no build step.
// Everything the page shows comes from the JSON API (/api/documents…), which is also what it writes to.
(function () {
  "use strict";

  var FIXED = ["code", "title", "start_month", "end_month"];
  // The money cells of a row come from the document (view.money): the four v1 amounts, or the
  // table's own money columns (schema v2). Set when a document is loaded.
  var AMOUNTS = [], COLUMNS = FIXED, LABELS = {};

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (key) {
      if (key === "text") { node.textContent = attrs[key]; } else if (attrs[key] !== null && attrs[key] !== undefined) {
        node.setAttribute(key, attrs[key]);
      }
    });
    (children || []).forEach(function (child) {
      node.appendChild(typeof child === "string" ? document.createTextNode(child) : child);
    });
    return node;
  }

  function svg(tag, attrs) {
    var node = document.createElementNS("http://www.w3.org/2000/svg", tag);
    Object.keys(attrs).forEach(function (key) { node.setAttribute(key, attrs[key]); });
    return node;
  }

  function money(value) {
    if (value === null || value === undefined) { return "—"; }
    var sign = value < 0 ? "-" : "";
    return sign + String(Math.abs(value)).replace(/\B(?=(\d{3})+(?!\d))/g, ".");
  }

  function show(message, isError) {
    var box = document.getElementById("message");
    box.textContent = message;
    box.className = isError ? "error" : "";
    box.hidden = !message;
  }

  // One call to the API: resolves to {ok, status, data}; a network failure is a message, not a throw.
  function api(method, url, payload) {
    var options = {method: method, headers: {"Accept": "application/json"}};
    if (payload !== undefined) {
      options.headers["Content-Type"] = "application/json";
      options.body = JSON.stringify(payload);
    }
    return fetch(url, options).then(function (response) {
      return response.json().then(function (data) { return {ok: response.ok, status: response.status, data: data}; });
    }, function () {
      return {ok: false, status: 0, data: {error: "the review app cannot be reached — is vnplan serve still running?"}};
    });
  }

  // --- the queue --------------------------------------------------------------------------------

  function queuePage() {
    api("GET", "/api/documents").then(function (answer) {
      if (!answer.ok) { show(answer.data.error, true); return; }
      document.getElementById("folder").textContent = answer.data.folder;
      document.getElementById("reviewer").textContent = answer.data.reviewer;
      var body = document.querySelector("#queue tbody");
      answer.data.documents.forEach(function (d) {
        var review = d.problem ? d.problem : [
          d.signed_off_by ? "signed off by " + d.signed_off_by + " " + d.signed_off_at.slice(0, 16).replace("T", " ") : (d.reviewed ? "in review" : "not reviewed"),
          d.reviewer_edits ? d.reviewer_edits + " edits" : "",
          d.verified_rows ? d.verified_rows + "/" + d.rows + " rows verified" : ""
        ].filter(Boolean).join(" · ");
        body.appendChild(el("tr", {"data-name": d.name}, [
          el("td", {"class": "name"}, [el("a", {href: "/documents/" + encodeURIComponent(d.name), text: d.name})]),
          el("td", {}, [el("span", {"class": "status status-" + d.status, text: d.status})]),
          el("td", {"class": "num sev-error", text: String(d.errors)}),
          el("td", {"class": "num sev-warning", text: String(d.warnings)}),
          el("td", {"class": "num", text: String(d.pending)}),
          el("td", {"class": "num", text: String(d.low_confidence)}),
          el("td", {"class": "num", text: String(d.rows)}),
          el("td", {"class": "num", text: String(d.pages)}),
          el("td", {"class": "review", text: review})
        ]));
      });
      if (!answer.data.documents.length) { show("no documents in this folder: run vnplan extract into it first", true); }
    });
  }

  // --- one document -----------------------------------------------------------------------------

  function documentPage() {
    var name = decodeURIComponent(location.pathname.split("/").pop());
    var base = "/api/documents/" + encodeURIComponent(name);
    var state = {data: null, selected: null, editing: null, flagged: [], flaggedKeys: {}};

    function doc() { return state.data.document; }

    // A v1 field of the row, or a money column's entry in its amounts (schema v2).
    function cellValue(row, field) {
      if (Object.prototype.hasOwnProperty.call(row, field)) { return row[field]; }
      var found = row.amounts.filter(function (a) { return a.column === field; })[0];
      return found ? found.value_vnd : null;
    }

    function setColumns() {
      AMOUNTS = state.data.view.money.map(function (m) { return m.field; });
      COLUMNS = FIXED.concat(AMOUNTS);
      LABELS = {};
      state.data.view.money.forEach(function (m) { LABELS[m.field] = m.label; });
      var head = document.querySelector("#grid thead tr");
      head.textContent = "";
      ["Code", "Title", "Start", "End"].forEach(function (label) { head.appendChild(el("th", {text: label})); });
      state.data.view.money.forEach(function (m) { head.appendChild(el("th", {"class": "money", text: m.label, title: m.label})); });
      head.appendChild(el("th", {title: "verified by a reviewer", text: "✓"}));
    }

    // The document and its pages are asked for at once. When both are in, the pages are built
    // first, so that the first page images are on their way while the grid is being laid out.
    function open() {
      var pages = null;
      var pagesAsked = api("GET", base + "/pages").then(function (answer) { pages = answer; return answer; });
      api("GET", base).then(function (answer) {
        if (!answer.ok) { show(answer.data.error, true); return; }
        state.data = answer.data;
        setColumns();
        computeFlags();
        if (pages !== null) { renderPages(pages); render(); return; }
        render();
        pagesAsked.then(renderPages);
      });
    }

    function render() {
      var d = doc();
      document.title = state.data.name + " · vnplan review";
      document.getElementById("title").textContent = state.data.name;
      var status = document.getElementById("status");
      status.textContent = d.status;
      status.className = "status status-" + d.status;
      var signed = d.review.signed_off;
      document.getElementById("signed").textContent = signed ?
        "signed off by " + signed.by + " " + signed.at.slice(0, 16).replace("T", " ") : "";
      document.getElementById("sign").textContent = signed ? "Withdraw sign-off" : "Sign off";
      var meta = d.document;
      var errors = d.findings.filter(function (f) { return f.severity === "error"; }).length;
      document.getElementById("facts").textContent = [
        meta.doc_type && meta.number ? meta.doc_type + " " + meta.number : "", meta.province || "",
        d.source.kind + ", " + d.source.pages + " pages", d.items.length + " rows",
        d.amount_unit ? "printed in " + d.amount_unit : "", errors + " errors", "reviewer: " + state.data.reviewer
      ].filter(Boolean).join(" · ");
      computeFlags();
      renderFindings();
      renderSums();
      renderGrid();
      markPages();
      if (state.selected) { select(state.selected.row, state.selected.field, false); }
    }

    function computeFlags() {
      state.flagged = flaggedCells();
      state.flaggedKeys = {};
      state.flagged.forEach(function (c) { state.flaggedKeys[c.row + "/" + c.field] = true; });
    }

    // Cells a finding names (or whose reading is suggested), in grid order: what ↑ ↓ walk through.
    function flaggedCells() {
      var seen = {}, cells = [];
      function add(row, field) {
        if (row === null || row === undefined) { return; }
        if (COLUMNS.indexOf(field) < 0) { field = "code"; }
        var key = row + "/" + field;
        if (!seen[key]) { seen[key] = true; cells.push({row: row, field: field}); }
      }
      doc().findings.forEach(function (f, i) {
        if (f.severity !== "info") { add(state.data.view.finding_rows[i], state.data.view.finding_fields[i]); }
        var p = state.data.view.proposals[i];
        if (p && !p.decided) { add(p.row_index, p.cell); }
      });
      cells.sort(function (a, b) { return a.row - b.row || COLUMNS.indexOf(a.field) - COLUMNS.indexOf(b.field); });
      return cells;
    }

    function isFlagged(row, field) { return state.flaggedKeys[row + "/" + field] === true; }

    function renderFindings() {
      var list = document.querySelector("#findings ul");
      list.textContent = "";
      var order = {error: 0, warning: 1, info: 2};
      var indexed = doc().findings.map(function (f, i) { return [f, i]; });
      indexed.sort(function (a, b) { return order[a[0].severity] - order[b[0].severity] || a[1] - b[1]; });
      indexed.forEach(function (pair) {
        var f = pair[0], i = pair[1], row = state.data.view.finding_rows[i];
        var item = el("li", {"class": "finding sev-" + f.severity, "data-finding": String(i),
                             "data-row": row === null ? null : String(row),
                             "data-field": state.data.view.finding_fields[i]},
                      [el("b", {text: f.severity}), " ", el("code", {text: f.code}), " " + f.message]);
        var p = state.data.view.proposals[String(i)];
        if (p) { item.appendChild(proposalControls(i, p)); }
        item.addEventListener("click", function (event) {
          if (event.target.tagName === "BUTTON" || row === null) { return; }
          select(row, p ? p.cell : (state.data.view.finding_fields[i] || "code"), true);
        });
        list.appendChild(item);
      });
      document.querySelector("#findings h2").textContent = "Findings (" + doc().findings.length + ")";
    }

    function proposalControls(index, p) {
      var box = el("span", {"class": "proposal"});
      if (p.decided) {
        var decision = doc().review.decisions.filter(function (d) {
          return d.row_index === p.row_index && d.field === p.field && d.value === p.value;
        })[0];
        box.textContent = (decision.accepted ? "accepted" : "rejected") + " by " + decision.by;
        return box;
      }
      var what = p.repair ? "repaired to " + money(p.value) + " (keep it?)" :
        "suggested: " + money(p.value) + " for " + money(p.current);
      box.appendChild(document.createTextNode(what + " "));
      var accept = el("button", {type: "button", "class": "accept", text: "Accept (a)"});
      var reject = el("button", {type: "button", "class": "reject", text: "Reject (r)"});
      accept.addEventListener("click", function () { decide(index, true); });
      reject.addEventListener("click", function () { decide(index, false); });
      box.appendChild(accept);
      box.appendChild(document.createTextNode(" "));
      box.appendChild(reject);
      return box;
    }

    function renderSums() {
      var body = document.querySelector("#totals tbody");
      body.textContent = "";
      state.data.view.sums.forEach(function (s) {
        var state_ = s.difference === null ? "na" : (s.difference === 0 ? "ok" : "bad");
        body.appendChild(el("tr", {"class": "sum-" + state_, "data-row": s.row === null ? null : String(s.row),
                                   "data-column": s.column}, [
          el("td", {text: s.label, title: s.label}), el("td", {text: LABELS[s.column]}),
          el("td", {"class": "num", text: money(s.printed)}), el("td", {"class": "num", text: money(s.parts)}),
          el("td", {"class": "num diff", text: money(s.difference)})
        ]));
      });
    }

    function renderGrid() {
      var body = document.querySelector("#grid tbody");
      body.textContent = "";
      doc().items.forEach(function (row, index) {
        var tr = el("tr", {id: "row-" + index, "data-row": String(index), "class": "kind-" + row.kind});
        COLUMNS.forEach(function (field) { tr.appendChild(gridCell(row, index, field)); });
        var mark = el("td", {"class": "verify", "data-row": String(index), "data-field": "verified",
                             title: row.verified ? "verified by " + row.verified.by + " " + row.verified.at : "not verified (v)",
                             text: row.verified ? "✓" : ""});
        tr.appendChild(mark);
        body.appendChild(tr);
      });
    }

    function gridCell(row, index, field) {
      var value = cellValue(row, field);
      var isAmount = AMOUNTS.indexOf(field) >= 0;
      var text = isAmount ? money(value) : (value === null || value === undefined ? "" : String(value));
      var classes = [isAmount ? "num" : "", field === "title" ? "title" : ""];
      var edits = row.corrections.filter(function (c) { return c.field === field && c.by; });
      var inferred = row.inferred.indexOf(field) >= 0 || row.amounts.some(function (a) {
        return a.column === field && a.inferred;
      });
      if (inferred) { classes.push("inferred"); text += "*"; }
      var reread = row.cells.some(function (box) { return box.field === field && box.reread; });
      if (reread) { classes.push("reread"); }
      if (edits.length) { classes.push("edited"); }
      if (isFlagged(index, field)) { classes.push("flag"); }
      var td = el("td", {"class": classes.filter(Boolean).join(" "), "data-row": String(index), "data-field": field,
                         tabindex: "-1"}, [text]);
      var last = edits[edits.length - 1];
      if (last) { td.title = "was " + (last.before || "empty") + " · changed by " + last.by + " " + last.at; }
      else if (reread) { td.title = "OCR read this cell a second time: its first reading failed a check"; }
      if (field === "title") {
        if (row.implementing_unit) { td.appendChild(el("div", {"class": "unit", text: row.implementing_unit})); }
        row.corrections.filter(function (c) { return !c.by; }).forEach(function (c) {
          td.appendChild(el("div", {"class": "fix", title: c.reason}, [c.field + ": ", el("del", {text: c.before}),
                                                                    " → ", el("ins", {text: c.after})]));
        });
      }
      td.addEventListener("click", function () { if (!state.editing) { select(index, field, false); } });
      td.addEventListener("dblclick", function () { select(index, field, false); startEdit(); });
      return td;
    }

    // --- pages: images (lazily loaded by the browser) with the cells drawn over them, or lines

    function renderPages(answer) {
      if (!answer.ok) { show(answer.data.error, true); return; }
      var note = document.getElementById("note");
      note.textContent = answer.data.note;
      note.hidden = !answer.data.note;
      var holder = document.getElementById("pages");
      answer.data.pages.forEach(function (page) { holder.appendChild(pageView(page)); });
      markPages();
      if (state.selected) { select(state.selected.row, state.selected.field, true); }
    }

    function pageView(page) {
      var box = el("div", {"class": "page", id: "page-" + page.number}, [el("h2", {text: "Page " + page.number})]);
      if (page.lines) {
        var text = el("div", {"class": "textpage"});
        page.lines.forEach(function (line) {
          if (line.row === null && line.cells.length === 1) {
            text.appendChild(el("div", {"class": "narrative", text: line.cells[0]}));
            return;
          }
          var div = el("div", {"class": "tline", "data-row": line.row === null ? null : String(line.row)});
          line.cells.filter(Boolean).forEach(function (cell) {
            div.appendChild(el("span", {style: "flex-grow:" + Math.min(Math.max(Math.floor(cell.length / 12), 1), 8), text: cell}));
          });
          if (line.row !== null) { div.addEventListener("click", function () { select(line.row, "code", false); }); }
          text.appendChild(div);
        });
        box.appendChild(text);
        return box;
      }
      var sheet = el("div", {"class": "sheet", style: "aspect-ratio: " + page.width + " / " + page.height});
      if (page.image) {
        // The first pages at once (the server started rendering them with the document); the rest
        // when they come near the view: a 100-page scan costs no more to open than a short one.
        sheet.appendChild(el("img", {loading: page.number <= 2 ? "eager" : "lazy", alt: "page " + page.number,
                                     src: base + "/pages/" + page.number + "/image"}));
      }
      var overlay = svg("svg", {viewBox: "0 0 " + page.width + " " + page.height, preserveAspectRatio: "none"});
      doc().items.forEach(function (row, index) {
        row.cells.forEach(function (cell) {
          if (cell.page !== page.number) { return; }
          var rect = svg("rect", {"class": cell.reread ? "cell reread" : "cell", "data-row": String(index), "data-field": cell.field, x: cell.x0,
                                  y: cell.top, width: cell.x1 - cell.x0, height: cell.bottom - cell.top});
          rect.addEventListener("click", function () { select(index, cell.field, false); });
          overlay.appendChild(rect);
        });
      });
      sheet.appendChild(overlay);
      box.appendChild(sheet);
      return box;
    }

    function markPages() {
      document.querySelectorAll("rect.cell").forEach(function (rect) {
        rect.classList.toggle("flag", isFlagged(Number(rect.getAttribute("data-row")), rect.getAttribute("data-field")));
      });
    }

    // --- selection: a row, its cells on the page, its findings light up together

    function select(row, field, scrollPage) {
      document.querySelectorAll(".sel, .selcell").forEach(function (node) { node.classList.remove("sel", "selcell"); });
      state.selected = {row: row, field: field};
      var members = document.querySelectorAll('[data-row="' + row + '"]');
      members.forEach(function (node) {
        node.classList.add("sel");
        if (node.getAttribute("data-field") === field && node.tagName !== "LI") { node.classList.add("selcell"); }
      });
      var cell = document.querySelector('#grid td[data-row="' + row + '"][data-field="' + field + '"]');
      if (cell) { cell.scrollIntoView({block: scrollPage === false ? "nearest" : "center"}); }
      if (scrollPage !== false) {
        var onPage = document.querySelector('#pages .selcell') || document.querySelector('#pages .sel');
        if (onPage) { onPage.scrollIntoView({block: "center"}); }
      }
    }

    function move(step) {
      var cells = state.flagged;
      if (!cells.length) { show("no flagged cell left in this document", false); return; }
      var at = -1;
      if (state.selected) {
        var sel = state.selected, key = sel.row * 100 + COLUMNS.indexOf(sel.field);
        cells.forEach(function (c, i) { if (c.row * 100 + COLUMNS.indexOf(c.field) <= key) { at = i; } });
        if (step < 0 && at >= 0 && (cells[at].row !== sel.row || cells[at].field !== sel.field)) { at += 1; }
      }
      var next = cells[(at + step + cells.length) % cells.length] || cells[0];
      select(next.row, next.field, true);
    }

    // --- editing: Enter opens the cell, Enter saves at once, Escape puts it back

    function startEdit() {
      var sel = state.selected;
      if (!sel || state.editing) { return; }
      if (state.data.view.editable.indexOf(sel.field) < 0) {
        show(sel.field + " cannot be edited here (editable: " + state.data.view.editable.join(", ") + ")", true);
        return;
      }
      var td = document.querySelector('#grid td[data-row="' + sel.row + '"][data-field="' + sel.field + '"]');
      var value = cellValue(doc().items[sel.row], sel.field);
      var input = el("input", {type: "text", "aria-label": sel.field});
      input.value = value === null ? "" : (AMOUNTS.indexOf(sel.field) >= 0 ? money(value) : String(value));
      td.textContent = "";
      td.appendChild(input);
      state.editing = {row: sel.row, field: sel.field, input: input};
      input.focus();
      input.select();
    }

    function cancelEdit() {
      state.editing = null;
      renderGrid();
      select(state.selected.row, state.selected.field, false);
    }

    function saveEdit() {
      var editing = state.editing;
      var typed = editing.input.value;
      write("PATCH", base + "/rows/" + editing.row, {field: editing.field, value: typed},
            "row " + (doc().items[editing.row].code || "#" + editing.row) + " " + editing.field + ": " + JSON.stringify(typed))
        .then(function (ok) {
          if (ok) { state.editing = null; render(); } else { editing.input.focus(); }
        });
    }

    // A write: on success the page shows the document the server now holds; a refusal is shown with
    // what was typed, so nothing is lost when another tab saved first.
    function write(method, url, payload, what) {
      payload.version = state.data.version;
      return api(method, url, payload).then(function (answer) {
        if (answer.ok) {
          state.data = answer.data;
          show("saved: " + what, false);
          if (!state.editing) { render(); }
          return true;
        }
        var text = answer.data.error;
        if (answer.status === 409) { text += " (not saved: " + what + ")"; }
        show(text, true);
        return false;
      });
    }

    function decide(findingIndex, accept) {
      var p = state.data.view.proposals[String(findingIndex)];
      write("POST", base + "/findings/" + findingIndex + "/decide", {accept: accept},
            (accept ? "accepted " : "rejected ") + money(p.value) + " for " + p.field);
    }

    function proposalAtSelection() {
      var sel = state.selected;
      if (!sel) { return null; }
      var found = null;
      Object.keys(state.data.view.proposals).forEach(function (index) {
        var p = state.data.view.proposals[index];
        var onRow = p.row_index === sel.row && p.cell === sel.field;
        var onFinding = state.data.view.finding_rows[Number(index)] === sel.row &&
          state.data.view.finding_fields[Number(index)] === sel.field;
        if (!p.decided && found === null && (onRow || onFinding)) { found = Number(index); }
      });
      return found;
    }

    document.addEventListener("keydown", function (event) {
      if (state.data === null || event.ctrlKey || event.metaKey || event.altKey) { return; }
      if (state.editing) {
        if (event.key === "Enter") { event.preventDefault(); saveEdit(); }
        else if (event.key === "Escape") { event.preventDefault(); cancelEdit(); }
        return;
      }
      var key = event.key;
      if (key === "ArrowDown" || key === "ArrowRight") { event.preventDefault(); move(1); }
      else if (key === "ArrowUp" || key === "ArrowLeft") { event.preventDefault(); move(-1); }
      else if (key === "Enter") { event.preventDefault(); startEdit(); }
      else if (key === "a" || key === "r") {
        var index = proposalAtSelection();
        if (index === null) { show("no suggested reading on the selected cell", false); return; }
        decide(index, key === "a");
      } else if (key === "v" && state.selected) {
        var row = state.selected.row, verified = !doc().items[row].verified;
        write("POST", base + "/rows/" + row + "/verify", {verified: verified},
              (verified ? "verified" : "unverified") + " row " + (doc().items[row].code || "#" + row));
      }
    });

    document.getElementById("sign").addEventListener("click", function () {
      var signed = !doc().review.signed_off;
      write("POST", base + "/sign-off", {signed: signed}, signed ? "document signed off" : "sign-off withdrawn");
    });
    document.getElementById("show-info").addEventListener("change", function (event) {
      document.getElementById("findings").classList.toggle("all", event.target.checked);
    });

    open();
    window.vnplanReview = state;  // for the browser tests and the curious
  }

  if (document.body.getAttribute("data-page") === "queue") { queuePage(); } else { documentPage(); }
})();
