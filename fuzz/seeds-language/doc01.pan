-2 ^ 2
[1, na, 3] == 1
"b" in ["a", "b"]
not [true, false, na]
-7 % 3
