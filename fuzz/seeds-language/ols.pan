m = ols(y ~ a + C(b), frame(y = [1, 2, 4, 3], a = [1, 2, 3, 5], b = ["u", "v", "u", "v"]))
coef(m)
