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
