// Apply the saved theme before first paint (no flash). Kept tiny and external for the CSP.
try {
  var t = localStorage.getItem("jepa-bench-theme");
  if (t === "light" || t === "dark") document.documentElement.dataset.theme = t;
} catch (_) { /* storage may be unavailable on file:// */ }
