// The TU editor's toolbar and live preview. Progressive enhancement only: without this script the text areas take the
// same plain-text convention (ProseText.cs: blank line, "## ", "- ", "1. "), which the page explains beside the form.
(function () {
    "use strict";

    var numberPrefix = /^\d{1,3}[.)]\s+/;

    // Mirrors RemissFlow.Core.Documents.ProseText.ToBlocks, so the preview shows what the document will say.
    function toBlocks(text) {
        var blocks = [], paragraph = [], bullets = [], numbered = [];
        function flush() {
            if (paragraph.length) { blocks.push({ kind: "p", text: paragraph.join(" ") }); paragraph = []; }
            if (bullets.length) { blocks.push({ kind: "ul", items: bullets }); bullets = []; }
            if (numbered.length) { blocks.push({ kind: "ol", items: numbered }); numbered = []; }
        }
        text.replace(/\r\n?/g, "\n").split("\n").forEach(function (raw) {
            var line = raw.trim();
            if (!line) { flush(); return; }
            if (line.indexOf("## ") === 0 && !paragraph.length && !bullets.length && !numbered.length) {
                blocks.push({ kind: "h", text: line.slice(3).trim() });
                return;
            }
            if (line.indexOf("- ") === 0 || line.indexOf("• ") === 0) {
                if (!bullets.length) flush();
                bullets.push(line.slice(2).trim());
                return;
            }
            var m = numberPrefix.exec(line);
            if (m) {
                if (!numbered.length) flush();
                numbered.push(line.slice(m[0].length).trim());
                return;
            }
            if (!paragraph.length) flush();
            paragraph.push(line);
        });
        flush();
        return blocks;
    }

    function render(preview, text) {
        preview.textContent = "";
        var blocks = toBlocks(text);
        if (!blocks.length) {
            var empty = document.createElement("p");
            empty.className = "empty";
            empty.textContent = "Avsnittet är tomt.";
            preview.appendChild(empty);
        }
        blocks.forEach(function (b) {
            var el;
            if (b.kind === "p" || b.kind === "h") {
                el = document.createElement(b.kind === "p" ? "p" : "h4");
                el.textContent = b.text;
            } else {
                el = document.createElement(b.kind);
                b.items.forEach(function (item) {
                    var li = document.createElement("li");
                    li.textContent = item;
                    el.appendChild(li);
                });
            }
            preview.appendChild(el);
        });
    }

    // Puts (or removes) a marker at the start of every selected line.
    function mark(area, marker) {
        var value = area.value, start = area.selectionStart, end = area.selectionEnd;
        var lineStart = value.lastIndexOf("\n", start - 1) + 1;
        var lineEnd = value.indexOf("\n", end);
        if (lineEnd < 0) lineEnd = value.length;
        var lines = value.slice(lineStart, lineEnd).split("\n");
        var n = 0;
        var changed = lines.map(function (line) {
            var bare = line.replace(/^(## |- |• |\d{1,3}[.)]\s+)/, "");
            if (marker === "1. ") { n += 1; return n + ". " + bare; }
            return line.indexOf(marker) === 0 ? bare : marker + bare;
        }).join("\n");
        area.value = value.slice(0, lineStart) + changed + value.slice(lineEnd);
        area.setSelectionRange(lineStart, lineStart + changed.length);
        area.focus();
        area.dispatchEvent(new Event("input"));
    }

    document.querySelectorAll(".tu-form [data-prose] textarea").forEach(function (area) {
        // Named without the field's label, so the label names the text area alone (a label lookup finds one element).
        var bar = document.createElement("div");
        bar.className = "tu-toolbar";
        bar.setAttribute("role", "toolbar");
        bar.setAttribute("aria-label", "Formatering");
        [["Underrubrik", "## "], ["Punktlista", "- "], ["Numrerad lista", "1. "]].forEach(function (b) {
            var button = document.createElement("button");
            button.type = "button";
            button.className = "secondary";
            button.textContent = b[0];
            button.disabled = area.disabled || area.closest("fieldset[disabled]") !== null;
            button.addEventListener("click", function () { mark(area, b[1]); });
            bar.appendChild(button);
        });
        area.parentNode.insertBefore(bar, area);

        var caption = document.createElement("p");
        caption.className = "hint tu-preview-caption";
        caption.textContent = "Så blir det i dokumentet:";
        area.parentNode.appendChild(caption);
        var preview = document.createElement("div");
        preview.className = "tu-preview";
        area.parentNode.appendChild(preview);
        render(preview, area.value);
        area.addEventListener("input", function () { render(preview, area.value); });
    });
})();
