and shows its error. The first output records the panorama version and the hash of each
dataset loaded.

## Using panorama

