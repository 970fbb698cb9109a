round(3.14159, digts=2)
