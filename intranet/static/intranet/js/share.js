// The share kit. Without JavaScript every suggested text and the tracked link are
// there, selectable, in read-only fields, and each network has its share button.
// With it: "Copy text" and "Copy link" buttons, and "Share…" through the device's own
// share sheet where the browser offers one.
(function () {
    "use strict";

    function count(element) {
        var url = element.getAttribute("data-count-url");
        if (!url) {
            return;
        }
        fetch(url, {
            method: "POST",
            credentials: "same-origin",
            headers: {"X-CSRFToken": element.getAttribute("data-csrf")},
        });
    }

    function say(element, attribute) {
        var status = document.getElementById(element.getAttribute("data-share-status"));
        if (status) {
            // Emptied first so that saying the same again is announced again.
            status.textContent = "";
            window.setTimeout(function () {
                status.textContent = element.getAttribute(attribute);
            }, 50);
        }
    }

    document.querySelectorAll("[data-share-copy]").forEach(function (button) {
        var field = document.getElementById(button.getAttribute("data-share-copy"));
        if (!field || !navigator.clipboard) {
            return;
        }
        button.hidden = false;
        button.addEventListener("click", function () {
            navigator.clipboard.writeText(field.value).then(function () {
                say(button, "data-copied-text");
                count(button);
            }, function () {
                field.focus();
                field.select();
            });
        });
    });

    document.querySelectorAll("[data-share-device]").forEach(function (box) {
        var data = {
            title: box.getAttribute("data-share-title"),
            text: box.getAttribute("data-share-text"),
            url: box.getAttribute("data-share-url"),
        };
        if (!data.text) {
            delete data.text;
        }
        if (!navigator.share || (navigator.canShare && !navigator.canShare(data))) {
            return;
        }
        box.hidden = false;
        box.querySelector("button").addEventListener("click", function () {
            navigator.share(data).then(function () {
                say(box, "data-shared-text");
                count(box);
            }, function (error) {
                if (!error || error.name !== "AbortError") {
                    say(box, "data-failed-text");
                }
            });
        });
    });
})();
