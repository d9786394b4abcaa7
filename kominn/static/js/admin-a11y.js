/* Names for the admin's controls that Django leaves unnamed, so that a screen reader
   user hears what each one is (WCAG 1.3.1, 4.1.2; axe: label, select-name,
   empty-table-header, aria-prohibited-attr):
   - a field in a row of a tabular inline (goals, partners, awards, ...) is named by its
     column's heading, and the delete box by the "Delete?" heading;
   - an empty column heading (over the names of saved rows; over nothing to delete)
     becomes a plain cell;
   - the search icon of a two-box selector (service areas, themes) carries its words as
     an image, which may have a name, where a bare span may not;
   - the file input of a file field that already has a file is named by the field's legend.
   Rows added with "Add another" and selectors built after loading are named too. */
(function () {
  "use strict";

  var headingCount = 0;

  function nameTabularFields(table) {
    table.querySelectorAll("thead th").forEach(function (heading) {
      if (heading.textContent.trim()) return;
      var cell = document.createElement("td");
      cell.className = heading.className;
      heading.replaceWith(cell);
    });
    var last = table.querySelector("thead tr > :last-child");
    var deleteHeading = last && last.tagName === "TH" ? last : null;
    table.querySelectorAll("tbody td").forEach(function (cell) {
      var column = Array.prototype.find.call(cell.classList, function (name) {
        return name.indexOf("field-") === 0;
      });
      var heading = column
        ? table.querySelector("thead th.column-" + column.slice("field-".length))
        : cell.classList.contains("delete") ? deleteHeading : null;
      var name = heading && heading.textContent.trim();
      if (!name) return;
      var controls = "input:not([type=hidden]), select, textarea, [role=textbox]";
      cell.querySelectorAll(controls).forEach(function (control) {
        if (unnamed(control)) control.setAttribute("aria-label", name);
      });
      // An autocomplete (select2) is a combobox labelled by its chosen value alone (a
      // read-only textbox, named above), which is empty in a new row: the column's
      // heading goes first.
      cell.querySelectorAll("[role=combobox][aria-labelledby]").forEach(function (box) {
        if (!heading.id) heading.id = "heading-" + (++headingCount);
        var ids = box.getAttribute("aria-labelledby").split(/\s+/);
        if (ids.indexOf(heading.id) === -1) {
          box.setAttribute("aria-labelledby", [heading.id].concat(ids).join(" "));
        }
      });
    });
  }

  function unnamed(control) {
    return (!control.labels || control.labels.length === 0) && !control.hasAttribute("aria-label");
  }

  function nameFileFields() {
    // A file field that has a file is a group with a legend (the field's label), the link
    // to the file, a "clear" box and the file input, which no label points at.
    document.querySelectorAll("fieldset input[type=file]").forEach(function (input) {
      var legend = input.closest("fieldset").querySelector("legend");
      var name = legend && legend.textContent.trim();
      if (name && unnamed(input)) input.setAttribute("aria-label", name);
    });
  }

  function nameEverything() {
    document.querySelectorAll(".tabular table").forEach(nameTabularFields);
    nameFileFields();
    document.querySelectorAll("span.help-tooltip[aria-label]:not([role])").forEach(function (icon) {
      icon.setAttribute("role", "img");
    });
  }

  var pending = false;
  function soon() {
    if (pending) return;
    pending = true;
    window.setTimeout(function () {
      pending = false;
      nameEverything();
    }, 0);
  }

  document.addEventListener("DOMContentLoaded", function () {
    nameEverything();
    new MutationObserver(soon).observe(document.body, { childList: true, subtree: true });
  });
  window.addEventListener("load", soon);
})();
