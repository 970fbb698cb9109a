cost = 12
cots * 2
