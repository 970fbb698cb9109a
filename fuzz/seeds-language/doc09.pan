g = load("panorama_growth") |> join(p, by=["edition", "key"]) |> where(edition_gap == 1)
m = ols(cost_growth ~ log(cost) + age, g, robust="HC3")
m
