/// The report's stylesheet and script, written beside the pages (no CDN, no network).
enum Assets {
    /// Category colours: the Okabe-Ito colour-blind-safe palette of the figures, as light
    /// backgrounds with a coloured underline so that highlighted text keeps its contrast.
    static let palette = ["#E69F00", "#56B4E9", "#009E73", "#F0E442", "#0072B2", "#D55E00", "#CC79A7", "#999999"]
    /// Category classes: each colour twice, the second time with a double underline and a
    /// dark-edged swatch, so that sixteen categories stay apart without relying on hue alone.
    static let classes = 2 * palette.count

    static var css: String {
        var s = """
        :root { --fg: #1a1a1a; --muted: #555; --line: #d0d0d0; --link: #0b5cad; }
        * { box-sizing: border-box; }
        body { font: 16px/1.5 system-ui, "DejaVu Sans", "Noto Sans CJK SC", sans-serif; color: var(--fg); margin: 0; }
        main { max-width: 72rem; margin: 0 auto; padding: 1rem 1.5rem 3rem; }
        main:focus { outline: none; }
        a { color: var(--link); }
        a:focus, li:focus, button:focus, input:focus { outline: 3px solid #0072B2; outline-offset: 2px; }
        .skip { position: absolute; left: -999px; top: 0; background: #fff; padding: .5rem; }
        .skip:focus { left: .5rem; z-index: 2; }
        nav[aria-label="Report"] { background: #f4f4f4; border-bottom: 1px solid var(--line); }
        nav[aria-label="Report"] ul { list-style: none; display: flex; gap: 1.5rem; margin: 0 auto; padding: .6rem 1.5rem; max-width: 72rem; }
        nav a[aria-current="page"] { font-weight: bold; text-decoration: none; color: var(--fg); }
        h1 { font-size: 1.6rem; margin: 1rem 0 .5rem; }
        h2 { font-size: 1.25rem; margin-top: 2rem; border-bottom: 1px solid var(--line); }
        h2 small { font-weight: normal; color: var(--muted); font-size: .85rem; }
        .lead { color: var(--muted); }
        .crumbs { color: var(--muted); font-size: .9rem; }
        table { border-collapse: collapse; margin: 1rem 0; font-size: .92rem; }
        caption { text-align: left; color: var(--muted); padding-bottom: .3rem; }
        th, td { border-bottom: 1px solid var(--line); padding: .25rem .6rem; text-align: left; vertical-align: top; }
        td.num { text-align: right; font-variant-numeric: tabular-nums; }
        .gap { color: #999; }
        .few { text-decoration: underline dotted; }
        .caveat { background: #fff8e1; border-left: 4px solid #E69F00; padding: .4rem .8rem; }
        figure { margin: 1.5rem 0; }
        figure svg { max-width: 100%; height: auto; }
        figcaption { color: var(--muted); font-size: .85rem; }
        ol.passages { padding-left: 2.5rem; }
        ol.passages li { margin: .8rem 0; }
        ol.passages li[data-label="1"] { border-left: 4px solid #009E73; padding-left: .5rem; }
        ol.passages li[data-label="0"] { border-left: 4px solid #D55E00; padding-left: .5rem; }
        ol.passages li.current { background: #eef5fc; }
        blockquote { margin: .2rem 0 0; }
        .meta { color: var(--muted); font-size: .85rem; }
        .tag { border: 1px solid var(--muted); border-radius: 3px; padding: 0 .3rem; font-size: .75rem; }
        .label { font-size: .8rem; color: var(--muted); }
        .doctext { white-space: pre-wrap; line-height: 1.7; }
        .window { background: #f1f1f1; }
        mark.m { background: none; border-bottom: 3px solid; padding: 0 1px; color: inherit; }
        mark.negated { border-bottom-style: dashed; }
        mark.excluded { border-bottom-style: dotted; text-decoration: line-through; }
        .swatch { display: inline-block; width: .9rem; height: .9rem; margin-right: .35rem; vertical-align: -2px; border-radius: 2px; }
        ul.legend, ul.toc { list-style: none; padding: 0; display: flex; flex-wrap: wrap; gap: .4rem 1.2rem; }
        .pager { margin: .5rem 0; }
        textarea#sheet { width: 100%; font: .8rem monospace; }
        label.missed { font-size: .85rem; }
        section.document { border-top: 2px solid var(--line); margin-top: 2rem; }
        kbd { border: 1px solid var(--line); border-radius: 3px; padding: 0 .25rem; font-size: .85rem; }

        """
        for k in 0..<classes {
            let c = palette[k % palette.count]
            let second = k >= palette.count
            s += "mark.c\(k) { border-bottom-color: \(c); background: \(c)33;\(second ? " border-bottom-style: double; border-bottom-width: 4px;" : "") }\n"
            s += ".swatch.c\(k) { background: \(c);\(second ? " outline: 2px solid #333; outline-offset: -2px;" : "") }\n"
        }
        // After the colour classes, so that negated and excluded marks keep their styles.
        s += "mark.negated { border-bottom-style: dashed; }\nmark.excluded { border-bottom-style: dotted; text-decoration: line-through; }\n"
        s += """
        @media print {
          nav, .skip, .pager, #export, textarea#sheet { display: none; }
          section.document { break-before: page; border-top: none; }
          main { max-width: none; padding: 0; }
          a { color: inherit; text-decoration: none; }
          mark.m { background: none; border-bottom: 2px solid #000; }
          h2 { break-after: avoid; }
          table, figure, li { break-inside: avoid; }
        }

        """
        return s
    }

