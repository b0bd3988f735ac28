// The batch index's interaction: sort the ranking by a column, filter it by name or title. The
// page reads fine without this script.
(function () {
  "use strict";

  document.querySelectorAll(".needs-script").forEach((node) => { node.hidden = false; });

  const table = document.querySelector("table.ranking");
  const body = table.tBodies[0];
  const rows = Array.from(body.rows).filter((row) => row.cells.length > 1);
  const headers = Array.from(table.tHead.rows[0].cells);

  function value(row, column, kind) {
    const cell = row.cells[column];
    const text = cell.dataset.value !== undefined ? cell.dataset.value : cell.textContent.trim();
    if (kind === "text") return text;
    return text === "" ? null : Number(text);
  }

  function compare(a, b, kind) {
    return kind === "text" ? a.localeCompare(b, "zh-CN", { numeric: true }) : a - b;
  }

  // the first click sorts a column its natural way (scores high to low), the next one reverses;
  // blank cells stay last, ties keep the input order
  function sortBy(header) {
    const column = headers.indexOf(header);
    const kind = header.dataset.sort;
    const state = header.getAttribute("aria-sort");
    const direction = state === "none" ? header.dataset.first : state === "ascending" ? "descending" : "ascending";
    headers.forEach((other) => other.setAttribute("aria-sort", "none"));
    header.setAttribute("aria-sort", direction);
    const sign = direction === "ascending" ? 1 : -1;
    rows
      .map((row, position) => ({ row, position, key: value(row, column, kind) }))
      .sort((a, b) => {
        const blankA = a.key === null, blankB = b.key === null;
        if (blankA || blankB) return (blankA - blankB) || (a.position - b.position);
        return sign * compare(a.key, b.key, kind) || a.position - b.position;
      })
      .forEach((item) => body.appendChild(item.row));
  }

  headers.forEach((header) => {
    const button = header.querySelector("button.sort");
    if (button) button.addEventListener("click", () => sortBy(header));
  });

  const filter = document.getElementById("filter");
  const count = document.getElementById("filter-count");
  const none = document.getElementById("no-rows");
  function applyFilter() {
    const wanted = filter.value.trim().toLowerCase();
    let shown = 0;
    rows.forEach((row) => {
      const link = row.querySelector("a");
      const text = (row.textContent + " " + (link ? link.title : "")).toLowerCase();
      row.hidden = wanted !== "" && !text.includes(wanted);
      shown += row.hidden ? 0 : 1;
    });
    count.textContent = "显示 " + shown + " / " + rows.length + " 份";
    none.hidden = shown > 0 || rows.length === 0;
  }
  filter.addEventListener("input", applyFilter);
  applyFilter();
})();
