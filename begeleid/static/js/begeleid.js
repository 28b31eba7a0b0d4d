// Small progressive enhancements. No inline handlers anywhere (strict CSP).
document.addEventListener("DOMContentLoaded", () => {
  // Elements with data-autosubmit submit their form when changed (filters).
  document.querySelectorAll("[data-autosubmit]").forEach((el) => {
    el.addEventListener("change", () => el.form && el.form.requestSubmit());
  });
  // Buttons with data-confirm ask before submitting.
  document.querySelectorAll("[data-confirm]").forEach((el) => {
    el.addEventListener("click", (event) => {
      if (!window.confirm(el.dataset.confirm)) event.preventDefault();
    });
  });
});
