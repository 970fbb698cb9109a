d = frame(a = [1, 2, 3], b = ["x", "y", "x"])
d |> where(a > 1) |> select(b)
