notebook shows its error in place and the run goes on):

