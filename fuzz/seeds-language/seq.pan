x = seq(1, 10)
sum(x)
