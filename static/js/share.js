// The share kit's "Copy link": copies the tracked link; without JavaScript the link
// is still there, selectable, in its read-only field.
(function () {
    "use strict";
    document.querySelectorAll("[data-share-copy]").forEach(function (button) {
        var input = document.getElementById(button.getAttribute("data-share-copy"));
        var status = document.getElementById(button.getAttribute("data-share-status"));
        if (!input || !navigator.clipboard) {
            return;
        }
        button.hidden = false;
        button.addEventListener("click", function () {
            navigator.clipboard.writeText(input.value).then(function () {
                if (status) {
                    status.textContent = button.getAttribute("data-copied-text");
                }
                if (button.getAttribute("data-count-url")) {
                    fetch(button.getAttribute("data-count-url"), {
                        method: "POST",
                        credentials: "same-origin",
                        headers: {"X-CSRFToken": button.getAttribute("data-csrf")},
                    });
                }
            });
        });
    });
})();
