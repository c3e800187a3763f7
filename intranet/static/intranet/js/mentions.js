// @mentions: while someone types "@" and the start of a name in a comment or a
// thread, colleagues to mention are offered below the text box.
//
// The text box stays an ordinary textarea when this script does not run. With it,
// the textarea keeps its own role (a textarea may not be a combobox) and the focus:
// it autocompletes from a listbox it controls, and the highlighted option is named
// by aria-activedescendant. Up and Down move, Enter or Tab picks, Escape closes; a
// polite live region says how many people were found.
(() => {
    "use strict";

    const DELAY_MS = 150;
    const MAX_QUERY = 50;
    // The same rule as the server: a mention starts after a space or punctuation,
    // never inside an e-mail address or a web address.
    const AT_CARET = /(?<![\p{L}\p{N}_@.+/-])@([\p{L}\p{N}_.+-]{1,50})$/u;
    const TEXT = {
        label: "People to mention",
        none: "No one found",
        one: "1 person found. Up and down arrows to choose, Enter to insert.",
        many: "{count} people found. Up and down arrows to choose, Enter to insert.",
    };
    let counter = 0;

    function message(textarea, key) {
        const holder = textarea.closest("[data-mentions-" + key + "]");
        return holder ? holder.getAttribute("data-mentions-" + key) : TEXT[key];
    }

    function enhance(textarea, url) {
        counter += 1;
        const id = textarea.id || "mentions-field-" + counter;
        const wrapper = document.createElement("div");
        wrapper.className = "mentions";
        const listbox = document.createElement("ul");
        listbox.id = id + "-suggestions";
        listbox.className = "mentions__list";
        listbox.setAttribute("role", "listbox");
        listbox.setAttribute("aria-label", message(textarea, "label"));
        listbox.hidden = true;
        const status = document.createElement("p");
        status.className = "visually-hidden";
        status.setAttribute("role", "status");
        status.setAttribute("aria-live", "polite");
        textarea.before(wrapper);
        wrapper.append(textarea, listbox, status);

        textarea.setAttribute("aria-autocomplete", "list");
        textarea.setAttribute("aria-controls", listbox.id);

        let people = [];
        let active = -1;
        let mention = null;
        let timer = null;
        let request = null;

        function close() {
            clearTimeout(timer);
            if (request) request.abort();
            request = null;
            people = [];
            active = -1;
            listbox.hidden = true;
            listbox.replaceChildren();
            textarea.removeAttribute("aria-activedescendant");
        }

        function highlight(index) {
            active = index;
            listbox.querySelectorAll("[role=option]").forEach((option, n) => {
                option.setAttribute("aria-selected", n === index ? "true" : "false");
            });
            const option = listbox.children[index];
            if (option) {
                textarea.setAttribute("aria-activedescendant", option.id);
                option.scrollIntoView({ block: "nearest" });
            } else {
                textarea.removeAttribute("aria-activedescendant");
            }
        }

        function show(found) {
            people = found;
            listbox.replaceChildren(
                ...found.map((person, n) => {
                    const option = document.createElement("li");
                    option.id = listbox.id + "-" + n;
                    option.className = "mentions__option";
                    option.setAttribute("role", "option");
                    option.setAttribute("aria-selected", "false");
                    option.dataset.username = person.username;
                    const name = document.createElement("span");
                    name.className = "mentions__name";
                    name.textContent = person.name;
                    const username = document.createElement("span");
                    username.className = "mentions__username";
                    username.textContent = "@" + person.username;
                    option.append(name, " ", username);
                    return option;
                }),
            );
            if (found.length === 0) {
                status.textContent = message(textarea, "none");
                close();
                return;
            }
            listbox.hidden = false;
            highlight(0);
            status.textContent =
                found.length === 1
                    ? message(textarea, "one")
                    : message(textarea, "many").replace("{count}", found.length);
        }

        function pick(index) {
            const person = people[index];
            if (!person || !mention) return;
            const insert = "@" + person.username + " ";
            textarea.setRangeText(insert, mention.start, mention.end, "end");
            close();
            textarea.dispatchEvent(new Event("input", { bubbles: true }));
            textarea.focus();
        }

        function fetchPeople(query) {
            if (request) request.abort();
            request = new AbortController();
            const address = url + "?q=" + encodeURIComponent(query.slice(0, MAX_QUERY));
            fetch(address, {
                credentials: "same-origin",
                headers: { Accept: "application/json" },
                signal: request.signal,
            })
                .then((response) => {
                    if (!response.ok || response.redirected) throw new Error("no suggestions");
                    return response.json();
                })
                .then((found) => {
                    if (mention && mention.query === query && Array.isArray(found)) {
                        show(found);
                    }
                })
                .catch(() => {});
        }

        function update() {
            const caret = textarea.selectionStart;
            const match =
                caret === textarea.selectionEnd
                    ? AT_CARET.exec(textarea.value.slice(0, caret))
                    : null;
            if (!match) {
                mention = null;
                close();
                return;
            }
            const query = match[1];
            if (mention && mention.query === query && !listbox.hidden) return;
            mention = { start: caret - query.length - 1, end: caret, query };
            clearTimeout(timer);
            timer = setTimeout(() => fetchPeople(query), DELAY_MS);
        }

        textarea.addEventListener("input", update);
        textarea.addEventListener("click", update);
        textarea.addEventListener("keyup", (event) => {
            if (["ArrowLeft", "ArrowRight", "Home", "End"].includes(event.key)) update();
        });
        textarea.addEventListener("blur", close);
        textarea.addEventListener("keydown", (event) => {
            if (listbox.hidden || event.isComposing) return;
            if (event.key === "ArrowDown") {
                highlight((active + 1) % people.length);
            } else if (event.key === "ArrowUp") {
                highlight((active - 1 + people.length) % people.length);
            } else if ((event.key === "Enter" || event.key === "Tab") && active >= 0) {
                pick(active);
            } else if (event.key === "Escape") {
                close();
                event.stopPropagation();
            } else {
                return;
            }
            event.preventDefault();
        });
        // Keep the focus in the textarea while an option is clicked.
        listbox.addEventListener("mousedown", (event) => event.preventDefault());
        listbox.addEventListener("click", (event) => {
            const option = event.target.closest("[role=option]");
            if (option) pick(Array.from(listbox.children).indexOf(option));
        });
    }

    document.querySelectorAll("textarea[data-mentions]").forEach((textarea) => {
        enhance(textarea, textarea.dataset.mentions || "/people/suggest/");
    });
})();
