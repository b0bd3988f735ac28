// A report page's interaction: filter the element list, step through an element's evidence
// (click its name again, or n / p), and explain a clicked sentence. The page reads fine without
// this script. Text only ever enters the page through textContent, never as markup.
(function () {
  "use strict";

  const data = JSON.parse(document.getElementById("data").textContent);
  const marks = Array.from(document.querySelectorAll("mark[data-marks]"));
  const keysOf = (mark) => mark.dataset.marks.split(" ");
  const allKeys = [];  // every marked sentence, in text order
  for (const mark of marks) {
    for (const key of keysOf(mark)) {
      if (!allKeys.includes(key)) allKeys.push(key);
    }
  }
  const navigator = document.getElementById("navigator");
  const why = document.getElementById("why");
  let focused = null;  // the element whose evidence n / p step through; null: every mark
  let current = -1;  // position in the list n / p step through

  document.querySelectorAll(".needs-script").forEach((node) => { node.hidden = false; });

  function element(id) {
    return Object.prototype.hasOwnProperty.call(data.elements, id) ? data.elements[id] : null;
  }

  function steps() {
    return focused ? element(focused).marks : allKeys;
  }

  function piecesOf(key) {
    return marks.filter((mark) => keysOf(mark).includes(key));
  }

  function setClass(nodes, name) {
    document.querySelectorAll("." + name).forEach((node) => node.classList.remove(name));
    nodes.forEach((node) => node.classList.add(name));
  }

  function show(position) {
    const keys = steps();
    if (!keys.length) return;
    current = (position + keys.length) % keys.length;
    const pieces = piecesOf(keys[current]);
    setClass(pieces, "current");
    pieces[0].scrollIntoView({ block: "center" });
    navigator.hidden = false;
    const what = navigator.querySelector(".what");
    if (focused) {
      const item = element(focused);
      what.textContent = item.symbol + " " + item.name + " · " + item.label;
    } else {
      what.textContent = "全部标记的句子";
    }
    navigator.querySelector(".where").textContent = "第 " + (current + 1) + " / " + keys.length + " 处";
  }

  function focus(id) {
    const item = element(id);
    if (!item) return;
    focused = id;
    setClass(item.marks.flatMap(piecesOf), "focus");
    setClass(document.querySelectorAll('tr[data-element="' + id + '"]'), "selected");
    if (item.marks.length) {
      show(0);
    } else {
      navigator.hidden = true;
      const gap = document.getElementById("e-" + id);
      if (gap) gap.scrollIntoView({ block: "center" });
    }
  }

  function stop() {
    focused = null;
    current = -1;
    navigator.hidden = true;
    why.hidden = true;
    ["focus", "current", "selected"].forEach((name) => setClass([], name));
  }

  // #e-<element>: that element's evidence; #s<start>-<end>: one marked sentence, explained
  function followHash() {
    const found = /^#e-([a-z][a-z0-9_]*)$/.exec(location.hash);
    if (found && element(found[1])) focus(found[1]);
    const sentence = /^#(s[0-9]+-[0-9]+)$/.exec(location.hash);
    const pieces = sentence ? piecesOf(sentence[1]) : [];
    if (pieces.length) {
      setClass(pieces, "current");
      explain(pieces[0]);
    }
  }

  // an element's name: the first click goes to its first evidence, the next ones step on
  document.querySelectorAll("a.element-name[data-element]").forEach((link) => {
    link.addEventListener("click", (event) => {
      event.preventDefault();
      const id = link.dataset.element;
      if (focused === id && element(id).marks.length) {
        show(current + 1);
      } else {
        focus(id);
      }
      history.replaceState(null, "", "#e-" + id);
    });
  });

  navigator.querySelectorAll("button[data-step]").forEach((button) => {
    button.addEventListener("click", () => show(current + Number(button.dataset.step)));
  });
  navigator.querySelector(".close").addEventListener("click", stop);
  why.querySelector(".close").addEventListener("click", () => { why.hidden = true; });

  function add(parent, tag, text, className) {
    const node = document.createElement(tag);
    if (text !== undefined) node.textContent = text;
    if (className) node.className = className;
    parent.appendChild(node);
    return node;
  }

  function explain(mark) {
    const keys = keysOf(mark);
    why.querySelector(".sentence").textContent = keys.map((key) => piecesOf(key).map((piece) => piece.textContent).join("")).join(" … ");
    const list = why.querySelector(".items");
    list.replaceChildren();
    for (const key of keys) {
      for (const reason of data.marks[key] || []) {
        const item = element(reason.element);
        const entry = add(list, "li", undefined, reason.near ? "near" : "st-" + item.status);
        const title = add(entry, "div");
        add(title, "span", reason.near ? "≈" : item.symbol, "sym");
        title.append(" ");
        add(title, "strong", item.name);
        title.append(" · " + item.label + " · " + item.tier + " · " + item.section);
        const facts = add(entry, "dl");
        const fact = (label, value) => {
          if (!value) return;
          add(facts, "dt", label);
          add(facts, "dd", value);
        };
        if (reason.near) {
          fact("说明", "该要素在报告中缺失; 这是最接近的句子");
          fact("近似", reason.how);
        } else {
          fact("匹配", reason.how);
          fact("语境", reason.context);
          fact("具体", reason.specifics);
        }
        fact("所在标题", reason.heading || "(无标题)");
        if (!reason.near && item.marks.length > 1) {
          const button = add(entry, "button", "逐一查看该要素的 " + item.marks.length + " 处证据");
          button.type = "button";
          button.addEventListener("click", () => {
            focus(reason.element);
            show(Math.max(item.marks.indexOf(key), 0));
            history.replaceState(null, "", "#e-" + reason.element);
          });
        }
      }
    }
    why.hidden = false;
    // keep the sentence in sight above the panel (on a phone the panel covers the lower half)
    const sentence = mark.getBoundingClientRect();
    const panel = why.getBoundingClientRect();
    if (panel.left < sentence.right && sentence.left < panel.right && sentence.bottom > panel.top) {
      window.scrollBy(0, sentence.bottom - panel.top + 16);
    }
  }

  for (const mark of marks) {
    const open = () => {
      const keys = steps();
      const position = keys.indexOf(keysOf(mark)[0]);
      if (position >= 0) {
        current = position;
        setClass(piecesOf(keys[current]), "current");
      }
      explain(mark);
    };
    mark.addEventListener("click", open);
    mark.addEventListener("keydown", (event) => {
      if (event.key === "Enter" || event.key === " ") {
        event.preventDefault();
        open();
      }
    });
  }

  document.addEventListener("keydown", (event) => {
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    if (event.target.closest("input, select, textarea")) return;
    if (event.key === "n") show(current + 1);
    else if (event.key === "p") show(current - 1);
    else if (event.key === "Escape") stop();
  });

  // the element list's filters
  const byStatus = document.getElementById("filter-status");
  const bySection = document.getElementById("filter-section");
  const count = document.getElementById("filter-count");
  function filter() {
    let shown = 0;
    let total = 0;
    document.querySelectorAll("table.elements tbody").forEach((group) => {
      const sectionShown = !bySection.value || group.dataset.section === bySection.value;
      let rows = 0;
      group.querySelectorAll("tr.element").forEach((row) => {
        const visible = sectionShown && (!byStatus.value || row.dataset.status === byStatus.value);
        row.hidden = !visible;
        rows += visible ? 1 : 0;
        total += 1;
      });
      group.hidden = rows === 0;
      shown += rows;
    });
    count.textContent = "显示 " + shown + " / " + total + " 项";
  }
  byStatus.addEventListener("change", filter);
  bySection.addEventListener("change", filter);
  filter();

  window.addEventListener("hashchange", followHash);
  followHash();
})();
