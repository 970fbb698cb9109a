hist(last.cost, title="Project costs, Nov 2021", xlabel="M€")
last |> box(cost, by=phase, xscale="log", xlabel="M€ (log scale)", title="Project cost by phase, Nov 2021")
load("panorama_series") |> line(edition_date, total_cost, title="Published portfolio total by edition (M€)")
