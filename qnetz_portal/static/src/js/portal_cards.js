/* Each cell of a portal list learns its column's name, for the card layout of
   portal_cards.css on phones. The names are the table's own headers, so they read in the
   page's language without a second translation. */
(function () {
    "use strict";

    function labelCells() {
        var tables = document.querySelectorAll("table.o_portal_my_doc_table");
        Array.prototype.forEach.call(tables, function (table) {
            var headers = table.querySelectorAll("thead th");
            var names = Array.prototype.map.call(headers, function (th) {
                return th.textContent.trim();
            });
            var rows = table.querySelectorAll("tbody tr");
            Array.prototype.forEach.call(rows, function (row) {
                Array.prototype.forEach.call(row.children, function (cell, index) {
                    if (names[index] && !cell.hasAttribute("data-label")) {
                        cell.setAttribute("data-label", names[index]);
                    }
                });
            });
        });
    }

    if (document.readyState === "loading") {
        document.addEventListener("DOMContentLoaded", labelCells);
    } else {
        labelCells();
    }
})();
