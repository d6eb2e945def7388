namespace Orleans.Tuning.Display.StudyPage;

/// <summary>The study page: without <c>?study=</c> it lists the studies; with it, it polls that study and redraws its trials and curves.</summary>
/// <remarks>
/// Plain script, no framework: nothing to build, nothing fetched from elsewhere. Text goes in through
/// textContent only, so nothing a study says is read as markup. Polling (once a second) rather than a
/// push: a study's whole state is one small read, and a poll survives a restarted server.
/// </remarks>
internal static class StudyPageHtml
{
    public const string Page = """
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <title>Orleans.Tuning studies</title>
        <style>
          body { font-family: "DejaVu Sans", sans-serif; margin: 1.5em; color: #222; }
          table { border-collapse: collapse; font-size: 0.9em; }
          th, td { border-bottom: 1px solid #ddd; padding: 0.2em 0.6em; text-align: left; }
          td.number { text-align: right; }
          tr.best { background: #efe; }
          #curves { border: 1px solid #ccc; background: #fff; }
          .muted { color: #777; }
        </style>
        </head>
        <body>
        <h1 id="title">Studies</h1>
        <p id="summary" class="muted"></p>
        <ul id="studies"></ul>
        <svg id="curves" width="800" height="320" viewBox="0 0 800 320" hidden></svg>
        <table id="trials" hidden>
          <thead><tr><th>trial</th><th>kind</th><th>rounds</th><th id="metric">metric</th><th>decision</th><th>hyperparameters</th></tr></thead>
          <tbody></tbody>
        </table>
        <p class="muted">updates: <span id="updates">0</span></p>
        <script>
        "use strict";
        const study = new URLSearchParams(location.search).get("study");
        let updates = 0;

        function cell(row, text, numeric) {
          const td = row.insertCell();
          td.textContent = text;
          if (numeric) td.className = "number";
        }

        async function listStudies() {
          const ids = await (await fetch("api/studies")).json();
          const list = document.getElementById("studies");
          list.replaceChildren(...ids.map(id => {
            const a = document.createElement("a");
            a.href = "?study=" + encodeURIComponent(id);
            a.textContent = id;
            const li = document.createElement("li");
            li.append(a);
            return li;
          }));
        }

        function drawCurves(trials) {
          const svg = document.getElementById("curves");
          const points = trials.flatMap(t => t.epochs.map((x, i) => [x, t.values[i]])).filter(p => p[1] !== null);
          svg.hidden = points.length === 0;
          if (points.length === 0) return;
          const xs = points.map(p => p[0]), ys = points.map(p => p[1]);
          const [x0, x1] = [Math.min(...xs), Math.max(...xs)];
          const [y0, y1] = [Math.min(...ys), Math.max(...ys)];
          const sx = x => 64 + (x1 > x0 ? (x - x0) / (x1 - x0) : 0.5) * 716;
          const sy = y => 300 - (y1 > y0 ? (y - y0) / (y1 - y0) : 0.5) * 280;
          const svgNode = (name, attributes) => {
            const node = document.createElementNS("http://www.w3.org/2000/svg", name);
            for (const [key, value] of Object.entries(attributes)) node.setAttribute(key, value);
            return node;
          };
          const label = (text, x, y, anchor) => {
            const node = svgNode("text", { x, y, "text-anchor": anchor, "font-size": 11, fill: "#555" });
            node.textContent = text;
            return node;
          };
          // A trial stopped after one round is a single point: dots keep it visible.
          svg.replaceChildren(...trials.flatMap((t, k) => {
            const colour = "hsl(" + (k * 47 % 360) + ",60%,45%)";
            const kept = t.epochs.map((x, i) => [x, t.values[i]]).filter(p => p[1] !== null);
            return [
              svgNode("polyline", { points: kept.map(p => sx(p[0]) + "," + sy(p[1])).join(" "), fill: "none", stroke: colour, "data-trial": t.number }),
              ...kept.map(p => svgNode("circle", { cx: sx(p[0]), cy: sy(p[1]), r: 2.5, fill: colour })),
            ];
          }),
            label(y1.toFixed(4), 58, 24, "end"), label(y0.toFixed(4), 58, 300, "end"),
            label("epoch " + x0, 64, 316, "start"), label("epoch " + x1, 780, 316, "end"));
        }

        async function showStudy() {
          const response = await fetch("api/studies/" + encodeURIComponent(study));
          if (!response.ok) throw new Error(await response.json());
          const s = await response.json();
          document.getElementById("title").textContent = s.name;
          document.getElementById("summary").textContent =
            s.id + ", " + s.phase + ", " + s.strategy + ": trials " + s.trialsLaunched + (s.trialBudget ? "/" + s.trialBudget : "") +
            ", epochs " + s.epochsUsed + (s.epochBudget ? "/" + s.epochBudget : "") + (s.bestTrial !== null ? ", best trial " + s.bestTrial : "");
          document.getElementById("metric").textContent = s.metric;
          const table = document.getElementById("trials");
          table.hidden = false;
          const body = table.tBodies[0];
          body.replaceChildren();
          for (const t of s.trials) {
            const row = body.insertRow();
            row.dataset.trial = t.number;
            if (t.number === s.bestTrial) row.className = "best";
            cell(row, t.number, true);
            cell(row, t.kind);
            cell(row, t.rounds, true);
            cell(row, t.value === null ? "-" : t.value.toFixed(4), true);
            cell(row, t.decision);
            cell(row, t.hyperparameters);
          }
          drawCurves(s.trials);
          return s.phase === "running" || s.phase === "notstarted";
        }

        async function tick() {
          let again = true;
          try {
            again = study ? await showStudy() : (await listStudies(), true);
            document.getElementById("updates").textContent = ++updates;
          } catch (e) {
            document.getElementById("summary").textContent = "cannot reach the study: " + e;
          }
          if (again) setTimeout(tick, 1000);
        }
        tick();
        </script>
        </body>
        </html>
        """;
}
