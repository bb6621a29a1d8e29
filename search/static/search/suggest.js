// As-you-type suggestions for the search form: a progressive enhancement. Without this script
// the form is an ordinary GET form; with it, page titles from /soeg/forslag/ are listed as links.
(function () {
    "use strict";
    var form = document.querySelector("form[data-suggest-url]");
    if (!form || !window.fetch) {
        return;
    }
    var input = form.querySelector("input[name=q]");
    var list = form.querySelector(".search-suggestions");
    if (!input || !list) {
        return;
    }
    var timer = null;
    var latest = "";
    input.setAttribute("aria-controls", list.id);
    input.setAttribute("aria-autocomplete", "list");

    function clear() {
        list.innerHTML = "";
        list.hidden = true;
    }

    function show(suggestions) {
        clear();
        suggestions.forEach(function (suggestion) {
            var item = document.createElement("li");
            var link = document.createElement("a");
            link.href = suggestion.url;
            link.textContent = suggestion.title;
            item.appendChild(link);
            list.appendChild(item);
        });
        list.hidden = suggestions.length === 0;
    }

    input.addEventListener("input", function () {
        var query = input.value.trim();
        window.clearTimeout(timer);
        if (query.length < 2) {
            clear();
            return;
        }
        timer = window.setTimeout(function () {
            latest = query;
            var url = form.getAttribute("data-suggest-url") + "?q=" + encodeURIComponent(query);
            window.fetch(url, { headers: { Accept: "application/json" } })
                .then(function (response) { return response.ok ? response.json() : { suggestions: [] }; })
                .then(function (data) {
                    if (data.query === latest || query === latest) {
                        show(data.suggestions || []);
                    }
                })
                .catch(clear);
        }, 200);
    });
    input.addEventListener("keydown", function (event) {
        if (event.key === "Escape") {
            clear();
        }
    });
})();
