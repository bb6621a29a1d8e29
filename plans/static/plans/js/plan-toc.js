// The plan's table of contents (plans/plan_page.html), as progressive enhancement: without
// this script it is a <details> the reader opens. With it, it stands open on wide screens and
// when printed, and the link of the section being read is marked (aria-current).
(function () {
    "use strict";
    var details = document.querySelector("[data-plan-toc]");
    if (!details) {
        return;
    }
    var wide = window.matchMedia("(min-width: 992px)");
    var openedForPrint = false;

    function fitToScreen() {
        details.open = wide.matches;
        details.classList.toggle("plan-toc__details--fixed", wide.matches);
    }
    fitToScreen();
    wide.addEventListener("change", fitToScreen);
    window.addEventListener("beforeprint", function () {
        openedForPrint = !details.open;
        details.open = true;
    });
    window.addEventListener("afterprint", function () {
        if (openedForPrint) {
            details.open = false;
        }
    });
    // On a wide screen the contents stay open: the summary is their heading, not a toggle.
    details.querySelector("summary").addEventListener("click", function (event) {
        if (wide.matches) {
            event.preventDefault();
        }
    });

    if (!("IntersectionObserver" in window)) {
        return;
    }
    var links = {};
    details.querySelectorAll("a[href^='#']").forEach(function (link) {
        links[decodeURIComponent(link.getAttribute("href").slice(1))] = link;
    });
    var headings = Array.prototype.filter.call(
        document.querySelectorAll(".plan-body .plan-part, .plan-body .plan-section"),
        function (heading) { return links[heading.id]; }
    );
    var current = null;

    function mark(id) {
        var link = links[id];
        if (!link || link === current) {
            return;
        }
        if (current) {
            current.removeAttribute("aria-current");
        }
        link.setAttribute("aria-current", "location");
        current = link;
    }

    // The section being read is the last heading above the upper third of the screen.
    function update() {
        var line = window.innerHeight / 3;
        var reading = null;
        headings.forEach(function (heading) {
            if (heading.getBoundingClientRect().top <= line) {
                reading = heading;
            }
        });
        mark((reading || headings[0] || {}).id);
    }
    var observer = new IntersectionObserver(update, { rootMargin: "0px 0px -66% 0px" });
    headings.forEach(function (heading) { observer.observe(heading); });
    update();
})();
