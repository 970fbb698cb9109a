/// Thrown by `ParallelChunks` (so by every chunked kernel loop: the Monte Carlo engine, the
/// bottom-up roll-forward, the bootstrap) when the `isCancelled` flag it polls before each chunk
/// returned true.
public struct SimulationCancelled: Error, Sendable {}
