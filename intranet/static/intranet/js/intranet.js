// Small improvements on pages that already work without JavaScript.
document.addEventListener("keydown", (event) => {
    if (event.key !== "Escape") return;
    document.querySelectorAll("details[open].user-menu").forEach((menu) => {
        menu.removeAttribute("open");
        menu.querySelector("summary")?.focus();
    });
});
document.addEventListener("click", (event) => {
    document.querySelectorAll("details[open].user-menu").forEach((menu) => {
        if (!menu.contains(event.target)) menu.removeAttribute("open");
    });
});

// Like, react and follow in place. Each form still posts and redirects without
// JavaScript; here it is sent with fetch, the server answers JSON after the same
// checks, and the buttons, counts and a polite live region say what changed. Any
// other answer (a refusal, an error, no network) falls back to the plain form post.
(() => {
    const forms = () => document.querySelectorAll("form[data-enhance]");
    if (!forms().length || !window.fetch) return;

    const live = document.createElement("div");
    live.className = "visually-hidden";
    live.setAttribute("role", "status");
    live.setAttribute("aria-live", "polite");
    live.dataset.testid = "live-status";
    document.body.append(live);
    const announce = (message) => {
        live.textContent = "";
        window.setTimeout(() => { live.textContent = message; }, 50);
    };

    const setPressed = (button, on) => {
        button.setAttribute("aria-pressed", on ? "true" : "false");
    };
    const setLabel = (button, on) => {
        const label = button.querySelector("[data-label]");
        const text = on ? button.dataset.labelOn : button.dataset.labelOff;
        if (label && text !== undefined) label.textContent = text;
        button.querySelectorAll("[data-when-on]").forEach((part) => {
            part.hidden = !on;
        });
    };

    const apply = {
        like(form, data) {
            const button = form.querySelector("button");
            setPressed(button, data.liked);
            setLabel(button, data.liked);
            button.classList.toggle("action--on", data.liked);
            let count = form.parentElement.querySelector(":scope > .like-count");
            if (!data.likes) {
                count?.remove();
                return;
            }
            if (!count) {
                count = document.createElement("span");
                count.className = "like-count";
                count.dataset.testid = "like-count";
                form.after(count);
            }
            count.textContent = data.likes_text;
        },
        react(form, data) {
            data.reactions.forEach((reaction) => {
                const button = form.querySelector(`button[value="${reaction.kind}"]`);
                if (!button) return;
                setPressed(button, reaction.mine);
                button.classList.toggle("reaction--mine", reaction.mine);
                const count = button.querySelector(".reaction__count");
                if (count) count.textContent = reaction.count;
            });
            const list = form.parentElement.querySelector("[data-who-reacted]");
            if (!list) return;
            list.replaceChildren(...data.reactions.filter((r) => r.people.length).map((r) => {
                const item = document.createElement("li");
                const emoji = document.createElement("span");
                emoji.setAttribute("aria-hidden", "true");
                emoji.textContent = r.emoji;
                item.append(emoji, ` ${r.label}: `);
                r.people.forEach((name, index) => {
                    const person = document.createElement("bdi");
                    person.textContent = name;
                    item.append(person);
                    if (index < r.people.length - 1) item.append(", ");
                });
                return item;
            }));
        },
        follow(form, data) {
            const button = form.querySelector("button");
            if (button.hasAttribute("aria-pressed")) setPressed(button, data.following);
            setLabel(button, data.following);
            const action = form.querySelector("input[name=action]");
            if (action) action.value = data.following ? "unfollow" : "follow";
        },
    };

    document.addEventListener("submit", async (event) => {
        const form = event.target;
        const kind = form.dataset?.enhance;
        if (!apply[kind] || form.dataset.plain) return;
        event.preventDefault();
        if (form.dataset.busy) return;
        const submitter = event.submitter;
        const body = new FormData(form);
        if (submitter?.name) body.set(submitter.name, submitter.value);
        const token = form.querySelector("input[name=csrfmiddlewaretoken]")?.value || "";
        form.dataset.busy = "true";
        let data = null;
        try {
            const response = await fetch(form.getAttribute("action"), {
                method: "POST",
                body,
                credentials: "same-origin",
                headers: {
                    Accept: "application/json",
                    "X-Requested-With": "XMLHttpRequest",
                    "X-CSRFToken": token,
                },
            });
            const type = response.headers.get("Content-Type") || "";
            if (response.ok && type.startsWith("application/json")) {
                data = await response.json();
            }
        } catch {
            data = null;
        } finally {
            delete form.dataset.busy;
        }
        if (!data) {
            form.dataset.plain = "true";
            form.requestSubmit(submitter || undefined);
            return;
        }
        apply[kind](form, data);
        announce(data.message);
    });
})();
