// The office home page: units per supervision group, as a horizontal bar chart.
(function () {
  var node = document.getElementById("groups-data");
  var canvas = document.getElementById("groups-chart");
  if (!node || !canvas || !window.Chart) return;
  var data = JSON.parse(node.textContent);
  new window.Chart(canvas, {
    type: "bar",
    data: { labels: data.labels, datasets: [{ data: data.values, backgroundColor: "#c62828" }] },
    options: {
      indexAxis: "y",
      animation: false,
      plugins: { legend: { display: false } },
      scales: { x: { beginAtZero: true, ticks: { precision: 0 } } }
    }
  });
})();
