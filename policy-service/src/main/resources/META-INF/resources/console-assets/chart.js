// Response-time chart of one target: mean latency per location from the minute (1 h, 24 h) or hour (7 d) rollups.
(function () {
  const el = document.getElementById("chart");
  if (!el) return;
  let plot = null;
  function draw(range) {
    fetch("/ui/targets/" + encodeURIComponent(el.dataset.target) + "/chart?range=" + range, { credentials: "same-origin" })
      .then(r => r.json()).then(d => {
        const locations = Object.keys(d.meanMs);
        document.getElementById("chart-empty").hidden = d.x.length > 0;
        const data = [d.x].concat(locations.map(l => d.meanMs[l]));
        const colors = ["#0b57a8", "#c62828", "#2e7d32", "#b26a00", "#6a1b9a"];
        const seconds = { "1h": 3600, "24h": 86400, "7d": 604800 }[range];
        const now = Date.now() / 1000;
        const opts = { width: Math.min(1100, el.clientWidth || 900), height: 220,
          scales: { x: { time: true, range: () => [now - seconds, now] } },
          series: [{}].concat(locations.map((l, i) => ({ label: (l || "default") + " mean ms", stroke: colors[i % colors.length], spanGaps: false }))),
          axes: [{}, { label: "ms" }] };
        if (plot) plot.destroy();
        plot = new uPlot(opts, data, el);
      });
  }
  document.querySelectorAll(".ranges button").forEach(b => b.addEventListener("click", () => {
    document.querySelectorAll(".ranges button").forEach(o => o.setAttribute("aria-pressed", String(o === b)));
    draw(b.dataset.range);
  }));
  draw("1h");
})();
