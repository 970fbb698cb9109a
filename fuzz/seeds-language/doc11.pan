outlook()