    /// The coding page's script: labels from the keyboard, kept in localStorage, exported as
    /// RFC 4180 CSV (into the text area, and as a file download).
    static let js = #"""
    (function () {
      "use strict";
      var list = document.getElementById("coding");
      if (!list) { return; }
      var items = Array.prototype.slice.call(list.querySelectorAll("li"));
      var key = "polframe-coding:" + list.getAttribute("data-study");
      var coder = document.getElementById("coder");
      var progress = document.getElementById("progress");
      var saved = {};
      try { saved = JSON.parse(localStorage.getItem(key) || "{}") || {}; } catch (e) { saved = {}; }
      if (saved._coder) { coder.value = saved._coder; }
      var current = 0;
      function id(li) { return li.getAttribute("data-sample-id"); }
      function unmatched(li) { return li.getAttribute("data-kind") === "unmatched"; }
      // A label given in this browser, else the one the sheet already had.
      function value(li) {
        var v = saved[id(li)];
        if (v !== undefined) { return v; }
        v = li.getAttribute(unmatched(li) ? "data-missed" : "data-correct");
        return v ? v : undefined;
      }
      function show(li) {
        var v = value(li);
        var box = li.querySelector("input.missed");
        if (unmatched(li)) {
          li.setAttribute("data-label", v === undefined ? "" : v === "none" ? "1" : "0");
          li.querySelector(".label").textContent = v === undefined ? "not coded" : v === "none" ? "nothing missed" : "missed: " + v;
          if (box && document.activeElement !== box) { box.value = v === undefined || v === "none" ? "" : v; }
        } else {
          li.setAttribute("data-label", v === undefined ? "" : v);
          li.querySelector(".label").textContent = v === "1" ? "correct" : v === "0" ? "not correct" : "not coded";
        }
      }
      function count() {
        var n = items.filter(function (li) { return value(li) !== undefined; }).length;
        progress.textContent = n + " of " + items.length + " coded";
      }
      function store() { saved._coder = coder.value; localStorage.setItem(key, JSON.stringify(saved)); count(); }
      function focus(i) {
        if (!items.length) { return; }
        current = Math.max(0, Math.min(items.length - 1, i));
        items.forEach(function (li) { li.classList.remove("current"); });
        items[current].classList.add("current");
        items[current].focus();
      }
      function label(li, v) {
        if (!li) { return; }
        if (v === null) { delete saved[id(li)]; } else { saved[id(li)] = v; }
        show(li); store();
      }
      function field(s) { s = s === undefined || s === null ? "" : String(s); return /[",\r\n]/.test(s) ? '"' + s.replace(/"/g, '""') + '"' : s; }
      var columns = ["kind", "doc_id", "country", "year", "language", "frame", "category", "entry", "start", "end",
                     "matched", "negated", "sampling_weight", "context", "correct", "coder", "missed", "note"];
      function sheet() {
        var lines = [columns.join(",")];
        items.forEach(function (li) {
          var here = saved[id(li)] !== undefined;
          var row = columns.map(function (c) {
            if (c === "correct" && !unmatched(li) && here) { return saved[id(li)]; }
            if (c === "missed" && unmatched(li) && here) { return saved[id(li)]; }
            if (c === "coder" && here) { return coder.value; }
            return li.getAttribute("data-" + c.replace(/_/g, "-"));
          });
          lines.push(row.map(field).join(","));
        });
        return lines.join("\n") + "\n";
      }
      document.getElementById("export").addEventListener("click", function () {
        var text = sheet();
        document.getElementById("sheet").value = text;
        var a = document.createElement("a");
        a.href = URL.createObjectURL(new Blob([text], { type: "text/csv" }));
        a.download = "coding-" + list.getAttribute("data-study") + ".csv";
        document.body.appendChild(a); a.click(); a.remove();
      });
      coder.addEventListener("change", store);
      items.forEach(function (li, i) {
        show(li);
        li.addEventListener("focus", function () { current = i; });
        var box = li.querySelector("input.missed");
        if (box) {
          box.addEventListener("change", function () { label(li, box.value.trim() === "" ? null : box.value.trim()); });
          box.addEventListener("keydown", function (e) { if (e.key === "Enter" || e.key === "Escape") { box.blur(); focus(i); e.preventDefault(); } });
        }
      });
      count();
      document.addEventListener("keydown", function (e) {
        var tag = e.target && e.target.tagName;
        if (tag === "INPUT" || tag === "TEXTAREA" || e.ctrlKey || e.metaKey || e.altKey) { return; }
        var li = items[current];
        if (e.key === "j" || e.key === "ArrowDown") { focus(current + 1); e.preventDefault(); }
        else if (e.key === "k" || e.key === "ArrowUp") { focus(current - 1); e.preventDefault(); }
        else if (e.key === "1" && li && unmatched(li)) { li.querySelector("input.missed").focus(); e.preventDefault(); }
        else if (e.key === "1") { label(li, "1"); focus(current + 1); }
        else if (e.key === "0") { label(li, unmatched(li) ? "none" : "0"); focus(current + 1); }
        else if (e.key === "u") { label(li, null); }
      });
    })();

    """#
}
